#include "compose/config_error.h"

#include <gtest/gtest.h>

namespace berth::compose {
namespace {

TEST(FormatDiagnostic, AllParts) {
  Diagnostic diagnostic{SourcePos{"compose.yaml", 7, 9, "services.web.ports[0]"}, "bad"};
  EXPECT_EQ(format_diagnostic(diagnostic), "compose.yaml:7:9: services.web.ports[0]: bad");
}

TEST(FormatDiagnostic, UnknownPartsAreLeftOut) {
  EXPECT_EQ(format_diagnostic({SourcePos{"compose.yaml", 3, 1, ""}, "m"}), "compose.yaml:3:1: m");
  EXPECT_EQ(format_diagnostic({SourcePos{"compose.yaml", 0, 0, ""}, "m"}), "compose.yaml: m");
  EXPECT_EQ(format_diagnostic({SourcePos{"compose.yaml", 4, 0, "a.b"}, "m"}),
            "compose.yaml:4: a.b: m");
  EXPECT_EQ(format_diagnostic({SourcePos{"", 0, 0, "a.b"}, "m"}), "a.b: m");
  EXPECT_EQ(format_diagnostic({SourcePos{}, "m"}), "m");
}

TEST(ConfigError, WhatJoinsOneLinePerDiagnostic) {
  ConfigError error(
      {Diagnostic{SourcePos{"f", 1, 2, "a"}, "one"}, Diagnostic{SourcePos{"f", 3, 4, "b"}, "two"}});
  EXPECT_STREQ(error.what(), "f:1:2: a: one\nf:3:4: b: two");
  EXPECT_EQ(error.diagnostics().size(), 2u);
}

TEST(ConfigError, SingleDiagnostic) {
  ConfigError error(SourcePos{"f", 1, 1, ""}, "broken");
  EXPECT_STREQ(error.what(), "f:1:1: broken");
  ASSERT_EQ(error.diagnostics().size(), 1u);
  EXPECT_EQ(error.diagnostics()[0].message, "broken");
}

}  // namespace
}  // namespace berth::compose
