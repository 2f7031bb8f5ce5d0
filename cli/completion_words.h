#pragma once
// What the shell completion scripts and the man page read from the CLI11 app
// that run_berth builds from the command table: the visible commands and
// their options, so none of them can drift from the command line itself.

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace berth::cli {

struct OptionWords {
  std::vector<std::string> names;  // "-f", "--file"
  std::string description;
  std::string value_name;  // "" for a flag, else CLI11's type name ("TEXT", "INT", ...)
  bool repeatable = false;
};

// The subcommands a user sees (hidden ones, with an empty group, are left out).
std::vector<const CLI::App*> visible_commands(const CLI::App& root);

// The options of `app` that are not positional and not hidden, --help included.
std::vector<OptionWords> option_words_of(const CLI::App& app);

// The positional arguments of `app`, as a usage line shows them: "[SERVICE...]".
std::string positional_usage(const CLI::App& app);

// The names of the options of `app` that take a value ("-f", "--file", ...).
std::vector<std::string> valued_option_names(const CLI::App& app);

// The shells `berth completion` writes a script for.
const std::vector<std::string>& completion_shells();

std::string bash_completion_script(const CLI::App& root);
std::string zsh_completion_script(const CLI::App& root);
std::string fish_completion_script(const CLI::App& root);

// berth(1) in roff (man(7) macros).
std::string man_page(const CLI::App& root);

}  // namespace berth::cli
