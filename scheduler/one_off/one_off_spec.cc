#include "scheduler/one_off/one_off_spec.h"

#include <algorithm>
#include <cstdint>
#include <random>

#include "compose/ports.h"
#include "compose/shell_words.h"
#include "scheduler/labels.h"
#include "scheduler/spec/link_environment.h"

namespace berth::scheduler {

namespace {

engine::Error bad_option(const std::string& message) {
  return engine::Error{engine::ErrorCode::bad_request, 0, message};
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

engine::Status publish_ports(const std::vector<std::string>& publish,
                             engine::ContainerCreate& spec) {
  for (const auto& text : publish) {
    const auto mapping = compose::parse_port_mapping(text);
    if (!mapping) {
      return bad_option("invalid port \"" + text + "\" for -p");
    }
    for (int port = mapping->container_start; port <= mapping->container_end; ++port) {
      const std::string key = std::to_string(port) + "/" + mapping->protocol;
      engine::PortBinding binding;
      binding.host_ip = mapping->host_ip;
      binding.host_port = compose::published_port(*mapping, port);
      spec.port_bindings[key].push_back(binding);
      add_unique(spec.exposed_ports, key);
    }
  }
  return engine::Done{};
}

// "[source:]target[:ro|rw]": a source starting with '.', '/' or '~' is a
// host path (relative ones against the project directory, as compose
// resolves them), anything else a volume, the project's own when declared.
engine::Status add_volume(const compose::Project& project, const std::string& text,
                          const std::function<std::optional<std::string>(const std::string&)>& env,
                          engine::ContainerCreate& spec) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const auto colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string::npos) {
      break;
    }
    start = colon + 1;
  }
  if (parts.size() == 1 && !parts[0].empty()) {
    spec.anonymous_volumes.push_back(parts[0]);
    return engine::Done{};
  }
  const bool mode_ok =
      parts.size() == 2 || (parts.size() == 3 && (parts[2] == "ro" || parts[2] == "rw"));
  if (!mode_ok || parts[0].empty() || parts[1].empty()) {
    return bad_option("invalid volume \"" + text + "\" for -v");
  }
  std::string source = parts[0];
  if (source.front() == '.') {
    source = project.directory + "/" + source;
  } else if (source.front() == '~') {
    source = env("HOME").value_or("") + source.substr(1);
  } else if (source.front() != '/') {
    if (const auto* declared = project.find_volume(source)) {
      source = declared->name;
    }
  }
  spec.binds.push_back(source + ":" + parts[1] + ":" + (parts.size() == 3 ? parts[2] : "rw"));
  return engine::Done{};
}

}  // namespace

std::string one_off_name(const std::string& project, const std::string& service,
                         const std::string& suffix) {
  return project + "-" + service + "-run-" + suffix;
}

std::string random_one_off_suffix() {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::random_device device;
  std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device());
  std::uniform_int_distribution<int> digit(0, 15);
  std::string suffix;
  for (int i = 0; i < 12; ++i) {
    suffix += k_digits[digit(generator)];
  }
  return suffix;
}

engine::Status apply_run_options(
    const compose::Project& project, const RunOptions& options, engine::ContainerCreate& spec,
    std::vector<engine::EndpointConfig>& other_networks,
    const std::function<std::optional<std::string>(const std::string&)>& lookup_env) {
  spec.labels[labels::k_oneoff] = "True";
  spec.labels.erase(labels::k_container_number);
  spec.labels.erase(labels::k_config_hash);
  for (const auto& label : options.labels) {
    const auto equals = label.find('=');
    spec.labels[label.substr(0, equals)] =
        equals == std::string::npos ? "" : label.substr(equals + 1);
  }
  for (const auto& capability : options.cap_add) {
    add_unique(spec.cap_add, capability);
  }
  for (const auto& capability : options.cap_drop) {
    add_unique(spec.cap_drop, capability);
  }
  if (!options.use_aliases) {
    if (spec.network) {
      spec.network->aliases.clear();
    }
    for (auto& endpoint : other_networks) {
      endpoint.aliases.clear();
    }
  }
  if (!options.command.empty()) {
    spec.cmd = options.command;
  }
  if (options.entrypoint) {
    auto words = compose::split_shell_words(*options.entrypoint);
    if (!words) {
      return bad_option("unclosed quote in --entrypoint \"" + *options.entrypoint + "\"");
    }
    spec.entrypoint = *words;
  }
  std::vector<std::string> overrides;
  for (const auto& entry : options.environment) {
    if (entry.find('=') != std::string::npos) {
      overrides.push_back(entry);
    } else if (auto value = lookup_env(entry)) {
      overrides.push_back(entry + "=" + *value);
    }
  }
  merge_environment(spec.env, overrides);
  if (!options.user.empty()) {
    spec.user = options.user;
  }
  if (!options.working_dir.empty()) {
    spec.working_dir = options.working_dir;
  }
  if (!options.service_ports) {
    spec.port_bindings.clear();  // compose publishes nothing of the service's for a run
  }
  if (auto published = publish_ports(options.publish, spec); !published) {
    return published;
  }
  for (const auto& volume : options.volumes) {
    if (auto added = add_volume(project, volume, lookup_env, spec); !added) {
      return added;
    }
  }
  if (!options.name.empty()) {
    spec.name = options.name;
  }
  if (options.remove) {
    spec.restart_policy.clear();  // a restarting container would never be removed
  }
  spec.tty = options.tty;
  // Like docker-compose (docker run -i): stdin stays open, and ends for the
  // container when the attached client closes it.
  spec.open_stdin = true;
  spec.stdin_once = true;
  return engine::Done{};
}

}  // namespace berth::scheduler
