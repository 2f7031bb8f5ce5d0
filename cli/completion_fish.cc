// `berth completion fish`: `complete` lines written from the CLI11 app (the
// command table), with each command's and option's description.

#include <CLI/CLI.hpp>

#include "cli/completion_words.h"

namespace berth::cli {

namespace {

// Text inside '...' in fish.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

// `complete` lines for the options of a command (`condition` says when they apply).
std::string option_lines(const CLI::App& app, const std::string& condition) {
  std::string lines;
  for (const auto& word : option_words_of(app)) {
    std::string line = "complete -c berth -n " + quoted(condition);
    for (const auto& name : word.names) {
      line += name.size() == 2 ? " -s " + name.substr(1) : " -l " + name.substr(2);
    }
    line += word.value_name.empty() ? "" : " -r";
    lines += line + " -d " + quoted(word.description) + "\n";
  }
  return lines;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string text;
  for (const auto& word : words) {
    text += (text.empty() ? "" : separator) + word;
  }
  return text;
}

}  // namespace

std::string fish_completion_script(const CLI::App& root) {
  const auto valued = valued_option_names(root);
  std::string script =
      "# fish completion for berth, written by `berth completion fish` from its command table.\n"
      "# Load it with: berth completion fish | source\n\n"
      "# The command word, after the global options (and their values) typed so far.\n"
      "function __berth_command\n"
      "    set -l tokens (commandline -opc)\n"
      "    set -l i 2\n"
      "    while test $i -le (count $tokens)\n"
      "        switch $tokens[$i]\n"
      "            case " +
      joined(valued, " ") +
      "\n"
      "                set i (math $i + 1)\n"
      "            case '-*'\n"
      "            case '*'\n"
      "                echo $tokens[$i]\n"
      "                return 0\n"
      "        end\n"
      "        set i (math $i + 1)\n"
      "    end\n"
      "    return 1\n"
      "end\n\n"
      "function __berth_needs_command\n"
      "    not __berth_command >/dev/null\n"
      "end\n\n"
      "function __berth_using\n"
      "    set -l command (__berth_command)\n"
      "    test \"$command\" = \"$argv[1]\"\n"
      "end\n\n"
      "# The services of the project that the global options typed so far name.\n"
      "function __berth_services\n"
      "    set -l tokens (commandline -opc)\n"
      "    set -l globals\n"
      "    set -l i 2\n"
      "    while test $i -le (count $tokens)\n"
      "        switch $tokens[$i]\n"
      "            case " +
      joined(valued, " ") +
      "\n"
      "                set -a globals $tokens[$i] $tokens[(math $i + 1)]\n"
      "                set i (math $i + 1)\n"
      "            case '-*'\n"
      "            case '*'\n"
      "                break\n"
      "        end\n"
      "        set i (math $i + 1)\n"
      "    end\n"
      "    command -q $tokens[1]; or return\n"
      "    command $tokens[1] $globals config --services 2>/dev/null\n"
      "end\n\n"
      "complete -c berth -f\n" +
      option_lines(root, "__berth_needs_command");
  for (const CLI::App* command : visible_commands(root)) {
    const std::string& name = command->get_name();
    script += "\n# " + name + "\ncomplete -c berth -n __berth_needs_command -a " + name + " -d " +
              quoted(command->get_description()) + "\n" +
              option_lines(*command, "__berth_using " + name);
    const std::string using_it = quoted("__berth_using " + name);
    if (name == "help") {
      for (const CLI::App* other : visible_commands(root)) {
        script += "complete -c berth -n " + using_it + " -a " + other->get_name() + " -d " +
                  quoted(other->get_description()) + "\n";
      }
    } else if (name == "completion") {
      script += "complete -c berth -n " + using_it + " -a " +
                quoted(joined(completion_shells(), " ")) + "\n";
    } else {
      script += "complete -c berth -n " + using_it + " -a '(__berth_services)'\n";
    }
  }
  return script;
}

}  // namespace berth::cli
