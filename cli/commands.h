#pragma once
// The command table: each verb registers its options on a CLI11 subcommand
// and returns the function that runs it. No business logic lives here.

#include <functional>
#include <string>
#include <vector>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace berth::cli {

using CommandRun = std::function<int(const GlobalOptions&)>;

struct Command {
  std::string name;
  std::string summary;
  // Adds the verb's options to `app` (already named and described) and
  // returns what runs it once parsing is done.
  std::function<CommandRun(CLI::App& app)> setup;
};

const std::vector<Command>& commands();

CommandRun setup_up(CLI::App& app);
CommandRun setup_down(CLI::App& app);
CommandRun setup_ps(CLI::App& app);
CommandRun setup_version(CLI::App& app);
CommandRun setup_config(CLI::App& app);
CommandRun setup_scale(CLI::App& app);
CommandRun setup_create(CLI::App& app);
CommandRun setup_start(CLI::App& app);
CommandRun setup_stop(CLI::App& app);
CommandRun setup_restart(CLI::App& app);
CommandRun setup_kill(CLI::App& app);
CommandRun setup_rm(CLI::App& app);
CommandRun setup_pause(CLI::App& app);
CommandRun setup_unpause(CLI::App& app);
CommandRun setup_wait(CLI::App& app);
CommandRun setup_supervise(CLI::App& app);
CommandRun setup_logs(CLI::App& app);
CommandRun setup_run(CLI::App& app);
CommandRun setup_exec(CLI::App& app);
CommandRun setup_build(CLI::App& app);
CommandRun setup_pull(CLI::App& app);
CommandRun setup_push(CLI::App& app);

// A swarm (issue 11).
CommandRun setup_deploy(CLI::App& app);
CommandRun setup_undeploy(CLI::App& app);
CommandRun setup_services(CLI::App& app);

// Inspection and the command line itself (issue 6).
CommandRun setup_port(CLI::App& app);
CommandRun setup_top(CLI::App& app);
CommandRun setup_events(CLI::App& app);
CommandRun setup_images(CLI::App& app);
CommandRun setup_ls(CLI::App& app);
CommandRun setup_graph(CLI::App& app);
// Commands compose v2 has (issue 22).
CommandRun setup_stats(CLI::App& app);
CommandRun setup_cp(CLI::App& app);
CommandRun setup_volumes(CLI::App& app);
CommandRun setup_attach(CLI::App& app);
CommandRun setup_commit(CLI::App& app);
CommandRun setup_export(CLI::App& app);
CommandRun setup_help(CLI::App& app);        // needs app.get_parent(): the whole command line
CommandRun setup_completion(CLI::App& app);  // likewise
CommandRun setup_man(CLI::App& app);         // likewise

// Parses argv, runs the command, maps failures to exit codes; never throws.
int run_berth(int argc, char** argv);

}  // namespace berth::cli
