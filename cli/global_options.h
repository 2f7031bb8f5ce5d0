#pragma once
// Options that come before the command (`berth -f FILE -p NAME up -d`), and
// what every command derives from them: the project and the engine.

#include <memory>
#include <string>
#include <vector>

#include "cli/colour.h"
#include "cli/terminal_progress.h"
#include "compose/loader.h"
#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"

namespace berth::cli {

struct GlobalOptions {
  std::vector<std::string> files;  // -f, repeatable
  std::string project_name;        // -p
  std::string project_directory;   // --project-directory
  std::vector<std::string> env_files;  // --env-file, repeatable
  std::vector<std::string> profiles;  // --profile, repeatable; empty: COMPOSE_PROFILES
  bool verbose = false;            // -v: log engine calls
  AnsiMode ansi = AnsiMode::automatic;  // --ansi; see use_colour()
  int parallel = 64;               // --parallel: engine calls at once
  bool dry_run = false;            // --dry-run: show the plan, change nothing
  ProgressMode progress = ProgressMode::automatic;  // --progress
};

// The project and its dependency graph, both checked; throws
// compose::ConfigError before anything talks to the engine.
struct LoadedProject {
  compose::Project project;
  scheduler::DependencyGraph graph;
};
LoadedProject load_checked_project(const GlobalOptions& options);

// What load_checked_project() loads with: the options and the process's environment.
compose::LoadOptions load_options_of(const GlobalOptions& options);

// Connects to DOCKER_HOST or the default socket; throws EngineUnavailable
// (message: one line naming the address) when it does not answer.
// After read_only_engine(true) (--dry-run), the engine it gives refuses every
// call that would change something (engine/read_only_engine.h).
std::shared_ptr<engine::Engine> connect_engine();
void read_only_engine(bool read_only);

struct EngineUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace berth::cli
