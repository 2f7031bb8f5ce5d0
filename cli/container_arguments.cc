#include "cli/container_arguments.h"
#include "cli/number_checks.h"

#include <CLI/CLI.hpp>

namespace berth::cli {

namespace {

// Repeatable options take one value each time: `-e A=1 -e B=2`.
CLI::Option* repeatable(CLI::Option* option) {
  return option->type_size(1)->allow_extra_args(false);
}

// Splits "SERVICE COMMAND..." (a leading "--" ends the options explicitly).
std::optional<std::string> split_words(std::vector<std::string> words, std::string& service,
                                       std::vector<std::string>& command) {
  if (!words.empty() && words.front() == "--") {
    words.erase(words.begin());
  } else if (!words.empty() && words.front().size() > 1 && words.front().front() == '-') {
    // Before the service, a word with a dash is an option this verb lacks,
    // never a service's name.
    return "unknown option " + words.front() + " (options go before SERVICE)";
  }
  if (words.empty()) {
    return std::string("a service is required");
  }
  service = words.front();
  command.assign(words.begin() + 1, words.end());
  return std::nullopt;
}

}  // namespace

void add_run_arguments(CLI::App& app, RunArguments& arguments) {
  auto& o = arguments.options;
  app.prefix_command();
  app.add_flag("-d,--detach", o.detach, "Run in the background, print the container's name");
  app.add_flag("--rm", o.remove, "Remove the container when it exits");
  repeatable(app.add_option("-e,--env", o.environment, "Set an environment variable KEY=VAL"));
  repeatable(app.add_option("--env-from-file", arguments.env_files,
                            "Set the environment variables of a file (KEY=VAL lines)"));
  repeatable(app.add_option("-l,--label", o.labels, "Add or override a label KEY=VAL"));
  repeatable(app.add_option("--cap-add", o.cap_add, "Add a Linux capability"));
  repeatable(app.add_option("--cap-drop", o.cap_drop, "Drop a Linux capability"));
  app.add_flag("-i,--interactive", arguments.interactive,
               "Keep stdin open (the default; -i=false is refused)");
  app.add_flag("--build", o.images.build, "Build the image before starting the container");
  app.add_option("--pull", o.images.pull,
                 "Pull the image: always, missing, never or build (default: its pull_policy)")
      ->check(CLI::IsMember({"always", "missing", "never", "build"}));
  app.add_flag("--quiet-pull", arguments.quiet_pull, "Pull without showing progress");
  app.add_flag("-q,--quiet", arguments.quiet,
               "Show no progress of the dependencies and image (errors still)");
  app.add_flag("--use-aliases", o.use_aliases, "Give the container the service's network aliases");
  app.add_flag("--remove-orphans", o.remove_orphans,
               "Remove containers of services not in the project file");
  app.add_option("-u,--user", o.user, "Run as this user (name or uid[:gid])");
  app.add_option("-w,--workdir", o.working_dir, "Working directory inside the container");
  app.add_option("--entrypoint", o.entrypoint, "Override the image's entrypoint");
  repeatable(app.add_option("-p,--publish", o.publish, "Publish a port (as in `ports:`)"));
  app.add_flag("-P,--service-ports", o.service_ports, "Publish the service's ports");
  repeatable(app.add_option("-v,--volume", o.volumes, "Mount a volume [SOURCE:]TARGET[:ro]"));
  app.add_option("--name", o.name, "The container's name");
  app.add_flag("-T,--no-TTY", arguments.no_tty,
               "No pseudo-terminal (default: one when stdin is a terminal)");
  app.add_flag("--no-deps", o.no_deps, "Do not start the service's dependencies");
}

void add_exec_arguments(CLI::App& app, ExecArguments& arguments) {
  auto& o = arguments.options;
  app.prefix_command();
  app.add_flag("-d,--detach", o.detach, "Run the command in the background");
  app.add_flag("--privileged", o.privileged, "Give the process extended privileges");
  app.add_option("-u,--user", o.user, "Run as this user (name or uid[:gid])");
  app.add_flag("-T,--no-TTY", arguments.no_tty,
               "No pseudo-terminal (default: one when stdin is a terminal)");
  app.add_option("--index", o.index, "Which container of the service (its number; default 1)")
      ->check(at_least(1));
  repeatable(app.add_option("-e,--env", o.environment, "Set an environment variable KEY=VAL"));
  app.add_option("-w,--workdir", o.working_dir, "Working directory inside the container");
}

std::optional<std::string> finish_run_arguments(RunArguments& arguments,
                                                const std::vector<std::string>& words,
                                                bool stdin_is_terminal) {
  auto& o = arguments.options;
  if (auto error = split_words(words, o.service, o.command)) {
    return error;
  }
  if (o.detach && o.remove) {
    return std::string("--rm and -d cannot be combined");
  }
  if (!arguments.interactive) {
    return std::string("-i=false: stdin is always kept open, as compose keeps it");
  }
  for (const auto& label : o.labels) {
    if (label.rfind("com.docker.compose.", 0) == 0) {
      return "-l " + label + ": the com.docker.compose.* labels are berth's own";
    }
  }
  o.tty = !(o.detach || arguments.no_tty || !stdin_is_terminal);
  return std::nullopt;
}

std::optional<std::string> finish_exec_arguments(ExecArguments& arguments,
                                                 const std::vector<std::string>& words,
                                                 bool stdin_is_terminal) {
  auto& o = arguments.options;
  if (auto error = split_words(words, o.service, o.command)) {
    return error;
  }
  if (o.command.empty()) {
    return std::string("a command is required");
  }
  o.tty = !(o.detach || arguments.no_tty || !stdin_is_terminal);
  return std::nullopt;
}

}  // namespace berth::cli
