// PUT /containers/{id}/archive: files written into a container, as compose v2
// writes secrets and configs that have no file on the host.

#include <chrono>
#include <utility>

#include "engine/docker_engine.h"
#include "engine/json_mapping.h"
#include "engine/tar_writer.h"

namespace berth::engine {

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Entries named relative to "/", where the archive is extracted; the engine
// makes missing parent directories (root-owned, 0755).
std::string archive_of(const std::vector<ContainerFile>& files) {
  TarWriter writer;
  const std::int64_t mtime = now_seconds();
  for (const ContainerFile& file : files) {
    std::string name = file.path;
    while (!name.empty() && name.front() == '/') {
      name.erase(0, 1);
    }
    writer.add_owned_file(name, file.mode, mtime, file.content, file.uid, file.gid);
  }
  return writer.finish();
}

}  // namespace

// Without copyUIDGID the engine keeps each entry's owner from the archive.
// compose v2 asks for copyUIDGID when a uid or gid is given, which makes the
// engine look the container's `user:` up in the host's passwd and give the
// files to it (dockerd 20.10: "getent unable to find entry" when it is not
// there): berth keeps the owner asked for.
Status DockerEngine::put_files(const std::string& id, const std::vector<ContainerFile>& files) {
  if (files.empty()) {
    return Done{};
  }
  return put_archive("/containers/" + url_encode(id) + "/archive?path=%2F", archive_of(files));
}

Status DockerEngine::put_archive(const std::string& path, std::string tar) {
  StreamingRequest request;
  request.method = "PUT";
  request.target = m_prefix + path;
  request.content_type = "application/x-tar";
  request.body = std::move(tar);
  request.setup_timeout = k_default_timeout;
  request.idle_timeout = k_default_timeout;
  const std::string target = request.target;
  auto response = http_stream(m_endpoint, std::move(request), [](std::string_view) {});
  if (!response) {
    return with_context(response.error(), "PUT", target);
  }
  if (response->status / 100 != 2) {
    return error_from_response(response->status, response->body);
  }
  return Done{};
}

}  // namespace berth::engine
