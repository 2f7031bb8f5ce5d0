// LineSplitter: the same stream cut at every possible place gives the same
// lines.

#include "engine/line_splitter.h"

#include <gtest/gtest.h>

namespace berth::engine {
namespace {

const std::string k_first = R"({"Type":"container","Action":"start","Actor":{"ID":"a"}})";
const std::string k_second = R"({"Type":"container","Action":"die","Actor":{"ID":"b"}})";
const std::string k_stream = k_first + "\n" + k_second + "\n";

std::vector<std::string> feed_all(LineSplitter& splitter, const std::vector<std::string>& chunks) {
  std::vector<std::string> lines;
  for (const auto& chunk : chunks) {
    for (auto& line : splitter.feed(chunk)) {
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

TEST(LineSplitter, WholeLinesInOneChunk) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed(k_stream), (std::vector<std::string>{k_first, k_second}));
  EXPECT_EQ(splitter.pending(), 0u);
}

TEST(LineSplitter, ObjectSplitInTheMiddle) {
  LineSplitter splitter;
  EXPECT_TRUE(splitter.feed(k_first.substr(0, 20)).empty());
  EXPECT_EQ(splitter.pending(), 20u);
  EXPECT_EQ(splitter.feed(k_first.substr(20) + "\n"), std::vector<std::string>{k_first});
  EXPECT_EQ(splitter.pending(), 0u);
}

TEST(LineSplitter, LineEndsWithTheNextChunk) {
  LineSplitter splitter;
  EXPECT_TRUE(splitter.feed(k_first).empty());
  EXPECT_EQ(splitter.feed("\n" + k_second.substr(0, 5)), std::vector<std::string>{k_first});
  EXPECT_EQ(splitter.feed(k_second.substr(5) + "\n"), std::vector<std::string>{k_second});
}

TEST(LineSplitter, EndOfOneObjectAndTheWholeNextInOneChunk) {
  LineSplitter splitter;
  const std::vector<std::string> chunks = {k_first.substr(0, 10),
                                           k_first.substr(10) + "\n" + k_second + "\n"};
  EXPECT_EQ(feed_all(splitter, chunks), (std::vector<std::string>{k_first, k_second}));
}

TEST(LineSplitter, EveryCutGivesTheSameLines) {
  for (std::size_t cut = 0; cut <= k_stream.size(); ++cut) {
    for (std::size_t second_cut = cut; second_cut <= k_stream.size(); second_cut += 7) {
      LineSplitter splitter;
      const std::vector<std::string> chunks = {k_stream.substr(0, cut),
                                               k_stream.substr(cut, second_cut - cut),
                                               k_stream.substr(second_cut)};
      EXPECT_EQ(feed_all(splitter, chunks), (std::vector<std::string>{k_first, k_second}))
          << "cuts at " << cut << " and " << second_cut;
      EXPECT_EQ(splitter.pending(), 0u);
    }
  }
}

TEST(LineSplitter, ByteByByte) {
  LineSplitter splitter;
  std::vector<std::string> chunks;
  for (const char c : k_stream) {
    chunks.emplace_back(1, c);
  }
  EXPECT_EQ(feed_all(splitter, chunks), (std::vector<std::string>{k_first, k_second}));
}

TEST(LineSplitter, DropsCarriageReturnsAndBlankLines) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("\n\r\n" + k_first + "\r\n\n"), std::vector<std::string>{k_first});
}

}  // namespace
}  // namespace berth::engine
