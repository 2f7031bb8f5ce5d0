#include "engine/log_frame_decoder.h"

#include <algorithm>

namespace berth::engine {

namespace {

OutputStream stream_of(unsigned char kind) {
  // stdin (0) only appears for attached stdin echo; it and stdout read as
  // output. The engine's own messages (3) are errors, like stderr.
  return kind >= 2 ? OutputStream::err : OutputStream::out;
}

}  // namespace

bool LogFrameDecoder::take_header(std::string_view& bytes) {
  const std::size_t take = std::min(bytes.size(), k_log_frame_header_bytes - m_header_size);
  std::copy_n(bytes.data(), take, m_header.data() + m_header_size);
  m_header_size += take;
  bytes.remove_prefix(take);
  if (m_header_size < k_log_frame_header_bytes) {
    return false;
  }
  m_stream = stream_of(m_header[0]);
  m_length = (std::uint32_t{m_header[4]} << 24) | (std::uint32_t{m_header[5]} << 16) |
             (std::uint32_t{m_header[6]} << 8) | std::uint32_t{m_header[7]};
  return true;
}

void LogFrameDecoder::feed(std::string_view bytes, const FrameHandler& on_frame) {
  if (!m_multiplexed) {
    if (!bytes.empty()) {
      on_frame(OutputStream::out, bytes);
    }
    return;
  }
  while (!bytes.empty()) {
    if (m_header_size < k_log_frame_header_bytes && !take_header(bytes)) {
      return;
    }
    const std::size_t missing = m_length - m_payload.size();
    if (m_payload.empty() && bytes.size() >= missing) {
      // The usual case: the whole payload is in this chunk; no copy.
      on_frame(m_stream, bytes.substr(0, missing));
      bytes.remove_prefix(missing);
    } else {
      const std::size_t take = std::min(bytes.size(), missing);
      m_payload.append(bytes.data(), take);
      bytes.remove_prefix(take);
      if (m_payload.size() < m_length) {
        return;
      }
      on_frame(m_stream, m_payload);
      m_payload.clear();
    }
    m_header_size = 0;
  }
}

}  // namespace berth::engine
