#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/completion_words.h"
#include "cli/exit_codes.h"

namespace berth::cli {

namespace {

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string text;
  for (const auto& word : words) {
    text += (text.empty() ? "" : separator) + word;
  }
  return text;
}

// "-f --file -p ..." for the options of `app`.
std::string option_list(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto& word : option_words_of(app)) {
    names.insert(names.end(), word.names.begin(), word.names.end());
  }
  return joined(names, " ");
}

}  // namespace

// The words are taken from the command table and CLI11's own options, so the
// script cannot drift from the command line it completes. Service names come
// from `berth config --services` with the global options already typed.
std::string bash_completion_script(const CLI::App& root) {
  std::string names;
  std::string cases;
  for (const CLI::App* command : visible_commands(root)) {
    names += (names.empty() ? "" : " ") + command->get_name();
    cases += "    " + command->get_name() + ") flags=\"" + option_list(*command) + "\" ;;\n";
  }
  return "# bash completion for berth; load it with: source <(berth completion bash)\n"
         "_berth() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" command=\"\" flags=\"\" i at=0\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case \"${COMP_WORDS[i]}\" in\n"
         "      " +
         joined(valued_option_names(root), "|") +
         ") ((i++)) ;;\n"
         "      -*) ;;\n"
         "      *) command=\"${COMP_WORDS[i]}\"; at=$i; break ;;\n"
         "    esac\n"
         "  done\n"
         "  if [[ -z $command ]]; then\n"
         "    if [[ $cur == -* ]]; then\n"
         "      COMPREPLY=($(compgen -W \"" +
         option_list(root) +
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
         "  elif [[ $command == completion ]]; then\n"
         "    COMPREPLY=($(compgen -W \"" +
         joined(completion_shells(), " ") +
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

CommandRun setup_completion(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  app.add_option("shell", *shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember(completion_shells()));
  const CLI::App* root = app.get_parent();
  // The lambda keeps `shell` alive: CLI11 writes into it during parse, after this returns.
  return [root, shell](const GlobalOptions&) {
    const std::string script = *shell == "zsh"    ? zsh_completion_script(*root)
                               : *shell == "fish" ? fish_completion_script(*root)
                                                  : bash_completion_script(*root);
    std::fputs(script.c_str(), stdout);
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
