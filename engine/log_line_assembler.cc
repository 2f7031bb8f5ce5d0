#include "engine/log_line_assembler.h"

namespace berth::engine {

namespace {

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

}  // namespace

void LogBatch::add(OutputStream stream, std::string_view text) {
  m_entries.push_back({stream, m_text.size(), text.size()});
  m_text.append(text);
}

const std::vector<LogLine>& LogBatch::lines() {
  // Built at the end: m_text may move while lines are added.
  m_lines.clear();
  m_lines.reserve(m_entries.size());
  for (const auto& entry : m_entries) {
    m_lines.push_back({entry.stream, std::string_view(m_text).substr(entry.offset, entry.size)});
  }
  return m_lines;
}

void LogBatch::clear() {
  m_text.clear();
  m_entries.clear();
  m_lines.clear();
}

void LogLineAssembler::feed(OutputStream stream, std::string_view bytes, LogBatch& out) {
  std::string& partial = partial_of(stream);
  while (!bytes.empty()) {
    const auto newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
      partial.append(bytes);
      break;
    }
    const std::string_view rest = bytes.substr(0, newline);
    bytes.remove_prefix(newline + 1);
    if (partial.empty()) {
      out.add(stream, without_cr(rest));
    } else {
      partial.append(rest);
      out.add(stream, without_cr(partial));
      partial.clear();
    }
  }
  while (partial.size() >= m_max_line_bytes) {
    out.add(stream, std::string_view(partial).substr(0, m_max_line_bytes));
    partial.erase(0, m_max_line_bytes);
  }
}

void LogLineAssembler::finish(LogBatch& out) {
  for (auto stream : {OutputStream::out, OutputStream::err}) {
    std::string& partial = partial_of(stream);
    if (!partial.empty()) {
      out.add(stream, without_cr(partial));
      partial.clear();
    }
  }
}

}  // namespace berth::engine
