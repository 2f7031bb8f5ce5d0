#pragma once
// `berth cp`'s arguments and where a copy lands, with docker cp's rules:
// a trailing "/." copies a directory's contents, a trailing "/" says the
// destination must be a directory, an existing directory receives the source
// under its own name, anything else is the source's new name.

#include <optional>
#include <string>

namespace berth::cli {

// "SERVICE:PATH" or a local path ("-": a tar on stdin or stdout). As docker
// cp: an absolute path, or one whose part before ':' starts with '.', is local.
struct CopyArgument {
  std::string service;  // empty: local
  std::string path;
  bool in_container() const { return !service.empty(); }
};
CopyArgument parse_copy_argument(const std::string& text);

// What is at the destination.
struct PathState {
  bool exists = false;
  bool is_directory = false;
};

// The copy's top entry goes into `directory`, named `name` ("": under the
// source's own name, or the contents of a "/." source straight in).
struct Placement {
  std::string directory;
  std::string name;
};

struct PlacementResult {
  std::optional<Placement> placement;
  std::string error;  // when refused, e.g. "cannot copy a directory to a file: DEST"
};

// `source_is_directory`: what the source turned out to be.
PlacementResult place_copy(bool source_is_directory, const std::string& destination,
                           PathState destination_state);

// docker cp's name for what a path names: "/a/b/" and "/a/b/." -> "b".
std::string path_base(const std::string& path);
// "/a/b" -> "/a", "b" -> ".", "/a/b/" -> "/a".
std::string path_parent(const std::string& path);
// The source ends with "/." (or is "."): its contents are copied.
bool copies_contents(const std::string& source);

}  // namespace berth::cli
