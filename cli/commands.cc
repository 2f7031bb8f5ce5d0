#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "cli/engine_call_log.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/number_checks.h"
#include "compose/config_error.h"
#include "compose/project_name.h"
#include "scheduler/project/project_lock.h"

namespace berth::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> k_commands = {
      {"up", "Create and start the project's containers", setup_up},
      {"down", "Stop and remove the project's containers and network", setup_down},
      {"ps", "List the project's containers", setup_ps},
      {"scale", "Set the number of containers of services (SVC=N ...)", setup_scale},
      {"create", "Create the project's containers without starting them", setup_create},
      {"start", "Start existing containers, dependencies first", setup_start},
      {"stop", "Stop running containers, dependents first", setup_stop},
      {"restart", "Stop (dependents first) and start again (dependencies first)", setup_restart},
      {"kill", "Send a signal to running containers", setup_kill},
      {"rm", "Remove stopped containers", setup_rm},
      {"pause", "Pause running containers", setup_pause},
      {"unpause", "Unpause paused containers", setup_unpause},
      {"wait", "Block until services' containers exit; exit with their code", setup_wait},
      {"supervise", "Restart unhealthy containers, then their restart: true dependents",
       setup_supervise},
      {"logs", "Show the containers' output (-f: follow it)", setup_logs},
      {"run", "Run a one-off command in a new container of a service", setup_run},
      {"exec", "Run a command in a running container of a service", setup_exec},
      {"build", "Build the services' images from their build: contexts", setup_build},
      {"pull", "Pull the services' images from their registries", setup_pull},
      {"push", "Push the built services' images to their registries", setup_push},
      {"deploy", "Deploy the project to the swarm this engine manages, in dependency order",
       setup_deploy},
      {"undeploy", "Remove the project's services and networks from the swarm", setup_undeploy},
      {"services", "List the project's swarm services with running/desired tasks",
       setup_services},
      {"config", "Validate the project file and print it resolved", setup_config},
      {"version", "Show the client's (berth's) and the engine's versions", setup_version},
      {"port", "Print the public address of a service's port", setup_port},
      {"top", "Show the processes running in the containers", setup_top},
      {"events", "Print the containers' events as they happen", setup_events},
      {"images", "List the images the containers use", setup_images},
      {"ls", "List the compose projects on the engine", setup_ls},
      {"graph", "Print the dependency graph (Graphviz DOT or SVG)", setup_graph},
      {"stats", "Show the containers' CPU, memory, network and block I/O use, and the total",
       setup_stats},
      {"cp", "Copy files between a service's container and the local filesystem", setup_cp},
      {"volumes", "List the project's volumes", setup_volumes},
      {"attach", "Attach the terminal to a running service container", setup_attach},
      {"commit", "Make an image of a service container's filesystem", setup_commit},
      {"export", "Write a service container's filesystem as a tar", setup_export},
      {"help", "Show the help of a command", setup_help},
      {"completion", "Print a shell completion script (bash, zsh or fish)", setup_completion},
      {"man", "Print the manual page (roff): berth man | man -l -", setup_man},
  };
  return k_commands;
}

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("-f,--file", options.files, "Project file (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  // An invalid name is a usage error (exit 2) before anything is loaded, never
  // normalised into another project's name; empty is as if not given (compose v2).
  app.add_option("-p,--project-name", options.project_name, "Project name")
      ->check(CLI::Validator(
          [](const std::string& name) {
            return name.empty() || compose::is_valid_project_name(name)
                       ? std::string()
                       : compose::invalid_project_name_message(name);
          },
          "NAME"));
  app.add_option("--project-directory", options.project_directory,
                 "Working directory (default: the first file's directory)");
  app.add_option("--env-file", options.env_files,
                 "Variables for the project file (repeatable, later files win; default: .env "
                 "in the project directory)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("--profile", options.profiles,
                 "Enable services of this profile (repeatable; default: COMPOSE_PROFILES)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_flag("-v,--verbose", options.verbose, "Log engine calls to stderr");
  app.add_option_function<std::string>(
         "--ansi",
         [&options](const std::string& word) {
           const std::map<std::string, AnsiMode> modes = {
               {"never", AnsiMode::never}, {"always", AnsiMode::always},
               {"auto", AnsiMode::automatic}};
           options.ansi = modes.at(CLI::detail::to_lower(word));
         },
         "Colours: never, always or auto (a terminal; NO_COLOR)")
      ->check(one_of({"never", "always", "auto"}));
  app.add_option("--parallel", options.parallel, "Engine calls at once (default 64)")
      ->check(at_least(1));
  app.add_flag("--dry-run", options.dry_run,
               "Show what a command would change, one line per operation; change nothing");
  app.add_option_function<std::string>(
         "--progress",
         [&options](const std::string& word) {
           const std::map<std::string, ProgressMode> modes = {
               {"auto", ProgressMode::automatic}, {"tty", ProgressMode::tty},
               {"plain", ProgressMode::plain},    {"json", ProgressMode::json},
               {"quiet", ProgressMode::quiet}};
           options.progress = modes.at(CLI::detail::to_lower(word));
         },
         "Progress output: auto, tty, plain, json (one JSON object per line) or quiet")
      ->check(one_of({"auto", "tty", "plain", "json", "quiet"}));
}

// Verbs that change the engine only through a plan, and so can show it
// instead; verbs that change nothing run as usual under --dry-run.
bool dry_run_supported(const std::string& verb) {
  static const std::set<std::string> k_changing_without_plan = {
      "run", "exec", "build", "pull", "push", "supervise", "cp", "attach",
      "commit"};
  return !k_changing_without_plan.count(verb);
}

int run_parsed(const CommandRun& run, const GlobalOptions& options) {
  try {
    return run(options);
  } catch (const compose::ConfigError& error) {
    for (const auto& diagnostic : error.diagnostics()) {
      print_line_to_stderr(compose::format_diagnostic(diagnostic));
    }
    return k_exit_failure;
  } catch (const Interrupted&) {
    return k_exit_interrupted;
  } catch (const UsageError& error) {
    print_error(error.what());
    return k_exit_usage;
  } catch (const scheduler::LockWaitInterrupted&) {
    return k_exit_interrupted;  // nothing was changed: the lock was never taken
  } catch (const EngineUnavailable& error) {
    print_error(error.what());
    return k_exit_failure;
  } catch (const std::exception& error) {
    print_error(error.what());
    return k_exit_failure;
  }
}

}  // namespace

int run_berth(int argc, char** argv) {
  CLI::App app{"berth: runs multi-container projects described by a compose file", "berth"};
  app.require_subcommand(1);
  GlobalOptions options;
  add_global_options(app, options);
  CommandRun selected;
  std::string selected_name;
  for (const auto& command : commands()) {
    auto* sub = app.add_subcommand(command.name, command.summary);
    auto run = command.setup(*sub);
    sub->callback([&selected, &selected_name, run, name = command.name] {
      selected = run;
      selected_name = name;
    });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    print_error(error.what());
    std::fprintf(stderr, "run 'berth --help' for usage\n");
    return k_exit_usage;
  }
  if (options.verbose) {
    log_engine_calls_to_stderr();
  }
  if (options.dry_run && !dry_run_supported(selected_name)) {
    print_error("--dry-run: `" + selected_name +
                "` has no plan to show yet (up, create, scale, start, stop, restart, kill, rm, "
                "pause, unpause, down, deploy and undeploy have); nothing was done");
    return k_exit_usage;
  }
  configure_progress(options.progress, options.dry_run);
  read_only_engine(options.dry_run);
  return run_parsed(selected, options);
}

}  // namespace berth::cli
