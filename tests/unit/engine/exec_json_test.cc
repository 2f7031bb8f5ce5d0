// The exec calls' JSON.

#include "engine/exec_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace berth::engine {
namespace {

TEST(ExecJson, CreateBodyCarriesTheSettings) {
  ExecCreate spec;
  spec.cmd = {"sh", "-c", "true"};
  spec.env = {"A=1"};
  spec.user = "1000";
  spec.working_dir = "/w";
  spec.tty = true;
  spec.attach_stdin = true;
  spec.privileged = true;
  const auto body = nlohmann::json::parse(exec_create_body(spec));
  EXPECT_EQ(body["Cmd"], nlohmann::json({"sh", "-c", "true"}));
  EXPECT_EQ(body["Env"], nlohmann::json({"A=1"}));
  EXPECT_EQ(body["User"], "1000");
  EXPECT_EQ(body["WorkingDir"], "/w");
  EXPECT_EQ(body["Tty"], true);
  EXPECT_EQ(body["AttachStdin"], true);
  EXPECT_EQ(body["AttachStdout"], true);
  EXPECT_EQ(body["AttachStderr"], true);
  EXPECT_EQ(body["Privileged"], true);
  EXPECT_EQ(nlohmann::json::parse(exec_create_body({})).count("User"), 0u);
}

TEST(ExecJson, StartBodyAndInspection) {
  EXPECT_EQ(exec_start_body(true, false), R"({"Detach":true,"Tty":false})");
  auto details = parse_exec_details(R"({"Running":false,"ExitCode":3,"ContainerID":"abc"})");
  ASSERT_TRUE(details);
  EXPECT_FALSE(details->running);
  EXPECT_EQ(details->exit_code, 3);
  EXPECT_EQ(details->container_id, "abc");
  EXPECT_FALSE(parse_exec_details("not json"));
}

}  // namespace
}  // namespace berth::engine
