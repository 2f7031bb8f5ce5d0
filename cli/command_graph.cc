#include <sys/wait.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "scheduler/graph_output.h"

namespace berth::cli {

namespace {

// Graphviz renders the SVG; berth does not depend on it otherwise.
int print_svg(const std::string& dot) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    std::fprintf(stderr, "error: graphviz's dot is not installed; use --format dot\n");
    return k_exit_failure;
  }
  std::fflush(stdout);
  FILE* pipe = ::popen("dot -Tsvg", "w");
  if (pipe == nullptr) {
    std::fprintf(stderr, "error: cannot run graphviz's dot\n");
    return k_exit_failure;
  }
  std::fputs(dot.c_str(), pipe);
  const int status = ::pclose(pipe);
  if (status != 0) {
    // pclose gives a wait status: the exit code is in its high byte.
    std::fprintf(stderr, "error: graphviz's dot failed (exit code %d)\n",
                 WIFEXITED(status) ? WEXITSTATUS(status) : status);
    return k_exit_failure;
  }
  return k_exit_success;
}

}  // namespace

CommandRun setup_graph(CLI::App& app) {
  auto format = std::make_shared<std::string>("dot");
  app.add_option("--format", *format, "dot (Graphviz source) or svg (needs Graphviz's dot)")
      ->check(CLI::IsMember({"dot", "svg"}));
  return [format](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    const auto dot = scheduler::dependency_graph_dot(loaded.project, loaded.graph);
    if (*format == "svg") {
      return print_svg(dot);
    }
    std::fputs(dot.c_str(), stdout);
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
