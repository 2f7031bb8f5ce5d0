#pragma once
// LogFrameDecoder: splits the body of GET /containers/{id}/logs into frames.
// For a container without a TTY the engine multiplexes stdout and stderr:
// each frame is an 8-byte header (stream byte: 0 stdin, 1 stdout, 2 stderr,
// 3 the engine's own; three zero bytes; payload length, 4 bytes big-endian)
// and the payload. With a TTY the body is the raw output, all of it stdout.
// The network cuts the body anywhere, inside headers and payloads alike.
// Pure; private to the engine module.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "engine/types.h"

namespace berth::engine {

inline constexpr std::size_t k_log_frame_header_bytes = 8;

class LogFrameDecoder {
 public:
  // `payload` is valid only during the call.
  using FrameHandler = std::function<void(OutputStream stream, std::string_view payload)>;

  explicit LogFrameDecoder(bool multiplexed) : m_multiplexed(multiplexed) {}

  // Feeds the next bytes of the body; calls `on_frame` for each frame they
  // complete, in order. A frame's payload is delivered whole, once (raw
  // bodies: each non-empty chunk is one frame).
  void feed(std::string_view bytes, const FrameHandler& on_frame);

  // Bytes held of a frame not yet complete (header or payload).
  std::size_t pending() const { return m_header_size + m_payload.size(); }

 private:
  // Consumes header bytes from `bytes`; true once the header is complete.
  bool take_header(std::string_view& bytes);

  bool m_multiplexed;
  std::array<unsigned char, k_log_frame_header_bytes> m_header{};
  std::size_t m_header_size = 0;  // bytes of m_header filled
  OutputStream m_stream = OutputStream::out;
  std::uint32_t m_length = 0;  // payload length of the frame being read
  std::string m_payload;       // the part of that payload read so far
};

}  // namespace berth::engine
