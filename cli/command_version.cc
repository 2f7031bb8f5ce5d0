#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace berth::cli {

CommandRun setup_version(CLI::App&) {
  return [](const GlobalOptions&) {
    std::printf("berth version %s\n", BERTH_VERSION);
    auto engine = connect_engine();
    auto version = engine->version();
    if (!version) {
      std::fprintf(stderr, "error: %s\n", version.error().message.c_str());
      return static_cast<int>(k_exit_failure);
    }
    std::printf("engine version %s (API %s, %s/%s)\n", version->version.c_str(),
                version->api_version.c_str(), version->os.c_str(), version->arch.c_str());
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
