#include "cli/copy_paths.h"

namespace berth::cli {

namespace {

std::string without_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  return path;
}

}  // namespace

CopyArgument parse_copy_argument(const std::string& text) {
  if (text.empty() || text.front() == '/') {
    return {"", text};
  }
  const auto colon = text.find(':');
  if (colon == std::string::npos || text.front() == '.' || colon == 0) {
    return {"", text};
  }
  return {text.substr(0, colon), text.substr(colon + 1)};
}

bool copies_contents(const std::string& source) {
  return source == "." || source.ends_with("/.");
}

std::string path_base(const std::string& path) {
  std::string trimmed = path;
  while (copies_contents(trimmed) && trimmed.size() > 1) {
    trimmed.erase(trimmed.size() - 2);
    if (trimmed.empty()) {
      trimmed = "/";
    }
  }
  trimmed = without_trailing_slashes(trimmed);
  const auto slash = trimmed.rfind('/');
  return slash == std::string::npos || trimmed == "/" ? trimmed : trimmed.substr(slash + 1);
}

std::string path_parent(const std::string& path) {
  const std::string trimmed = without_trailing_slashes(path);
  const auto slash = trimmed.rfind('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : trimmed.substr(0, slash);
}

PlacementResult place_copy(bool source_is_directory, const std::string& destination,
                           PathState destination_state) {
  const bool wants_directory = destination.ends_with("/") || copies_contents(destination);
  if (destination_state.exists && destination_state.is_directory) {
    return {Placement{destination, ""}, ""};
  }
  if (destination_state.exists) {
    if (source_is_directory) {
      return {std::nullopt, "cannot copy a directory to a file: " + destination};
    }
    if (wants_directory) {
      return {std::nullopt, "not a directory: " + destination};
    }
    return {Placement{path_parent(destination), path_base(destination)}, ""};
  }
  if (wants_directory && !source_is_directory) {
    return {std::nullopt, "no such directory: " + destination};
  }
  return {Placement{path_parent(destination), path_base(destination)}, ""};
}

}  // namespace berth::cli
