#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace berth::cli {

namespace {

// "-f --file" for the options of `app` that are not positional.
std::string option_words(const CLI::App& app, bool valued_only) {
  std::string words;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional() || (valued_only && option->get_items_expected_max() == 0)) {
      continue;
    }
    for (const auto& name : option->get_snames()) {
      words += (words.empty() ? "-" : " -") + name;
    }
    for (const auto& name : option->get_lnames()) {
      words += (words.empty() ? "--" : " --") + name;
    }
  }
  return words;
}

// The words are taken from the command table and CLI11's own options, so the
// script cannot drift from the command line it completes. Service names come
// from `berth config --services` with the global options already typed.
std::string bash_script(const CLI::App& root) {
  const auto commands = root.get_subcommands([](const CLI::App*) { return true; });
  std::string names;
  std::string cases;
  for (const CLI::App* command : commands) {
    names += (names.empty() ? "" : " ") + command->get_name();
    cases +=
        "    " + command->get_name() + ") flags=\"" + option_words(*command, false) + "\" ;;\n";
  }
  std::string valued_globals = option_words(root, true);
  for (auto& c : valued_globals) {
    c = c == ' ' ? '|' : c;
  }
  return "# bash completion for berth; load it with: source <(berth completion bash)\n"
         "_berth() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" command=\"\" flags=\"\" i at=0\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case \"${COMP_WORDS[i]}\" in\n"
         "      " +
         valued_globals +
         ") ((i++)) ;;\n"
         "      -*) ;;\n"
         "      *) command=\"${COMP_WORDS[i]}\"; at=$i; break ;;\n"
         "    esac\n"
         "  done\n"
         "  if [[ -z $command ]]; then\n"
         "    if [[ $cur == -* ]]; then\n"
         "      COMPREPLY=($(compgen -W \"" +
         option_words(root, false) +
         "\" -- \"$cur\"))\n"
         "    else\n"
         "      COMPREPLY=($(compgen -W \"" +
         names +
         "\" -- \"$cur\"))\n"
         "    fi\n"
         "    return\n"
         "  fi\n"
         "  case \"$command\" in\n" +
         cases +
         "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
         "  elif [[ $command == help ]]; then\n"
         "    COMPREPLY=($(compgen -W \"" +
         names +
         "\" -- \"$cur\"))\n"
         "  else\n"
         "    local services\n"
         "    services=$(\"${COMP_WORDS[0]}\" \"${COMP_WORDS[@]:1:at-1}\" config --services "
         "2>/dev/null)\n"
         "    COMPREPLY=($(compgen -W \"$services\" -- \"$cur\"))\n"
         "  fi\n"
         "}\n"
         "complete -F _berth berth\n";
}

}  // namespace

CommandRun setup_completion(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  app.add_option("shell", *shell, "The shell (bash)")->required()->check(CLI::IsMember({"bash"}));
  const CLI::App* root = app.get_parent();
  // The lambda keeps `shell` alive: CLI11 writes into it during parse, after this returns.
  return [root, shell](const GlobalOptions&) {
    std::fputs(bash_script(*root).c_str(), stdout);
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
