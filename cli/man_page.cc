// berth(1), written in roff (man(7) macros) from the same CLI11 app as
// --help: every command with its summary, usage and options.

#include <CLI/CLI.hpp>

#include "cli/completion_words.h"

namespace berth::cli {

namespace {

// Text as roff prints it literally: backslashes and hyphens escaped, and a
// line never starting with a control character.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '\n') {
      out += "\n.br\n";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) {
    out = "\\&" + out;
  }
  return out;
}

std::string options_section(const CLI::App& app) {
  std::string text;
  for (const auto& word : option_words_of(app)) {
    text += ".TP\n";
    std::string names;
    for (const auto& name : word.names) {
      names += (names.empty() ? "\\fB" : "\\fR, \\fB") + roff(name);
    }
    text += names + "\\fR" +
            (word.value_name.empty() ? "" : " \\fI" + roff(word.value_name) + "\\fR") + "\n" +
            roff(word.description) +
            (word.repeatable && word.description.find("repeatable") == std::string::npos
                 ? " (repeatable)"
                 : "") +
            "\n";
  }
  return text;
}

const char* const k_exit_status =
    ".TP\n.B 0\nSuccess.\n"
    ".TP\n.B 1\nThe project file is wrong, the engine cannot be reached, a step failed, a "
    "container did not become ready (\\fB\\-\\-wait\\fR), or (\\fBport\\fR) the port is not "
    "published.\n"
    ".TP\n.B 2\nThe command line is wrong.\n"
    ".TP\n.B 130\nStopped by Ctrl+C.\n"
    ".TP\n.I N\nAttached \\fBup \\-\\-exit\\-code\\-from\\fR \\fISERVICE\\fR or "
    "\\fB\\-\\-abort\\-on\\-container\\-exit\\fR: that container's exit code; \\fBwait\\fR, "
    "\\fBrun\\fR and \\fBexec\\fR: the command's exit code.\n";

const char* const k_environment =
    ".TP\n.B COMPOSE_FILE\nThe project files when no \\fB\\-f\\fR is given, separated by "
    "\\fB:\\fR (or \\fBCOMPOSE_PATH_SEPARATOR\\fR).\n"
    ".TP\n.B COMPOSE_PROJECT_NAME\nThe project name when no \\fB\\-p\\fR is given.\n"
    ".TP\n.B COMPOSE_PROFILES\nThe enabled profiles, separated by commas, when no "
    "\\fB\\-\\-profile\\fR is given.\n"
    ".TP\n.B COMPOSE_PATH_SEPARATOR\nThe separator of \\fBCOMPOSE_FILE\\fR.\n"
    ".TP\n.B DOCKER_HOST\nThe engine to talk to (\\fBunix://\\fR or \\fBtcp://\\fR; default "
    "\\fBunix:///var/run/docker.sock\\fR).\n"
    ".TP\n.B DOCKER_CONFIG\nThe folder of the docker CLI's config.json, where registry "
    "credentials are read (default \\fB~/.docker\\fR).\n"
    ".TP\n.B NO_COLOR\nWhen set to a non\\-empty value, no colours (unless \\fB\\-\\-ansi "
    "always\\fR).\n"
    ".TP\n.B XDG_RUNTIME_DIR\nWhere the project locks are kept (default \\fB/tmp\\fR).\n";

}  // namespace

std::string man_page(const CLI::App& root) {
  std::string page =
      ".\\\" berth(1), written by `berth man` from berth's command table.\n"
      ".TH BERTH 1 \"\" \"berth " BERTH_VERSION
      "\" \"User Commands\"\n"
      ".SH NAME\nberth \\- runs multi\\-container projects described by a compose file\n"
      ".SH SYNOPSIS\n.B berth\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] "
      "[\\fIARGUMENTS\\fR]\n.br\n.B docker berth\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR "
      "[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n"
      ".SH DESCRIPTION\n"
      "berth reads a compose project file (\\fBcompose.yaml\\fR, \\fBdocker\\-compose.yml\\fR "
      "or the older \\fBfig.yml\\fR), resolves it into a dependency graph and drives a Docker "
      "engine through its API, in dependency order.\n"
      ".PP\nGlobal options come before the command. Every command has \\fB\\-\\-help\\fR; "
      "\\fBberth completion bash\\fR|\\fBzsh\\fR|\\fBfish\\fR prints a shell completion script. "
      "Installed as a Docker CLI plugin, berth also runs as \\fBdocker berth\\fR.\n"
      ".SH GLOBAL OPTIONS\n" +
      options_section(root) + ".SH COMMANDS\n";
  for (const CLI::App* command : visible_commands(root)) {
    const std::string positionals = positional_usage(*command);
    page += ".SS \"" + roff(command->get_name()) + "\"\n.B berth " + roff(command->get_name()) +
            "\n[\\fIOPTIONS\\fR]" +
            (positionals.empty() ? "" : " \\fI" + roff(positionals) + "\\fR") + "\n.PP\n" +
            roff(command->get_description()) + ".\n" +
            (option_words_of(*command).empty()
                 ? ""
                 : ".PP\nOptions:\n.RS\n" + options_section(*command) + ".RE\n");
  }
  page += std::string(".SH EXIT STATUS\n") + k_exit_status + ".SH ENVIRONMENT\n" + k_environment +
          ".SH FILES\n"
          "Project files are looked up in the working directory: \\fBcompose.yaml\\fR, "
          "\\fBcompose.yml\\fR, \\fBdocker\\-compose.yaml\\fR, \\fBdocker\\-compose.yml\\fR, "
          "\\fBfig.yml\\fR, \\fBfig.yaml\\fR, with an override file beside it; \\fB.env\\fR in the "
          "project directory holds variables.\n"
          ".SH SEE ALSO\n.BR docker (1),\n.BR docker\\-compose (1)\n";
  return page;
}

}  // namespace berth::cli
