// The x-berth-reload file: one KEY='VALUE' line per link variable, quoted so
// that sh's `set -a; . FILE` reads every value back unchanged.

#include <gtest/gtest.h>

#include "scheduler/converge/dependent_reload.h"

namespace berth::scheduler {
namespace {

TEST(ReloadFile, EveryValueSingleQuotedAndQuotesEscaped) {
  EXPECT_EQ(reload_file_text({"API_1_PORT_8080_TCP_ADDR=172.18.0.3", "API_ENV_GREETING=it's $HOME",
                              "EMPTY=", "NOT_A_VARIABLE"}),
            "API_1_PORT_8080_TCP_ADDR='172.18.0.3'\n"
            "API_ENV_GREETING='it'\\''s $HOME'\n"
            "EMPTY=''\n");
}

TEST(ReloadFile, ShReadsItBackUnchanged) {
  const std::string file = ::testing::TempDir() + "/links.env";
  {
    FILE* out = std::fopen(file.c_str(), "w");
    ASSERT_NE(out, nullptr);
    const std::string text = reload_file_text({"A=it's a `test` $HOME \"x\"", "B=two\nlines"});
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
  }
  const std::string command =
      "sh -c 'set -a; . " + file + "; printf \"%s|%s\" \"$A\" \"$B\"'";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string read;
  char buffer[256];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) {
    read.append(buffer, n);
  }
  pclose(pipe);
  EXPECT_EQ(read, "it's a `test` $HOME \"x\"|two\nlines");
}

}  // namespace
}  // namespace berth::scheduler
