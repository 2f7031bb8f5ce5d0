#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/text_table.h"
#include "compose/config_output.h"
#include "compose/uninterpolated_output.h"
#include "compose/variable_listing.h"
#include "scheduler/images/image_digests.h"
#include "scheduler/spec/config_hash.h"

namespace berth::cli {

namespace {

struct ConfigFlags {
  std::string format = "yaml";
  bool services = false;
  bool volumes = false;
  bool profiles = false;
  bool quiet = false;
  bool images = false;
  bool networks = false;
  bool environment = false;
  bool variables = false;
  bool no_interpolate = false;
  bool resolve_digests = false;
  std::string output;  // -o: a file instead of stdout
  std::string hash;    // "*" or "svc1,svc2"
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

// --variables: compose v2's columns, and the value each variable has now.
std::string variables_table(const std::vector<compose::VariableUse>& uses) {
  std::vector<TableRow> rows;
  for (const auto& use : uses) {
    rows.push_back({use.name, use.required ? "true" : "false", use.default_value, use.alternate,
                    use.value ? *use.value : "(unset)"});
  }
  return column_table({"NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE", "VALUE"}, rows);
}

std::string variables_json(const std::vector<compose::VariableUse>& uses) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& use : uses) {
    out[use.name] = {{"Name", use.name},
                     {"Required", use.required},
                     {"DefaultValue", use.default_value},
                     {"AlternateValue", use.alternate},
                     {"Value", use.value ? nlohmann::ordered_json(*use.value) : nullptr}};
  }
  return out.dump(2) + "\n";
}

// --resolve-image-digests: every named image pinned, by service; nullopt
// (the error printed) when one cannot be.
std::optional<std::map<std::string, std::string>> pin_images(const compose::Project& project) {
  auto engine = connect_engine();
  std::vector<std::string> warnings;
  auto pinned = scheduler::pinned_service_images(*engine, project, warnings);
  for (const auto& warning : warnings) {
    print_line_to_stderr("warning: " + warning);
  }
  if (!pinned) {
    print_error(pinned.error().message);
    return std::nullopt;
  }
  return *pinned;
}

// What the flags ask to print, before the project is loaded when that is
// all they need (--variables and --environment read the files as written).
std::optional<std::string> unloaded_text(const ConfigFlags& flags, const GlobalOptions& options,
                                         const std::map<std::string, std::string>& pinned) {
  if (flags.variables) {
    const auto uses = compose::variables_used(load_options_of(options));
    return flags.format == "json" ? variables_json(uses) : variables_table(uses);
  }
  if (flags.environment) {
    std::string text;
    for (const auto& [key, value] : compose::interpolation_environment(load_options_of(options))) {
      text += key + "=" + value + "\n";
    }
    return text;
  }
  const bool listing = flags.services || flags.volumes || flags.profiles || flags.networks ||
                       flags.images || flags.quiet || !flags.hash.empty();
  if (flags.no_interpolate && !listing) {
    return compose::uninterpolated_project(load_options_of(options), flags.format == "json",
                                           pinned);
  }
  return std::nullopt;
}

std::string resolved_text(const ConfigFlags& flags, const LoadedProject& loaded,
                          const std::map<std::string, std::string>& pinned) {
  compose::Project project = loaded.project;
  for (auto& service : project.services) {
    if (auto found = pinned.find(service.name); found != pinned.end()) {
      service.image = found->second;
    }
  }
  std::string text;
  if (flags.services) {
    for (const auto& service : loaded.graph.start_order()) {
      text += service + "\n";
    }
  } else if (flags.profiles) {
    std::set<std::string> names;
    for (const auto& service : project.services) {
      names.insert(service.profiles.begin(), service.profiles.end());
    }
    for (const auto& name : names) {
      text += name + "\n";
    }
  } else if (flags.volumes) {
    for (const auto& volume : project.volumes) {
      text += volume.key + "\n";
    }
  } else if (flags.networks) {
    for (const auto& network : project.networks) {
      if (!network.implicit) {  // as v2: the networks the files declare
        text += network.key + "\n";
      }
    }
  } else if (flags.images) {
    for (const auto& service : project.services) {
      text += service.image + "\n";
    }
  } else {
    text = flags.format == "json" ? compose::project_to_json(project)
                                  : compose::project_to_yaml(project);
  }
  return text;
}

// -o FILE, else stdout.
int emit(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    std::fputs(text.c_str(), stdout);
    return k_exit_success;
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    print_error("config -o " + output + ": cannot write the file");
    return k_exit_failure;
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
  app.add_flag("--networks", flags->networks, "Print the network names, one per line");
  app.add_flag("--images", flags->images, "Print the services' image names, one per line");
  app.add_flag("--environment", flags->environment,
               "Print the variables interpolation reads (shell over env file), KEY=VALUE");
  app.add_flag("--variables", flags->variables,
               "Print the variables the files use: required, default, alternate, value now");
  app.add_flag("--no-interpolate", flags->no_interpolate,
               "Print the files combined with every ${VAR} as written");
  app.add_flag("--resolve-image-digests", flags->resolve_digests,
               "Pin each image to the digest its registry has for it now");
  app.add_option("-o,--output", flags->output, "Write to this file instead of stdout");
  app.add_option("--hash", flags->hash, "Print the config hash of these services (\"*\": all)");
  app.add_flag("-q,--quiet", flags->quiet, "Only validate; the exit code says");
  return [flags](const GlobalOptions& options) {
    std::optional<LoadedProject> loaded;  // loaded once, when something needs it
    std::map<std::string, std::string> pinned;
    if (flags->resolve_digests) {
      loaded = load_checked_project(options);
      auto images = pin_images(loaded->project);
      if (!images) {
        return static_cast<int>(k_exit_failure);
      }
      pinned = std::move(*images);
    }
    if (auto text = unloaded_text(*flags, options, pinned)) {
      return emit(*text, flags->output);
    }
    if (!loaded) {
      loaded = load_checked_project(options);
    }
    const auto& project = loaded->project;
    if (flags->quiet) {
      return static_cast<int>(k_exit_success);
    }
    if (!flags->hash.empty()) {
      return print_hashes(project, flags->hash);
    }
    return emit(resolved_text(*flags, *loaded, pinned), flags->output);
  };
}

}  // namespace berth::cli
