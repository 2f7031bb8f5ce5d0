#include <CLI/CLI.hpp>
#include <cstdio>
#include <set>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compose/config_output.h"
#include "scheduler/spec/config_hash.h"

namespace berth::cli {

namespace {

struct ConfigFlags {
  std::string format = "yaml";
  bool services = false;
  bool volumes = false;
  bool profiles = false;
  bool quiet = false;
  std::string hash;  // "*" or "svc1,svc2"
};

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) {
      parts.push_back(part);
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return parts;
}

// Like compose, the hash takes the image's ID from the engine: a rebuilt image
// is a changed service.
int print_hashes(const compose::Project& project, const std::string& which) {
  auto engine = connect_engine();
  std::vector<std::string> names;
  if (which == "*") {
    for (const auto& service : project.services) {
      names.push_back(service.name);
    }
  } else {
    names = split_commas(which);
  }
  for (const auto& name : names) {
    const auto* service = project.find_service(name);
    if (!service) {
      std::fprintf(stderr, "error: no such service: \"%s\"\n", name.c_str());
      return k_exit_failure;
    }
    auto image = engine->inspect_image(service->image);
    const std::string image_id = image ? image->id : std::string();
    std::printf("%s %s\n", name.c_str(), scheduler::config_hash(*service, image_id).c_str());
  }
  return k_exit_success;
}

}  // namespace

CommandRun setup_config(CLI::App& app) {
  auto flags = std::make_shared<ConfigFlags>();
  app.add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember({"yaml", "json"}));
  app.add_flag("--services", flags->services, "Print the service names, one per line");
  app.add_flag("--volumes", flags->volumes, "Print the volume names, one per line");
  app.add_flag("--profiles", flags->profiles, "Print the profile names, one per line");
  app.add_option("--hash", flags->hash, "Print the config hash of these services (\"*\": all)");
  app.add_flag("-q,--quiet", flags->quiet, "Only validate; the exit code says");
  return [flags](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    const auto& project = loaded.project;
    if (flags->quiet) {
      return static_cast<int>(k_exit_success);
    }
    if (!flags->hash.empty()) {
      return print_hashes(project, flags->hash);
    }
    if (flags->services) {
      for (const auto& service : loaded.graph.start_order()) {
        std::printf("%s\n", service.c_str());
      }
    } else if (flags->profiles) {
      std::set<std::string> names;
      for (const auto& service : project.services) {
        names.insert(service.profiles.begin(), service.profiles.end());
      }
      for (const auto& name : names) {
        std::printf("%s\n", name.c_str());
      }
    } else if (flags->volumes) {
      for (const auto& volume : project.volumes) {
        std::printf("%s\n", volume.key.c_str());
      }
    } else {
      auto text = flags->format == "json" ? compose::project_to_json(project)
                                          : compose::project_to_yaml(project);
      std::fputs(text.c_str(), stdout);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
