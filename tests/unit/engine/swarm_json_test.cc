// The swarm bodies and parsers. The answers are dockerd 20.10's (API 1.41),
// recorded from a single-node swarm and trimmed of fields berth never reads.

#include "engine/swarm_json.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/engine.h"

namespace berth::engine {
namespace {

using nlohmann::json;

ServiceMount mount(const std::string& type, const std::string& source, const std::string& target) {
  ServiceMount result;
  result.type = type;
  result.source = source;
  result.target = target;
  return result;
}

ServiceSpec full_spec() {
  ServiceSpec spec;
  spec.name = "shop_web";
  spec.labels = {{"com.docker.stack.namespace", "shop"}};
  spec.image = "registry.example:5000/web:1.2";
  spec.command = std::vector<std::string>{"/entry.sh"};
  spec.args = std::vector<std::string>{"serve", "--port", "80"};
  spec.env = {"A=1", "B=two"};
  spec.working_dir = "/srv";
  spec.user = "1000:1000";
  spec.hostname = "web";
  spec.container_labels = {{"role", "front"}};
  ServiceMount data = mount("volume", "shop_data", "/data");
  data.no_copy = true;
  data.volume_labels = {{"com.docker.stack.namespace", "shop"}};
  data.volume_driver = "local";
  data.volume_driver_options = {{"type", "tmpfs"}};
  ServiceMount config = mount("bind", "/etc/shop", "/config");
  config.read_only = true;
  config.bind_propagation = "rprivate";
  ServiceMount scratch = mount("tmpfs", "", "/scratch");
  scratch.tmpfs_size = 1048576;
  spec.mounts = {data, config, scratch};
  spec.healthcheck = HealthConfig{
      {"CMD-SHELL", "wget -q -O- localhost"}, 2000000000, 1000000000, 5000000000, 3, 0};
  spec.stop_grace_period_ns = 20000000000;
  spec.stop_signal = "SIGINT";
  spec.tty = true;
  spec.open_stdin = true;
  spec.read_only = true;
  spec.init = true;
  spec.hosts = {"10.0.0.5 db.local"};
  spec.dns = {"8.8.8.8"};
  spec.dns_search = {"example.com"};
  spec.cap_add = {"NET_ADMIN"};
  spec.cap_drop = {"MKNOD"};
  spec.sysctls = {{"net.core.somaxconn", "1024"}};
  spec.restart_policy = ServiceRestartPolicy{"on-failure", 5000000000, 3, 60000000000};
  spec.limit_nano_cpus = 500000000;
  spec.limit_memory = 268435456;
  spec.reserve_nano_cpus = 250000000;
  spec.reserve_memory = 134217728;
  spec.constraints = {"node.role==manager"};
  spec.spread_preferences = {"node.labels.zone"};
  spec.max_replicas_per_node = 2;
  spec.log_driver = LogConfig{"json-file", {{"max-size", "10m"}}};
  spec.networks = {{"shop_default", {"web", "www"}}, {"shop_back", {}}};
  spec.replicas = 3;
  spec.update_config =
      ServiceUpdatePolicy{2, 10000000000, "rollback", 30000000000, 0.25, "start-first"};
  spec.rollback_config =
      ServiceUpdatePolicy{1, std::nullopt, "pause", std::nullopt, std::nullopt, "stop-first"};
  spec.endpoint_mode = "vip";
  spec.ports = {{"tcp", 80, 8080, "ingress"}, {"udp", 53, 0, "host"}};
  return spec;
}

TEST(SwarmSpecBody, MapsEveryField) {
  const json b = service_spec_body(full_spec());
  EXPECT_EQ(b["Name"], "shop_web");
  EXPECT_EQ(b["Labels"], json({{"com.docker.stack.namespace", "shop"}}));

  const json& container = b["TaskTemplate"]["ContainerSpec"];
  EXPECT_EQ(container, json::parse(R"({
    "Image": "registry.example:5000/web:1.2",
    "Command": ["/entry.sh"],
    "Args": ["serve", "--port", "80"],
    "Env": ["A=1", "B=two"],
    "Dir": "/srv",
    "User": "1000:1000",
    "Hostname": "web",
    "Labels": {"role": "front"},
    "Mounts": [
      {"Type": "volume", "Source": "shop_data", "Target": "/data",
       "VolumeOptions": {"NoCopy": true, "Labels": {"com.docker.stack.namespace": "shop"},
                         "DriverConfig": {"Name": "local", "Options": {"type": "tmpfs"}}}},
      {"Type": "bind", "Source": "/etc/shop", "Target": "/config", "ReadOnly": true,
       "BindOptions": {"Propagation": "rprivate"}},
      {"Type": "tmpfs", "Target": "/scratch", "TmpfsOptions": {"SizeBytes": 1048576}}
    ],
    "Healthcheck": {"Test": ["CMD-SHELL", "wget -q -O- localhost"], "Interval": 2000000000,
                    "Timeout": 1000000000, "StartPeriod": 5000000000, "Retries": 3},
    "StopGracePeriod": 20000000000,
    "StopSignal": "SIGINT",
    "TTY": true,
    "OpenStdin": true,
    "ReadOnly": true,
    "Init": true,
    "Hosts": ["10.0.0.5 db.local"],
    "DNSConfig": {"Nameservers": ["8.8.8.8"], "Search": ["example.com"]},
    "CapabilityAdd": ["NET_ADMIN"],
    "CapabilityDrop": ["MKNOD"],
    "Sysctls": {"net.core.somaxconn": "1024"}
  })"));

  const json& task = b["TaskTemplate"];
  EXPECT_EQ(task["RestartPolicy"], json::parse(R"({"Condition": "on-failure",
      "Delay": 5000000000, "MaxAttempts": 3, "Window": 60000000000})"));
  EXPECT_EQ(task["Resources"], json::parse(R"({
      "Limits": {"NanoCPUs": 500000000, "MemoryBytes": 268435456},
      "Reservations": {"NanoCPUs": 250000000, "MemoryBytes": 134217728}})"));
  EXPECT_EQ(task["Placement"], json::parse(R"({"Constraints": ["node.role==manager"],
      "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}],
      "MaxReplicas": 2})"));
  EXPECT_EQ(task["LogDriver"],
            json::parse(R"({"Name": "json-file", "Options": {"max-size": "10m"}})"));
  EXPECT_EQ(task["Networks"], json::parse(R"([{"Target": "shop_default",
      "Aliases": ["web", "www"]}, {"Target": "shop_back"}])"));

  EXPECT_EQ(b["Mode"], json::parse(R"({"Replicated": {"Replicas": 3}})"));
  EXPECT_EQ(b["UpdateConfig"], json::parse(R"({"Parallelism": 2, "Delay": 10000000000,
      "FailureAction": "rollback", "Monitor": 30000000000, "MaxFailureRatio": 0.25,
      "Order": "start-first"})"));
  EXPECT_EQ(b["RollbackConfig"], json::parse(R"({"Parallelism": 1, "FailureAction": "pause",
      "Order": "stop-first"})"));
  EXPECT_EQ(b["EndpointSpec"], json::parse(R"({"Mode": "vip", "Ports": [
      {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"},
      {"Protocol": "udp", "TargetPort": 53, "PublishMode": "host"}]})"));
}

TEST(SwarmSpecBody, MinimalSpecLeavesOptionalFieldsOut) {
  ServiceSpec spec;
  spec.name = "shop_db";
  spec.image = "postgres:16";
  const json b = service_spec_body(spec);
  // Everything else is swarm's to default: no empty lists, maps or objects,
  // no false flags, no zero limits.
  EXPECT_EQ(b, json::parse(R"({"Name": "shop_db",
      "TaskTemplate": {"ContainerSpec": {"Image": "postgres:16"}},
      "Mode": {"Replicated": {"Replicas": 1}}})"));
}

TEST(SwarmSpecBody, EmptyCommandIsSentButUnsetIsNot) {
  ServiceSpec spec;
  spec.image = "busybox";
  spec.args = std::vector<std::string>{};
  const json body = service_spec_body(spec);
  const json& container = body["TaskTemplate"]["ContainerSpec"];
  EXPECT_FALSE(container.contains("Command"));
  EXPECT_EQ(container["Args"], json::array());
}

TEST(SwarmSpecBody, GlobalModeHasNoReplicas) {
  ServiceSpec spec;
  spec.image = "busybox";
  spec.global = true;
  spec.replicas = 5;  // ignored in global mode
  EXPECT_EQ(service_spec_body(spec)["Mode"], json::parse(R"({"Global": {}})"));
}

TEST(SwarmSpecBody, ZeroReplicasAreSent) {
  ServiceSpec spec;
  spec.image = "busybox";
  spec.replicas = 0;
  EXPECT_EQ(service_spec_body(spec)["Mode"], json::parse(R"({"Replicated": {"Replicas": 0}})"));
}

TEST(SwarmSpecBody, UnsetUpdateParallelismIsSwarmsDefaultOfOne) {
  // Swarm would read a missing Parallelism as 0: every task at once.
  ServiceSpec spec;
  spec.image = "busybox";
  spec.update_config = ServiceUpdatePolicy{};
  spec.update_config->order = "start-first";
  EXPECT_EQ(service_spec_body(spec)["UpdateConfig"],
            json::parse(R"({"Parallelism": 1, "Order": "start-first"})"));
}

TEST(SwarmSpecBody, MountOptionsOnlyWhereTheyApply) {
  ServiceSpec spec;
  spec.image = "busybox";
  spec.mounts = {mount("volume", "", "/anonymous"), mount("bind", "/host", "/in")};
  EXPECT_EQ(service_spec_body(spec)["TaskTemplate"]["ContainerSpec"]["Mounts"],
            json::parse(R"([{"Type": "volume", "Target": "/anonymous"},
                            {"Type": "bind", "Source": "/host", "Target": "/in"}])"));
}

TEST(SwarmSpecBody, HealthcheckWithoutTestKeepsTheImagesTest) {
  ServiceSpec spec;
  spec.image = "busybox";
  spec.healthcheck = HealthConfig{{}, 3000000000, 0, 0, 0, 7000000000};
  EXPECT_EQ(service_spec_body(spec)["TaskTemplate"]["ContainerSpec"]["Healthcheck"],
            json::parse(R"({"Interval": 3000000000})"));
}

TEST(SwarmSpecText, EqualSpecsGiveEqualSortedText) {
  const std::string text = service_spec_text(full_spec());
  EXPECT_EQ(text, service_spec_text(full_spec()));
  EXPECT_EQ(text, service_spec_body(full_spec()).dump());
  // Sorted keys: "EndpointSpec" < "Labels" < "Mode" < "Name" < "RollbackConfig" < ...
  EXPECT_LT(text.find("\"EndpointSpec\""), text.find("\"Labels\""));
  EXPECT_LT(text.find("\"Mode\""), text.find("\"Name\""));
  EXPECT_LT(text.find("\"RollbackConfig\""), text.find("\"TaskTemplate\""));
}

TEST(SwarmSpecText, ChangesWithAnyField) {
  const std::string text = service_spec_text(full_spec());
  auto changed = full_spec();
  changed.env.push_back("C=3");
  EXPECT_NE(service_spec_text(changed), text);
  changed = full_spec();
  changed.replicas = 4;
  EXPECT_NE(service_spec_text(changed), text);
  changed = full_spec();
  changed.mounts[1].read_only = false;
  EXPECT_NE(service_spec_text(changed), text);
  changed = full_spec();
  changed.update_config->parallelism = 3;
  EXPECT_NE(service_spec_text(changed), text);
  changed = full_spec();
  changed.ports[0].published_port = 8081;
  EXPECT_NE(service_spec_text(changed), text);
}

TEST(SwarmTaskFilters, EncodesTheServiceFilter) {
  EXPECT_EQ(task_filters_query("shop_web"),
            "filters=%7B%22service%22%3A%5B%22shop_web%22%5D%7D");  // {"service":["shop_web"]}
}

// GET /info on a single-node swarm manager (other top-level fields trimmed).
constexpr const char* k_info_manager = R"({"ID": "X5YT:ABCD", "Containers": 3,
  "Swarm": {"NodeID": "ian2f6lhzx3duwgamrigmbpd6", "NodeAddr": "127.0.0.1",
    "LocalNodeState": "active", "ControlAvailable": true, "Error": "",
    "RemoteManagers": [{"NodeID": "ian2f6lhzx3duwgamrigmbpd6", "Addr": "127.0.0.1:2377"}],
    "Nodes": 1, "Managers": 1,
    "Cluster": {"ID": "4csstqoas6zmp55ew0x96pxhw", "Version": {"Index": 10},
      "Spec": {"Name": "default", "Labels": {}, "Orchestration": {"TaskHistoryRetentionLimit": 5}},
      "RootRotationInProgress": false, "DefaultAddrPool": null, "SubnetSize": 24,
      "DataPathPort": 4789}}})";

TEST(SwarmInfoParse, ActiveManager) {
  const auto info = parse_swarm_info(k_info_manager);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->local_node_state, "active");
  EXPECT_TRUE(info->control_available);
  EXPECT_EQ(info->node_id, "ian2f6lhzx3duwgamrigmbpd6");
  EXPECT_EQ(info->managers, 1);
  EXPECT_EQ(info->nodes, 1);
}

TEST(SwarmInfoParse, NotInASwarm) {
  // An engine outside any swarm leaves Nodes and Managers out.
  const auto info = parse_swarm_info(R"({"Swarm": {"NodeID": "", "NodeAddr": "",
      "LocalNodeState": "inactive", "ControlAvailable": false, "Error": "",
      "RemoteManagers": null}})");
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->local_node_state, "inactive");
  EXPECT_FALSE(info->control_available);
  EXPECT_EQ(info->node_id, "");
  EXPECT_EQ(info->managers, 0);
  EXPECT_EQ(info->nodes, 0);
}

TEST(SwarmInfoParse, MissingSwarmIsEmptyAndNonJsonIsAnError) {
  const auto info = parse_swarm_info(R"({"ID": "X"})");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->local_node_state, "");
  const auto bad = parse_swarm_info("<html>bad gateway</html>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::transport);
  EXPECT_NE(bad.error().message.find("unparsable answer from the engine"), std::string::npos);
}

// The project lock's key: the engine's identity, whatever address reached it.
TEST(EngineIdParse, TakesInfosId) {
  const auto id = parse_engine_id(R"({"ID": "7TRN:IPZB:QYBB", "Swarm": {}})");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "7TRN:IPZB:QYBB");
  EXPECT_EQ(*parse_engine_id(R"({"Name": "x"})"), "");
  EXPECT_FALSE(parse_engine_id("[]").ok());
}

TEST(SwarmServiceParse, CreatedIdSaysIDNotId) {
  const auto created = parse_service_created(R"({"ID":"o4yppuqce0zlspj4yo3teulgm"})");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(*created, "o4yppuqce0zlspj4yo3teulgm");
  const auto with_warnings =
      parse_service_created(R"({"Id":"abc","Warnings":["image could not be accessed"]})");
  ASSERT_TRUE(with_warnings.ok());
  EXPECT_EQ(*with_warnings, "abc");
  EXPECT_FALSE(parse_service_created("[]").ok());
}

// GET /services: a global service without ports, a replicated one with a
// published port and a healthcheck.
constexpr const char* k_service_list = R"([
  {"ID": "etto9cduh9pung9amm06os10f", "Version": {"Index": 64},
   "CreatedAt": "2026-11-28T12:27:12.917904621Z", "UpdatedAt": "2026-11-28T12:27:12.917904621Z",
   "Spec": {"Name": "helper_probe_global", "Labels": {"berth.probe": "1"},
     "TaskTemplate": {"ContainerSpec": {"Image": "berth-test/busybox:latest",
       "Args": ["sleep", "600"], "Init": false, "DNSConfig": {}, "Isolation": "default"},
       "Resources": {"Limits": {}, "Reservations": {}}, "Placement": {}, "ForceUpdate": 0,
       "Runtime": "container"},
     "Mode": {"Global": {}}, "EndpointSpec": {"Mode": "vip"}},
   "Endpoint": {"Spec": {}}},
  {"ID": "ixrywqmux4qdur9i66vj87lyn", "Version": {"Index": 62},
   "CreatedAt": "2026-11-28T12:27:12.889979335Z", "UpdatedAt": "2026-11-28T12:27:12.891488975Z",
   "Spec": {"Name": "helper_probe", "Labels": {"berth.probe": "1"},
     "TaskTemplate": {"ContainerSpec": {"Image": "berth-test/busybox:latest",
       "Args": ["sleep", "600"], "Init": false,
       "Healthcheck": {"Test": ["CMD-SHELL", "sleep 3; true"], "Interval": 2000000000,
                       "Retries": 2},
       "DNSConfig": {}, "Isolation": "default"},
       "Resources": {"Limits": {}, "Reservations": {}}, "Placement": {}, "ForceUpdate": 0,
       "Runtime": "container"},
     "Mode": {"Replicated": {"Replicas": 2}},
     "EndpointSpec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 80,
       "PublishedPort": 18081, "PublishMode": "ingress"}]}},
   "Endpoint": {"Spec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 80,
       "PublishedPort": 18081, "PublishMode": "ingress"}]},
     "Ports": [{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 18081,
                "PublishMode": "ingress"}],
     "VirtualIPs": [{"NetworkID": "q29n9lje3tdii2in36e54jyrm", "Addr": "10.0.0.9/24"}]}}
])";

TEST(SwarmServiceParse, ListFromARealAnswer) {
  const auto services = parse_service_list(k_service_list);
  ASSERT_TRUE(services.ok()) << services.error().message;
  ASSERT_EQ(services->size(), 2u);

  const ServiceSummary& global = (*services)[0];
  EXPECT_EQ(global.id, "etto9cduh9pung9amm06os10f");
  EXPECT_EQ(global.version, 64u);
  EXPECT_EQ(global.name, "helper_probe_global");
  EXPECT_EQ(global.labels, (std::map<std::string, std::string>{{"berth.probe", "1"}}));
  EXPECT_EQ(global.image, "berth-test/busybox:latest");
  EXPECT_TRUE(global.global);
  EXPECT_EQ(global.replicas, 0u);
  EXPECT_TRUE(global.ports.empty());
  EXPECT_TRUE(global.virtual_ips.empty());
  EXPECT_EQ(global.update_state, "");

  const ServiceSummary& replicated = (*services)[1];
  EXPECT_EQ(replicated.id, "ixrywqmux4qdur9i66vj87lyn");
  EXPECT_EQ(replicated.version, 62u);
  EXPECT_FALSE(replicated.global);
  EXPECT_EQ(replicated.replicas, 2u);
  ASSERT_EQ(replicated.ports.size(), 1u);
  EXPECT_EQ(replicated.ports[0].protocol, "tcp");
  EXPECT_EQ(replicated.ports[0].target_port, 80u);
  EXPECT_EQ(replicated.ports[0].published_port, 18081u);
  EXPECT_EQ(replicated.ports[0].publish_mode, "ingress");
  ASSERT_EQ(replicated.virtual_ips.size(), 1u);
  EXPECT_EQ(replicated.virtual_ips[0].network_id, "q29n9lje3tdii2in36e54jyrm");
  EXPECT_EQ(replicated.virtual_ips[0].address, "10.0.0.9/24");
}

TEST(SwarmServiceParse, InspectDuringAnUpdate) {
  // GET /services/{id} right after an update: UpdateStatus appears (it is
  // absent before the first update), PreviousSpec too.
  const auto service = parse_service(R"({"ID": "ixrywqmux4qdur9i66vj87lyn",
    "Version": {"Index": 106},
    "Spec": {"Name": "helper_probe", "TaskTemplate": {"ContainerSpec": {
      "Image": "berth-test/busybox:latest", "Env": ["X=1"]}},
      "Mode": {"Replicated": {"Replicas": 2}}},
    "PreviousSpec": {"Name": "helper_probe", "Mode": {"Global": {}}},
    "Endpoint": {"Spec": {}},
    "UpdateStatus": {"State": "updating", "StartedAt": "2026-11-28T12:28:05.123592989Z",
                     "Message": "update in progress"}})");
  ASSERT_TRUE(service.ok()) << service.error().message;
  EXPECT_EQ(service->version, 106u);
  EXPECT_FALSE(service->global);  // PreviousSpec's mode is not the service's
  EXPECT_EQ(service->update_state, "updating");
  EXPECT_EQ(service->update_message, "update in progress");
}

TEST(SwarmServiceParse, LenientOnMissingAndMistypedFields) {
  const auto service = parse_service(R"({"ID": "abc", "Version": null,
      "Spec": {"Name": 7, "Mode": {}},
      "Endpoint": {"Ports": [{"TargetPort": 8080}, "junk"], "VirtualIPs": null}})");
  ASSERT_TRUE(service.ok()) << service.error().message;
  EXPECT_EQ(service->id, "abc");
  EXPECT_EQ(service->version, 0u);
  EXPECT_EQ(service->name, "");
  EXPECT_FALSE(service->global);
  EXPECT_EQ(service->replicas, 0u);
  ASSERT_EQ(service->ports.size(), 1u);
  EXPECT_EQ(service->ports[0].target_port, 8080u);
  EXPECT_EQ(service->ports[0].protocol, "tcp");  // the struct's defaults
  EXPECT_EQ(service->ports[0].publish_mode, "ingress");
  EXPECT_TRUE(service->virtual_ips.empty());

  const auto empty = parse_service_list("[]");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(SwarmServiceParse, NonJsonOrWrongKindIsAnError) {
  EXPECT_EQ(parse_service("not json").error().code, ErrorCode::transport);
  EXPECT_EQ(parse_service("[]").error().code, ErrorCode::transport);
  EXPECT_EQ(parse_service_list("{}").error().code, ErrorCode::transport);
  EXPECT_EQ(parse_service_list("").error().code, ErrorCode::transport);
}

// GET /tasks?filters={"service":[...]}: a running task of a service with a
// healthcheck, one that failed its healthcheck and exited, and one rejected
// for a missing image (swarm retries it: the new one is desired "ready").
constexpr const char* k_task_list = R"([
  {"ID": "49zolbe3if1cfgf8ojhgolyq6", "Version": {"Index": 71},
   "CreatedAt": "2026-11-28T12:27:12.890862774Z", "UpdatedAt": "2026-11-28T12:27:19.280250974Z",
   "Labels": {}, "Spec": {"ContainerSpec": {"Image": "berth-test/busybox:latest"}},
   "ServiceID": "ixrywqmux4qdur9i66vj87lyn", "Slot": 1, "NodeID": "ian2f6lhzx3duwgamrigmbpd6",
   "Status": {"Timestamp": "2026-11-28T12:27:19.251030943Z", "State": "running",
     "Message": "started",
     "ContainerStatus": {"ContainerID": "37b0caddabefe78d5f3dce72cb5b0f82275ea4352b8be5815d99e318d7ec9f2f",
                         "PID": 26289, "ExitCode": 0},
     "PortStatus": {}},
   "DesiredState": "running",
   "NetworksAttachments": [{"Network": {"ID": "q29n9lje3tdii2in36e54jyrm"},
                            "Addresses": ["10.0.0.10/24"]}]},
  {"ID": "63p8wzh8af6xg0hgyf0zmlq4s", "Version": {"Index": 87},
   "ServiceID": "9u5ae7gqraptxqx6365g497tv", "Slot": 1, "NodeID": "ian2f6lhzx3duwgamrigmbpd6",
   "Status": {"Timestamp": "2026-11-28T12:27:39.276741569Z", "State": "failed",
     "Message": "starting", "Err": "task: non-zero exit (3): dockerexec: unhealthy container",
     "ContainerStatus": {"ContainerID": "43edb44ce21a5785c68c4fceb8c3833d8ac86abe9b34257ea22541556a516300",
                         "PID": 0, "ExitCode": 3},
     "PortStatus": {}},
   "DesiredState": "shutdown"},
  {"ID": "r1", "ServiceID": "s2", "Slot": 1, "NodeID": "ian2f6lhzx3duwgamrigmbpd6",
   "Status": {"Timestamp": "2026-11-28T12:27:56.802834298Z", "State": "rejected",
     "Message": "preparing", "Err": "No such image: berth-test/does-not-exist:1",
     "ContainerStatus": {"ContainerID": "", "PID": 0, "ExitCode": 0}, "PortStatus": {}},
   "DesiredState": "ready"}
])";

TEST(SwarmTaskParse, ListFromARealAnswer) {
  const auto tasks = parse_task_list(k_task_list);
  ASSERT_TRUE(tasks.ok()) << tasks.error().message;
  ASSERT_EQ(tasks->size(), 3u);

  const TaskSummary& running = (*tasks)[0];
  EXPECT_EQ(running.id, "49zolbe3if1cfgf8ojhgolyq6");
  EXPECT_EQ(running.service_id, "ixrywqmux4qdur9i66vj87lyn");
  EXPECT_EQ(running.node_id, "ian2f6lhzx3duwgamrigmbpd6");
  EXPECT_EQ(running.slot, 1);
  EXPECT_EQ(running.desired_state, "running");
  EXPECT_EQ(running.state, "running");
  EXPECT_EQ(running.message, "started");
  EXPECT_EQ(running.error, "");
  EXPECT_EQ(running.container_id,
            "37b0caddabefe78d5f3dce72cb5b0f82275ea4352b8be5815d99e318d7ec9f2f");
  EXPECT_EQ(running.exit_code, 0);

  const TaskSummary& failed = (*tasks)[1];
  EXPECT_EQ(failed.desired_state, "shutdown");
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(failed.error, "task: non-zero exit (3): dockerexec: unhealthy container");
  EXPECT_EQ(failed.exit_code, 3);

  const TaskSummary& rejected = (*tasks)[2];
  EXPECT_EQ(rejected.desired_state, "ready");
  EXPECT_EQ(rejected.state, "rejected");
  EXPECT_EQ(rejected.error, "No such image: berth-test/does-not-exist:1");
  EXPECT_EQ(rejected.container_id, "");
}

TEST(SwarmTaskParse, PendingTaskHasFewFields) {
  // Before scheduling a task has no node and no container status.
  const auto tasks = parse_task_list(R"([{"ID": "t1", "ServiceID": "s1", "Slot": 2,
      "Status": {"Timestamp": "2026-11-28T12:27:35.669365208Z", "State": "pending",
                 "Message": "pending task scheduling", "PortStatus": {}},
      "DesiredState": "running"}, null, 3])");
  ASSERT_TRUE(tasks.ok()) << tasks.error().message;
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].slot, 2);
  EXPECT_EQ((*tasks)[0].node_id, "");
  EXPECT_EQ((*tasks)[0].state, "pending");
  EXPECT_EQ((*tasks)[0].container_id, "");
  EXPECT_EQ((*tasks)[0].exit_code, 0);
}

TEST(SwarmTaskParse, NonJsonOrWrongKindIsAnError) {
  EXPECT_EQ(parse_task_list("{\"message\":\"x\"}").error().code, ErrorCode::transport);
  EXPECT_EQ(parse_task_list("[{").error().code, ErrorCode::transport);
}

}  // namespace
}  // namespace berth::engine
