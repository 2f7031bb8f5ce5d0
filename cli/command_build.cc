// build, pull and push: the project's images, one service after another.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/image_output.h"
#include "cli/terminal_progress.h"
#include "scheduler/converge/service_selection.h"
#include "scheduler/images/image_build.h"
#include "scheduler/images/image_transfer.h"

namespace berth::cli {

namespace {

// The named services (each must exist), or every active one.
std::vector<std::string> selected_services(const LoadedProject& loaded,
                                           const std::vector<std::string>& named) {
  return scheduler::select_named_or_active(loaded.project, named);
}

// --build-arg KEY=VALUE, or KEY alone for the value in berth's environment
// (left out when unset, as docker's CLI does).
std::vector<std::pair<std::string, std::string>> build_arguments(
    const std::vector<std::string>& words) {
  std::vector<std::pair<std::string, std::string>> args;
  for (const auto& word : words) {
    const auto equals = word.find('=');
    if (equals != std::string::npos) {
      args.emplace_back(word.substr(0, equals), word.substr(equals + 1));
    } else if (const char* value = std::getenv(word.c_str())) {
      args.emplace_back(word, value);
    }
  }
  return args;
}

}  // namespace

CommandRun setup_build(CLI::App& app) {
  struct Flags {
    std::vector<std::string> services;
    std::vector<std::string> build_args;
    scheduler::BuildRequest request;
  };
  auto flags = std::make_shared<Flags>();
  app.add_flag("--no-cache", flags->request.no_cache, "Do not use the build cache");
  app.add_flag("--pull", flags->request.pull, "Always try to pull newer base images");
  app.add_flag("-q,--quiet", flags->request.quiet, "Show no build output");
  app.add_option("--build-arg", flags->build_args, "KEY=VALUE (or KEY, from the environment)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("services", flags->services, "Services to build (default: all active)");
  return [flags](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    const auto services = selected_services(loaded, flags->services);
    auto request = flags->request;
    request.args = build_arguments(flags->build_args);
    auto engine = connect_engine();
    TerminalProgress progress;
    ImageOutput output(progress, image_output_mode(request.quiet));
    bool any = false;
    for (const auto& name : services) {
      any = any || loaded.project.find_service(name)->build.has_value();
    }
    if (!any) {
      progress.warning("no service to build: none of " +
                       std::string(flags->services.empty() ? "the services" : "those named") +
                       " has build:");
      return static_cast<int>(k_exit_success);
    }
    const bool ok = scheduler::build_images(*engine, loaded.project, services, request,
                                            output.sink(), progress);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

CommandRun setup_pull(CLI::App& app) {
  struct Flags {
    std::vector<std::string> services;
    bool include_deps = false;
    bool quiet = false;
    scheduler::TransferRequest request;
  };
  auto flags = std::make_shared<Flags>();
  app.add_flag("--ignore-pull-failures", flags->request.ignore_failures,
               "Pull what can be pulled; exit 0 even when an image fails");
  app.add_flag("--include-deps", flags->include_deps, "Also pull the named services' dependencies");
  app.add_flag("-q,--quiet", flags->quiet, "Show no progress");
  app.add_option("services", flags->services, "Services to pull (default: all active)");
  return [flags](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    auto services = selected_services(loaded, flags->services);
    if (flags->include_deps && !flags->services.empty()) {
      services = loaded.graph.with_dependencies(services);
    }
    auto engine = connect_engine();
    TerminalProgress progress;
    ImageOutput output(progress, image_output_mode(flags->quiet));
    const bool ok = scheduler::pull_images(*engine, loaded.project, services, flags->request,
                                           output.sink(), progress);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

CommandRun setup_push(CLI::App& app) {
  struct Flags {
    std::vector<std::string> services;
    bool quiet = false;
    scheduler::TransferRequest request;
  };
  auto flags = std::make_shared<Flags>();
  app.add_flag("--ignore-push-failures", flags->request.ignore_failures,
               "Push what can be pushed; exit 0 even when an image fails");
  app.add_flag("-q,--quiet", flags->quiet, "Show no progress");
  app.add_option("services", flags->services, "Services to push (default: all active)");
  return [flags](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    const auto services = selected_services(loaded, flags->services);
    auto engine = connect_engine();
    TerminalProgress progress;
    ImageOutput output(progress, image_output_mode(flags->quiet));
    const bool ok = scheduler::push_images(*engine, loaded.project, services, flags->request,
                                           output.sink(), progress);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

}  // namespace berth::cli
