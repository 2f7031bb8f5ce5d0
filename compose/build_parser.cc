#include "compose/build_parser.h"

#include <filesystem>

#include "compose/value_readers.h"

namespace berth::compose {

namespace {

const KnownKeys k_build_keys = {{"context", "dockerfile", "args", "target", "labels", "network",
                                 "shm_size", "extra_hosts", "cache_from"},
                                {"secrets", "ssh", "platforms", "tags", "isolation"}};

// A remote context (git URL, http) is passed on as written.
bool is_remote(const std::string& context) {
  return context.find("://") != std::string::npos || context.rfind("git@", 0) == 0 ||
         context.rfind("github.com/", 0) == 0;
}

std::string resolve_context(const std::string& context, const std::string& directory) {
  if (is_remote(context)) {
    return context;
  }
  std::string text =
      (std::filesystem::path(directory) / context).lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

void read_strings(FieldReader& reader, const YamlNode& node, const std::string& path,
                  std::vector<std::string>& out) {
  for_each_string(reader, node, path, false,
                  [&](const YamlNode&, const std::string&, const std::string& text) {
                    out.push_back(text);
                  });
}

void read_mapping(FieldReader& reader, const YamlNode& node, const std::string& path,
                  const std::string& directory, const std::map<std::string, std::string>& env,
                  BuildSpec& build) {
  reader.check_keys(node, path, k_build_keys, true);
  for (const YamlEntry& entry : node.entries) {
    const std::string key = entry.key.text;
    const std::string at = child_path(path, key);
    const YamlNode& value = entry.value;
    if (key == "context" || key == "dockerfile" || key == "target" || key == "network") {
      if (auto text = reader.string(value, at)) {
        if (key == "context") {
          build.context_pos = reader.pos(value, at);
        } else if (key == "dockerfile") {
          build.dockerfile_pos = reader.pos(value, at);
        }
        (key == "context"      ? build.context
         : key == "dockerfile" ? build.dockerfile
         : key == "target"     ? build.target
                               : build.network) = *text;
      }
    } else if (key == "args") {
      for (const auto& item : reader.key_values(value, at)) {
        auto from_env = env.find(item.key);
        if (item.value) {
          build.args.emplace_back(item.key, *item.value);
        } else if (from_env != env.end()) {
          build.args.emplace_back(item.key, from_env->second);
        }
      }
    } else if (key == "labels") {
      for (const auto& item : reader.key_values(value, at)) {
        build.labels[item.key] = item.value.value_or("");
      }
    } else if (key == "shm_size") {
      build.shm_size = read_byte_size(reader, value, at);
    } else if (key == "extra_hosts") {
      read_strings(reader, value, at, build.extra_hosts);
    } else if (key == "cache_from") {
      read_strings(reader, value, at, build.cache_from);
    }
  }
  if (node.find("context") == nullptr) {
    reader.error(node, path, "a build needs a context");
  }
  (void)directory;
}

}  // namespace

std::optional<BuildSpec> parse_build(FieldReader& reader, const YamlNode& node,
                                     const std::string& path, const std::string& directory,
                                     const std::map<std::string, std::string>& environment) {
  BuildSpec build;
  if (node.is_scalar()) {
    build.context = node.text;
    build.context_pos = reader.pos(node, path);
  } else if (node.is_mapping()) {
    read_mapping(reader, node, path, directory, environment, build);
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
