// The shell completion scripts and the man page that `berth completion` and
// `berth man` write from the command table: every command is in each, and
// each shell (and groff) reads it without complaint when it is installed.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace berth::cli {
namespace {

// What `berth ARGS...` writes on stdout (run_berth in this process).
std::string berth_output(std::vector<std::string> args) {
  args.insert(args.begin(), "berth");
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::fflush(stdout);
  FILE* capture = std::tmpfile();
  const int saved = dup(STDOUT_FILENO);
  dup2(fileno(capture), STDOUT_FILENO);
  const int status = run_berth(static_cast<int>(args.size()), argv.data());
  std::fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  EXPECT_EQ(status, 0);
  std::rewind(capture);
  std::string text;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, capture)) {
    text.append(buffer, n);
  }
  std::fclose(capture);
  return text;
}

bool have(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

std::filesystem::path written(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("berth-shell-files-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path;
}

// The exit status of `command` on the file, its stderr in `errors`.
int check_with(const std::string& command, const std::filesystem::path& file, std::string& errors) {
  const auto err = written("stderr", "");
  const int status = std::system(
      (command + " '" + file.string() + "' >/dev/null 2>'" + err.string() + "'").c_str());
  std::ifstream in(err);
  errors.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::filesystem::remove(err);
  std::filesystem::remove(file);
  return status;
}

TEST(ShellFiles, EveryCompletionScriptNamesEveryCommand) {
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    const std::string script = berth_output({"completion", shell});
    for (const auto& command : commands()) {
      EXPECT_NE(script.find(command.name), std::string::npos) << shell << ": " << command.name;
    }
    // Every option of `up` too, with its description in zsh and fish.
    EXPECT_NE(script.find(shell == "fish" ? "-l remove-orphans" : "--remove-orphans"),
              std::string::npos)
        << shell;
    if (shell != "bash") {
      EXPECT_NE(script.find("Remove containers of services not in the project file"),
                std::string::npos)
          << shell;
      EXPECT_NE(script.find("config --services"), std::string::npos) << shell;
    }
  }
}

TEST(ShellFiles, EachShellParsesItsScript) {
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    if (!have(shell)) {
      std::printf("%s is not installed: its script is not parsed\n", shell.c_str());
      continue;
    }
    std::string errors;
    const auto file = written(shell, berth_output({"completion", shell}));
    EXPECT_EQ(check_with(shell + " -n", file, errors), 0) << shell << ": " << errors;
    EXPECT_EQ(errors, "") << shell;
  }
}

TEST(ShellFiles, ManPageHasItsSectionsAndEveryCommand) {
  const std::string page = berth_output({"man"});
  for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH GLOBAL OPTIONS",
                              ".SH COMMANDS", ".SH EXIT STATUS", ".SH ENVIRONMENT"}) {
    EXPECT_NE(page.find(section), std::string::npos) << section;
  }
  for (const auto& command : commands()) {
    EXPECT_NE(page.find(".SS \"" + command.name + "\""), std::string::npos) << command.name;
  }
  for (const char* variable :
       {"COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES", "NO_COLOR", "DOCKER_HOST"}) {
    EXPECT_NE(page.find(".B " + std::string(variable)), std::string::npos) << variable;
  }
  EXPECT_NE(page.find("\\-\\-remove\\-orphans"), std::string::npos);  // up's options
}

TEST(ShellFiles, GroffRendersTheManPageWithoutWarnings) {
  if (!have("groff")) {
    GTEST_SKIP() << "groff is not installed";
  }
  std::string errors;
  const auto file = written("berth.1", berth_output({"man"}));
  EXPECT_EQ(check_with("groff -man -Tutf8 -ww -z", file, errors), 0) << errors;
  EXPECT_EQ(errors, "");
}

}  // namespace
}  // namespace berth::cli
