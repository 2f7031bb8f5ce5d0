#pragma once
// FakeEngine: an in-memory engine::Engine for testing verbs without dockerd.
// It keeps containers, networks, volumes and images as dockerd 20.10 does for
// the calls berth makes (names unique, a running container not removed
// without force, a network with running containers not removed, ...), sends
// the container events those calls cause, and records every call as one line
// naming objects by name, never by random ID:
//   create_container proj-web-1        stop_container proj-db-1 10
//   remove_container proj-web-1 force  inspect_image berth-test/busybox:latest
// A replacement's temporary name "<12 hex of the old ID>_<name>" is shown as
// "tmp_<name>". Thread-safe: the Executor calls it from a pool, so tests
// compare sorted lines or the relative order of particular lines.
//
// Not modelled: restart policies, logs and attach output (streams end at
// once), build and pull (errors unless allow_registry()), swarm (errors
// unless become_swarm_manager(); then services and their tasks, no nodes),
// health checks that run by themselves (a test sets the health), ports
// actually bound, network and volume events, container filesystems (stat and
// read of a path: not found; a written archive is recorded and dropped),
// resource use (stats: zero figures for a running container).

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace berth::testing {

class EventHub;

// One container as the fake holds it.
struct FakeContainer {
  std::string id;
  std::string name;
  engine::ContainerCreate spec;   // as created (the name as it was then)
  std::string state = "created";  // "created", "running", "paused", "exited"
  int exit_code = 0;
  std::string health;  // "", "starting", "healthy", "unhealthy"; "" without a check
  std::vector<engine::HealthLogEntry> health_log;
  int failing_streak = 0;
  std::string started_at;  // RFC 3339; new for every start
  std::string finished_at;
  std::map<std::string, engine::NetworkAttachment> networks;  // by network name
  std::vector<std::string> anonymous_volumes;                 // names of volumes made for it
  uint64_t sequence = 0;                                      // creation order
};

class FakeEngine : public engine::Engine {
 public:
  FakeEngine();
  ~FakeEngine() override;
  FakeEngine(const FakeEngine&) = delete;
  FakeEngine& operator=(const FakeEngine&) = delete;

  // Setting up a test: none of these is recorded.
  void add_image(const std::string& reference, const std::string& id,
                 std::vector<std::string> env = {}, std::vector<std::string> healthcheck = {});
  // Makes it a swarm manager: services and tasks work (see fake_engine_images.cc).
  void become_swarm_manager();
  // A "repo@sha256:..." the image known as `reference` was pulled by.
  void add_repo_digest(const std::string& reference, const std::string& repo_digest);
  // What registry_digest() answers for `reference`; others: not found.
  void set_registry_digest(const std::string& reference, const std::string& digest);
  // The state of `service`'s tasks (its swarm name) once started: "running"
  // by default; "failed" is a failed task (desired state shutdown).
  void set_task_state(const std::string& service, const std::string& state);
  // A container made outside berth (e.g. by `docker run`); -> its ID.
  std::string add_container(engine::ContainerCreate spec, bool running = true);
  void add_network(engine::NetworkCreate spec);
  void add_volume(engine::VolumeCreate spec);
  // The health a container with a health check gets at each start
  // ("healthy" unless changed; "starting" leaves it to set_health).
  void set_health_on_start(const std::string& status);
  // Sets a container's health as its check would, sending health_status.
  void set_health(const std::string& container, const std::string& status,
                  const std::string& output = "");
  // The container's process ends by itself with `exit_code` (a die event).
  void exit_container(const std::string& container, int exit_code);
  // A container of this name exits with `exit_code` right after each start
  // (a one-shot job).
  void exit_on_start(const std::string& name, int exit_code);
  // The exit code a stop gives the container of this name (0 unless set).
  void set_stop_exit_code(const std::string& name, int exit_code);
  // The exit code every exec ends with (0 unless set).
  void set_exec_exit_code(int exit_code);
  // Pull, push and build succeed (they fail, "no registry", unless allowed).
  void allow_registry(bool allowed);
  // The next `times` calls whose transcript line starts with `line_prefix`
  // fail with `error` and change nothing.
  void fail_call(const std::string& line_prefix, engine::Error error, int times = 1);
  // Ends every live event stream with `error`, as a dockerd going away would.
  void end_event_streams(const engine::Error& error);

  // What happened.
  std::vector<std::string> transcript() const;  // every call, in order
  std::vector<std::string> changes() const;     // the calls that change something
  void clear_transcript();
  std::optional<FakeContainer> container(const std::string& id_or_name) const;
  std::vector<FakeContainer> containers() const;  // by name
  std::vector<std::string> network_names() const;  // sorted; the predefined ones too
  std::vector<std::string> volume_names() const;   // sorted
  std::vector<engine::Event> events() const;       // every event sent, in order

  // engine::Engine.
  engine::Status ping() override;
  engine::Result<engine::VersionInfo> version() override;
  engine::Result<std::string> create_container(const engine::ContainerCreate& spec) override;
  engine::Status start_container(const std::string& id) override;
  engine::Status stop_container(const std::string& id, int timeout_seconds) override;
  engine::Status kill_container(const std::string& id, const std::string& signal) override;
  engine::Status remove_container(const std::string& id, bool force,
                                  bool remove_volumes) override;
  engine::Status rename_container(const std::string& id, const std::string& new_name) override;
  engine::Status pause_container(const std::string& id) override;
  engine::Status unpause_container(const std::string& id) override;
  engine::Result<std::vector<engine::ContainerSummary>> list_containers(
      const engine::LabelFilter& labels, bool all) override;
  engine::Result<engine::ContainerDetails> inspect_container(const std::string& id) override;
  engine::Status restart_container(const std::string& id, int timeout_seconds) override;
  engine::Status put_files(const std::string& id,
                           const std::vector<engine::ContainerFile>& files) override;
  engine::Result<int> wait_container(const std::string& id,
                                     std::chrono::milliseconds timeout) override;
  engine::Result<std::unique_ptr<engine::EventSubscription>> subscribe_events(
      const engine::EventFilter& filter, EventHandler on_event, EventStreamEnded on_end) override;

  engine::Result<std::string> create_network(const engine::NetworkCreate& spec) override;
  engine::Status remove_network(const std::string& id_or_name) override;
  engine::Result<std::vector<engine::NetworkSummary>> list_networks(
      const engine::LabelFilter& labels) override;
  engine::Status connect_network(const std::string& network, const std::string& container,
                                 const engine::EndpointConfig& endpoint) override;
  engine::Status disconnect_network(const std::string& network, const std::string& container,
                                    bool force) override;

  engine::Status create_volume(const engine::VolumeCreate& spec) override;
  engine::Status remove_volume(const std::string& name) override;
  engine::Result<std::vector<engine::VolumeSummary>> list_volumes(
      const engine::LabelFilter& labels) override;

  engine::Result<engine::ImageDetails> inspect_image(const std::string& reference) override;
  engine::Result<std::string> registry_digest(const std::string& reference,
                                              const std::string& registry_auth) override;
  engine::Result<std::string> build_image(const engine::ImageBuild& spec, std::string context_tar,
                                          const ProgressHandler& on_progress) override;
  engine::Status pull_image(const std::string& reference, const std::string& registry_auth,
                            const ProgressHandler& on_progress) override;
  engine::Status push_image(const std::string& reference, const std::string& registry_auth,
                            const ProgressHandler& on_progress) override;
  engine::Status tag_image(const std::string& source, const std::string& target) override;
  engine::Status remove_image(const std::string& reference, bool force) override;

  engine::Result<std::unique_ptr<engine::LogSubscription>> stream_logs(
      const std::string& id, const engine::LogOptions& options, LogHandler on_lines,
      LogStreamEnded on_end) override;
  engine::Result<engine::ProcessList> top_container(const std::string& id) override;
  engine::Result<engine::ContainerStats> container_stats(const std::string& id) override;
  engine::Result<engine::PathStat> stat_container_path(const std::string& id,
                                                       const std::string& path) override;
  engine::Result<std::string> read_container_archive(const std::string& id,
                                                     const std::string& path) override;
  engine::Status write_container_archive(const std::string& id, const std::string& directory,
                                         std::string tar, bool copy_uid_gid) override;
  engine::Result<std::string> commit_container(const std::string& id,
                                               const engine::ContainerCommit& spec) override;
  engine::Status export_container(
      const std::string& id, const std::function<void(std::string_view)>& on_piece) override;
  engine::Result<std::unique_ptr<engine::StdioStream>> attach_container(
      const std::string& id, const std::string& detach_keys) override;
  engine::Status resize_container(const std::string& id, int rows, int columns) override;
  engine::Result<std::string> create_exec(const std::string& container,
                                          const engine::ExecCreate& spec) override;
  engine::Result<std::unique_ptr<engine::StdioStream>> start_exec(const std::string& exec_id,
                                                                  bool tty) override;
  engine::Status start_exec_detached(const std::string& exec_id) override;
  engine::Status resize_exec(const std::string& exec_id, int rows, int columns) override;
  engine::Result<engine::ExecDetails> inspect_exec(const std::string& exec_id) override;

  engine::Result<std::string> engine_id() override;

  engine::Result<engine::SwarmInfo> swarm_info() override;
  engine::Result<std::string> create_service(const engine::ServiceSpec& spec,
                                             const std::string& registry_auth) override;
  engine::Status update_service(const std::string& id, uint64_t version,
                                const engine::ServiceSpec& spec,
                                const std::string& registry_auth) override;
  engine::Status remove_service(const std::string& id_or_name) override;
  engine::Result<std::vector<engine::ServiceSummary>> list_services(
      const engine::LabelFilter& labels) override;
  engine::Result<engine::ServiceSummary> inspect_service(const std::string& id_or_name) override;
  engine::Result<std::vector<engine::TaskSummary>> list_tasks(const std::string& service) override;

 private:
  struct Network {
    std::string id;
    engine::NetworkCreate spec;
    bool predefined = false;
    int next_address = 2;  // the last byte of the next container's IPv4
  };
  struct Volume {
    engine::VolumeCreate spec;
  };
  struct Image {
    std::vector<std::string> references;
    engine::ImageDetails details;
  };
  std::map<std::string, std::string> m_registry_digests;
  struct Service {
    engine::ServiceSpec spec;
    engine::ServiceSummary summary;
    int tasks_listed = 0;  // list_tasks calls so far
  };
  struct Exec {
    std::string container_id;
    std::vector<std::string> cmd;
    bool started = false;
  };

  // Records `line`; returns the injected failure for it, if any. With m_mutex held.
  std::optional<engine::Error> record(bool change, const std::string& line);
  std::string next_id();
  std::string shown(const std::string& id_or_name) const;  // a container's name for the transcript
  FakeContainer* find_container(const std::string& id_or_name);
  const FakeContainer* find_container(const std::string& id_or_name) const;
  Network* find_network(const std::string& id_or_name);
  Image* find_image(const std::string& reference);
  Service* find_service(const std::string& id_or_name);
  engine::Result<std::string> make_container(const engine::ContainerCreate& spec);
  engine::Status attach(FakeContainer& container, const std::string& network,
                        const engine::EndpointConfig& endpoint);
  void use_volumes(FakeContainer& container);
  void begin_run(FakeContainer& container);           // -> running, start event
  void end_run(FakeContainer& container, int code);   // -> exited, die event
  void emit(const FakeContainer& container, const std::string& action,
            std::map<std::string, std::string> extra = {});
  bool has_health_check(const FakeContainer& container);
  engine::ContainerDetails details_of(const FakeContainer& container);
  engine::ContainerSummary summary_of(const FakeContainer& container) const;
  static engine::Error no_such_container(const std::string& id);

  mutable std::mutex m_mutex;
  std::condition_variable m_state_changed;  // for wait_container
  std::shared_ptr<EventHub> m_hub;
  std::vector<std::string> m_transcript;
  std::vector<std::string> m_changes;
  std::vector<engine::Event> m_events;
  std::map<std::string, FakeContainer> m_containers;  // by ID
  std::vector<std::string> m_removed_ids;             // so temporary names stay readable
  std::map<std::string, Network> m_networks;          // by ID
  std::map<std::string, Volume> m_volumes;            // by name
  std::vector<Image> m_images;
  std::map<std::string, Exec> m_execs;  // by ID
  struct Failure {
    std::string prefix;
    engine::Error error;
    int times = 0;
  };
  std::vector<Failure> m_failures;
  std::map<std::string, int> m_exit_on_start;   // container name -> exit code
  std::map<std::string, int> m_stop_exit_code;  // container name -> exit code
  std::string m_health_on_start = "healthy";
  int m_exec_exit_code = 0;
  bool m_registry = false;
  bool m_swarm_manager = false;
  std::map<std::string, Service> m_services;          // by name
  std::map<std::string, std::string> m_task_states;   // service name -> its tasks' state
  uint64_t m_counter = 0;
  int64_t m_last_start_nano = 0;
};

}  // namespace berth::testing
