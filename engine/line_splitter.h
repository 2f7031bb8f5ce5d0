#pragma once
// LineSplitter: turns the bytes of a stream, cut wherever the network cut
// them, into complete lines. The /events stream is one JSON object per line,
// but a chunk may end in the middle of an object or hold several of them.
// Private to the engine module.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace berth::engine {

class LineSplitter {
 public:
  // Appends `bytes` and returns the lines they complete, in order, without
  // their "\n" (or "\r\n"). Blank lines are dropped.
  std::vector<std::string> feed(std::string_view bytes);

  // Bytes of the line not yet complete.
  std::size_t pending() const { return m_partial.size(); }

 private:
  std::string m_partial;
};

}  // namespace berth::engine
