#pragma once
// StdioStream: a process's standard streams over a hijacked connection, as
// Engine::attach_container() and Engine::start_exec() return them. The
// engine answered 101 and the socket became a raw bidirectional stream:
// without a TTY the output is multiplexed frames (stdout and stderr told
// apart), with a TTY it is the terminal's raw bytes, all of it stdout.

#include <functional>
#include <string_view>

#include "engine/types.h"

namespace berth::engine {

class StdioStream {
 public:
  // `bytes` is valid only during the call.
  using OutputHandler = std::function<void(OutputStream stream, std::string_view bytes)>;

  virtual ~StdioStream() = default;

  // Blocks until output arrives and hands it, decoded, to `on_output`; false
  // once the engine ended the stream (the process closed its output, which
  // for attach means the container stopped) or the connection broke.
  virtual bool read_output(const OutputHandler& on_output) = 0;

  // Sends `bytes` to the process's stdin; false when the connection broke.
  // May run on another thread than read_output().
  virtual bool write_input(std::string_view bytes) = 0;

  // Ends the process's stdin (half-closes the connection): a container made
  // with StdinOnce, or an exec, then sees end of file.
  virtual void close_input() = 0;

  // Makes a blocked read_output() return false; from any thread.
  virtual void cancel() = 0;
};

}  // namespace berth::engine
