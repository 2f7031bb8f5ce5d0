#include "engine/docker_engine.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <utility>

#include "engine/event_json.h"
#include "engine/swarm_json.h"
#include "engine/event_stream.h"
#include "engine/json_mapping.h"
#include "engine/log_request.h"
#include "engine/log_stream.h"

namespace berth::engine {

namespace {

constexpr const char* k_default_host = "unix:///var/run/docker.sock";
// The first call only checks that the engine answers; a live engine answers
// /version at once, so a long wait means something is wrong.
constexpr std::chrono::milliseconds k_connect_timeout = std::chrono::seconds(15);

struct ApiVersion {
  int major = 0;
  int minor = 0;
  auto operator<=>(const ApiVersion&) const = default;
};

std::optional<ApiVersion> parse_api_version(std::string_view text) {
  ApiVersion version;
  const char* end = text.data() + text.size();
  auto [dot, error] = std::from_chars(text.data(), end, version.major);
  if (error != std::errc() || dot == end || *dot != '.') {
    return std::nullopt;
  }
  auto [last, minor_error] = std::from_chars(dot + 1, end, version.minor);
  if (minor_error != std::errc() || last != end) {
    return std::nullopt;
  }
  return version;
}

// "a?b&c" from a path and query parts; empty parts are left out.
std::string with_query(std::string path, std::initializer_list<std::string> parts) {
  char separator = '?';
  for (const auto& part : parts) {
    if (!part.empty()) {
      path += separator;
      path += part;
      separator = '&';
    }
  }
  return path;
}

// http_request() with headers of the caller's: http_stream() carries them,
// and its pieces of a 2xx answer are collected into the one body.
Result<HttpResponse> request_with_headers(const Endpoint& endpoint, std::string_view method,
                                          const std::string& target, std::string body,
                                          std::vector<std::pair<std::string, std::string>> headers,
                                          std::chrono::milliseconds timeout) {
  StreamingRequest request;
  request.method = std::string(method);
  request.target = target;
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.setup_timeout = timeout;
  request.idle_timeout = timeout;
  std::string collected;
  auto response = http_stream(endpoint, std::move(request),
                              [&](std::string_view piece) { collected.append(piece); });
  if (response && response->status / 100 == 2) {
    response.value().body = std::move(collected);
  }
  return response;
}

std::string connection_hint(const std::string& host, const std::string& reason) {
  return "cannot connect to the Docker engine at " + host + ": " + reason +
         " (is dockerd running? start it with `sudo dockerd` or run scripts/setup)";
}

}  // namespace

Result<std::string> negotiate_api_version(const std::string& host, const std::string& engine_api) {
  const auto ours = parse_api_version(k_api_version);
  const auto theirs = parse_api_version(engine_api);
  if (!theirs || *theirs < *ours) {
    return Error{ErrorCode::server, 0,
                 "the Docker engine at " + host + " speaks API " +
                     (engine_api.empty() ? std::string("(unknown)") : engine_api) +
                     ", berth needs " + std::string(k_api_version) + " or newer"};
  }
  return *theirs < *ours ? engine_api : std::string(k_api_version);
}

DockerEngine::DockerEngine(Endpoint endpoint, std::string api_version)
    : m_endpoint(std::move(endpoint)), m_prefix("/v" + std::move(api_version)) {}

DockerEngine::DockerEngine(Endpoint endpoint, std::string api_version,
                           std::shared_future<Result<std::string>> engine_id)
    : m_endpoint(std::move(endpoint)),
      m_prefix("/v" + std::move(api_version)),
      m_engine_id(std::move(engine_id)) {}

Error DockerEngine::with_context(Error error, std::string_view method,
                                 const std::string& target) const {
  error.message =
      std::string(method) + " " + target + " on " + m_endpoint.text + ": " + error.message;
  return error;
}

Result<std::string> DockerEngine::call(const Call& request) const {
  const std::string target = m_prefix + request.path;
  auto response =
      request.headers.empty()
          ? http_request(m_endpoint, request.method, target, request.body, request.timeout)
          : request_with_headers(m_endpoint, request.method, target, request.body, request.headers,
                                 request.timeout);
  if (!response) {
    return with_context(response.error(), request.method, target);
  }
  const int status = response->status;
  if ((status >= 200 && status < 300) || (status == 304 && request.not_modified_ok)) {
    return std::move(response).value().body;
  }
  return error_from_response(status, response->body);
}

Status DockerEngine::call_status(const Call& request) const {
  auto answer = call(request);
  if (!answer) {
    return answer.error();
  }
  return Done{};
}

Status DockerEngine::ping() { return call_status({"GET", "/_ping"}); }

Result<VersionInfo> DockerEngine::version() {
  auto answer = call({"GET", "/version"});
  return answer ? parse_version_info(*answer) : Result<VersionInfo>(answer.error());
}

Result<std::string> DockerEngine::create_container(const ContainerCreate& spec) {
  auto body = container_create_body(spec);
  if (!body) {
    return body.error();
  }
  const std::string name = spec.name.empty() ? "" : "name=" + url_encode(spec.name);
  // API 1.41 takes the platform in the query, not in the body.
  const std::string platform = spec.platform.empty() ? "" : "platform=" + url_encode(spec.platform);
  auto answer = call({"POST", with_query("/containers/create", {name, platform}), body->dump()});
  return answer ? parse_created_id(*answer) : answer;
}

Status DockerEngine::start_container(const std::string& id) {
  return call_status({"POST",
                      "/containers/" + url_encode(id) + "/start",
                      {},
                      k_default_timeout,
                      /*not_modified_ok=*/true});
}

Status DockerEngine::stop_container(const std::string& id, int timeout_seconds) {
  const auto timeout = std::chrono::seconds(std::max(timeout_seconds, 0) + k_stop_slack_seconds);
  const std::string path = "/containers/" + url_encode(id) + "/stop";
  return call_status({"POST",
                      with_query(path, {"t=" + std::to_string(timeout_seconds)}),
                      {},
                      timeout,
                      /*not_modified_ok=*/true});
}

Status DockerEngine::kill_container(const std::string& id, const std::string& signal) {
  const std::string path = "/containers/" + url_encode(id) + "/kill";
  return call_status(
      {"POST", with_query(path, {signal.empty() ? "" : "signal=" + url_encode(signal)})});
}

Status DockerEngine::remove_container(const std::string& id, bool force, bool remove_volumes) {
  const std::string path = "/containers/" + url_encode(id);
  return call_status({"DELETE", with_query(path, {force ? "force=1" : "force=0",
                                                  remove_volumes ? "v=1" : "v=0"})});
}

Status DockerEngine::rename_container(const std::string& id, const std::string& new_name) {
  const std::string path = "/containers/" + url_encode(id) + "/rename";
  return call_status({"POST", with_query(path, {"name=" + url_encode(new_name)})});
}

Status DockerEngine::pause_container(const std::string& id) {
  return call_status({"POST", "/containers/" + url_encode(id) + "/pause"});
}

Status DockerEngine::unpause_container(const std::string& id) {
  return call_status({"POST", "/containers/" + url_encode(id) + "/unpause"});
}

Result<std::vector<ContainerSummary>> DockerEngine::list_containers(const LabelFilter& labels,
                                                                    bool all) {
  auto answer = call(
      {"GET", with_query("/containers/json", {all ? "all=1" : "", label_filters_query(labels)})});
  return answer ? parse_container_list(*answer)
                : Result<std::vector<ContainerSummary>>(answer.error());
}

Result<ContainerDetails> DockerEngine::inspect_container(const std::string& id) {
  auto answer = call({"GET", "/containers/" + url_encode(id) + "/json"});
  return answer ? parse_container_details(*answer) : Result<ContainerDetails>(answer.error());
}

Status DockerEngine::restart_container(const std::string& id, int timeout_seconds) {
  const auto timeout = std::chrono::seconds(std::max(timeout_seconds, 0) + k_stop_slack_seconds);
  const std::string path = "/containers/" + url_encode(id) + "/restart";
  return call_status(
      {"POST", with_query(path, {"t=" + std::to_string(timeout_seconds)}), {}, timeout});
}

Result<int> DockerEngine::wait_container(const std::string& id, std::chrono::milliseconds timeout) {
  const std::string path = "/containers/" + url_encode(id) + "/wait";
  auto answer = call({"POST", with_query(path, {"condition=not-running"}), {}, timeout});
  if (!answer) {
    return answer.error();
  }
  auto wait = parse_wait_answer(*answer);
  if (!wait) {
    return wait.error();
  }
  if (!wait->error.empty()) {
    // The engine answered 200 but could not wait (e.g. the container vanished).
    return Error{ErrorCode::server, 200, wait->error};
  }
  return wait->status_code;
}

Result<std::unique_ptr<EventSubscription>> DockerEngine::subscribe_events(const EventFilter& filter,
                                                                          EventHandler on_event,
                                                                          EventStreamEnded on_end) {
  // `since` now: dockerd sends the headers before it subscribes, and replays
  // from its buffer what happened since then, so no event after our return
  // falls between the two.
  const std::string target =
      m_prefix + "/events?" + events_query(filter, std::chrono::system_clock::now());
  auto stream = open_event_stream(m_endpoint, target, std::move(on_event), std::move(on_end));
  if (!stream &&
      (stream.error().code == ErrorCode::transport || stream.error().code == ErrorCode::timeout)) {
    return with_context(stream.error(), "GET", target);
  }
  return stream;
}

Result<std::string> DockerEngine::create_network(const NetworkCreate& spec) {
  auto answer = call({"POST", "/networks/create", network_create_body(spec).dump()});
  return answer ? parse_created_id(*answer) : answer;
}

Status DockerEngine::remove_network(const std::string& id_or_name) {
  return call_status({"DELETE", "/networks/" + url_encode(id_or_name)});
}

Result<std::vector<NetworkSummary>> DockerEngine::list_networks(const LabelFilter& labels) {
  auto answer = call({"GET", with_query("/networks", {label_filters_query(labels)})});
  return answer ? parse_network_list(*answer) : Result<std::vector<NetworkSummary>>(answer.error());
}

Status DockerEngine::connect_network(const std::string& network, const std::string& container,
                                     const EndpointConfig& endpoint) {
  return call_status({"POST", "/networks/" + url_encode(network) + "/connect",
                      network_connect_body(container, endpoint).dump()});
}

Status DockerEngine::disconnect_network(const std::string& network, const std::string& container,
                                        bool force) {
  return call_status({"POST", "/networks/" + url_encode(network) + "/disconnect",
                      network_disconnect_body(container, force).dump()});
}

Status DockerEngine::create_volume(const VolumeCreate& spec) {
  return call_status({"POST", "/volumes/create", volume_create_body(spec).dump()});
}

Status DockerEngine::remove_volume(const std::string& name) {
  return call_status({"DELETE", "/volumes/" + url_encode(name)});
}

Result<std::vector<VolumeSummary>> DockerEngine::list_volumes(const LabelFilter& labels) {
  auto answer = call({"GET", with_query("/volumes", {label_filters_query(labels)})});
  return answer ? parse_volume_list(*answer) : Result<std::vector<VolumeSummary>>(answer.error());
}

Result<ImageDetails> DockerEngine::inspect_image(const std::string& reference) {
  auto answer = call({"GET", "/images/" + url_encode(reference) + "/json"});
  return answer ? parse_image_details(*answer) : Result<ImageDetails>(answer.error());
}

Result<std::string> DockerEngine::registry_digest(const std::string& reference,
                                                  const std::string& registry_auth) {
  Call request{"GET", "/distribution/" + url_encode(reference) + "/json"};
  if (!registry_auth.empty()) {
    request.headers.emplace_back("X-Registry-Auth", registry_auth);
  }
  auto answer = call(request);
  return answer ? parse_distribution_digest(*answer) : Result<std::string>(answer.error());
}

Result<std::unique_ptr<LogSubscription>> DockerEngine::stream_logs(const std::string& id,
                                                                   const LogOptions& options,
                                                                   LogHandler on_lines,
                                                                   LogStreamEnded on_end) {
  auto inspected = call({"GET", "/containers/" + url_encode(id) + "/json"});
  if (!inspected) {
    return inspected.error();
  }
  auto tty = parse_container_tty(*inspected);
  if (!tty) {
    return tty.error();
  }
  const std::string target =
      m_prefix + "/containers/" + url_encode(id) + "/logs?" + logs_query(options);
  auto stream =
      open_log_stream(m_endpoint, target, !*tty, std::move(on_lines), std::move(on_end));
  if (!stream &&
      (stream.error().code == ErrorCode::transport || stream.error().code == ErrorCode::timeout)) {
    return with_context(stream.error(), "GET", target);
  }
  return stream;
}

// Inspection for the command line.

Result<ProcessList> DockerEngine::top_container(const std::string& id) {
  auto answer = call({"GET", "/containers/" + url_encode(id) + "/top"});
  return answer ? parse_process_list(*answer) : Result<ProcessList>(answer.error());
}

std::string default_engine_host() {
  const char* host = std::getenv("DOCKER_HOST");
  return host != nullptr && *host != '\0' ? std::string(host) : std::string(k_default_host);
}

Result<std::shared_ptr<Engine>> connect_docker(const std::string& host,
                                               const std::atomic<bool>* cancel,
                                               bool ask_engine_id) {
  auto endpoint = parse_host(host);
  if (!endpoint) {
    return endpoint.error();
  }
  // The engine's ID (GET /info, 6 ms on dockerd 20.10) keys the project lock
  // that the changing commands take: asked for when first needed (deferred),
  // so a read such as `ps` never waits for it. Unversioned, as /_ping.
  std::shared_future<Result<std::string>> engine_id;
  if (ask_engine_id) {
    engine_id = std::async(std::launch::deferred, [endpoint = *endpoint, cancel] {
                  auto answer =
                      http_request(endpoint, "GET", "/info", {}, k_connect_timeout, cancel);
                  if (!answer) {
                    return Result<std::string>(answer.error());
                  }
                  if (answer->status != 200) {
                    return Result<std::string>(error_from_response(answer->status, answer->body));
                  }
                  return parse_engine_id(answer->body);
                }).share();
  }
  // The API version from /_ping's Api-Version header, as the docker CLI
  // negotiates it (0.3 ms, where /version takes 5 ms: it asks containerd
  // and the kernel); /version when the answer has no such header.
  // Unversioned on purpose: every engine answers both, whatever its API.
  // A transport failure says how to start dockerd; Ctrl+C stays a cancel.
  auto ask = [&](const char* path) -> Result<HttpResponse> {
    auto answer = http_request(*endpoint, "GET", path, {}, k_connect_timeout, cancel);
    if (!answer && answer.error().code != ErrorCode::cancelled) {
      return Error{answer.error().code, 0, connection_hint(host, answer.error().message)};
    }
    return answer;
  };
  auto response = ask("/_ping");
  if (!response) {
    return response.error();
  }
  std::string engine_api;
  for (const auto& [name, value] : response->headers) {
    if (name == "api-version") {
      engine_api = value;
    }
  }
  if (response->status != 200 || engine_api.empty()) {
    auto version = ask("/version");
    if (!version) {
      return version.error();
    }
    if (version->status != 200) {
      // Something answers: saying "is dockerd running?" would mislead.
      Error error = error_from_response(version->status, version->body);
      error.message = "the Docker engine at " + host + " answered GET /version with HTTP " +
                      std::to_string(version->status) + ": " + error.message;
      return error;
    }
    auto info = parse_version_info(version->body);
    if (!info) {
      return info.error();
    }
    engine_api = info->api_version;
  }
  auto api_version = negotiate_api_version(host, engine_api);
  if (!api_version) {
    return api_version.error();
  }
  return std::shared_ptr<Engine>(std::make_shared<DockerEngine>(
      std::move(endpoint).value(), std::move(api_version).value(), std::move(engine_id)));
}

}  // namespace berth::engine
