// `berth completion zsh`: a #compdef script for _arguments, written from the
// CLI11 app (the command table), with each option's description.

#include <CLI/CLI.hpp>

#include "cli/completion_words.h"

namespace berth::cli {

namespace {

// Text inside '...' in zsh.
std::string single_quoted(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out;
}

// Text inside '...' in zsh, and inside an _arguments [description].
std::string quoted(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += std::string("\\") + c;
    } else {
      out += c;
    }
  }
  return out;
}

// One _arguments spec per name: '(-d --detach)-d[Detached]', and
// ':value:' after options that take one (file names for files and directories).
std::string option_specs(const CLI::App& app, const std::string& indent) {
  std::string specs;
  for (const auto& word : option_words_of(app)) {
    std::string exclusion;
    if (!word.repeatable && word.names.size() > 1) {
      for (const auto& name : word.names) {
        exclusion += (exclusion.empty() ? "(" : " ") + name;
      }
      exclusion += ")";
    }
    std::string value;
    if (!word.value_name.empty()) {
      const bool path = word.names.back().find("file") != std::string::npos ||
                        word.names.back().find("directory") != std::string::npos;
      value = ":" + quoted(word.value_name) + ":" + (path ? "_files" : " ");
    }
    for (const auto& name : word.names) {
      specs += indent + "'" + exclusion + (word.repeatable ? "*" : "") + name + "[" +
               quoted(word.description) + "]" + value + "' \\\n";
    }
  }
  return specs;
}

// What the words after the command complete to.
std::string argument_spec(const CLI::App& command) {
  const std::string& name = command.get_name();
  if (name == "help") {
    return "'1:command:_berth_commands'";
  }
  if (name == "completion") {
    std::string shells;
    for (const auto& shell : completion_shells()) {
      shells += (shells.empty() ? "" : " ") + shell;
    }
    return "'1:shell:(" + shells + ")'";
  }
  return "'*:service:_berth_services'";
}

}  // namespace

std::string zsh_completion_script(const CLI::App& root) {
  std::string commands;
  std::string cases;
  for (const CLI::App* command : visible_commands(root)) {
    commands +=
        "    '" + command->get_name() + ":" + single_quoted(command->get_description()) + "'\n";
    cases += "    (" + command->get_name() + ")\n      _arguments -s -S : \\\n" +
             option_specs(*command, "        ") + "        " + argument_spec(*command) +
             " && ret=0 ;;\n";
  }
  std::string valued;
  for (const auto& name : valued_option_names(root)) {
    valued += (valued.empty() ? "" : "|") + name;
  }
  return "#compdef berth\n"
         "# zsh completion for berth, written by `berth completion zsh` from its command table.\n"
         "# Load it with: source <(berth completion zsh), or put it as _berth on $fpath.\n\n"
         "_berth_commands() {\n"
         "  local -a commands\n"
         "  commands=(\n" +
         commands +
         "  )\n"
         "  _describe -t commands 'berth command' commands\n"
         "}\n\n"
         "# The services of the project that the global options typed so far name.\n"
         "_berth_services() {\n"
         "  local -a globals services\n"
         "  local key value\n"
         "  for key in ${(k)_berth_global_args}; do\n"
         "    case $key in\n"
         "      (" +
         valued +
         ")\n"
         "        for value in ${(s.:.)_berth_global_args[$key]}; do globals+=($key $value); "
         "done ;;\n"
         "    esac\n"
         "  done\n"
         "  services=(${(f)\"$(_call_program services ${_berth_program} $globals config "
         "--services 2>/dev/null)\"})\n"
         "  _describe -t services 'service' services\n"
         "}\n\n"
         "_berth() {\n"
         "  local curcontext=$curcontext state line ret=1 _berth_program=$words[1]\n"
         "  local -A opt_args\n"
         "  _arguments -C -s -S : \\\n" +
         option_specs(root, "    ") +
         "    '1:command:_berth_commands' \\\n"
         "    '*:: :->command_args' && ret=0\n"
         "  [[ $state == command_args ]] || return ret\n"
         "  local -A _berth_global_args\n"
         "  _berth_global_args=(\"${(@kv)opt_args}\")\n"
         "  curcontext=${curcontext%:*:*}:berth-$words[1]:\n"
         "  case $words[1] in\n" +
         cases +
         "  esac\n"
         "  return ret\n"
         "}\n\n"
         "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
         "  _berth \"$@\"\n"
         "else\n"
         "  compdef _berth berth\n"
         "fi\n";
}

}  // namespace berth::cli
