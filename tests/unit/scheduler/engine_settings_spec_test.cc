// A service's engine settings become the create call's tuning, and take part
// in the config hash.

#include "scheduler/spec/engine_settings_spec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "project_builder.h"
#include "scheduler/spec/config_hash.h"

namespace berth::scheduler {
namespace {

using Strings = std::vector<std::string>;

TEST(EngineSettingsSpec, EverySettingReachesTheTuning) {
  compose::Project project;
  project.name = "proj";
  auto& web = testing::add_service(project, "web");
  compose::EngineSettings& e = web.engine;
  e.runtime = "runc";
  e.cgroup = "host";
  e.cpu_shares = 512;
  e.cpu_rt_runtime = 950000;
  e.cpuset = "0";
  e.mem_reservation = 1024;
  e.memswap_limit = -1;
  e.mem_swappiness = 0;
  e.oom_kill_disable = false;
  e.pids_limit = 10;
  e.blkio_config = compose::BlkioConfig{300, {{"/dev/sda", 400}}, {{"/dev/sda", 99}}, {}, {}, {}};
  e.group_add = {"42"};
  e.uts = "host";
  e.gpus = {compose::DeviceRequest{{}, "", -1, {}, {}},
            compose::DeviceRequest{{"compute"}, "nvidia", 1, {}, {{"k", "v"}}}};
  web.deploy.reserve_devices = {compose::DeviceRequest{{"tpu"}, "", std::nullopt, {"7"}, {}}};
  web.deploy.limit_pids = 20;  // wins over pids_limit

  engine::ContainerCreate spec;
  apply_engine_settings(project, web, spec);
  const engine::ContainerTuning& t = spec.tuning;
  EXPECT_EQ(t.runtime, "runc");
  EXPECT_EQ(t.cgroupns_mode, "host");
  EXPECT_EQ(t.cpu_shares, 512);
  EXPECT_EQ(t.cpu_realtime_runtime, 950000);
  EXPECT_EQ(t.cpuset_cpus, "0");
  EXPECT_EQ(t.memory_reservation, 1024);
  EXPECT_EQ(t.memory_swap, -1);
  EXPECT_EQ(t.memory_swappiness, 0);
  EXPECT_EQ(t.oom_kill_disable, false);
  EXPECT_EQ(t.pids_limit, 20);
  EXPECT_EQ(t.blkio_weight, 300);
  ASSERT_EQ(t.blkio_weight_device.size(), 1u);
  EXPECT_EQ(t.blkio_weight_device[0].rate, 400);
  ASSERT_EQ(t.blkio_device_read_bps.size(), 1u);
  EXPECT_EQ(t.blkio_device_read_bps[0].rate, 99);
  EXPECT_EQ(t.group_add, Strings{"42"});
  EXPECT_EQ(t.uts_mode, "host");
  ASSERT_EQ(t.device_requests.size(), 3u);
  // gpus: always the "gpu" capability; deploy devices: as written.
  EXPECT_EQ(t.device_requests[0].count, -1);
  EXPECT_EQ(t.device_requests[0].capabilities, std::vector<Strings>{{"gpu"}});
  EXPECT_EQ(t.device_requests[1].driver, "nvidia");
  EXPECT_EQ(t.device_requests[1].capabilities, (std::vector<Strings>{{"compute", "gpu"}}));
  EXPECT_EQ(t.device_requests[1].options.at("k"), "v");
  EXPECT_EQ(t.device_requests[2].count, 0);
  EXPECT_EQ(t.device_requests[2].device_ids, Strings{"7"});
  EXPECT_EQ(t.device_requests[2].capabilities, std::vector<Strings>{{"tpu"}});
}

TEST(EngineSettingsSpec, SecurityOptionsAsTheDockerCliSendsThem) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("berth-seccomp-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "profile.json") << "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n";
  compose::Project project;
  project.name = "proj";
  project.directory = dir.string();
  auto& web = testing::add_service(project, "web");
  web.engine.security_opt = {"seccomp=profile.json", "seccomp=unconfined", "seccomp=missing.json",
                             "systempaths=unconfined", "label=disable"};
  engine::ContainerCreate spec;
  apply_engine_settings(project, web, spec);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(spec.tuning.security_opt,
            (Strings{"seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}", "seccomp=unconfined",
                     "seccomp=missing.json", "label=disable"}));
  EXPECT_TRUE(spec.tuning.unconfined_paths);
}

TEST(EngineSettingsSpec, ASettingChangesTheConfigHashButPullPolicyDoesNot) {
  compose::Project project;
  project.name = "proj";
  auto& web = testing::add_service(project, "web");
  const std::string plain = config_hash(web, "sha256:1");
  EXPECT_EQ(engine_settings_text(web), "");
  web.pull_policy = "always";
  EXPECT_EQ(config_hash(web, "sha256:1"), plain);  // as compose leaves it out
  web.engine.cpu_shares = 512;
  const std::string shares = config_hash(web, "sha256:1");
  EXPECT_NE(shares, plain);
  web.engine.cpu_shares = 256;
  EXPECT_NE(config_hash(web, "sha256:1"), shares);
  web.engine.cpu_shares.reset();
  web.engine.gpus = {compose::DeviceRequest{{}, "", -1, {}, {}}};
  EXPECT_NE(config_hash(web, "sha256:1"), plain);
}

}  // namespace
}  // namespace berth::scheduler
