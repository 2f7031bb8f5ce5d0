#include "cli/global_options.h"

#include "engine/read_only_engine.h"

#include <unistd.h>

#include <cstdio>
#include <map>

#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/interrupt_watch.h"
#include "compose/loader.h"

extern char** environ;

namespace berth::cli {

namespace {

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string text(*entry);
    auto equals = text.find('=');
    if (equals != std::string::npos) {
      env.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
  }
  return env;
}

}  // namespace

compose::LoadOptions load_options_of(const GlobalOptions& options) {
  compose::LoadOptions load;
  load.files = options.files;
  load.working_dir = options.project_directory;
  load.env_files = options.env_files;
  load.profiles = options.profiles;
  load.project_name = options.project_name;
  load.environment = process_environment();
  return load;
}

LoadedProject load_checked_project(const GlobalOptions& options) {
  auto project = compose::load_project(load_options_of(options));
  for (const std::string& warning : project.warnings) {
    print_line_to_stderr("warning: " + warning);
  }
  auto graph = scheduler::DependencyGraph::build(project);
  return {std::move(project), std::move(graph)};
}

namespace {
bool g_read_only = false;  // set once, before any thread starts
}  // namespace

void read_only_engine(bool read_only) { g_read_only = read_only; }

std::shared_ptr<engine::Engine> connect_engine() {
  auto connected =
      engine::connect_docker(engine::default_engine_host(), &InterruptWatch::signalled(),
                             true);  // the project lock is keyed on the engine's ID
  if (!connected && connected.error().code == engine::ErrorCode::cancelled) {
    throw Interrupted();
  }
  if (!connected) {
    throw EngineUnavailable(connected.error().message);
  }
  if (g_read_only) {
    return std::make_shared<engine::ReadOnlyEngine>(connected.value());
  }
  return connected.value();
}

}  // namespace berth::cli
