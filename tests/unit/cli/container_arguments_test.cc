// run's and exec's command lines into the scheduler's options.

#include "cli/container_arguments.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

namespace berth::cli {
namespace {

// Parses `args` as the words after `berth run`/`berth exec`.
template <class Arguments, class Add>
std::vector<std::string> parse(Arguments& arguments, Add add, std::vector<std::string> args) {
  CLI::App app;
  add(app, arguments);
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  app.parse(args);
  return app.remaining();
}

TEST(RunArguments, OptionsBeforeTheServiceCommandAfter) {
  RunArguments arguments;
  auto words =
      parse(arguments, add_run_arguments,
            {"--rm", "-e",        "A=1",          "-e",    "B=2",       "-u",  "1000",
             "-w",   "/w",        "--entrypoint", "sh -c", "-p",        "80",  "--service-ports",
             "-v",   "/x",        "--name",       "n",     "--no-deps", "web", "sh",
             "-c",   "echo -e hi"});
  ASSERT_FALSE(finish_run_arguments(arguments, words, true));
  const auto& o = arguments.options;
  EXPECT_EQ(o.service, "web");
  EXPECT_EQ(o.command, (std::vector<std::string>{"sh", "-c", "echo -e hi"}));
  EXPECT_TRUE(o.remove);
  EXPECT_EQ(o.environment, (std::vector<std::string>{"A=1", "B=2"}));
  EXPECT_EQ(o.user, "1000");
  EXPECT_EQ(o.working_dir, "/w");
  EXPECT_EQ(*o.entrypoint, "sh -c");
  EXPECT_EQ(o.publish, std::vector<std::string>{"80"});
  EXPECT_TRUE(o.service_ports);
  EXPECT_EQ(o.volumes, std::vector<std::string>{"/x"});
  EXPECT_EQ(o.name, "n");
  EXPECT_TRUE(o.no_deps);
  EXPECT_TRUE(o.tty) << "stdin is a terminal and no -T";
}

TEST(RunArguments, TtyOnlyOnATerminalWithoutTOrDetach) {
  RunArguments plain;
  ASSERT_FALSE(finish_run_arguments(plain, {"web"}, false));
  EXPECT_FALSE(plain.options.tty);
  EXPECT_TRUE(plain.options.command.empty());
  RunArguments no_tty;
  auto words = parse(no_tty, add_run_arguments, {"-T", "web"});
  ASSERT_FALSE(finish_run_arguments(no_tty, words, true));
  EXPECT_FALSE(no_tty.options.tty);
  RunArguments detached;
  words = parse(detached, add_run_arguments, {"-d", "web"});
  ASSERT_FALSE(finish_run_arguments(detached, words, true));
  EXPECT_FALSE(detached.options.tty);
}

TEST(RunArguments, UsageErrors) {
  RunArguments none;
  EXPECT_EQ(finish_run_arguments(none, {}, false).value_or(""), "a service is required");
  RunArguments both;
  auto words = parse(both, add_run_arguments, {"-d", "--rm", "web"});
  EXPECT_EQ(finish_run_arguments(both, words, false).value_or(""),
            "--rm and -d cannot be combined");
}

TEST(ExecArguments, IndexAndOptions) {
  ExecArguments arguments;
  auto words = parse(arguments, add_exec_arguments,
                     {"--index", "2", "-T", "-e", "X=1", "-u", "0", "-w", "/tmp", "--privileged",
                      "web", "ls", "-l"});
  ASSERT_FALSE(finish_exec_arguments(arguments, words, true));
  const auto& o = arguments.options;
  EXPECT_EQ(o.service, "web");
  EXPECT_EQ(o.index, 2);
  EXPECT_EQ(o.command, (std::vector<std::string>{"ls", "-l"}));
  EXPECT_EQ(o.environment, std::vector<std::string>{"X=1"});
  EXPECT_EQ(o.user, "0");
  EXPECT_EQ(o.working_dir, "/tmp");
  EXPECT_TRUE(o.privileged);
  EXPECT_FALSE(o.tty);
  ExecArguments no_command;
  EXPECT_EQ(finish_exec_arguments(no_command, {"web"}, false).value_or(""),
            "a command is required");
}

}  // namespace
}  // namespace berth::cli
