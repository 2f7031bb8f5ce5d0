// GET /containers/{id}/stats and the archive endpoints `cp` uses.

#include <utility>

#include "engine/docker_engine.h"
#include "engine/json_mapping.h"

namespace berth::engine {

namespace {

// dockerd answers stream=false after two readings a second apart; a loaded
// engine may take longer, but not this long.
constexpr std::chrono::milliseconds k_stats_timeout = std::chrono::seconds(30);

std::string archive_path(const std::string& id, const std::string& path) {
  return "/containers/" + url_encode(id) + "/archive?path=" + url_encode(path);
}

}  // namespace

Result<ContainerStats> DockerEngine::container_stats(const std::string& id) {
  auto answer = call(
      {"GET", "/containers/" + url_encode(id) + "/stats?stream=false", {}, k_stats_timeout});
  return answer ? parse_container_stats(*answer) : Result<ContainerStats>(answer.error());
}

Result<PathStat> DockerEngine::stat_container_path(const std::string& id,
                                                   const std::string& path) {
  const std::string target = m_prefix + archive_path(id, path);
  auto response = http_request(m_endpoint, "HEAD", target);
  if (!response) {
    return with_context(response.error(), "HEAD", target);
  }
  if (response->status == 404) {
    // A HEAD has no body to carry the engine's message.
    return Error{ErrorCode::not_found, 404, "no such container or path: " + path};
  }
  if (response->status / 100 != 2) {
    return error_from_response(response->status, response->body);
  }
  for (const auto& [name, value] : response->headers) {
    if (name == "x-docker-container-path-stat") {
      return parse_path_stat(value);
    }
  }
  return Error{ErrorCode::transport, 0, "the engine's answer has no path stat: " + target};
}

Result<std::string> DockerEngine::read_container_archive(const std::string& id,
                                                         const std::string& path) {
  StreamingRequest request;
  request.method = "GET";
  request.target = m_prefix + archive_path(id, path);
  request.setup_timeout = k_default_timeout;
  request.idle_timeout = k_default_timeout;
  const std::string target = request.target;
  std::string tar;
  auto response = http_stream(m_endpoint, std::move(request),
                              [&tar](std::string_view piece) { tar.append(piece); });
  if (!response) {
    return with_context(response.error(), "GET", target);
  }
  if (response->status / 100 != 2) {
    return error_from_response(response->status, response->body);
  }
  return tar;
}

Status DockerEngine::write_container_archive(const std::string& id, const std::string& directory,
                                             std::string tar, bool copy_uid_gid) {
  return put_archive(archive_path(id, directory) + (copy_uid_gid ? "&copyUIDGID=true" : ""),
                     std::move(tar));
}

Result<std::string> DockerEngine::commit_container(const std::string& id,
                                                   const ContainerCommit& spec) {
  std::string query = "/commit?container=" + url_encode(id) + "&pause=" +
                      (spec.pause ? "true" : "false");
  const std::pair<const char*, const std::string*> optional[] = {
      {"repo", &spec.repository}, {"tag", &spec.tag}, {"comment", &spec.comment},
      {"author", &spec.author}};
  for (const auto& [name, value] : optional) {
    if (!value->empty()) {
      query += std::string("&") + name + "=" + url_encode(*value);
    }
  }
  for (const auto& change : spec.changes) {
    query += "&changes=" + url_encode(change);
  }
  // The body is the new image's config; {} keeps the container's.
  auto answer = call({"POST", query, "{}", std::chrono::minutes(10)});
  return answer ? parse_created_id(*answer) : answer;
}

Status DockerEngine::export_container(const std::string& id,
                                      const std::function<void(std::string_view)>& on_piece) {
  StreamingRequest request;
  request.method = "GET";
  request.target = m_prefix + "/containers/" + url_encode(id) + "/export";
  request.setup_timeout = k_default_timeout;
  request.idle_timeout = k_default_timeout;
  const std::string target = request.target;
  auto response = http_stream(m_endpoint, std::move(request), on_piece);
  if (!response) {
    return with_context(response.error(), "GET", target);
  }
  if (response->status / 100 != 2) {
    return error_from_response(response->status, response->body);
  }
  return Done{};
}

}  // namespace berth::engine
