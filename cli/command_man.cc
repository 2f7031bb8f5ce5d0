#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/completion_words.h"
#include "cli/exit_codes.h"

namespace berth::cli {

// `berth man`: berth(1) in roff, as installed; read it with `berth man | man -l -`.
CommandRun setup_man(CLI::App& app) {
  const CLI::App* root = app.get_parent();
  return [root](const GlobalOptions&) {
    std::fputs(man_page(*root).c_str(), stdout);
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
