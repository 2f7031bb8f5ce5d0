// `berth commit` and `berth export`: a service container's filesystem as a
// new image, or as a tar, as compose v2's commands of those names (newer
// than 2.26.1) make them.

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/number_checks.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

struct CommitFlags {
  std::string service;
  std::string reference;  // REPOSITORY[:TAG]
  int index = 1;
  engine::ContainerCommit commit;
};

struct ExportFlags {
  std::string service;
  int index = 1;
  std::string output;
};

// The service's container number `index` (one-offs left out); throws with
// the one line to print when there is none.
std::string container_of(engine::Engine& engine, const NamedProject& named,
                         const std::string& service, int index) {
  if (named.loaded.project.find_service(service) == nullptr) {
    throw std::runtime_error("no such service: " + service);
  }
  auto observed = scheduler::observe_containers(engine, named.loaded.project.name);
  if (!observed) {
    throw std::runtime_error(observed.error().message);
  }
  for (const auto& row : scheduler::container_rows(*observed)) {
    if (row.service == service && !row.one_off && row.number == index) {
      return row.id;
    }
  }
  throw std::runtime_error("service \"" + service + "\" has no container number " +
                           std::to_string(index));
}

// "repo:tag" -> {repo, tag}; a ':' inside a registry's host:port is not a tag.
void split_reference(const std::string& reference, engine::ContainerCommit& commit) {
  const auto colon = reference.rfind(':');
  const auto slash = reference.rfind('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    commit.repository = reference.substr(0, colon);
    commit.tag = reference.substr(colon + 1);
  } else {
    commit.repository = reference;
  }
}

int run_commit(CommitFlags flags, const GlobalOptions& options) {
  auto named = load_named_project(options);
  auto engine = named.connect();
  const std::string id = container_of(*engine, named, flags.service, flags.index);
  split_reference(flags.reference, flags.commit);
  auto image = engine->commit_container(id, flags.commit);
  if (!image) {
    print_error(image.error().message);
    return k_exit_failure;
  }
  std::printf("%s\n", image->c_str());  // as docker commit
  return k_exit_success;
}

// Streams the tar into `fd`; false (errno set) when a write failed.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

int run_export(const ExportFlags& flags, const GlobalOptions& options) {
  if (flags.output.empty() && ::isatty(STDOUT_FILENO) == 1) {
    throw UsageError("export: -o FILE is needed when stdout is a terminal");
  }
  auto named = load_named_project(options);
  auto engine = named.connect();
  const std::string id = container_of(*engine, named, flags.service, flags.index);
  // A file appears whole or not at all: written beside it, then renamed.
  const std::string partial = flags.output + ".berth-partial";
  const int fd = flags.output.empty()
                     ? STDOUT_FILENO
                     : ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    print_error("cannot write " + partial + ": " + std::strerror(errno));
    return k_exit_failure;
  }
  int write_error = 0;
  auto exported = engine->export_container(id, [&](std::string_view piece) {
    if (write_error == 0 && !write_all(fd, piece)) {
      write_error = errno;
    }
  });
  if (fd != STDOUT_FILENO) {
    ::close(fd);
  }
  std::string failure = !exported ? exported.error().message
                        : write_error != 0 ? std::string("cannot write the tar: ") +
                                                 std::strerror(write_error)
                                           : std::string();
  if (failure.empty() && fd != STDOUT_FILENO &&
      std::rename(partial.c_str(), flags.output.c_str()) != 0) {
    failure = "cannot write " + flags.output + ": " + std::strerror(errno);
  }
  if (!failure.empty()) {
    if (fd != STDOUT_FILENO) {
      std::remove(partial.c_str());
    }
    print_error(failure);
    return k_exit_failure;
  }
  return k_exit_success;
}

}  // namespace

CommandRun setup_commit(CLI::App& app) {
  auto flags = std::make_shared<CommitFlags>();
  app.add_option("service", flags->service, "The service")->required();
  app.add_option("reference", flags->reference, "REPOSITORY[:TAG] of the new image");
  app.add_option("--index", flags->index, "Which container of the service (default 1)")
      ->check(at_least(1));
  app.add_option("-m,--message", flags->commit.comment, "Commit message");
  app.add_option("-a,--author", flags->commit.author, "Author");
  app.add_option("-c,--change", flags->commit.changes,
                 "A Dockerfile instruction for the image (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_flag("-p,--pause", flags->commit.pause,
               "Pause the container while committing (default true; --pause=false)");
  return [flags](const GlobalOptions& options) { return run_commit(*flags, options); };
}

CommandRun setup_export(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  app.add_option("service", flags->service, "The service")->required();
  app.add_option("--index", flags->index, "Which container of the service (default 1)")
      ->check(at_least(1));
  app.add_option("-o,--output", flags->output, "The tar file to write (default: stdout)");
  return [flags](const GlobalOptions& options) { return run_export(*flags, options); };
}

}  // namespace berth::cli
