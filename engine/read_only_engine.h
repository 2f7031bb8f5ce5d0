#pragma once
// ReadOnlyEngine: an Engine for --dry-run. Reads (list, inspect, version,
// events, logs) reach the engine it wraps; every call that would change
// something (create, start, stop, remove, build, pull, exec, ...) is refused
// with ErrorCode::bad_request and never sent. The plan is what a dry run
// shows; this makes sure that no path outside the plan changes anything
// either (compose v2's --dry-run has changed containers for real,
// docker/compose#14029).

#include <memory>

#include "engine/engine.h"

namespace berth::engine {

class ReadOnlyEngine : public Engine {
 public:
  explicit ReadOnlyEngine(std::shared_ptr<Engine> inner) : m_inner(std::move(inner)) {}

  Status ping() override { return m_inner->ping(); }
  Result<VersionInfo> version() override { return m_inner->version(); }

  Result<std::string> create_container(const ContainerCreate& spec) override;
  Status start_container(const std::string& id) override;
  Status stop_container(const std::string& id, int timeout_seconds) override;
  Status kill_container(const std::string& id, const std::string& signal) override;
  Status remove_container(const std::string& id, bool force, bool remove_volumes) override;
  Status rename_container(const std::string& id, const std::string& new_name) override;
  Status pause_container(const std::string& id) override;
  Status unpause_container(const std::string& id) override;
  Result<std::vector<ContainerSummary>> list_containers(const LabelFilter& labels,
                                                        bool all) override {
    return m_inner->list_containers(labels, all);
  }
  Result<ContainerDetails> inspect_container(const std::string& id) override {
    return m_inner->inspect_container(id);
  }
  Status restart_container(const std::string& id, int timeout_seconds) override;
  Status put_files(const std::string& id, const std::vector<ContainerFile>& files) override;
  Result<int> wait_container(const std::string& id, std::chrono::milliseconds timeout) override {
    return m_inner->wait_container(id, timeout);
  }
  Result<std::unique_ptr<EventSubscription>> subscribe_events(const EventFilter& filter,
                                                              EventHandler on_event,
                                                              EventStreamEnded on_end) override {
    return m_inner->subscribe_events(filter, std::move(on_event), std::move(on_end));
  }

  Result<std::string> create_network(const NetworkCreate& spec) override;
  Status remove_network(const std::string& id_or_name) override;
  Result<std::vector<NetworkSummary>> list_networks(const LabelFilter& labels) override {
    return m_inner->list_networks(labels);
  }
  Status connect_network(const std::string& network, const std::string& container,
                         const EndpointConfig& endpoint) override;
  Status disconnect_network(const std::string& network, const std::string& container,
                            bool force) override;

  Status create_volume(const VolumeCreate& spec) override;
  Status remove_volume(const std::string& name) override;
  Result<std::vector<VolumeSummary>> list_volumes(const LabelFilter& labels) override {
    return m_inner->list_volumes(labels);
  }

  Result<ImageDetails> inspect_image(const std::string& reference) override {
    return m_inner->inspect_image(reference);
  }
  Result<std::string> registry_digest(const std::string& reference,
                                      const std::string& registry_auth) override {
    return m_inner->registry_digest(reference, registry_auth);  // a read: the registry is asked
  }
  Result<std::string> build_image(const ImageBuild& spec, std::string context_tar,
                                  const ProgressHandler& on_progress) override;
  Status pull_image(const std::string& reference, const std::string& registry_auth,
                    const ProgressHandler& on_progress) override;
  Status push_image(const std::string& reference, const std::string& registry_auth,
                    const ProgressHandler& on_progress) override;
  Status tag_image(const std::string& source, const std::string& target) override;
  Status remove_image(const std::string& reference, bool force) override;

  Result<std::unique_ptr<LogSubscription>> stream_logs(const std::string& id,
                                                       const LogOptions& options,
                                                       LogHandler on_lines,
                                                       LogStreamEnded on_end) override {
    return m_inner->stream_logs(id, options, std::move(on_lines), std::move(on_end));
  }
  Result<ProcessList> top_container(const std::string& id) override {
    return m_inner->top_container(id);
  }
  Result<ContainerStats> container_stats(const std::string& id) override {
    return m_inner->container_stats(id);
  }
  Result<PathStat> stat_container_path(const std::string& id, const std::string& path) override {
    return m_inner->stat_container_path(id, path);
  }
  Result<std::string> read_container_archive(const std::string& id,
                                             const std::string& path) override {
    return m_inner->read_container_archive(id, path);
  }
  Status write_container_archive(const std::string& id, const std::string& directory,
                                 std::string tar, bool copy_uid_gid) override;
  Result<std::string> commit_container(const std::string& id,
                                       const ContainerCommit& spec) override;
  Status export_container(const std::string& id,
                          const std::function<void(std::string_view)>& on_piece) override {
    return m_inner->export_container(id, on_piece);
  }

  Result<std::unique_ptr<StdioStream>> attach_container(const std::string& id,
                                                       const std::string& detach_keys) override;
  Status resize_container(const std::string& id, int rows, int columns) override;
  Result<std::string> create_exec(const std::string& container, const ExecCreate& spec) override;
  Result<std::unique_ptr<StdioStream>> start_exec(const std::string& exec_id, bool tty) override;
  Status start_exec_detached(const std::string& exec_id) override;
  Status resize_exec(const std::string& exec_id, int rows, int columns) override;
  Result<ExecDetails> inspect_exec(const std::string& exec_id) override {
    return m_inner->inspect_exec(exec_id);
  }

  Result<std::string> engine_id() override { return m_inner->engine_id(); }

  Result<SwarmInfo> swarm_info() override { return m_inner->swarm_info(); }
  Result<std::string> create_service(const ServiceSpec& spec,
                                     const std::string& registry_auth) override;
  Status update_service(const std::string& id, uint64_t version, const ServiceSpec& spec,
                        const std::string& registry_auth) override;
  Status remove_service(const std::string& id_or_name) override;
  Result<std::vector<ServiceSummary>> list_services(const LabelFilter& labels) override {
    return m_inner->list_services(labels);
  }
  Result<ServiceSummary> inspect_service(const std::string& id_or_name) override {
    return m_inner->inspect_service(id_or_name);
  }
  Result<std::vector<TaskSummary>> list_tasks(const std::string& service) override {
    return m_inner->list_tasks(service);
  }

 private:
  std::shared_ptr<Engine> m_inner;
};

}  // namespace berth::engine
