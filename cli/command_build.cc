// build, pull and push: the project's images, one service after another.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

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

// build --print: what would be built, as the JSON of a bake file (what
// compose v2 prints): a default group of the services, a target each.
std::string bake_definition(const compose::Project& project,
                            const std::vector<std::string>& services,
                            const scheduler::BuildRequest& request) {
  nlohmann::ordered_json targets = nlohmann::ordered_json::object();
  std::vector<std::string> names;
  for (const auto& name : services) {
    const auto* service = project.find_service(name);
    if (service == nullptr || !service->build) {
      continue;
    }
    const auto& build = *service->build;
    nlohmann::ordered_json args = nlohmann::ordered_json::object();
    for (const auto& [key, value] : build.args) {
      args[key] = value;
    }
    for (const auto& [key, value] : request.args) {
      args[key] = value;  // --build-arg wins
    }
    std::vector<std::string> tags{service->image};
    tags.insert(tags.end(), build.tags.begin(), build.tags.end());
    nlohmann::ordered_json target = {
        {"context", build.context},
        {"dockerfile", build.dockerfile.empty() ? "Dockerfile" : build.dockerfile},
        {"args", args},
        {"labels", build.labels},
        {"tags", tags}};
    if (!build.target.empty()) target["target"] = build.target;
    if (!build.network.empty()) target["network"] = build.network;
    if (!build.cache_from.empty()) target["cache-from"] = build.cache_from;
    if (request.no_cache || build.no_cache) target["no-cache"] = true;
    if (request.pull || build.pull) target["pull"] = true;
    targets[name] = std::move(target);
    names.push_back(name);
  }
  nlohmann::ordered_json bake = {{"group", {{"default", {{"targets", names}}}}},
                                 {"target", targets}};
  return bake.dump(2) + "\n";
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
    bool push = false;
    bool with_dependencies = false;
    bool print = false;
  };
  auto flags = std::make_shared<Flags>();
  app.add_flag("--no-cache", flags->request.no_cache, "Do not use the build cache");
  app.add_flag("--push", flags->push, "Push the built images that have an image: name");
  app.add_flag("--with-dependencies", flags->with_dependencies,
               "Also build the named services' dependencies (transitively)");
  app.add_flag("--print", flags->print,
               "Print what would be built, as a bake file's JSON; build nothing");
  app.add_flag("--pull", flags->request.pull, "Always try to pull newer base images");
  app.add_flag("-q,--quiet", flags->request.quiet, "Show no build output");
  app.add_option("--build-arg", flags->build_args, "KEY=VALUE (or KEY, from the environment)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("services", flags->services, "Services to build (default: all active)");
  return [flags](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    auto services = selected_services(loaded, flags->services);
    if (flags->with_dependencies && !flags->services.empty()) {
      services = loaded.graph.with_dependencies(services);
    }
    auto request = flags->request;
    request.args = build_arguments(flags->build_args);
    if (flags->print) {
      std::fputs(bake_definition(loaded.project, services, request).c_str(), stdout);
      return static_cast<int>(k_exit_success);
    }
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
    bool ok = scheduler::build_images(*engine, loaded.project, services, request,
                                      output.sink(), progress);
    if (ok && flags->push) {
      std::vector<std::string> built;
      for (const auto& name : services) {
        if (loaded.project.find_service(name)->build) {
          built.push_back(name);
        }
      }
      ok = scheduler::push_images(*engine, loaded.project, built, {}, output.sink(), progress);
    }
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
