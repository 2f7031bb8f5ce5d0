#include "scheduler/spec/secret_mounts.h"

#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "compose/config_error.h"
#include "scheduler/sha256.h"

namespace berth::scheduler {

namespace {

using compose::FileObjectDecl;
using compose::FileReference;

constexpr uint32_t k_default_mode = 0444;

struct Kind {
  const char* noun;  // "secret" or "config"
  const char* key;   // the service's and the top level's key
  const std::vector<FileReference> compose::Service::*references;
};
const Kind k_kinds[] = {{"secret", "secrets", &compose::Service::secrets},
                        {"config", "configs", &compose::Service::configs}};

// What the engine writes into the container: a variable's value or inline content.
bool is_written(const FileObjectDecl& decl) {
  return !decl.external && (!decl.environment.empty() || decl.content);
}

bool is_mounted(const FileObjectDecl& decl) { return !decl.external && !decl.file.empty(); }

std::optional<std::string> written_content(const FileObjectDecl& decl) {
  return decl.environment.empty() ? decl.content : decl.environment_value;
}

uint32_t numeric_id(const std::string& text) {
  uint32_t id = 0;
  auto parsed = std::from_chars(text.data(), text.data() + text.size(), id);
  (void)parsed;  // digits, checked when the project was loaded; "" stays 0
  return id;
}

// The target of a "source:target[:mode]" bind.
std::string bind_target(const std::string& bind) {
  const auto first = bind.find(':');
  if (first == std::string::npos) {
    return bind;
  }
  const auto second = bind.find(':', first + 1);
  return bind.substr(first + 1,
                     second == std::string::npos ? std::string::npos : second - first - 1);
}

bool has_target(const engine::ContainerCreate& spec, const std::string& target) {
  for (const auto& mount : spec.mounts) {
    if (mount.target == target) {
      return true;
    }
  }
  for (const auto& bind : spec.binds) {
    if (bind_target(bind) == target) {
      return true;
    }
  }
  return false;
}

// The first thing about `reference` that stops `up`, or "".
std::string refusal(const FileReference& reference, const Kind& kind) {
  const FileObjectDecl& decl = reference.definition;
  const std::string what = std::string(kind.noun) + " \"" + reference.source + "\"";
  if (decl.external) {
    return what + " is external (\"" + decl.name +
           "\"), which only a swarm has; `berth up` cannot use it";
  }
  if (!decl.driver.empty()) {
    return what + " has a driver, which only a swarm uses; `berth up` cannot use it";
  }
  if (!decl.template_driver.empty()) {
    return what + " has a template_driver, which only a swarm uses; `berth up` cannot use it";
  }
  if (is_mounted(decl) && !std::filesystem::exists(decl.file)) {
    return what + ": file " + decl.file + " does not exist";
  }
  if (!decl.environment.empty() && !decl.environment_value) {
    return what + ": environment variable \"" + decl.environment + "\" is not set";
  }
  return "";
}

}  // namespace

void add_secret_mounts(const compose::Service& service, engine::ContainerCreate& spec) {
  for (const Kind& kind : k_kinds) {
    for (const FileReference& reference : service.*kind.references) {
      if (!is_mounted(reference.definition) || has_target(spec, reference.container_path)) {
        continue;
      }
      engine::Mount mount;
      mount.type = "bind";
      mount.source = reference.definition.file;
      mount.target = reference.container_path;
      mount.read_only = true;
      spec.mounts.push_back(mount);
    }
  }
}

std::vector<engine::ContainerFile> secret_files(const compose::Service& service) {
  std::vector<engine::ContainerFile> files;
  for (const Kind& kind : k_kinds) {
    for (const FileReference& reference : service.*kind.references) {
      if (!is_written(reference.definition)) {
        continue;
      }
      engine::ContainerFile file;
      file.path = reference.container_path;
      file.content = written_content(reference.definition).value_or("");
      file.uid = numeric_id(reference.uid);
      file.gid = numeric_id(reference.gid);
      file.mode = reference.mode.value_or(k_default_mode);
      files.push_back(file);
    }
  }
  return files;
}

bool check_secret_sources(const compose::Project& project, const std::vector<std::string>& services,
                          Progress& progress) {
  bool ok = true;
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    for (const Kind& kind : k_kinds) {
      for (const FileReference& reference : service->*kind.references) {
        if (std::string why = refusal(reference, kind); !why.empty()) {
          progress.error("Service", "", compose::format_diagnostic({reference.pos, why}));
          ok = false;
        } else if (is_mounted(reference.definition) &&
                   (!reference.uid.empty() || !reference.gid.empty() || reference.mode)) {
          progress.warning("service \"" + name + "\": the uid, gid and mode of " + kind.noun +
                           " \"" + reference.source +
                           "\" are ignored: its file is mounted as it is on the host (as "
                           "compose v2 does)");
        }
      }
    }
  }
  return ok;
}

std::string secrets_hash_text(const compose::Service& service) {
  nlohmann::json doc = nlohmann::json::object();
  for (const Kind& kind : k_kinds) {
    nlohmann::json entries = nlohmann::json::array();
    for (const FileReference& reference : service.*kind.references) {
      const FileObjectDecl& decl = reference.definition;
      const std::optional<std::string> content = written_content(decl);
      entries.push_back({reference.source, reference.container_path, reference.uid, reference.gid,
                         reference.mode ? static_cast<int64_t>(*reference.mode) : -1, decl.name,
                         decl.file, decl.environment, content ? sha256_hex(*content) : "",
                         decl.external, decl.labels, decl.driver, decl.driver_opts,
                         decl.template_driver});
    }
    if (!entries.empty()) {
      doc[kind.key] = entries;
    }
  }
  return doc.empty() ? "" : doc.dump();
}

}  // namespace berth::scheduler
