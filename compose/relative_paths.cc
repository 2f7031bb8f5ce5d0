#include "compose/relative_paths.h"

#include <filesystem>
#include <vector>

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> k_url_prefixes = {"http://", "https://", "git://", "github.com/",
                                                 "git@"};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool is_url(const std::string& text) {
  for (const std::string& prefix : k_url_prefixes) {
    if (starts_with(text, prefix)) {
      return true;
    }
  }
  return text.find("://") != std::string::npos;
}

std::string normalised(const fs::path& path) {
  std::string text = path.lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

// A scalar holding a relative path, made absolute against `dir`.
void absolutize(YamlNode& node, const std::string& dir) {
  if (node.is_scalar() && !node.text.empty() && node.text.front() != '/' &&
      node.text.front() != '~' && !is_url(node.text)) {
    node.text = normalised(fs::path(dir) / node.text);
  }
}

std::string entry_text(const YamlNode& mapping, const std::string& key) {
  const YamlEntry* entry = mapping.find(key);
  return entry != nullptr && entry->value.is_scalar() ? entry->value.text : "";
}

// "./src:/dst[:mode]" -> "/dir/src:/dst[:mode]"; named volumes and "~" are left alone.
void absolutize_volume(YamlNode& item, const std::string& dir) {
  if (item.is_mapping()) {
    const bool bind = entry_text(item, "type") == "bind";
    for (YamlEntry& entry : item.entries) {
      if (entry.key.text == "source" && (bind || starts_with(entry.value.text, "."))) {
        absolutize(entry.value, dir);
      }
    }
    return;
  }
  size_t colon = item.text.find(':');
  if (item.is_scalar() && colon != std::string::npos && starts_with(item.text, ".")) {
    item.text = normalised(fs::path(dir) / item.text.substr(0, colon)) + item.text.substr(colon);
  }
}

void absolutize_env_file(YamlNode& value, const std::string& dir) {
  if (value.is_scalar()) {
    absolutize(value, dir);
    return;
  }
  for (YamlNode& item : value.items) {
    if (item.is_mapping()) {
      for (YamlEntry& entry : item.entries) {
        if (entry.key.text == "path") {
          absolutize(entry.value, dir);
        }
      }
    } else {
      absolutize(item, dir);
    }
  }
}

}  // namespace

void absolutize_service_paths(YamlNode& service, const std::string& dir) {
  for (YamlEntry& entry : service.entries) {
    const std::string& key = entry.key.text;
    YamlNode& value = entry.value;
    if (key == "volumes" && value.is_sequence()) {
      for (YamlNode& item : value.items) {
        absolutize_volume(item, dir);
      }
    } else if (key == "build" && value.is_mapping()) {
      for (YamlEntry& build_entry : value.entries) {
        if (build_entry.key.text == "context") {
          absolutize(build_entry.value, dir);
        }
      }
    } else if (key == "build") {
      absolutize(value, dir);
    } else if (key == "env_file") {
      absolutize_env_file(value, dir);
    }
  }
}

void absolutize_declaration_files(YamlNode& declarations, const std::string& dir) {
  for (YamlEntry& declaration : declarations.entries) {
    for (YamlEntry& entry : declaration.value.entries) {
      if (entry.key.text == "file") {
        absolutize(entry.value, dir);
      }
    }
  }
}

}  // namespace berth::compose
