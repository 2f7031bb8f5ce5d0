#include <sys/utsname.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"

namespace berth::cli {

namespace {

// The API version berth speaks (engine/docker_engine.h's k_api_version; that
// header is private to the engine module).
constexpr const char* k_client_api_version = "1.41";

std::string compiler() {
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return "unknown";
#endif
}

// GOOS/GOARCH words, as docker writes them.
std::string client_os_arch() {
  utsname name{};
  std::string arch = uname(&name) == 0 ? name.machine : "unknown";
  if (arch == "x86_64") {
    arch = "amd64";
  } else if (arch == "aarch64") {
    arch = "arm64";
  }
  return "linux/" + arch;
}

struct VersionFlags {
  bool short_form = false;
  std::string format = "pretty";
};

nlohmann::json version_json(const engine::VersionInfo* server) {
  nlohmann::json out = {{"Client",
                         {{"Version", BERTH_VERSION},
                          {"ApiVersion", k_client_api_version},
                          {"Compiler", compiler()},
                          {"Os", "linux"},
                          {"OsArch", client_os_arch()}}}};
  if (server != nullptr) {
    out["Server"] = {{"Version", server->version},
                     {"ApiVersion", server->api_version},
                     {"MinAPIVersion", server->min_api_version},
                     {"GoVersion", server->go_version},
                     {"GitCommit", server->git_commit},
                     {"BuildTime", server->build_time},
                     {"Os", server->os},
                     {"Arch", server->arch},
                     {"KernelVersion", server->kernel_version},
                     {"Experimental", server->experimental}};
  }
  return out;
}

void print_client() {
  std::printf("Client:\n");
  std::printf(" Version:           %s\n", BERTH_VERSION);
  std::printf(" API version:       %s\n", k_client_api_version);
  std::printf(" Compiler:          %s\n", compiler().c_str());
  std::printf(" OS/Arch:           %s\n", client_os_arch().c_str());
}

void print_server(const engine::VersionInfo& server) {
  std::printf("\nServer:\n Engine:\n");
  std::printf("  Version:          %s\n", server.version.c_str());
  std::printf("  API version:      %s (minimum version %s)\n", server.api_version.c_str(),
              server.min_api_version.c_str());
  std::printf("  Go version:       %s\n", server.go_version.c_str());
  std::printf("  Git commit:       %s\n", server.git_commit.c_str());
  std::printf("  Built:            %s\n", server.build_time.c_str());
  std::printf("  OS/Arch:          %s/%s\n", server.os.c_str(), server.arch.c_str());
  std::printf("  Kernel version:   %s\n", server.kernel_version.c_str());
  std::printf("  Experimental:     %s\n", server.experimental ? "true" : "false");
}

}  // namespace

CommandRun setup_version(CLI::App& app) {
  auto flags = std::make_shared<VersionFlags>();
  app.add_flag("--short", flags->short_form, "Only berth's version number");
  app.add_option("--format", flags->format, "pretty or json")
      ->check(CLI::IsMember({"pretty", "json"}));
  return [flags](const GlobalOptions&) {
    if (flags->short_form) {
      std::printf("%s\n", BERTH_VERSION);
      return static_cast<int>(k_exit_success);
    }
    // The client's part is printed even when the engine cannot be reached,
    // as `docker version` does, so the command helps to diagnose that.
    auto connected = engine::connect_docker(engine::default_engine_host());
    engine::Result<engine::VersionInfo> server =
        connected ? (*connected)->version()
                  : engine::Result<engine::VersionInfo>(connected.error());
    if (flags->format == "json") {
      std::printf("%s\n", version_json(server ? &*server : nullptr).dump(2).c_str());
    } else {
      print_client();
      if (server) {
        print_server(*server);
      }
    }
    if (!server) {
      print_error(server.error().message);
      return static_cast<int>(k_exit_failure);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
