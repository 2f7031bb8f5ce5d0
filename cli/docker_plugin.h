#pragma once
// berth as a Docker CLI plugin (`docker berth up`): the docker CLI finds
// docker-berth in its cli-plugins folders, asks it for its metadata
// (`docker-berth docker-cli-plugin-metadata`), then runs it with its own
// command line after the program name: `docker-berth [DOCKER OPTIONS] berth ARGS...`,
// with DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND set to the docker binary.

#include <optional>
#include <string>
#include <vector>

namespace berth::cli {

// {"SchemaVersion":"0.1.0","Vendor":"berth",...}: what the docker CLI reads.
std::string docker_plugin_metadata();

// When berth runs as a plugin, berth's own arguments (without the program
// name): the plugin name and the docker CLI's options before it removed
// (`-H/--host URL` becomes DOCKER_HOST), `help berth [COMMAND]` read as
// `--help` or `help COMMAND`. nullopt when berth does not run as a plugin.
// `environment_command` is DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND (nullptr when unset).
struct PluginCall {
  bool metadata = false;
  std::vector<std::string> arguments;
  std::optional<std::string> docker_host;
};
std::optional<PluginCall> docker_plugin_call(const std::vector<std::string>& argv,
                                             const char* environment_command);

// main(): answers the metadata call, or runs berth with the plugin's arguments.
int run_berth_or_plugin(int argc, char** argv);

}  // namespace berth::cli
