// DockerEngine's image operations that stream progress: build, pull, push;
// and the small ones beside them (tag, remove).

#include <utility>

#include "engine/docker_engine.h"
#include "engine/image_build_query.h"
#include "engine/image_reference.h"
#include "engine/json_mapping.h"
#include "engine/line_splitter.h"
#include "engine/progress_json.h"

namespace berth::engine {

namespace {

// X-Registry-Auth for no credentials: base64url of "{}"; some engines
// refuse a push without the header at all.
constexpr const char* k_no_registry_auth = "e30=";

// Registry operations may wait on a slow registry, but not forever.
constexpr std::chrono::milliseconds k_registry_idle_timeout = std::chrono::minutes(5);

// "name[:tag][@digest]" -> {name, tag or digest}; a ':' before the last '/'
// belongs to a registry's port.
std::pair<std::string, std::string> split_tag(const std::string& reference) {
  const auto at = reference.find('@');
  if (at != std::string::npos) {
    return {reference.substr(0, at), reference.substr(at + 1)};
  }
  const auto colon = reference.rfind(':');
  const auto slash = reference.rfind('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    return {reference.substr(0, colon), reference.substr(colon + 1)};
  }
  return {reference, "latest"};
}

// Feeds a progress stream's bytes to `on_progress` message by message and
// keeps the first error the engine reports in it.
class ProgressReader {
 public:
  explicit ProgressReader(const Engine::ProgressHandler& on_progress) : m_on_progress(on_progress) {}

  void feed(std::string_view bytes) {
    for (const auto& line : m_lines.feed(bytes)) {
      auto message = parse_progress_line(line);
      if (!message) {
        ProgressMessage text;  // not JSON: shown as the engine sent it
        text.stream = line + "\n";
        deliver(text);
        continue;
      }
      deliver(*message);
    }
  }

  const std::string& error() const { return m_error; }
  const std::string& aux_id() const { return m_aux_id; }
  const std::string& last_stream() const { return m_last_stream; }

 private:
  void deliver(const ProgressMessage& message) {
    if (!message.error.empty() && m_error.empty()) {
      m_error = message.error;
    }
    if (!message.aux_id.empty()) {
      m_aux_id = message.aux_id;
    }
    if (!message.stream.empty()) {
      m_last_stream = message.stream;
    }
    if (m_on_progress) {
      m_on_progress(message);
    }
  }

  const Engine::ProgressHandler& m_on_progress;
  LineSplitter m_lines;
  std::string m_error;
  std::string m_aux_id;
  std::string m_last_stream;
};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

Result<std::string> DockerEngine::build_image(const ImageBuild& spec, std::string context_tar,
                                              const ProgressHandler& on_progress) {
  StreamingRequest request;
  request.target = m_prefix + "/build?" + image_build_query(spec);
  request.content_type = "application/x-tar";
  request.body = std::move(context_tar);
  if (!spec.registry_config.empty()) {
    request.headers.emplace_back("X-Registry-Config", spec.registry_config);
  }
  ProgressReader reader(on_progress);
  const std::string target = request.target;  // the request itself moves on, with the context
  auto response = http_stream(m_endpoint, std::move(request),
                              [&](std::string_view bytes) { reader.feed(bytes); });
  if (!response) {
    return with_context(response.error(), "POST", target);
  }
  if (response->status / 100 != 2) {
    return error_from_response(response->status, response->body);
  }
  if (!reader.error().empty()) {
    return Error{ErrorCode::server, 0, reader.error()};
  }
  if (!reader.aux_id().empty()) {
    return reader.aux_id();
  }
  // Quiet builds print just the ID; older engines send no aux message.
  const std::string last = trimmed(reader.last_stream());
  if (last.rfind("sha256:", 0) == 0) {
    return last;
  }
  if (!spec.tag.empty()) {
    auto image = inspect_image(spec.tag);
    if (image) {
      return image->id;
    }
  }
  return Error{ErrorCode::server, 0, "the engine's build ended without an image ID"};
}

Status DockerEngine::registry_transfer(const std::string& path, const std::string& registry_auth,
                                       const ProgressHandler& on_progress) const {
  StreamingRequest request;
  request.target = m_prefix + path;
  request.headers.emplace_back("X-Registry-Auth",
                               registry_auth.empty() ? k_no_registry_auth : registry_auth);
  request.idle_timeout = k_registry_idle_timeout;
  ProgressReader reader(on_progress);
  auto response =
      http_stream(m_endpoint, request, [&](std::string_view bytes) { reader.feed(bytes); });
  if (!response) {
    return with_context(response.error(), request.method, request.target);
  }
  if (response->status / 100 != 2) {
    return error_from_response(response->status, response->body);
  }
  if (!reader.error().empty()) {
    return Error{ErrorCode::server, 0, reader.error()};
  }
  return Done{};
}

Status DockerEngine::pull_image(const std::string& reference, const std::string& registry_auth,
                                const ProgressHandler& on_progress) {
  auto parsed = parse_image_reference(reference);
  if (!parsed) {
    return parsed.error();
  }
  return registry_transfer("/images/create?" + to_query_string(pull_query(*parsed)),
                           registry_auth, on_progress);
}

Status DockerEngine::push_image(const std::string& reference, const std::string& registry_auth,
                                const ProgressHandler& on_progress) {
  const auto [name, tag] = split_tag(reference);
  return registry_transfer("/images/" + url_encode(name) + "/push?tag=" + url_encode(tag),
                           registry_auth, on_progress);
}

Status DockerEngine::tag_image(const std::string& source, const std::string& target) {
  const auto [repo, tag] = split_tag(target);
  return call_status({"POST", "/images/" + url_encode(source) + "/tag?repo=" + url_encode(repo) +
                                  "&tag=" + url_encode(tag)});
}

Status DockerEngine::remove_image(const std::string& reference, bool force) {
  return call_status(
      {"DELETE", "/images/" + url_encode(reference) + (force ? "?force=1" : "")});
}

}  // namespace berth::engine
