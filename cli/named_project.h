#pragma once
// The project of a verb that needs only its name (down, ps, logs, start,
// stop, restart, kill, rm, pause, unpause, top, events, images): the project
// file's, or, with no file and -p or COMPOSE_PROJECT_NAME naming it, the
// project as the engine's labels describe it, as compose v2 does.

#include <memory>

#include "cli/global_options.h"

namespace berth::cli {

struct NamedProject {
  LoadedProject loaded;
  std::shared_ptr<engine::Engine> engine;  // when the labels were read; else null until connect()

  // The engine: the one the labels came from, or connect_engine()'s.
  std::shared_ptr<engine::Engine> connect() { return engine ? engine : connect_engine(); }
};

// Loads as load_checked_project() (its ConfigError) when there is a file;
// without, connects (EngineUnavailable) and reads the project's labels.
NamedProject load_named_project(const GlobalOptions& options);

}  // namespace berth::cli
