// The engine's JSON progress stream of build, pull and push, one line at a time.

#include "engine/progress_json.h"

#include <gtest/gtest.h>

#include <string>

namespace berth::engine {
namespace {

ProgressMessage parsed(std::string_view line) {
  auto message = parse_progress_line(line);
  EXPECT_TRUE(message) << line;
  return message ? *message : ProgressMessage{};
}

TEST(ProgressJson, BuildStreamOutputIsKeptAsSent) {
  const auto message = parsed(R"({"stream":"Step 1/2 : FROM x\n"})");
  EXPECT_EQ(message.stream, "Step 1/2 : FROM x\n");
  EXPECT_EQ(message.status, "");
  EXPECT_EQ(message.error, "");
  EXPECT_EQ(message.aux_id, "");
}

TEST(ProgressJson, BuildAuxCarriesTheImageId) {
  const auto message = parsed(R"({"aux":{"ID":"sha256:0123abcd"}})");
  EXPECT_EQ(message.aux_id, "sha256:0123abcd");
  EXPECT_EQ(message.stream, "");
}

TEST(ProgressJson, LayerStatusWithEmptyProgressDetail) {
  const auto message = parsed(R"({"status":"Pulling fs layer","progressDetail":{},"id":"a1b2"})");
  EXPECT_EQ(message.status, "Pulling fs layer");
  EXPECT_EQ(message.id, "a1b2");
  EXPECT_EQ(message.current, 0);
  EXPECT_EQ(message.total, 0);
  EXPECT_EQ(message.progress, "");
}

TEST(ProgressJson, LayerProgress) {
  const auto message = parsed(
      R"({"status":"Downloading","progressDetail":{"current":10,"total":100},"progress":"[=> ]","id":"a1b2"})");
  EXPECT_EQ(message.status, "Downloading");
  EXPECT_EQ(message.id, "a1b2");
  EXPECT_EQ(message.current, 10);
  EXPECT_EQ(message.total, 100);
  EXPECT_EQ(message.progress, "[=> ]");
  EXPECT_EQ(parsed(R"({"progressDetail":{"current":5000000000,"total":6000000000}})").total,
            6000000000);
}

TEST(ProgressJson, PushDigestStatusAndAuxLeaveAuxIdEmpty) {
  const auto status = parsed(R"({"status":"latest: digest: sha256:abc size: 528"})");
  EXPECT_EQ(status.status, "latest: digest: sha256:abc size: 528");
  const auto aux =
      parsed(R"({"progressDetail":{},"aux":{"Tag":"latest","Digest":"sha256:abc","Size":528}})");
  EXPECT_EQ(aux.aux_id, "");
  EXPECT_EQ(aux.status, "");
  EXPECT_EQ(aux.error, "");
}

TEST(ProgressJson, ErrorDetailAndError) {
  EXPECT_EQ(
      parsed(R"({"errorDetail":{"message":"pull access denied"},"error":"legacy text"})").error,
      "pull access denied");
  EXPECT_EQ(parsed(R"({"errorDetail":{"code":1,"message":"The command returned a non-zero code"}})")
                .error,
            "The command returned a non-zero code");
  EXPECT_EQ(parsed(R"({"error":"manifest unknown"})").error, "manifest unknown");
  EXPECT_EQ(parsed(R"({"errorDetail":{"message":""},"error":"only here"})").error, "only here");
  EXPECT_EQ(parsed(R"({"errorDetail":{}})").error,
            "the engine reported an error without a message");
  EXPECT_EQ(parsed(R"({"error":"","status":"ok"})").error, "");
}

TEST(ProgressJson, UnknownAndMistypedFieldsAreIgnored) {
  const auto message =
      parsed(R"({"status":3,"id":null,"progressDetail":{"current":"x"},"aux":"y","extra":{}})");
  EXPECT_EQ(message.status, "");
  EXPECT_EQ(message.id, "");
  EXPECT_EQ(message.current, 0);
  EXPECT_EQ(message.aux_id, "");
  EXPECT_EQ(parsed("{\"stream\":\"x\"}\r\n").stream, "x");
}

TEST(ProgressJson, ALineThatIsNotAJsonObjectIsABadRequest) {
  for (const std::string_view line : {"", "not json", "{\"stream\":", "[1,2]", "\"text\""}) {
    const auto message = parse_progress_line(line);
    ASSERT_FALSE(message) << line;
    EXPECT_EQ(message.error().code, ErrorCode::bad_request);
    EXPECT_EQ(message.error().message.rfind("invalid progress message from the engine: ", 0), 0u);
  }
  EXPECT_EQ(parse_progress_line("[1,2]").error().message,
            "invalid progress message from the engine: expected a JSON object, got array");
}

}  // namespace
}  // namespace berth::engine
