#pragma once
// The local end of run's and exec's standard streams: berth's stdin goes to
// the process, its output to berth's stdout and stderr, until the engine ends
// the stream. With a TTY the local terminal is raw meanwhile and its size
// follows the local window (at the start and on every SIGWINCH).

#include <functional>

#include "engine/stdio_stream.h"

namespace berth::cli {

struct StdioSessionOptions {
  bool tty = false;
  // Sets the remote terminal's size; false when the engine refused (the
  // process may not run yet: the first size is retried a few times).
  std::function<bool(int rows, int columns)> resize;
  bool forward_input = true;  // false: stdin is left alone (attach --no-stdin)
};

// Returns once the stream ended (the process exited or the connection broke).
void run_stdio_session(engine::StdioStream& stream, const StdioSessionOptions& options);

}  // namespace berth::cli
