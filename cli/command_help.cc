#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace berth::cli {

// `berth help CMD` is `berth CMD --help`; `berth help` is `berth --help`.
CommandRun setup_help(CLI::App& app) {
  auto name = std::make_shared<std::string>();
  app.add_option("command", *name, "The command");
  CLI::App* root = app.get_parent();
  return [name, root](const GlobalOptions&) {
    if (name->empty()) {
      // Not root->help(): that would show the selected subcommand's, this one's.
      std::fputs(root->get_formatter()
                     ->make_help(root, root->get_name(), CLI::AppFormatMode::Normal)
                     .c_str(),
                 stdout);
      return static_cast<int>(k_exit_success);
    }
    CLI::App* command = nullptr;
    try {
      command = root->get_subcommand(*name);
    } catch (const CLI::OptionNotFound&) {
      std::fprintf(stderr, "error: no such command: %s\nrun 'berth --help' for usage\n",
                   name->c_str());
      return static_cast<int>(k_exit_usage);
    }
    // With the root's name before it, so the usage line reads as `berth CMD --help` prints it.
    std::fputs(command->help(root->get_name()).c_str(), stdout);
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
