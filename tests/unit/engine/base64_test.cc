// Base64 for the registry credentials.

#include "engine/base64.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace berth::engine {
namespace {

TEST(Base64, EncodesTheRfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> vectors = {{"", ""},
                                                                    {"f", "Zg=="},
                                                                    {"fo", "Zm8="},
                                                                    {"foo", "Zm9v"},
                                                                    {"foob", "Zm9vYg=="},
                                                                    {"fooba", "Zm9vYmE="},
                                                                    {"foobar", "Zm9vYmFy"}};
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(base64_encode(bytes), text);
    EXPECT_EQ(base64url_encode(bytes), text);
    EXPECT_EQ(base64_decode(text), bytes);
  }
}

TEST(Base64, TheAlphabetsDifferInTheirLastTwoCharacters) {
  const std::string bytes = "\xfb\xff\xbf";
  EXPECT_EQ(base64_encode(bytes), "+/+/");
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64_decode("+/+/"), bytes);
  EXPECT_EQ(base64_decode("-_-_"), bytes);
  EXPECT_EQ(base64_encode(std::string("\0\x01", 2)), "AAE=");
}

TEST(Base64, DecodingAcceptsMissingPaddingAndSurroundingWhitespace) {
  EXPECT_EQ(base64_decode("YWxpY2U6czNjcjpldA=="), "alice:s3cr:et");
  EXPECT_EQ(base64_decode("YWxpY2U6czNjcjpldA"), "alice:s3cr:et");
  EXPECT_EQ(base64_decode(" Zm9v\n"), "foo");
}

TEST(Base64, DecodingRejectsWhatNoEncoderProduces) {
  EXPECT_EQ(base64_decode("Zm9v!"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9vY"), std::nullopt);  // one character left over
  EXPECT_EQ(base64_decode("Zg=a"), std::nullopt);
  EXPECT_EQ(base64_decode("Z==="), std::nullopt);
  EXPECT_EQ(base64_decode("Zm 9v"), std::nullopt);
}

}  // namespace
}  // namespace berth::engine
