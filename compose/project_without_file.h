#pragma once
// Verbs that need only the project's name (down, ps, logs, stop, ...) work
// without a project file when -p or COMPOSE_PROJECT_NAME names the project,
// as compose v2's do: they then act on what the engine's labels hold.

#include <optional>
#include <string>

#include "compose/loader.h"

namespace berth::compose {

// The project's name when no project file is given or found (no -f, no
// COMPOSE_FILE, none of default_file_names() in the working directory) and
// -p or COMPOSE_PROJECT_NAME names it; nullopt otherwise (load_project()
// then finds the file or says none was found). A name that is not valid is
// a ConfigError naming the rule.
std::optional<std::string> project_name_without_file(const LoadOptions& options);

// The project of that name with nothing declared: no file, no services.
Project project_without_file(const std::string& name, const LoadOptions& options);

}  // namespace berth::compose
