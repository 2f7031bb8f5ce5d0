// `berth cp`: files between a service's container and the local filesystem,
// through the engine's archive API, as `docker compose cp` copies them.

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/copy_paths.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/number_checks.h"
#include "engine/local_archive.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

struct CopyFlags {
  std::string source;
  std::string destination;
  int index = 0;  // 0: every container (to one), the first (from one)
  bool archive = false;
  bool follow_link = false;
};

// The containers a copy goes to or comes from, as compose v2 picks them:
// --index N that one; else every container of the service to copy into it
// and the first to copy from it. Stopped ones count; one-offs do not.
std::vector<scheduler::ContainerRow> copy_targets(engine::Engine& engine,
                                                  const std::string& project,
                                                  const std::string& service, int index,
                                                  bool from_container) {
  auto observed = scheduler::observe_containers(engine, project);
  if (!observed) {
    throw std::runtime_error(observed.error().message);
  }
  std::vector<scheduler::ContainerRow> rows;
  for (const auto& row : scheduler::container_rows(*observed)) {
    if (row.service == service && !row.one_off && (index == 0 || row.number == index)) {
      rows.push_back(row);
    }
  }
  if (rows.empty()) {
    throw std::runtime_error(index == 0 ? "service \"" + service + "\" has no container"
                                        : "service \"" + service + "\" has no container number " +
                                              std::to_string(index));
  }
  if (from_container) {
    rows.resize(1);  // by number: the first
  }
  return rows;
}

PathState local_state(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return {};
  }
  return {true, S_ISDIR(info.st_mode)};
}

void write_stdout(const std::string& bytes) {
  std::fwrite(bytes.data(), 1, bytes.size(), stdout);
  std::fflush(stdout);
}

// SERVICE:SRC -> local DEST (or "-": the tar itself on stdout).
// The one line for a path the container lacks, or the engine's message.
std::runtime_error path_error(const engine::Error& error, const std::string& container,
                              const std::string& path) {
  return std::runtime_error(error.code == engine::ErrorCode::not_found
                                ? "no such file or directory in " + container + ": " + path
                                : container + ":" + path + ": " + error.message);
}

void copy_from(engine::Engine& engine, const scheduler::ContainerRow& container,
               const std::string& source, const std::string& destination, bool follow_link) {
  const std::string& id = container.id;
  auto stat = engine.stat_container_path(id, source);
  if (!stat) {
    throw path_error(stat.error(), container.name, source);
  }
  std::string read_path = source;
  std::string top_name = path_base(source);
  if (follow_link && stat->is_symlink()) {
    read_path = stat->link_target;
    stat = engine.stat_container_path(id, read_path);
    if (!stat) {
      throw path_error(stat.error(), container.name, read_path);
    }
  }
  if (source.ends_with("/") && !stat->is_directory()) {
    throw std::runtime_error("not a directory: " + source);
  }
  auto tar = engine.read_container_archive(id, read_path);
  if (!tar) {
    throw path_error(tar.error(), container.name, source);
  }
  if (destination == "-") {
    write_stdout(*tar);
    return;
  }
  const auto placed = place_copy(stat->is_directory(), destination, local_state(destination));
  if (!placed.placement) {
    throw std::runtime_error(placed.error);
  }
  if (!local_state(placed.placement->directory).is_directory) {
    throw std::runtime_error("no such directory: " + placed.placement->directory);
  }
  // The engine names entries from what it read: a followed link's target.
  const std::string archived = copies_contents(source) ? "." : path_base(read_path);
  const std::string name = placed.placement->name.empty() && copies_contents(source)
                               ? std::string()
                               : (placed.placement->name.empty() ? top_name
                                                                 : placed.placement->name);
  auto extracted = engine::extract_tar(*tar, placed.placement->directory,
                                       name.empty() ? "" : archived, name);
  if (!extracted) {
    throw std::runtime_error(extracted.error().message);
  }
}

// What is at `path` in the container, a symlink followed once (as docker cp).
std::pair<std::string, PathState> container_state(engine::Engine& engine, const std::string& id,
                                                  const std::string& path) {
  auto stat = engine.stat_container_path(id, path);
  std::string resolved = path;
  if (stat && stat->is_symlink()) {
    resolved = stat->link_target.starts_with("/") ? stat->link_target
                                                  : path_parent(path) + "/" + stat->link_target;
    stat = engine.stat_container_path(id, resolved);
  }
  if (!stat) {
    if (stat.error().code != engine::ErrorCode::not_found) {
      throw std::runtime_error(path + ": " + stat.error().message);
    }
    return {path, {}};
  }
  return {resolved, {true, stat->is_directory()}};
}

// Local SRC (or "-": a tar on stdin) -> SERVICE:DEST.
void copy_to(engine::Engine& engine, const std::string& id, const std::string& source,
             const std::string& tar_from_stdin, const std::string& destination,
             const CopyFlags& flags) {
  auto [resolved, state] = container_state(engine, id, destination);
  if (source == "-") {
    if (!state.is_directory) {
      throw std::runtime_error("destination must be a directory when copying from stdin: " +
                               destination);
    }
    auto written = engine.write_container_archive(id, resolved, tar_from_stdin, flags.archive);
    if (!written) {
      throw std::runtime_error(written.error().message);
    }
    return;
  }
  const PathState source_state = local_state(source);
  struct stat link {};
  if (!source_state.exists && ::lstat(source.c_str(), &link) != 0) {
    throw std::runtime_error("no such file or directory: " + source);
  }
  if (source.ends_with("/") && !source_state.is_directory) {
    throw std::runtime_error("not a directory: " + source);
  }
  const bool is_directory =
      source_state.is_directory && (flags.follow_link || ::lstat(source.c_str(), &link) != 0 ||
                                    !S_ISLNK(link.st_mode));
  const auto placed = place_copy(is_directory, resolved, state);
  if (!placed.placement) {
    throw std::runtime_error(placed.error);
  }
  std::string name = placed.placement->name;
  if (name.empty()) {
    name = copies_contents(source) ? "." : path_base(source);
  }
  auto tar = engine::archive_local_path(source, name, {flags.follow_link, flags.archive});
  if (!tar) {
    throw std::runtime_error(tar.error().message);
  }
  auto written = engine.write_container_archive(id, placed.placement->directory,
                                                std::move(tar).value(), flags.archive);
  if (!written) {
    throw std::runtime_error(destination + ": " + written.error().message);
  }
}

int run_copy(const CopyFlags& flags, const GlobalOptions& options) {
  const auto source = parse_copy_argument(flags.source);
  const auto destination = parse_copy_argument(flags.destination);
  if (source.in_container() == destination.in_container()) {
    throw UsageError(source.in_container()
                         ? "copying between services is not supported"
                         : "one of SRC and DEST must be SERVICE:PATH (e.g. web:/etc/hosts)");
  }
  const auto& remote = source.in_container() ? source : destination;
  if (remote.path.empty()) {
    throw UsageError("no path after \"" + remote.service + ":\"");
  }
  auto named = load_named_project(options);
  if (named.loaded.project.find_service(remote.service) == nullptr) {
    print_error("no such service: " + remote.service);
    return k_exit_failure;
  }
  auto engine = named.connect();
  const auto targets = copy_targets(*engine, named.loaded.project.name, remote.service,
                                    flags.index, source.in_container());
  std::string tar_from_stdin;
  if (!source.in_container() && source.path == "-") {
    tar_from_stdin.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  for (const auto& target : targets) {
    if (source.in_container()) {
      copy_from(*engine, target, source.path, destination.path, flags.follow_link);
    } else {
      copy_to(*engine, target.id, source.path, tar_from_stdin, destination.path, flags);
    }
  }
  return k_exit_success;
}

}  // namespace

CommandRun setup_cp(CLI::App& app) {
  auto flags = std::make_shared<CopyFlags>();
  app.add_option("source", flags->source, "SERVICE:SRC_PATH, or a local path (-: a tar on stdin)")
      ->required();
  app.add_option("destination", flags->destination,
                 "a local path (-: a tar on stdout), or SERVICE:DEST_PATH")
      ->required();
  app.add_option("--index", flags->index,
                 "Which container of the service (default: all of them to copy into, the first "
                 "to copy from)")
      ->check(at_least(1));
  app.add_flag("-a,--archive", flags->archive, "Keep the files' uid/gid (copying into a container)");
  app.add_flag("-L,--follow-link", flags->follow_link, "Follow a symlink given as SRC_PATH");
  return [flags](const GlobalOptions& options) { return run_copy(*flags, options); };
}

}  // namespace berth::cli
