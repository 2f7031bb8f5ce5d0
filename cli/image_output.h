#pragma once
// Shows the engine's progress for builds, pulls and pushes. Plainly (pipes,
// CI logs): every line of a build's output, and each layer's status when it
// changes. Compactly (a terminal): a build's step lines only, the other output
// kept back and shown (its last lines) only when the build fails; pull and
// push byte counts are left out. Quiet: nothing.

#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "cli/terminal_progress.h"
#include "scheduler/images/image_build.h"

namespace berth::cli {

class ImageOutput {
 public:
  enum class Mode { plain, compact, quiet };
  ImageOutput(TerminalProgress& progress, Mode mode) : m_progress(progress), m_mode(mode) {}

  // For scheduler::ImageSupply::output and the build, pull and push calls.
  scheduler::ImageOutput sink();

  void show(const std::string& service, const engine::ProgressMessage& message);

 private:
  void show_stream(const std::string& service, const std::string& text);

  TerminalProgress& m_progress;
  Mode m_mode;
  std::mutex m_mutex;
  std::string m_partial;                         // a stream line not yet ended
  std::deque<std::string> m_held;                // compact: recent non-step lines
  std::map<std::string, std::string> m_status;  // "service id" -> last status shown
};

// Compact on a terminal (stderr), plain otherwise; quiet when asked.
ImageOutput::Mode image_output_mode(bool quiet);

}  // namespace berth::cli
