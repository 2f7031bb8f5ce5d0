#include "cli/go_template.h"

#include <gtest/gtest.h>

namespace berth::cli {
namespace {

const std::vector<nlohmann::json> k_rows = {
    {{"Name", "p-web-1"}, {"Status", "Up 3 seconds"}, {"ExitCode", 0},
     {"Publishers", nlohmann::json::array({{{"URL", "::"}, {"TargetPort", 80}}})}},
    {{"Name", "p-db-10"}, {"Status", "Exited (1)"}, {"ExitCode", 1},
     {"Publishers", nlohmann::json::array()}},
};

TEST(GoTemplate, FieldsWithEscapedTabs) {
  const auto out = render_template("{{.Name}}\\t{{.ExitCode}}", k_rows);
  EXPECT_EQ(out.error, "");
  EXPECT_EQ(out.text, "p-web-1\t0\np-db-10\t1\n");
}

TEST(GoTemplate, TableAlignsLikeDockersTabwriter) {
  const auto out = render_template("table {{.Name}}\\t{{.Status}}", k_rows);
  EXPECT_EQ(out.text,
            "NAME      STATUS\n"
            "p-web-1   Up 3 seconds\n"
            "p-db-10   Exited (1)\n");
}

TEST(GoTemplate, TableWithoutRowsStillHasItsHeader) {
  EXPECT_EQ(render_template("table {{.ID}}\\t{{.RunningFor}}", {}).text, "CONTAINER ID   CREATED\n");
}

TEST(GoTemplate, JsonAndCaseFunctions) {
  EXPECT_EQ(render_template("{{json .Name}} {{upper .Name}}", {k_rows[0]}).text,
            "\"p-web-1\" P-WEB-1\n");
  EXPECT_EQ(render_template("{{json .Publishers}}", {k_rows[0]}).text,
            "[{\"TargetPort\":80,\"URL\":\"::\"}]\n");
  EXPECT_EQ(render_template("{{.Publishers}}", {k_rows[0]}).text, "[{80 ::}]\n");
}

TEST(GoTemplate, UnknownFieldOrFunctionIsAnError) {
  EXPECT_EQ(render_template("{{.Nope}}", k_rows).error, "can't evaluate field Nope");
  EXPECT_EQ(render_template("{{title .Name}}", k_rows).error, "function \"title\" not defined");
  EXPECT_EQ(render_template("{{.Name", k_rows).error, "unclosed action (\"{{\" without \"}}\")");
  EXPECT_EQ(render_template("{{.Nope}}", k_rows).text, "");
}

TEST(GoTemplate, HeadersAsDockerNamesThem) {
  EXPECT_EQ(field_header("LocalVolumes"), "LOCAL VOLUMES");
  EXPECT_EQ(field_header("ExitCode"), "EXIT CODE");
  EXPECT_EQ(field_header("ID"), "CONTAINER ID");
  EXPECT_EQ(field_header("Name"), "NAME");
}

}  // namespace
}  // namespace berth::cli
