// berth installed as a tool: `cmake --install` puts the binary, the shell
// completions, the man page and the Docker CLI plugin link where Debian's
// shells, man and docker look; the completions work in each shell.

#include <gtest/gtest.h>

#include <filesystem>

#include "harness.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;

const std::string k_binary = BERTH_BINARY;
const std::string k_binary_dir = k_binary.substr(0, k_binary.rfind('/'));

bool have(const std::string& program) { return run_shell("command -v " + program).exit_code == 0; }

class Installed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_prefix = new fs::path(make_temp_dir("install"));
    s_install = new CommandResult(run_shell("cmake --install " + shell_quote(BERTH_BUILD_DIR) +
                                            " --prefix " + shell_quote(s_prefix->string())));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*s_prefix);
    delete s_prefix;
    delete s_install;
  }
  static fs::path* s_prefix;
  static CommandResult* s_install;
};
fs::path* Installed::s_prefix = nullptr;
CommandResult* Installed::s_install = nullptr;

TEST_F(Installed, EveryFileIsWhereDebianLooks) {
  ASSERT_EQ(s_install->exit_code, 0) << s_install->out << s_install->err;
  const fs::path& prefix = *s_prefix;
  for (const char* file :
       {"bin/berth", "share/bash-completion/completions/berth",
        "share/zsh/vendor-completions/_berth", "share/fish/vendor_completions.d/berth.fish",
        "share/man/man1/berth.1.gz"}) {
    EXPECT_TRUE(fs::is_regular_file(prefix / file)) << file;
  }
  // The completions are the installed berth's own, not a copy that could drift.
  const std::string berth = shell_quote((prefix / "bin/berth").string());
  EXPECT_EQ(read_text(prefix / "share/zsh/vendor-completions/_berth"),
            run_shell(berth + " completion zsh").out);
  EXPECT_EQ(read_text(prefix / "share/bash-completion/completions/berth"),
            run_shell(berth + " completion bash").out);
  EXPECT_EQ(run_shell("zcat " + shell_quote((prefix / "share/man/man1/berth.1.gz").string())).out,
            run_shell(berth + " man").out);
  auto version = run_shell(berth + " version --short");
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_FALSE(version.out.empty());
}

TEST_F(Installed, DockerPluginLinkPointsAtTheBinary) {
  ASSERT_EQ(s_install->exit_code, 0) << s_install->err;
  const fs::path plugin = *s_prefix / "libexec/docker/cli-plugins/docker-berth";
  ASSERT_TRUE(fs::is_symlink(plugin));
  EXPECT_EQ(fs::read_symlink(plugin), "../../../bin/berth");
  EXPECT_TRUE(fs::equivalent(plugin, *s_prefix / "bin/berth"));
  auto metadata = run_shell(shell_quote(plugin.string()) + " docker-cli-plugin-metadata");
  EXPECT_EQ(metadata.exit_code, 0);
  EXPECT_NE(metadata.out.find("\"SchemaVersion\":\"0.1.0\""), std::string::npos) << metadata.out;
}

TEST_F(Installed, ManShowsTheInstalledPage) {
  ASSERT_EQ(s_install->exit_code, 0) << s_install->err;
  if (!have("man")) {
    GTEST_SKIP() << "man-db is not installed";
  }
  auto page = run_shell("MANWIDTH=100 man -l " +
                        shell_quote((*s_prefix / "share/man/man1/berth.1.gz").string()));
  EXPECT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(page.out.find("GLOBAL OPTIONS"), std::string::npos);
  EXPECT_NE(page.out.find("--remove-orphans"), std::string::npos);
}

// The completions ask `berth config --services` for the project's services,
// with the global options typed so far: no engine needed.
TEST(Completions, FishCompletesCommandsOptionsAndServices) {
  if (!have("fish")) {
    GTEST_SKIP() << "fish is not installed";
  }
  TestProject project("fishcomplete",
                      "services:\n  web:\n    image: berth-test/busybox:latest\n"
                      "  db:\n    image: berth-test/busybox:latest\n");
  auto complete = [&](const std::string& line) {
    const std::string script = "set PATH " + shell_quote(k_binary_dir) +
                               " $PATH; berth completion fish | source; complete -C " +
                               shell_quote(line);
    return run_shell("fish -c " + shell_quote(script), project.dir());
  };
  auto result = complete("berth ps --s");
  EXPECT_EQ(result.out,
            "--services\tOnly show the services' names, one per line\n"
            "--status\tOnly containers in this state (repeatable)\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(complete("berth -p x gr").out,
            "graph\tPrint the dependency graph (Graphviz DOT or SVG)\n");
  EXPECT_EQ(complete("berth -p " + project.name() + " port w").out, "web\n");
  EXPECT_EQ(complete("berth -f compose.yaml logs ").out, "db\nweb\n");
}

}  // namespace
}  // namespace berth::testing
