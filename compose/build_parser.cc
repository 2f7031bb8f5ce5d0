#include "compose/build_parser.h"

#include <filesystem>

#include "compose/container_options_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {

namespace {

// clang-format off
const KnownKeys k_build_keys = {
    {"context", "dockerfile", "args", "target", "labels", "network", "shm_size", "extra_hosts",
     "cache_from", "dockerfile_inline", "no_cache", "pull", "tags", "platforms", "isolation",
     "privileged", "ulimits", "additional_contexts", "ssh", "secrets", "entitlements", "cache_to"},
    {}};
// clang-format on
const KnownKeys k_build_secret_keys = {{"source", "target", "uid", "gid", "mode"}, {}};

// A remote context (git URL, http) is passed on as written.
bool is_remote(const std::string& context) {
  return context.find("://") != std::string::npos || context.rfind("git@", 0) == 0 ||
         context.rfind("github.com/", 0) == 0;
}

std::string resolve_context(const std::string& context, const std::string& directory) {
  if (is_remote(context)) {
    return context;
  }
  std::string text = (std::filesystem::path(directory) / context).lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

class BuildReader {
 public:
  BuildReader(FieldReader& reader, const std::string& directory,
              const std::map<std::string, std::string>& env, BuildSpec& build)
      : m_reader(reader), m_directory(directory), m_env(env), m_build(build) {}

  void read(const YamlNode& node, const std::string& path) {
    m_reader.check_keys(node, path, k_build_keys, true);
    for (const YamlEntry& entry : node.entries) {
      const std::string at = child_path(path, entry.key.text);
      if (!read_classic(entry.key.text, entry.value, at)) {
        read_buildkit(entry.key.text, entry.value, at);
      }
    }
    const YamlEntry* inline_text = node.find("dockerfile_inline");
    if (inline_text != nullptr && node.find("dockerfile") != nullptr) {
      m_reader.error(inline_text->key, path,
                     "\"dockerfile\" and \"dockerfile_inline\" exclude each other");
    }
    // As compose, an inline Dockerfile builds in the project directory by default.
    if (node.find("context") == nullptr && inline_text == nullptr) {
      m_reader.error(node, path, "a build needs a context");
    } else if (node.find("context") == nullptr) {
      m_build.context = ".";
    }
  }

 private:
  // The keys the engine's classic builder takes; false for others.
  bool read_classic(const std::string& key, const YamlNode& value, const std::string& at) {
    if (key == "context" || key == "dockerfile" || key == "target" || key == "network" ||
        key == "dockerfile_inline" || key == "isolation") {
      read_text(key, value, at);
    } else if (key == "args") {
      read_args(value, at);
    } else if (key == "labels") {
      for (const auto& item : m_reader.key_values(value, at)) {
        m_build.labels[item.key] = item.value.value_or("");
      }
    } else if (key == "shm_size") {
      m_build.shm_size = read_byte_size(m_reader, value, at);
    } else if (key == "extra_hosts") {
      m_build.extra_hosts = read_string_list(m_reader, value, at);
    } else if (key == "cache_from") {
      m_build.cache_from = read_string_list(m_reader, value, at);
    } else if (key == "no_cache" || key == "pull" || key == "privileged") {
      if (std::optional<bool> flag = m_reader.boolean(value, at)) {
        (key == "no_cache" ? m_build.no_cache
         : key == "pull"   ? m_build.pull
                           : m_build.privileged) = *flag;
        if (key == "privileged" && *flag) {  // the classic builder has no privileged steps
          m_build.buildkit_only.push_back(m_reader.pos(value, at));
        }
      }
    } else if (key == "tags") {
      m_build.tags = read_string_list(m_reader, value, at);
    } else if (key == "ulimits") {
      m_build.ulimits = parse_ulimits(m_reader, value, at);
    } else if (key == "platforms") {
      m_build.platforms = read_string_list(m_reader, value, at);
      if (m_build.platforms.size() > 1) {  // one is the classic builder's `platform`
        m_build.buildkit_only.push_back(m_reader.pos(value, at));
      }
    } else {
      return false;
    }
    return true;
  }

  // Read and printed, but only BuildKit builds with them.
  void read_buildkit(const std::string& key, const YamlNode& value, const std::string& at) {
    size_t errors = m_reader.diagnostics().size();
    if (key == "additional_contexts") {
      for (const auto& item : m_reader.key_values(value, at)) {
        std::string source = item.value.value_or("");
        // A path is resolved like the context; "docker-image://", "service:", URLs are not.
        bool is_path = source.find(':') == std::string::npos;
        m_build.additional_contexts[item.key] =
            is_path ? resolve_context(source, m_directory) : source;
      }
    } else if (key == "ssh") {
      for (const auto& item : m_reader.key_values(value, at)) {
        m_build.ssh.push_back(item.value ? item.key + "=" + *item.value : item.key);
      }
    } else if (key == "secrets") {
      read_secrets(value, at);
    } else if (key == "entitlements") {
      m_build.entitlements = read_string_list(m_reader, value, at);
    } else if (key == "cache_to") {
      m_build.cache_to = read_string_list(m_reader, value, at);
    } else {
      return;
    }
    if (m_reader.diagnostics().size() == errors) {
      m_build.buildkit_only.push_back(m_reader.pos(value, at));
    }
  }

  void read_text(const std::string& key, const YamlNode& value, const std::string& at) {
    std::optional<std::string> text = m_reader.string(value, at);
    if (!text) {
      return;
    }
    if (key == "context") {
      m_build.context_pos = m_reader.pos(value, at);
    } else if (key == "dockerfile") {
      m_build.dockerfile_pos = m_reader.pos(value, at);
    }
    (key == "context"             ? m_build.context
     : key == "dockerfile"        ? m_build.dockerfile
     : key == "target"            ? m_build.target
     : key == "dockerfile_inline" ? m_build.dockerfile_inline
     : key == "isolation"         ? m_build.isolation
                                  : m_build.network) = *text;
  }

  // A valueless arg takes the environment's value, or is left out.
  void read_args(const YamlNode& value, const std::string& at) {
    for (const auto& item : m_reader.key_values(value, at)) {
      auto from_env = m_env.find(item.key);
      if (item.value) {
        m_build.args.emplace_back(item.key, *item.value);
      } else if (from_env != m_env.end()) {
        m_build.args.emplace_back(item.key, from_env->second);
      }
    }
  }

  // Names of the project's secrets, or {source, target, ...} mappings.
  void read_secrets(const YamlNode& value, const std::string& at) {
    if (!m_reader.expect(value, at, YamlNode::Kind::sequence)) {
      return;
    }
    for (size_t i = 0; i < value.items.size(); ++i) {
      const YamlNode& item = value.items[i];
      const std::string item_at = item_path(at, i);
      if (!item.is_mapping()) {
        if (std::optional<std::string> name = m_reader.string(item, item_at)) {
          m_build.secrets.emplace_back(*name, "");
        }
        continue;
      }
      m_reader.check_keys(item, item_at, k_build_secret_keys, true);
      const YamlEntry* source = item.find("source");
      const YamlEntry* target = item.find("target");
      std::optional<std::string> name =
          source ? m_reader.string(source->value, child_path(item_at, "source")) : std::nullopt;
      if (source == nullptr) {
        m_reader.error(item, item_at, "a build secret needs a source");
      }
      std::optional<std::string> path =
          target ? m_reader.string(target->value, child_path(item_at, "target"))
                 : std::optional<std::string>("");
      if (name && path) {
        m_build.secrets.emplace_back(*name, *path);
      }
    }
  }

  FieldReader& m_reader;
  const std::string& m_directory;
  const std::map<std::string, std::string>& m_env;
  BuildSpec& m_build;
};

}  // namespace

std::optional<BuildSpec> parse_build(FieldReader& reader, const YamlNode& node,
                                     const std::string& path, const std::string& directory,
                                     const std::map<std::string, std::string>& environment) {
  BuildSpec build;
  if (node.is_scalar()) {
    build.context = node.text;
    build.context_pos = reader.pos(node, path);
  } else if (node.is_mapping()) {
    BuildReader(reader, directory, environment, build).read(node, path);
  } else {
    reader.error(node, path,
                 "expected a context path or a mapping, got " + describe_kind(node.kind));
    return std::nullopt;
  }
  if (build.context.empty() && node.is_scalar()) {
    reader.error(node, path, "the build context is empty");
    return std::nullopt;
  }
  build.context = resolve_context(build.context, directory);
  return build;
}

}  // namespace berth::compose
