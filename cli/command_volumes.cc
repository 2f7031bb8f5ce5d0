// `berth volumes`: the project's volumes, as compose v2 lists them (the
// command came after 2.26.1; its columns are those of `docker volume ls`).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"
#include "cli/docker_table.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/number_checks.h"
#include "scheduler/labels.h"

namespace berth::cli {

namespace {

struct VolumesFlags {
  std::vector<std::string> services;
  bool quiet = false;
  std::string format = "table";
};

// `docker volume ls --format json`'s object; the fields a plain list has no
// figures for are "N/A" there too.
std::string volume_json(const engine::VolumeSummary& volume) {
  std::string labels;
  for (const auto& [key, value] : volume.labels) {
    labels += (labels.empty() ? "" : ",") + key + "=" + value;
  }
  const nlohmann::json object = {
      {"Availability", "N/A"}, {"Driver", volume.driver},       {"Group", "N/A"},
      {"Labels", labels},      {"Links", "N/A"},                {"Mountpoint", volume.mountpoint},
      {"Name", volume.name},   {"Scope", volume.scope},         {"Size", "N/A"},
      {"Status", "N/A"}};
  return object.dump();
}

// The names of the volumes the services' containers mount.
std::set<std::string> mounted_by(engine::Engine& engine,
                                 const std::vector<engine::ContainerSummary>& containers,
                                 const std::vector<std::string>& services) {
  std::set<std::string> names;
  for (const auto& container : containers) {
    const auto service =
        scheduler::labels::value_of(container.labels, scheduler::labels::k_service);
    if (std::find(services.begin(), services.end(), service) == services.end()) {
      continue;
    }
    auto details = engine.inspect_container(container.id);
    if (!details) {
      continue;  // removed meanwhile
    }
    for (const auto& mount : details->mounts) {
      names.insert(mount.name);
    }
  }
  return names;
}

}  // namespace

CommandRun setup_volumes(CLI::App& app) {
  auto flags = std::make_shared<VolumesFlags>();
  app.add_option("services", flags->services, "Only the volumes these services' containers mount");
  app.add_flag("-q,--quiet", flags->quiet, "Only the volumes' names");
  app.add_option("--format", flags->format, "table or json (one object per line)")
      ->check(one_of({"table", "json"}));
  return [flags](const GlobalOptions& options) {
    auto named = load_named_project(options);
    for (const auto& name : flags->services) {
      if (named.loaded.project.find_service(name) == nullptr) {
        print_error("no such service: " + name);
        return static_cast<int>(k_exit_failure);
      }
    }
    auto engine = named.connect();
    const auto filter = scheduler::labels::project_filter(named.loaded.project.name);
    auto listed = engine->list_volumes(filter);
    if (!listed) {
      print_error(listed.error().message);
      return static_cast<int>(k_exit_failure);
    }
    auto volumes = std::move(listed).value();
    if (!flags->services.empty()) {
      auto containers = engine->list_containers(filter, true);
      if (!containers) {
        print_error(containers.error().message);
        return static_cast<int>(k_exit_failure);
      }
      const auto mounted = mounted_by(*engine, *containers, flags->services);
      std::erase_if(volumes, [&](const auto& volume) { return !mounted.count(volume.name); });
    }
    std::sort(volumes.begin(), volumes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<std::vector<std::string>> rows = {{"DRIVER", "VOLUME NAME"}};
    for (const auto& volume : volumes) {
      if (flags->quiet) {
        std::printf("%s\n", volume.name.c_str());
      } else if (flags->format == "json") {
        std::printf("%s\n", volume_json(volume).c_str());
      } else {
        rows.push_back({volume.driver, volume.name});
      }
    }
    if (!flags->quiet && flags->format == "table") {
      std::fputs(docker_table(rows).c_str(), stdout);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
