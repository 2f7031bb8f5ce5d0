#include "cli/terminal_progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace berth::cli {
namespace {

// Runs `use` against a TerminalProgress writing into memory; returns the text.
template <class Use>
std::string captured(bool in_place, Use use) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  {
    TerminalProgress progress(out, in_place);
    use(progress);
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

TEST(TerminalProgress, PlainLinesWhenNotATerminal) {
  auto text = captured(false, [](TerminalProgress& p) {
    p.step("Container", "a-web-1", "Creating");
    p.step("Container", "a-web-1", "Created");
    p.warning("careful");
    p.error("Container", "a-web-1", "service \"web\": boom");
  });
  EXPECT_EQ(text,
            " Container a-web-1  Creating\n Container a-web-1  Created\nwarning: careful\n"
            "error: Container a-web-1: service \"web\": boom\n");
}

TEST(TerminalProgress, UpdatesAnObjectsLineInPlaceOnATerminal) {
  auto text = captured(true, [](TerminalProgress& p) {
    p.step("Container", "a-db-1", "Creating");
    p.step("Container", "a-web-1", "Creating");
    p.step("Container", "a-db-1", "Started");
  });
  EXPECT_EQ(text,
            " Container a-db-1  Creating\n Container a-web-1  Creating\n"
            "\033[2A\r\033[2K Container a-db-1  Started\033[2B\r");
}

TEST(TerminalProgress, ErrorNamingTheObjectIsNotPrefixedTwice) {
  auto text = captured(false, [](TerminalProgress& p) {
    p.error("Service", "web", "no such service: \"web\"");
  });
  EXPECT_EQ(text, "error: no such service: \"web\"\n");
}

}  // namespace
}  // namespace berth::cli
