// Fuzzes the reading of a container's output: LogFrameDecoder (multiplexed
// 8-byte-header frames, and raw TTY output) and LogLineAssembler behind it,
// fed the way log_stream.cc feeds them. The network cuts a body anywhere, so
// the body is fed in chunks whose sizes come from the input, and the results
// must not depend on the cuts: they are checked against a plain one-pass
// reading of the whole body.
//
// Input: byte 0 picks the chunk sizes, byte 1 a small line limit for the
// assembler (so its cutting of long lines runs too); the rest is the body.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/log_frame_decoder.h"
#include "engine/log_line_assembler.h"

namespace {

using namespace berth::engine;

using Frame = std::pair<OutputStream, std::string>;

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

// Chunk sizes from a generator seeded by the input, including empty chunks
// (a read may deliver nothing) and chunks that split every header.
class Chunker {
 public:
  Chunker(uint8_t control, std::size_t size)
      : m_state(0x9E3779B9u ^ control ^ (static_cast<uint32_t>(size) << 8)) {
    static constexpr std::size_t k_max_chunk[] = {1, 2, 3, 5, 8, 9, 17, 64, 1000, 65536};
    m_max = k_max_chunk[control % std::size(k_max_chunk)];
    if (m_state == 0) {
      m_state = 1;  // xorshift would stay at 0, and so would every chunk
    }
  }

  std::size_t next() {
    m_state ^= m_state << 13;
    m_state ^= m_state >> 17;
    m_state ^= m_state << 5;
    return m_state % (m_max + 1);  // 0 ..= m_max
  }

 private:
  uint32_t m_state;
  std::size_t m_max;
};

std::vector<std::string_view> chunks_of(std::string_view body, uint8_t control) {
  Chunker chunker(control, body.size());
  std::vector<std::string_view> chunks;
  while (!body.empty()) {
    const std::size_t take = std::min(chunker.next(), body.size());
    chunks.push_back(body.substr(0, take));
    body.remove_prefix(take);
  }
  chunks.emplace_back();  // one more empty read at the end
  return chunks;
}

// The frames of a whole multiplexed body, read in one pass; `trailing` is
// the number of bytes of an incomplete last frame.
std::vector<Frame> reference_frames(std::string_view body, std::size_t& trailing) {
  std::vector<Frame> frames;
  while (body.size() >= k_log_frame_header_bytes) {
    const auto byte = [&](std::size_t i) { return static_cast<uint32_t>(uint8_t(body[i])); };
    const uint32_t length = byte(4) << 24 | byte(5) << 16 | byte(6) << 8 | byte(7);
    if (body.size() - k_log_frame_header_bytes < length) {
      break;
    }
    frames.emplace_back(byte(0) >= 2 ? OutputStream::err : OutputStream::out,
                        std::string(body.substr(k_log_frame_header_bytes, length)));
    body.remove_prefix(k_log_frame_header_bytes + length);
  }
  trailing = body.size();
  return frames;
}

// The lines of one stream's text, read in one pass: what the assembler must
// give when no line reaches its limit.
std::vector<std::string> reference_lines(std::string_view text) {
  const auto without_cr = [](std::string_view line) {
    return std::string(line.ends_with('\r') ? line.substr(0, line.size() - 1) : line);
  };
  std::vector<std::string> lines;
  while (true) {
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos) {
      if (!text.empty()) {
        lines.push_back(without_cr(text));
      }
      return lines;
    }
    lines.push_back(without_cr(text.substr(0, newline)));
    text.remove_prefix(newline + 1);
  }
}

std::string without_line_ends(std::string_view text) {
  std::string result;
  for (const char c : text) {
    if (c != '\r' && c != '\n') {
      result += c;
    }
  }
  return result;
}

struct Decoded {
  std::vector<Frame> frames;
  std::vector<std::string> lines[2];          // by stream, default line limit
  std::vector<std::string> limited_lines[2];  // by stream, the input's small limit
};

// Feeds `chunks`, which together are `body`.
Decoded decode(bool multiplexed, std::string_view body, const std::vector<std::string_view>& chunks,
               std::size_t line_limit) {
  Decoded result;
  LogFrameDecoder decoder(multiplexed);
  LogLineAssembler assembler;
  LogLineAssembler limited(line_limit);
  LogBatch batch;
  LogBatch limited_batch;
  // As log_stream.cc does: the batch is read and cleared after each read.
  const auto deliver = [](LogBatch& from, std::vector<std::string>* to) {
    for (const LogLine& line : from.lines()) {
      require(line.text.find('\n') == std::string_view::npos);
      to[line.stream == OutputStream::err ? 1 : 0].emplace_back(line.text);
    }
    from.clear();
  };
  for (const std::string_view chunk : chunks) {
    decoder.feed(chunk, [&](OutputStream stream, std::string_view payload) {
      result.frames.emplace_back(stream, std::string(payload));
      assembler.feed(stream, payload, batch);
      limited.feed(stream, payload, limited_batch);
    });
    deliver(batch, result.lines);
    deliver(limited_batch, result.limited_lines);
  }
  assembler.finish(batch);
  limited.finish(limited_batch);
  deliver(batch, result.lines);
  deliver(limited_batch, result.limited_lines);
  if (multiplexed) {
    std::size_t trailing = 0;
    require(result.frames == reference_frames(body, trailing));
    require(decoder.pending() == trailing);
  } else {
    require(decoder.pending() == 0);
  }
  return result;
}

void check_lines(const Decoded& decoded) {
  std::string text[2];
  for (const auto& [stream, payload] : decoded.frames) {
    text[stream == OutputStream::err ? 1 : 0] += payload;
  }
  for (int s = 0; s < 2; ++s) {
    // The default limit (1 MiB) is beyond any input: lines come whole.
    require(decoded.lines[s] == reference_lines(text[s]));
    // With a small limit long lines come in pieces, but nothing is lost,
    // added or reordered but the line ends.
    std::string joined;
    for (const auto& line : decoded.limited_lines[s]) {
      joined += line;
    }
    require(without_line_ends(joined) == without_line_ends(text[s]));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) {
    return 0;
  }
  const uint8_t control = data[0];
  const std::size_t line_limit = 1 + data[1] % 64;
  const std::string_view body(reinterpret_cast<const char*>(data) + 2, size - 2);
  const auto chunks = chunks_of(body, control);

  // Multiplexed: the same frames however the body is cut, and as one read.
  const Decoded cut = decode(true, body, chunks, line_limit);
  const Decoded whole = decode(true, body, {body}, line_limit);
  require(cut.frames == whole.frames);
  check_lines(cut);
  check_lines(whole);

  // TTY: each non-empty read is one frame of stdout, the bytes unchanged.
  const Decoded raw = decode(false, body, chunks, line_limit);
  std::string joined;
  for (const auto& [stream, payload] : raw.frames) {
    require(stream == OutputStream::out && !payload.empty());
    joined += payload;
  }
  require(joined == body);
  check_lines(raw);
  return 0;
}
