// The container settings in the /containers/create body.

#include <gtest/gtest.h>

#include "engine/json_mapping.h"

namespace berth::engine {
namespace {

using nlohmann::json;

ContainerCreate spec_with_settings() {
  ContainerCreate spec;
  spec.image = "busybox";
  spec.extra_hosts = {"somehost:162.242.195.82"};
  spec.dns = {"8.8.8.8"};
  spec.dns_search = {"example.com"};
  spec.cap_add = {"NET_ADMIN"};
  spec.cap_drop = {"MKNOD"};
  spec.privileged = true;
  spec.readonly_rootfs = true;
  spec.init = true;
  spec.tty = true;
  spec.open_stdin = true;
  spec.tmpfs = {{"/run", "rw,size=64m"}, {"/tmp", ""}};
  spec.ulimits = {{"nofile", 1024, 2048}};
  spec.sysctls = {{"net.core.somaxconn", "1024"}};
  spec.shm_size = 64 << 20;
  spec.memory = 512 << 20;
  spec.nano_cpus = 500'000'000;
  spec.stop_signal = "SIGUSR1";
  spec.stop_timeout = 90;
  spec.healthcheck = HealthConfig{{"CMD-SHELL", "true"}, 30'000'000'000, 5'000'000'000, 0, 3};
  spec.log_config = LogConfig{"json-file", {{"max-size", "1m"}}};
  spec.pid_mode = "host";
  spec.ipc_mode = "shareable";
  spec.devices = {{"/dev/sda", "/dev/xvda", "rwm"}};
  spec.platform = "linux/amd64";
  return spec;
}

TEST(ContainerSettingsBody, MapsEverySetting) {
  const auto body = container_create_body(spec_with_settings());
  ASSERT_TRUE(body.ok()) << body.error().message;
  const json& b = *body;
  EXPECT_EQ(b["Tty"], true);
  EXPECT_EQ(b["OpenStdin"], true);
  EXPECT_EQ(b["StopSignal"], "SIGUSR1");
  EXPECT_EQ(b["StopTimeout"], 90);
  EXPECT_EQ(b["Healthcheck"], json::parse(R"({"Test":["CMD-SHELL","true"],
      "Interval":30000000000,"Timeout":5000000000,"Retries":3})"));
  EXPECT_FALSE(b.contains("platform"));  // a query parameter, not part of the body
  EXPECT_FALSE(b.contains("Platform"));

  const json& host = b["HostConfig"];
  EXPECT_EQ(host["ExtraHosts"], json({"somehost:162.242.195.82"}));
  EXPECT_EQ(host["Dns"], json({"8.8.8.8"}));
  EXPECT_EQ(host["DnsSearch"], json({"example.com"}));
  EXPECT_EQ(host["CapAdd"], json({"NET_ADMIN"}));
  EXPECT_EQ(host["CapDrop"], json({"MKNOD"}));
  EXPECT_EQ(host["Privileged"], true);
  EXPECT_EQ(host["ReadonlyRootfs"], true);
  EXPECT_EQ(host["Init"], true);
  EXPECT_EQ(host["Tmpfs"], json::parse(R"({"/run":"rw,size=64m","/tmp":""})"));
  EXPECT_EQ(host["Ulimits"], json::parse(R"([{"Name":"nofile","Soft":1024,"Hard":2048}])"));
  EXPECT_EQ(host["Sysctls"], json::parse(R"({"net.core.somaxconn":"1024"})"));
  EXPECT_EQ(host["ShmSize"], 64 << 20);
  EXPECT_EQ(host["Memory"], 512 << 20);
  EXPECT_EQ(host["NanoCpus"], 500'000'000);
  EXPECT_EQ(host["LogConfig"], json::parse(R"({"Type":"json-file","Config":{"max-size":"1m"}})"));
  EXPECT_EQ(host["PidMode"], "host");
  EXPECT_EQ(host["IpcMode"], "shareable");
  EXPECT_EQ(host["Devices"], json::parse(R"([{"PathOnHost":"/dev/sda",
      "PathInContainer":"/dev/xvda","CgroupPermissions":"rwm"}])"));
}

TEST(ContainerSettingsBody, DefaultsLeaveTheEngineItsOwn) {
  ContainerCreate spec;
  spec.image = "busybox";
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  for (const char* key : {"Tty", "OpenStdin", "StopSignal", "StopTimeout", "Healthcheck"}) {
    EXPECT_FALSE(body->contains(key)) << key;
  }
  const json& host = (*body)["HostConfig"];
  for (const char* key : {"ExtraHosts", "Dns", "CapAdd", "Privileged", "ReadonlyRootfs", "Init",
                          "Tmpfs", "Ulimits", "Sysctls", "ShmSize", "Memory", "NanoCpus",
                          "LogConfig", "PidMode", "IpcMode", "Devices", "Mounts"}) {
    EXPECT_FALSE(host.contains(key)) << key;
  }
}

TEST(ContainerSettingsBody, InitFalseIsSent) {
  ContainerCreate spec;
  spec.init = false;
  EXPECT_EQ((*container_create_body(spec))["HostConfig"]["Init"], false);
}

TEST(ContainerSettingsBody, HealthcheckNoneAndInheritedTest) {
  ContainerCreate spec;
  spec.healthcheck = HealthConfig{{"NONE"}, 0, 0, 0, 0};
  EXPECT_EQ((*container_create_body(spec))["Healthcheck"], json::parse(R"({"Test":["NONE"]})"));
  spec.healthcheck = HealthConfig{{}, 0, 0, 2'000'000'000, 0};
  EXPECT_EQ((*container_create_body(spec))["Healthcheck"],
            json::parse(R"({"Test":[],"StartPeriod":2000000000})"));
}

TEST(ContainerSettingsBody, MountsOfEveryType) {
  ContainerCreate spec;
  Mount volume;
  volume.type = "volume";
  volume.source = "proj_data";
  volume.target = "/data";
  volume.no_copy = true;
  Mount anonymous;
  anonymous.type = "volume";
  anonymous.target = "/cache";
  Mount bind;
  bind.type = "bind";
  bind.source = "/srv/static";
  bind.target = "/static";
  bind.read_only = true;
  bind.propagation = "rshared";
  Mount tmpfs;
  tmpfs.type = "tmpfs";
  tmpfs.target = "/scratch";
  tmpfs.tmpfs_size = 1 << 20;
  spec.mounts = {volume, anonymous, bind, tmpfs};
  EXPECT_EQ((*container_create_body(spec))["HostConfig"]["Mounts"], json::parse(R"([
      {"Type":"volume","Source":"proj_data","Target":"/data","ReadOnly":false,
       "VolumeOptions":{"NoCopy":true}},
      {"Type":"volume","Target":"/cache","ReadOnly":false},
      {"Type":"bind","Source":"/srv/static","Target":"/static","ReadOnly":true,
       "BindOptions":{"Propagation":"rshared"}},
      {"Type":"tmpfs","Target":"/scratch","ReadOnly":false,
       "TmpfsOptions":{"SizeBytes":1048576}}])"));
}

}  // namespace
}  // namespace berth::engine
