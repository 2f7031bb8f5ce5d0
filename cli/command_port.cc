#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/number_checks.h"
#include "scheduler/container_listing.h"
#include "scheduler/container_naming.h"
#include "scheduler/labels.h"

namespace berth::cli {

namespace {

struct PortFlags {
  std::string service;
  int private_port = 0;
  std::string protocol = "tcp";
  int index = 1;
};

int fail(const std::string& message) {
  print_error(message);
  return k_exit_failure;
}

}  // namespace

CommandRun setup_port(CLI::App& app) {
  auto flags = std::make_shared<PortFlags>();
  app.add_option("service", flags->service, "The service")->required();
  app.add_option("private_port", flags->private_port, "The port inside the container")
      ->required()
      ->check(CLI::Range(1, 65535));
  app.add_option("--protocol", flags->protocol, "tcp or udp (default tcp)")
      ->check(CLI::IsMember({"tcp", "udp"}));
  app.add_option("--index", flags->index, "Which container of the service (default 1)")
      ->check(at_least(1));
  return [flags](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    if (loaded.project.find_service(flags->service) == nullptr) {
      return fail("no such service: " + flags->service);
    }
    auto engine = connect_engine();
    auto observed = scheduler::observe_containers(*engine, loaded.project.name);
    if (!observed) {
      return fail(observed.error().message);
    }
    std::string id;
    for (const auto& container : observed->containers_of(flags->service)) {
      const auto number = scheduler::parse_container_number(
          scheduler::labels::value_of(container.labels, scheduler::labels::k_container_number));
      if (number == flags->index) {
        id = container.id;
      }
    }
    if (id.empty()) {
      return fail("service \"" + flags->service + "\" has no container number " +
                  std::to_string(flags->index));
    }
    auto details = engine->inspect_container(id);
    if (!details) {
      return fail(details.error().message);
    }
    const std::string port = std::to_string(flags->private_port) + "/" + flags->protocol;
    const std::string address = scheduler::published_address(*details, port);
    if (address.empty()) {
      return fail("port " + port + " of " + details->name + " is not published");
    }
    std::printf("%s\n", address.c_str());
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
