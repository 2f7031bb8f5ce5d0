#include "engine/json_mapping.h"

#include <gtest/gtest.h>

#include <chrono>

#include <string>

namespace berth::engine {
namespace {

using nlohmann::json;

ContainerCreate full_spec() {
  ContainerCreate spec;
  spec.name = "proj_web_1";
  spec.image = "busybox:latest";
  spec.cmd = std::vector<std::string>{"sh", "-c", "echo hi"};
  spec.env = {"A=1", "B=two"};
  spec.labels = {{"com.example.project", "proj"}};
  spec.exposed_ports = {"8080/tcp"};
  spec.port_bindings["80/tcp"] = {PortBinding{"127.0.0.1", "8000"}, PortBinding{}};
  spec.binds = {"data:/data:ro"};
  spec.anonymous_volumes = {"/cache"};
  spec.volumes_from = {"other:ro"};
  spec.hostname = "web";
  spec.user = "1000:1000";
  spec.working_dir = "/srv";
  spec.restart_policy = "on-failure:3";
  spec.network = EndpointConfig{"proj_default", {"web", "www"}, {"proj_db_1:db"}};
  return spec;
}

TEST(ContainerCreateBody, MapsEveryField) {
  const auto body = container_create_body(full_spec());
  ASSERT_TRUE(body.ok()) << body.error().message;
  const json& b = *body;
  EXPECT_EQ(b["Image"], "busybox:latest");
  EXPECT_EQ(b["Cmd"], json({"sh", "-c", "echo hi"}));
  EXPECT_FALSE(b.contains("Entrypoint"));
  EXPECT_EQ(b["Env"], json({"A=1", "B=two"}));
  EXPECT_EQ(b["Labels"], json({{"com.example.project", "proj"}}));
  EXPECT_EQ(b["ExposedPorts"], json::parse(R"({"8080/tcp":{},"80/tcp":{}})"));
  EXPECT_EQ(b["Volumes"], json::parse(R"({"/cache":{}})"));
  EXPECT_EQ(b["Hostname"], "web");
  EXPECT_EQ(b["User"], "1000:1000");
  EXPECT_EQ(b["WorkingDir"], "/srv");
  EXPECT_FALSE(b.contains("name"));

  const json& host = b["HostConfig"];
  EXPECT_EQ(host["Binds"], json({"data:/data:ro"}));
  EXPECT_EQ(host["PortBindings"], json::parse(R"({"80/tcp":[
      {"HostIp":"127.0.0.1","HostPort":"8000"},{"HostIp":"","HostPort":""}]})"));
  EXPECT_EQ(host["VolumesFrom"], json({"other:ro"}));
  EXPECT_EQ(host["RestartPolicy"], json::parse(R"({"Name":"on-failure","MaximumRetryCount":3})"));
  EXPECT_EQ(host["NetworkMode"], "proj_default");

  EXPECT_EQ(b["NetworkingConfig"], json::parse(R"({"EndpointsConfig":{"proj_default":
      {"Aliases":["web","www"],"Links":["proj_db_1:db"]}}})"));
}

TEST(ContainerCreateBody, MinimalSpecLeavesOptionalFieldsOut) {
  ContainerCreate spec;
  spec.image = "busybox";
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  for (const char* key : {"Cmd", "Entrypoint", "ExposedPorts", "Volumes", "Hostname", "User",
                          "WorkingDir", "NetworkingConfig"}) {
    EXPECT_FALSE(body->contains(key)) << key;
  }
  EXPECT_EQ((*body)["HostConfig"], json::object());
}

TEST(ContainerCreateBody, EmptyCommandIsSentAsEmptyArray) {
  ContainerCreate spec;
  spec.image = "busybox";
  spec.cmd = std::vector<std::string>{};
  spec.entrypoint = std::vector<std::string>{};
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["Cmd"], json::array());
  EXPECT_EQ((*body)["Entrypoint"], json::array());
}

TEST(ContainerCreateBody, InvalidRestartPolicyIsBadRequest) {
  ContainerCreate spec;
  spec.restart_policy = "sometimes";
  const auto body = container_create_body(spec);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().code, ErrorCode::bad_request);
  EXPECT_NE(body.error().message.find("\"sometimes\""), std::string::npos);
}

TEST(RestartPolicy, ParsesEveryForm) {
  struct Case {
    std::string text;
    std::string name;
    int retries;
  };
  for (const auto& [text, name, retries] :
       std::vector<Case>{{"", "", 0},
                         {"no", "no", 0},
                         {"always", "always", 0},
                         {"unless-stopped", "unless-stopped", 0},
                         {"on-failure", "on-failure", 0},
                         {"on-failure:5", "on-failure", 5}}) {
    const auto policy = parse_restart_policy(text);
    ASSERT_TRUE(policy.ok()) << text;
    EXPECT_EQ(policy->name, name) << text;
    EXPECT_EQ(policy->maximum_retry_count, retries) << text;
  }
}

TEST(RestartPolicy, RejectsMalformedCounts) {
  for (const char* text : {"on-failure:", "on-failure:x", "on-failure:-1", "on-failure:3x",
                           "always:3", "On-Failure"}) {
    EXPECT_FALSE(parse_restart_policy(text).ok()) << text;
  }
}

TEST(OtherBodies, NetworkAndVolume) {
  const auto network = network_create_body({"proj_default", "bridge", {{"k", "v"}}});
  EXPECT_EQ(network, json::parse(R"({"Name":"proj_default","CheckDuplicate":true,
      "Driver":"bridge","Labels":{"k":"v"}})"));
  const auto volume = volume_create_body({"proj_data", "local", {}});
  EXPECT_EQ(volume, json::parse(R"({"Name":"proj_data","Driver":"local","Labels":{}})"));
}

TEST(ParseContainerList, ReadsRowsAndStripsSlash) {
  const auto list = parse_container_list(R"([
    {"Id":"abc","Names":["/proj_web/db","/proj_db_1"],"Image":"busybox",
     "Labels":{"a":"b"},"State":"running","Status":"Up 3 seconds",
     "Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8000,"Type":"tcp"},
              {"PrivatePort":443,"Type":"tcp"}]},
    {"Id":"def","Names":null,"Labels":null,"Ports":null},
    {"Id":"ghi","Names":["/x/y"]}
  ])");
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 3u);
  const auto& first = (*list)[0];
  EXPECT_EQ(first.id, "abc");
  EXPECT_EQ(first.name, "proj_db_1");
  EXPECT_EQ(first.image, "busybox");
  EXPECT_EQ(first.labels.at("a"), "b");
  EXPECT_EQ(first.state, "running");
  EXPECT_EQ(first.status, "Up 3 seconds");
  ASSERT_EQ(first.ports.size(), 2u);
  EXPECT_EQ(first.ports[0].ip, "0.0.0.0");
  EXPECT_EQ(first.ports[0].private_port, 80);
  EXPECT_EQ(first.ports[0].public_port, 8000);
  EXPECT_EQ(first.ports[1].public_port, 0);
  EXPECT_EQ((*list)[1].name, "");
  EXPECT_TRUE((*list)[1].labels.empty());
  EXPECT_EQ((*list)[2].name, "x/y");
}

TEST(ParseContainerDetails, ReadsWhatBerthUses) {
  const auto details = parse_container_details(R"({
    "Id":"abc","Name":"/proj_web_1","Image":"sha256:123",
    "Config":{"Env":["PATH=/bin","A=1"],"Labels":{"k":"v"},"ExposedPorts":{"80/tcp":{}}},
    "State":{"Status":"exited","Running":false,"ExitCode":3,
             "StartedAt":"2024-01-01T00:00:00Z","FinishedAt":"2024-01-01T00:00:05Z"},
    "NetworkSettings":{"Networks":{"proj_default":{"IPAddress":"172.18.0.2",
                                                    "Aliases":["web","abc"],
                                                    "NetworkID":"n1"}}}})");
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->id, "abc");
  EXPECT_EQ(details->name, "proj_web_1");
  EXPECT_EQ(details->image, "sha256:123");
  EXPECT_EQ(details->env, (std::vector<std::string>{"PATH=/bin", "A=1"}));
  EXPECT_EQ(details->labels.at("k"), "v");
  EXPECT_EQ(details->exposed_ports, std::vector<std::string>{"80/tcp"});
  EXPECT_EQ(details->status, "exited");
  EXPECT_FALSE(details->running);
  EXPECT_EQ(details->exit_code, 3);
  EXPECT_EQ(details->started_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ(details->finished_at, "2024-01-01T00:00:05Z");
  ASSERT_EQ(details->networks.count("proj_default"), 1u);
  EXPECT_EQ(details->networks.at("proj_default").ip_address, "172.18.0.2");
  EXPECT_EQ(details->networks.at("proj_default").aliases, (std::vector<std::string>{"web", "abc"}));
  EXPECT_EQ(details->networks.at("proj_default").network_id, "n1");
}

TEST(ParseContainerDetails, NullAndMissingFieldsGiveDefaults) {
  const auto details = parse_container_details(R"({"Id":"abc","Name":null,
    "Config":{"Env":null,"Labels":null,"ExposedPorts":null},"State":null,
    "NetworkSettings":{"Networks":{"n":{"Aliases":null,"IPAddress":7}}}})");
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->name, "");
  EXPECT_TRUE(details->env.empty());
  EXPECT_TRUE(details->labels.empty());
  EXPECT_TRUE(details->exposed_ports.empty());
  EXPECT_EQ(details->status, "");
  EXPECT_FALSE(details->running);
  EXPECT_EQ(details->networks.at("n").ip_address, "");
  EXPECT_TRUE(details->networks.at("n").aliases.empty());
}

TEST(ParseAnswers, UnparsableBodyIsTransportError) {
  const auto garbage = parse_container_details("<html>oops</html>");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::transport);
  EXPECT_EQ(garbage.error().message.rfind("unparsable answer from the engine: ", 0), 0u);
  const auto wrong_kind = parse_container_list(R"({"not":"a list"})");
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_EQ(wrong_kind.error().code, ErrorCode::transport);
  EXPECT_FALSE(parse_version_info("").ok());
}

// issue 19: nlohmann's callback parser (once used for the depth limit) was
// quadratic in an object's members: the inspection of a container exposing
// 65535 ports kept `up` busy for minutes.
TEST(ParseAnswers, AContainerExposingEveryPortParsesInBoundedTime) {
  std::string ports;
  for (int port = 1; port <= 65535; ++port) {
    ports += (port > 1 ? "," : "") + ("\"" + std::to_string(port) + "/tcp\": {}");
  }
  const std::string body = R"({"Id": "x", "Config": {"ExposedPorts": {)" + ports +
                           R"(}, "Env": ["A=\"]{["]}, "NetworkSettings": {"Ports": {)" + ports +
                           "}}}";
  const auto start = std::chrono::steady_clock::now();
  const auto details = parse_container_details(body);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->exposed_ports.size(), 65535u);
  EXPECT_EQ(details->env, std::vector<std::string>{"A=\"]{["});
  EXPECT_LT(seconds, 20.0);  // linear: about a second sanitized; quadratic: minutes
}

// Found by fuzz_engine_json: a process list nested 10000 deep overflowed the
// stack (a row is copied, a cell dumped, both recursively).
TEST(ParseAnswers, DeeplyNestedBodyIsTransportError) {
  const auto nested = [](int depth) {
    return R"({"Processes": [[)" + std::string(depth, '[') + std::string(depth, ']') + "]]}";
  };
  const auto deep = parse_process_list(nested(100000));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().code, ErrorCode::transport);
  EXPECT_NE(deep.error().message.find("nested deeper than 256 levels"), std::string::npos);
  const std::string deep_ports = R"({"NetworkSettings": {"Ports": {"80/tcp": )" +
                                 std::string(100000, '[') + std::string(100000, ']') + "}}}";
  EXPECT_FALSE(parse_container_details(deep_ports).ok());
  // Nesting an engine could send is read as before.
  const auto shallow = parse_process_list(nested(200));
  ASSERT_TRUE(shallow.ok());
  ASSERT_EQ(shallow->processes.size(), 1u);
  EXPECT_EQ(shallow->processes[0].size(), 1u);
}

TEST(ParseNetworkList, ReadsRows) {
  const auto list = parse_network_list(
      R"([{"Id":"n1","Name":"proj_default","Driver":"bridge","Labels":{"k":"v"}},
          {"Id":"n2","Name":"host","Driver":"host","Labels":null}])");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "n1");
  EXPECT_EQ((*list)[0].name, "proj_default");
  EXPECT_EQ((*list)[0].driver, "bridge");
  EXPECT_EQ((*list)[0].labels.at("k"), "v");
  EXPECT_TRUE((*list)[1].labels.empty());
}

TEST(ParseVolumeList, ReadsRowsAndNullList) {
  const auto list = parse_volume_list(
      R"({"Volumes":[{"Name":"proj_data","Driver":"local","Labels":{"k":"v"}}],"Warnings":null})");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].name, "proj_data");
  EXPECT_EQ((*list)[0].driver, "local");
  EXPECT_EQ((*list)[0].labels.at("k"), "v");
  const auto none = parse_volume_list(R"({"Volumes":null,"Warnings":null})");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(ParseImageDetails, ReadsPortsAndEnv) {
  const auto image = parse_image_details(R"({"Id":"sha256:1","RepoTags":["busybox:latest"],
    "Config":{"ExposedPorts":{"80/tcp":{},"53/udp":{}},"Env":["PATH=/bin"]}})");
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->id, "sha256:1");
  EXPECT_EQ(image->repo_tags, std::vector<std::string>{"busybox:latest"});
  EXPECT_EQ(image->exposed_ports, (std::vector<std::string>{"53/udp", "80/tcp"}));
  EXPECT_EQ(image->env, std::vector<std::string>{"PATH=/bin"});
  const auto bare = parse_image_details(R"({"Id":"sha256:2","RepoTags":null,"Config":null})");
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->repo_tags.empty());
  EXPECT_TRUE(bare->exposed_ports.empty());
}

TEST(ParseVersionInfo, ReadsFields) {
  const auto info = parse_version_info(R"({"Version":"20.10.24","ApiVersion":"1.41",
    "MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"})");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->version, "20.10.24");
  EXPECT_EQ(info->api_version, "1.41");
  EXPECT_EQ(info->min_api_version, "1.12");
  EXPECT_EQ(info->os, "linux");
  EXPECT_EQ(info->arch, "amd64");
}

TEST(ParseCreatedId, ReadsId) {
  const auto id = parse_created_id(R"({"Id":"abc123","Warnings":[]})");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "abc123");
}

TEST(UrlEncode, KeepsUnreservedOnly) {
  EXPECT_EQ(url_encode("abc-XYZ_0.9~"), "abc-XYZ_0.9~");
  EXPECT_EQ(url_encode("a b/c:d=e&f"), "a%20b%2Fc%3Ad%3De%26f");
  EXPECT_EQ(url_encode("\xC3\xA9"), "%C3%A9");
}

TEST(LabelFilters, EncodesJsonFilter) {
  EXPECT_EQ(label_filters_query({}), "");
  EXPECT_EQ(label_filters_query({"com.example.project=proj", "oneoff"}),
            "filters=" + url_encode(R"({"label":["com.example.project=proj","oneoff"]})"));
  EXPECT_EQ(label_filters_query({"k=v"}), "filters=%7B%22label%22%3A%5B%22k%3Dv%22%5D%7D");
}

TEST(EngineMessage, PrefersJsonMessage) {
  EXPECT_EQ(engine_message(404, R"({"message":"No such container: x"})"), "No such container: x");
  EXPECT_EQ(engine_message(500, "  plain failure\n"), "plain failure");
  EXPECT_EQ(engine_message(502, ""), "HTTP 502");
  EXPECT_EQ(engine_message(500, R"({"message":null})"), R"({"message":null})");
}

TEST(ErrorFromResponse, MapsStatusToCode) {
  EXPECT_EQ(error_from_response(404, "").code, ErrorCode::not_found);
  EXPECT_EQ(error_from_response(409, "").code, ErrorCode::conflict);
  EXPECT_EQ(error_from_response(400, "").code, ErrorCode::bad_request);
  EXPECT_EQ(error_from_response(500, "").code, ErrorCode::server);
  EXPECT_EQ(error_from_response(418, "").code, ErrorCode::server);
  const auto error = error_from_response(409, R"({"message":"name in use"})");
  EXPECT_EQ(error.http_status, 409);
  EXPECT_EQ(error.message, "name in use");
}

}  // namespace
}  // namespace berth::engine
