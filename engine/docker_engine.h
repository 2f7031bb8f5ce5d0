#pragma once
// DockerEngine: the Engine interface over the Docker Engine HTTP API. Private
// to the engine module; others get one from connect_docker().

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/http_transport.h"

namespace berth::engine {

// The API version berth is written against; engines that are older fail.
inline constexpr std::string_view k_api_version = "1.41";

// Seconds an engine may take beyond a stop's own grace period to answer.
inline constexpr int k_stop_slack_seconds = 30;

// The version to speak with an engine whose newest API is `engine_api`: the
// lower of ours and its. Error (code server) naming `host` when it is older
// than k_api_version or not a "major.minor" number.
Result<std::string> negotiate_api_version(const std::string& host, const std::string& engine_api);

class DockerEngine final : public Engine {
 public:
  // `api_version` as negotiate_api_version() returned it, e.g. "1.41".
  DockerEngine(Endpoint endpoint, std::string api_version);
  // engine_id()'s answer, asked for while connecting (see connect_docker).
  DockerEngine(Endpoint endpoint, std::string api_version,
               std::shared_future<Result<std::string>> engine_id);

  Status ping() override;
  Result<VersionInfo> version() override;

  Result<std::string> create_container(const ContainerCreate& spec) override;
  Status start_container(const std::string& id) override;
  Status stop_container(const std::string& id, int timeout_seconds) override;
  Status kill_container(const std::string& id, const std::string& signal) override;
  Status remove_container(const std::string& id, bool force, bool remove_volumes) override;
  Status rename_container(const std::string& id, const std::string& new_name) override;
  Status pause_container(const std::string& id) override;
  Status unpause_container(const std::string& id) override;
  Result<std::vector<ContainerSummary>> list_containers(const LabelFilter& labels,
                                                        bool all) override;
  Result<ContainerDetails> inspect_container(const std::string& id) override;
  Status restart_container(const std::string& id, int timeout_seconds) override;
  Status put_files(const std::string& id, const std::vector<ContainerFile>& files) override;
  Result<int> wait_container(const std::string& id, std::chrono::milliseconds timeout) override;

  // Runs the stream on a thread of its own; see event_stream.h for how its
  // destruction and callbacks interact.
  Result<std::unique_ptr<EventSubscription>> subscribe_events(const EventFilter& filter,
                                                              EventHandler on_event,
                                                              EventStreamEnded on_end) override;

  Result<std::string> create_network(const NetworkCreate& spec) override;
  Status remove_network(const std::string& id_or_name) override;
  Result<std::vector<NetworkSummary>> list_networks(const LabelFilter& labels) override;
  Status connect_network(const std::string& network, const std::string& container,
                         const EndpointConfig& endpoint) override;
  Status disconnect_network(const std::string& network, const std::string& container,
                            bool force) override;

  Status create_volume(const VolumeCreate& spec) override;
  Status remove_volume(const std::string& name) override;
  Result<std::vector<VolumeSummary>> list_volumes(const LabelFilter& labels) override;

  Result<ImageDetails> inspect_image(const std::string& reference) override;
  Result<std::string> registry_digest(const std::string& reference,
                                      const std::string& registry_auth) override;
  // In docker_engine_images.cc: progress streams over http_stream().
  Result<std::string> build_image(const ImageBuild& spec, std::string context_tar,
                                  const ProgressHandler& on_progress) override;
  Status pull_image(const std::string& reference, const std::string& registry_auth,
                    const ProgressHandler& on_progress) override;
  Status push_image(const std::string& reference, const std::string& registry_auth,
                    const ProgressHandler& on_progress) override;
  Status tag_image(const std::string& source, const std::string& target) override;
  Status remove_image(const std::string& reference, bool force) override;

  // Logs: inspects the container first (a TTY's logs are not framed), then
  // runs the stream on a thread of its own; see log_stream.h.
  Result<std::unique_ptr<LogSubscription>> stream_logs(const std::string& id,
                                                       const LogOptions& options,
                                                       LogHandler on_lines,
                                                       LogStreamEnded on_end) override;

  // Inspection for the command line.
  Result<ProcessList> top_container(const std::string& id) override;
  // Stats and archives; in docker_engine_copy.cc.
  Result<ContainerStats> container_stats(const std::string& id) override;
  Result<PathStat> stat_container_path(const std::string& id, const std::string& path) override;
  Result<std::string> read_container_archive(const std::string& id,
                                             const std::string& path) override;
  Status write_container_archive(const std::string& id, const std::string& directory,
                                 std::string tar, bool copy_uid_gid) override;
  Result<std::string> commit_container(const std::string& id,
                                       const ContainerCommit& spec) override;
  Status export_container(const std::string& id,
                          const std::function<void(std::string_view)>& on_piece) override;

  // Run and exec over hijacked connections; see hijacked_stream.h.
  Result<std::unique_ptr<StdioStream>> attach_container(const std::string& id,
                                                       const std::string& detach_keys) override;
  Status resize_container(const std::string& id, int rows, int columns) override;
  Result<std::string> create_exec(const std::string& container, const ExecCreate& spec) override;
  Result<std::unique_ptr<StdioStream>> start_exec(const std::string& exec_id, bool tty) override;
  Status start_exec_detached(const std::string& exec_id) override;
  Status resize_exec(const std::string& exec_id, int rows, int columns) override;
  Result<ExecDetails> inspect_exec(const std::string& exec_id) override;

  // Swarm; in docker_engine_swarm.cc.
  Result<std::string> engine_id() override;
  Result<SwarmInfo> swarm_info() override;
  Result<std::string> create_service(const ServiceSpec& spec,
                                     const std::string& registry_auth) override;
  Status update_service(const std::string& id, uint64_t version, const ServiceSpec& spec,
                        const std::string& registry_auth) override;
  Status remove_service(const std::string& id_or_name) override;
  Result<std::vector<ServiceSummary>> list_services(const LabelFilter& labels) override;
  Result<ServiceSummary> inspect_service(const std::string& id_or_name) override;
  Result<std::vector<TaskSummary>> list_tasks(const std::string& service) override;

 private:
  struct Call {
    std::string_view method;
    std::string path;  // below the version prefix, query included, already encoded
    std::string body = {};
    std::chrono::milliseconds timeout = k_default_timeout;
    bool not_modified_ok = false;  // 304 counts as success (start/stop)
    std::vector<std::pair<std::string, std::string>> headers = {};  // e.g. X-Registry-Auth
  };

  // PUT /containers/{id}/archive (`path`: below the version prefix, query
  // included): a tar unpacked into a container, for put_files and cp.
  Status put_archive(const std::string& path, std::string tar);

  // `request.method target on host: ` before a transport failure's message.
  Error with_context(Error error, std::string_view method, const std::string& target) const;

  // The answer's body on a 2xx (or accepted 304); else the mapped Error.
  Result<std::string> call(const Call& request) const;
  Status call_status(const Call& request) const;

  // Pull and push: POST `path` (below the version prefix) with X-Registry-Auth,
  // the progress stream fed to `on_progress`, an error in it returned.
  Status registry_transfer(const std::string& path, const std::string& registry_auth,
                           const ProgressHandler& on_progress) const;

  Endpoint m_endpoint;
  std::string m_prefix;  // "/v1.41"
  std::shared_future<Result<std::string>> m_engine_id;  // valid() when asked for at connect
};

}  // namespace berth::engine
