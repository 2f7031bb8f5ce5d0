#include "cli/image_output.h"

#include <unistd.h>

namespace berth::cli {

namespace {

constexpr size_t k_held_lines = 15;  // shown when a compact build fails

bool is_step(const std::string& line) {
  return line.rfind("Step ", 0) == 0 || line.rfind("Successfully ", 0) == 0;
}

}  // namespace

ImageOutput::Mode image_output_mode(bool quiet) {
  if (quiet) {
    return ImageOutput::Mode::quiet;
  }
  return isatty(STDERR_FILENO) ? ImageOutput::Mode::compact : ImageOutput::Mode::plain;
}

scheduler::ImageOutput ImageOutput::sink() {
  return [this](const std::string& service, const engine::ProgressMessage& message) {
    show(service, message);
  };
}

void ImageOutput::show(const std::string& service, const engine::ProgressMessage& message) {
  if (m_mode == Mode::quiet) {
    return;
  }
  std::lock_guard lock(m_mutex);
  if (!message.stream.empty()) {
    show_stream(service, message.stream);
  }
  if (!message.error.empty()) {
    if (m_mode == Mode::compact) {
      for (const auto& line : m_held) {
        m_progress.note(line);
      }
    }
    m_held.clear();
    return;  // the command reports the error itself, once
  }
  if (message.status.empty()) {
    return;
  }
  const bool byte_count = message.total > 0 || !message.progress.empty();
  if (byte_count) {
    return;  // "Downloading 12 MB/40 MB": a status line each, without the bar
  }
  const std::string key = service + " " + message.id;
  if (m_status[key] == message.status) {
    return;
  }
  m_status[key] = message.status;
  m_progress.note(service + ": " + (message.id.empty() ? "" : message.id + ": ") +
                  message.status);
}

void ImageOutput::show_stream(const std::string& service, const std::string& text) {
  m_partial += text;
  size_t start = 0;
  for (size_t end; (end = m_partial.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = m_partial.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (m_mode == Mode::plain || is_step(line)) {
      m_progress.note(service + " | " + line);
    } else if (!line.empty()) {
      m_held.push_back(service + " | " + line);
      if (m_held.size() > k_held_lines) {
        m_held.pop_front();
      }
    }
  }
  m_partial.erase(0, start);
}

}  // namespace berth::cli
