// The log body decoder and line assembler: frames cut anywhere by the
// network, long lines, both streams, a TTY's raw output.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/log_frame_decoder.h"
#include "engine/log_line_assembler.h"
#include "engine/log_request.h"

namespace berth::engine {
namespace {

std::string frame(unsigned char stream, const std::string& payload) {
  std::string bytes = {static_cast<char>(stream), 0, 0, 0};
  const auto size = static_cast<std::uint32_t>(payload.size());
  bytes += static_cast<char>(size >> 24);
  bytes += static_cast<char>((size >> 16) & 0xff);
  bytes += static_cast<char>((size >> 8) & 0xff);
  bytes += static_cast<char>(size & 0xff);
  return bytes + payload;
}

using Frames = std::vector<std::pair<OutputStream, std::string>>;

// Feeds `body` in pieces of `piece` bytes.
Frames decode(const std::string& body, std::size_t piece, bool multiplexed = true) {
  LogFrameDecoder decoder(multiplexed);
  Frames frames;
  for (std::size_t at = 0; at < body.size(); at += piece) {
    decoder.feed(std::string_view(body).substr(at, piece),
                 [&](OutputStream stream, std::string_view payload) {
                   frames.emplace_back(stream, std::string(payload));
                 });
  }
  EXPECT_EQ(decoder.pending(), 0u);
  return frames;
}

TEST(LogFrameDecoder, DecodesFramesOfBothStreamsWhateverTheChunking) {
  const std::string body = frame(1, "out one\n") + frame(2, "err one\n") + frame(1, "") +
                           frame(1, "out two\n") + frame(3, "engine says\n");
  const Frames expected = {{OutputStream::out, "out one\n"},
                           {OutputStream::err, "err one\n"},
                           {OutputStream::out, ""},
                           {OutputStream::out, "out two\n"},
                           {OutputStream::err, "engine says\n"}};
  for (std::size_t piece : {1, 2, 3, 7, 8, 9, 13, 1000}) {
    EXPECT_EQ(decode(body, piece), expected) << "pieces of " << piece;
  }
}

TEST(LogFrameDecoder, ReassemblesAPayloadLongerThanAnyChunk) {
  const std::string big(100000, 'x');
  const auto frames = decode(frame(2, big) + frame(1, "y"), 4096);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0], std::make_pair(OutputStream::err, big));
  EXPECT_EQ(frames[1], std::make_pair(OutputStream::out, std::string("y")));
}

TEST(LogFrameDecoder, HoldsAPartialHeaderUntilTheRestArrives) {
  LogFrameDecoder decoder(true);
  Frames frames;
  auto collect = [&](OutputStream stream, std::string_view payload) {
    frames.emplace_back(stream, std::string(payload));
  };
  const std::string body = frame(2, "abc");
  decoder.feed(body.substr(0, 5), collect);
  EXPECT_TRUE(frames.empty());
  EXPECT_EQ(decoder.pending(), 5u);
  decoder.feed(body.substr(5), collect);
  EXPECT_EQ(frames, (Frames{{OutputStream::err, "abc"}}));
}

TEST(LogFrameDecoder, PassesATtyBodyThroughAsStdout) {
  const std::string raw = "\x01\x00 not a header\r\nline\r\n";
  auto frames = decode(raw, 4, false);
  std::string joined;
  for (const auto& [stream, payload] : frames) {
    EXPECT_EQ(stream, OutputStream::out);
    joined += payload;
  }
  EXPECT_EQ(joined, raw);
}

using Lines = std::vector<std::pair<OutputStream, std::string>>;

Lines lines_of(LogBatch& batch) {
  Lines lines;
  for (const auto& line : batch.lines()) {
    lines.emplace_back(line.stream, std::string(line.text));
  }
  batch.clear();
  return lines;
}

TEST(LogLineAssembler, KeepsEachStreamsPartialLineApart) {
  LogLineAssembler assembler;
  LogBatch batch;
  assembler.feed(OutputStream::out, "hel", batch);
  assembler.feed(OutputStream::err, "oops", batch);
  assembler.feed(OutputStream::out, "lo\nwor", batch);
  assembler.feed(OutputStream::err, "!\r\n", batch);
  EXPECT_EQ(lines_of(batch), (Lines{{OutputStream::out, "hello"}, {OutputStream::err, "oops!"}}));
  assembler.feed(OutputStream::out, "ld\n\nlast", batch);
  EXPECT_EQ(lines_of(batch), (Lines{{OutputStream::out, "world"}, {OutputStream::out, ""}}));
  assembler.finish(batch);
  EXPECT_EQ(lines_of(batch), (Lines{{OutputStream::out, "last"}}));
  assembler.finish(batch);
  EXPECT_TRUE(lines_of(batch).empty());
}

TEST(LogLineAssembler, JoinsALongLineTheEngineSplitIntoFrames) {
  LogLineAssembler assembler;
  LogBatch batch;
  const std::string part(16 * 1024, 'a');
  assembler.feed(OutputStream::out, part, batch);
  assembler.feed(OutputStream::out, part, batch);
  assembler.feed(OutputStream::out, "end\n", batch);
  const auto lines = lines_of(batch);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].second, part + part + "end");
}

TEST(LogLineAssembler, CutsALineThatNeverEndsAtItsBound) {
  LogLineAssembler assembler(10);
  LogBatch batch;
  assembler.feed(OutputStream::out, std::string(25, 'z'), batch);
  EXPECT_EQ(lines_of(batch), (Lines{{OutputStream::out, std::string(10, 'z')},
                                    {OutputStream::out, std::string(10, 'z')}}));
  assembler.finish(batch);
  EXPECT_EQ(lines_of(batch), (Lines{{OutputStream::out, std::string(5, 'z')}}));
}

TEST(LogRequest, BuildsTheQueryFromTheOptions) {
  EXPECT_EQ(logs_query({}), "stdout=1&stderr=1&follow=0&tail=all&timestamps=0");
  LogOptions options;
  options.follow = true;
  options.tail = "10";
  options.since = "1700000000.5";
  options.timestamps = true;
  EXPECT_EQ(logs_query(options),
            "stdout=1&stderr=1&follow=1&tail=10&since=1700000000.5&timestamps=1");
}

TEST(LogRequest, ReadsTheContainersTty) {
  EXPECT_EQ(parse_container_tty(R"({"Config": {"Tty": true}})").value(), true);
  EXPECT_EQ(parse_container_tty(R"({"Config": {"Tty": false}})").value(), false);
  EXPECT_EQ(parse_container_tty(R"({"Id": "x"})").value(), false);
  EXPECT_FALSE(parse_container_tty("not json"));
}

}  // namespace
}  // namespace berth::engine
