// What berth prints of text it does not control: control characters escaped
// so one error stays one line and cannot drive the terminal.

#include "cli/error_line.h"

#include <gtest/gtest.h>

namespace berth::cli {
namespace {

TEST(EscapeControls, PlainTextAndUtf8AreUnchanged) {
  EXPECT_EQ(escape_controls("service \"web\": port 80 \xC3\xA9t\xC3\xA9 \xE2\x80\xA6"),
            "service \"web\": port 80 \xC3\xA9t\xC3\xA9 \xE2\x80\xA6");
}

TEST(EscapeControls, EscBelAndTheOtherC0CodesAndDel) {
  EXPECT_EQ(escape_controls("a\x1b[31mred\x07"), "a\\x1b[31mred\\x07");
  EXPECT_EQ(escape_controls(std::string("\0\x01\x7f", 3)), "\\x00\\x01\\x7f");
}

TEST(EscapeControls, NewlinesCannotSplitTheLine) {
  EXPECT_EQ(escape_controls("one\ntwo\r\tthree"), "one\\ntwo\\x0d\\tthree");
}

TEST(EscapeControls, C1CodesInUtf8) {
  EXPECT_EQ(escape_controls("x\xC2\x9B" "31m"), "x\\u009b31m");
  EXPECT_EQ(escape_controls("\xC2\xA0"), "\xC2\xA0");  // a no-break space is text
}

}  // namespace
}  // namespace berth::cli
