#include "cli/docker_plugin.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"

namespace berth::cli {

namespace {

constexpr const char* k_plugin_name = "berth";
constexpr const char* k_metadata_command = "docker-cli-plugin-metadata";

// The docker CLI's global options that take a value (docker 20.10 to 28).
bool takes_value(const std::string& option) {
  static const std::set<std::string> k_valued = {
      "--config", "-c",          "--context",   "-H",        "--host",
      "-l",       "--log-level", "--tlscacert", "--tlscert", "--tlskey"};
  return k_valued.count(option) > 0;
}

std::optional<std::string> host_of(const std::string& option, const std::string& value) {
  if (option == "-H" || option == "--host") {
    return value;
  }
  return std::nullopt;
}

}  // namespace

std::string docker_plugin_metadata() {
  return nlohmann::json{{"SchemaVersion", "0.1.0"},
                        {"Vendor", "berth"},
                        {"Version", BERTH_VERSION},
                        {"ShortDescription", "Run multi-container projects from a compose file"}}
      .dump();
}

std::optional<PluginCall> docker_plugin_call(const std::vector<std::string>& argv,
                                             const char* environment_command) {
  const bool named_as_plugin =
      !argv.empty() && std::filesystem::path(argv[0]).filename() == "docker-berth";
  const bool called_by_docker =
      environment_command != nullptr && argv.size() > 1 && argv[1] == k_plugin_name;
  if (!named_as_plugin && !called_by_docker) {
    return std::nullopt;
  }
  PluginCall call;
  if (argv.size() > 1 && argv[1] == k_metadata_command) {
    call.metadata = true;
    return call;
  }
  // docker's options and command words up to the plugin's name.
  std::size_t i = 1;
  bool help = false;
  for (; i < argv.size() && argv[i] != k_plugin_name; ++i) {
    const std::string& word = argv[i];
    const auto equals = word.find('=');
    if (word.rfind("--", 0) == 0 && equals != std::string::npos) {
      if (auto host = host_of(word.substr(0, equals), word.substr(equals + 1))) {
        call.docker_host = host;
      }
    } else if (takes_value(word) && i + 1 < argv.size()) {
      if (auto host = host_of(word, argv[i + 1])) {
        call.docker_host = host;
      }
      ++i;
    } else if (word == "help") {
      help = true;
    }
  }
  if (i == argv.size()) {
    // Not run by docker (`docker-berth ps` typed by hand): all of it is berth's.
    call.arguments.assign(argv.begin() + 1, argv.end());
    call.docker_host.reset();
    return call;
  }
  call.arguments.assign(argv.begin() + static_cast<std::ptrdiff_t>(i) + 1, argv.end());
  if (help) {
    // `docker help berth [COMMAND]`
    call.arguments.insert(call.arguments.begin(), call.arguments.empty() ? "--help" : "help");
  }
  return call;
}

int run_berth_or_plugin(int argc, char** argv) {
  const std::vector<std::string> words(argv, argv + argc);
  const auto call =
      docker_plugin_call(words, std::getenv("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND"));
  if (!call) {
    return run_berth(argc, argv);
  }
  if (call->metadata) {
    std::printf("%s\n", docker_plugin_metadata().c_str());
    return 0;
  }
  if (call->docker_host) {
    setenv("DOCKER_HOST", call->docker_host->c_str(), 1);
  }
  std::string program = "berth";
  std::vector<std::string> arguments = call->arguments;
  std::vector<char*> plugin_argv{program.data()};
  for (auto& argument : arguments) {
    plugin_argv.push_back(argument.data());
  }
  plugin_argv.push_back(nullptr);
  return run_berth(static_cast<int>(plugin_argv.size() - 1), plugin_argv.data());
}

}  // namespace berth::cli
