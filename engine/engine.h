#pragma once
// Engine: the Docker Engine API as berth uses it. Abstract so planners can be
// tested against a hand-written fake; DockerEngine speaks HTTP to dockerd.
// Every call is safe to make from several threads at once.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cli_types.h"
#include "engine/result.h"
#include "engine/stdio_stream.h"
#include "engine/swarm_types.h"
#include "engine/types.h"

namespace berth::engine {

// A live /events stream; see Engine::subscribe_events. The destructor stops
// it and waits for its thread.
class EventSubscription {
 public:
  virtual ~EventSubscription() = default;
};

// A live log stream; see Engine::stream_logs. The destructor stops it and
// waits for its thread.
class LogSubscription {
 public:
  virtual ~LogSubscription() = default;
};

class Engine {
 public:
  virtual ~Engine() = default;

  virtual Status ping() = 0;
  virtual Result<VersionInfo> version() = 0;

  // Containers. `id` may be an ID or a name.
  virtual Result<std::string> create_container(const ContainerCreate& spec) = 0;  // -> ID
  virtual Status start_container(const std::string& id) = 0;        // already running: ok
  virtual Status stop_container(const std::string& id, int timeout_seconds) = 0;  // already stopped: ok
  virtual Status kill_container(const std::string& id, const std::string& signal) = 0;
  virtual Status remove_container(const std::string& id, bool force, bool remove_volumes) = 0;
  virtual Status rename_container(const std::string& id, const std::string& new_name) = 0;
  virtual Status pause_container(const std::string& id) = 0;
  virtual Status unpause_container(const std::string& id) = 0;
  virtual Result<std::vector<ContainerSummary>> list_containers(const LabelFilter& labels,
                                                                bool all) = 0;
  virtual Result<ContainerDetails> inspect_container(const std::string& id) = 0;
  virtual Status restart_container(const std::string& id, int timeout_seconds) = 0;
  // Writes the files into the container's filesystem as one tar archive
  // extracted at "/" (docker_engine_archive.cc).
  virtual Status put_files(const std::string& id, const std::vector<ContainerFile>& files) = 0;
  // Blocks until the container is not running (POST /containers/{id}/wait,
  // condition not-running) and gives its exit code; ErrorCode::timeout when
  // `timeout` passes first.
  virtual Result<int> wait_container(const std::string& id, std::chrono::milliseconds timeout) = 0;

  // Events. subscribe_events() returns once the engine has accepted the
  // stream, so every event after the return is delivered: `on_event` is called
  // for each, in order, on the subscription's own thread. `on_end` is called
  // there once if the stream ends or breaks while the subscription lives.
  // Destroying the subscription stops it; no callback runs after that.
  using EventHandler = std::function<void(const Event&)>;
  using EventStreamEnded = std::function<void(const Error&)>;
  virtual Result<std::unique_ptr<EventSubscription>> subscribe_events(const EventFilter& filter,
                                                                      EventHandler on_event,
                                                                      EventStreamEnded on_end) = 0;

  // Networks.
  virtual Result<std::string> create_network(const NetworkCreate& spec) = 0;  // -> ID
  virtual Status remove_network(const std::string& id_or_name) = 0;
  virtual Result<std::vector<NetworkSummary>> list_networks(const LabelFilter& labels) = 0;
  // Attaches a container (ID or name) to one more network, as `endpoint` says;
  // endpoint.network is not used, `network` (ID or name) names it. API 1.41
  // attaches one network at create: the others are connected before start.
  virtual Status connect_network(const std::string& network, const std::string& container,
                                 const EndpointConfig& endpoint) = 0;
  virtual Status disconnect_network(const std::string& network, const std::string& container,
                                    bool force) = 0;

  // Volumes.
  virtual Status create_volume(const VolumeCreate& spec) = 0;
  virtual Status remove_volume(const std::string& name) = 0;
  virtual Result<std::vector<VolumeSummary>> list_volumes(const LabelFilter& labels) = 0;

  // Images.
  virtual Result<ImageDetails> inspect_image(const std::string& reference) = 0;
  // GET /distribution/{name}/json: the digest ("sha256:...") the image's
  // registry has for `reference` now, asked by the engine; `registry_auth`
  // as for pull_image.
  virtual Result<std::string> registry_digest(const std::string& reference,
                                              const std::string& registry_auth) = 0;
  // Build, pull and push stream the engine's progress: `on_progress` gets
  // each message in order, on the caller's thread, while the call blocks.
  // A message with `error` ends the operation as an Error carrying it.
  using ProgressHandler = std::function<void(const ProgressMessage&)>;
  // POST /build with `context_tar` (an uncompressed tar) as the body; -> the
  // image ID. Builds have no deadline: a step may run as long as it needs.
  // `context_tar` by value: moved through to the socket, never copied.
  virtual Result<std::string> build_image(const ImageBuild& spec, std::string context_tar,
                                          const ProgressHandler& on_progress) = 0;
  // POST /images/create and /images/{name}/push; `registry_auth` is the
  // X-Registry-Auth header's value (see registry_auth.h), empty for none.
  virtual Status pull_image(const std::string& reference, const std::string& registry_auth,
                            const ProgressHandler& on_progress) = 0;
  virtual Status push_image(const std::string& reference, const std::string& registry_auth,
                            const ProgressHandler& on_progress) = 0;
  // POST /images/{source}/tag: `target` is "repo[:tag]".
  virtual Status tag_image(const std::string& source, const std::string& target) = 0;
  virtual Status remove_image(const std::string& reference, bool force) = 0;

  // Logs (GET /containers/{id}/logs, stdout and stderr). Returns once the
  // engine has answered; then `on_lines` gets the complete lines of each read,
  // in order, on the subscription's own thread (a partial last line comes as a
  // line when the stream ends). `on_end` is called there once when the stream
  // ends while the subscription lives: Done when the engine ended it (all
  // lines sent; when following, the container stopped), else the Error.
  // Destroying the subscription stops it; no callback runs after that, and a
  // callback must not destroy its own subscription.
  using LogHandler = std::function<void(const std::vector<LogLine>& lines)>;
  using LogStreamEnded = std::function<void(const Status& status)>;
  virtual Result<std::unique_ptr<LogSubscription>> stream_logs(const std::string& id,
                                                               const LogOptions& options,
                                                               LogHandler on_lines,
                                                               LogStreamEnded on_end) = 0;

  // Inspection for the command line (port, top, images, version).
  // The processes running in a container (GET /containers/{id}/top), as the
  // engine's `ps` shows them.
  virtual Result<ProcessList> top_container(const std::string& id) = 0;
  // One sample of a container's resource use (GET /containers/{id}/stats
  // ?stream=false): the engine takes two readings about a second apart, so
  // precpu_* hold the earlier one. A stopped container's figures are zero.
  virtual Result<ContainerStats> container_stats(const std::string& id) = 0;

  // Files in and out of a container's filesystem (`berth cp`), running or not.
  // What is at `path` (HEAD /containers/{id}/archive); ErrorCode::not_found
  // when nothing is, or no such container.
  virtual Result<PathStat> stat_container_path(const std::string& id, const std::string& path) = 0;
  // A tar of `path` (GET .../archive), its entries named from path's base name.
  virtual Result<std::string> read_container_archive(const std::string& id,
                                                     const std::string& path) = 0;
  // Extracts `tar` into the existing directory `directory` (PUT .../archive).
  // `copy_uid_gid`: the entries' owners are kept (else the container's root).
  virtual Status write_container_archive(const std::string& id, const std::string& directory,
                                         std::string tar, bool copy_uid_gid) = 0;
  // POST /commit: an image of the container's filesystem -> the image's ID.
  virtual Result<std::string> commit_container(const std::string& id,
                                               const ContainerCommit& spec) = 0;
  // GET /containers/{id}/export: the filesystem as a tar, handed to
  // `on_piece` as it arrives, on the caller's thread.
  virtual Status export_container(const std::string& id,
                                  const std::function<void(std::string_view)>& on_piece) = 0;

  // Run and exec: a process's standard streams over a hijacked connection
  // (see stdio_stream.h). Attach before start so no output is lost; the
  // stream ends when the container stops or the exec's process exits.
  // Sizes are in characters. attach_container() inspects the container
  // first: only a container without a TTY has framed output.
  // `detach_keys` ("ctrl-p,ctrl-q" form; "": the engine's default) end the
  // attachment, not the container (`berth attach --detach-keys`).
  virtual Result<std::unique_ptr<StdioStream>> attach_container(
      const std::string& id, const std::string& detach_keys = "") = 0;
  virtual Status resize_container(const std::string& id, int rows, int columns) = 0;
  virtual Result<std::string> create_exec(const std::string& container,
                                          const ExecCreate& spec) = 0;  // -> exec ID
  // Starts an exec made with attach_output; `tty` as it was created.
  virtual Result<std::unique_ptr<StdioStream>> start_exec(const std::string& exec_id,
                                                          bool tty) = 0;
  virtual Status start_exec_detached(const std::string& exec_id) = 0;
  virtual Status resize_exec(const std::string& exec_id, int rows, int columns) = 0;
  virtual Result<ExecDetails> inspect_exec(const std::string& exec_id) = 0;

  // GET /info's ID: the engine's identity, the same whichever address reaches it.
  virtual Result<std::string> engine_id() = 0;

  // Swarm (`berth deploy`); the engine must be a swarm manager for all but
  // swarm_info(). `registry_auth` as for pull_image ("" for none): swarm
  // passes it to the nodes that pull the image.
  virtual Result<SwarmInfo> swarm_info() = 0;  // GET /info
  virtual Result<std::string> create_service(const ServiceSpec& spec,
                                             const std::string& registry_auth) = 0;  // -> ID
  // `version` is the service's Version.Index as last read; an older one is
  // refused by the engine (someone else updated it meanwhile).
  virtual Status update_service(const std::string& id, uint64_t version, const ServiceSpec& spec,
                                const std::string& registry_auth) = 0;
  virtual Status remove_service(const std::string& id_or_name) = 0;
  virtual Result<std::vector<ServiceSummary>> list_services(const LabelFilter& labels) = 0;
  virtual Result<ServiceSummary> inspect_service(const std::string& id_or_name) = 0;
  // The tasks of one service (ID or name), every state included.
  virtual Result<std::vector<TaskSummary>> list_tasks(const std::string& service) = 0;
};

// The JSON body swarm is sent for `spec`, as text with sorted keys: equal
// specs give equal text, so `deploy` can tell a changed service by its hash.
std::string service_spec_text(const ServiceSpec& spec);

// Where the engine listens: DOCKER_HOST when set (unix:// or tcp://), else the
// default unix socket.
std::string default_engine_host();

// Connects to the engine at `host` ("unix:///path" or "tcp://host:port"),
// checks that it answers and negotiates the API version (the lower of ours,
// 1.41, and the engine's). An engine that cannot be reached gives an Error of
// code transport whose message names the address and how to start dockerd;
// one that answers with an error status gives that status and its message.
// `cancel`, when given and set by another thread (Ctrl+C), ends the wait for
// an engine that accepts but does not answer: ErrorCode::cancelled.
// `ask_engine_id`: GET /info is sent beside /version, on a connection of its
// own, and engine_id() gives its answer without another round trip.
Result<std::shared_ptr<Engine>> connect_docker(const std::string& host,
                                               const std::atomic<bool>* cancel = nullptr,
                                               bool ask_engine_id = false);

}  // namespace berth::engine
