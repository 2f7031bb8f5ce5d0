#pragma once
// LogLineAssembler: turns the payloads of a container's log frames into
// complete lines, per stream. The engine cuts a long line into several frames
// and a TTY's output into arbitrary chunks; a line is only handed on once its
// "\n" arrived (or the stream ended), so lines are never printed in pieces.
// Pure; private to the engine module.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.h"

namespace berth::engine {

// A line longer than this is handed on in pieces of this size, so a
// container that never writes "\n" cannot make berth hold unbounded memory.
inline constexpr std::size_t k_max_log_line_bytes = 1024 * 1024;

// Lines in order, their text kept in one buffer that is reused between reads.
class LogBatch {
 public:
  void add(OutputStream stream, std::string_view text);
  // Views into the batch: valid until the next add() or clear().
  const std::vector<LogLine>& lines();
  bool empty() const { return m_entries.empty(); }
  void clear();

 private:
  struct Entry {
    OutputStream stream;
    std::size_t offset;
    std::size_t size;
  };
  std::string m_text;
  std::vector<Entry> m_entries;
  std::vector<LogLine> m_lines;
};

class LogLineAssembler {
 public:
  explicit LogLineAssembler(std::size_t max_line_bytes = k_max_log_line_bytes)
      : m_max_line_bytes(max_line_bytes) {}

  // Adds the lines `bytes` of `stream` complete to `out`, without "\n" or a
  // "\r\n"'s "\r".
  void feed(OutputStream stream, std::string_view bytes, LogBatch& out);

  // At the end of the stream: the partial last line of each stream, if any.
  void finish(LogBatch& out);

 private:
  std::string& partial_of(OutputStream stream) {
    return stream == OutputStream::err ? m_partial_err : m_partial_out;
  }

  std::size_t m_max_line_bytes;
  std::string m_partial_out;
  std::string m_partial_err;
};

}  // namespace berth::engine
