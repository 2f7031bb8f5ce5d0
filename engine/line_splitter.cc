#include "engine/line_splitter.h"

namespace berth::engine {

std::vector<std::string> LineSplitter::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  while (!bytes.empty()) {
    const auto newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
      m_partial.append(bytes);
      break;
    }
    m_partial.append(bytes.substr(0, newline));
    bytes.remove_prefix(newline + 1);
    if (!m_partial.empty() && m_partial.back() == '\r') {
      m_partial.pop_back();
    }
    if (!m_partial.empty()) {
      lines.push_back(std::move(m_partial));
    }
    m_partial.clear();
  }
  return lines;
}

}  // namespace berth::engine
