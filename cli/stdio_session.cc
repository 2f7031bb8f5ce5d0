#include "cli/stdio_session.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>

#include "cli/raw_terminal.h"

namespace berth::cli {

namespace {

constexpr std::size_t k_input_bytes = 32 * 1024;
// The exec's process may not be running yet when the first size is sent.
constexpr int k_initial_resize_tries = 10;
constexpr auto k_initial_resize_pause = std::chrono::milliseconds(20);

// Written by the SIGWINCH handler; the session polls the other end.
int g_winch_write = -1;

void on_winch(int) {
  const char byte = 'w';
  const int saved = errno;
  [[maybe_unused]] auto written = ::write(g_winch_write, &byte, 1);
  errno = saved;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return;  // berth's own output is gone: nothing left to tell
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void drain(int fd) {
  char buffer[64];
  while (::read(fd, buffer, sizeof buffer) > 0) {
  }
}

// The local window's size, from whichever standard stream is a terminal.
bool window_size(int& rows, int& columns) {
  struct winsize size {};
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0) {
      rows = size.ws_row;
      columns = size.ws_col;
      return true;
    }
  }
  return false;
}

void send_size(const StdioSessionOptions& options, int tries) {
  int rows = 0;
  int columns = 0;
  if (!options.resize || !window_size(rows, columns)) {
    return;
  }
  for (int attempt = 1; !options.resize(rows, columns) && attempt < tries; ++attempt) {
    std::this_thread::sleep_for(k_initial_resize_pause);
  }
}

// A pipe whose ends do not block and are not inherited.
bool make_pipe(int fds[2]) { return ::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0; }

// Forwards stdin until the stream ends (a byte on `done_fd`); returns then.
void forward_input(engine::StdioStream& stream, const StdioSessionOptions& options, int done_fd,
                   int winch_fd) {
  bool input_open = options.forward_input;
  for (;;) {
    struct pollfd fds[3] = {{done_fd, POLLIN, 0}, {winch_fd, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    const int count = ::poll(fds, input_open ? 3 : 2, -1);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;
    }
    if (fds[0].revents != 0) {
      return;
    }
    if (fds[1].revents != 0) {
      drain(winch_fd);
      send_size(options, 1);
    }
    if (input_open && fds[2].revents != 0) {
      char buffer[k_input_bytes];
      const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) {
        continue;
      }
      if (got > 0 && stream.write_input(std::string_view(buffer, static_cast<std::size_t>(got)))) {
        continue;
      }
      // End of input: without a TTY the process sees end of file, as with
      // `docker run -i`; a terminal's end only stops the forwarding.
      input_open = false;
      if (!options.tty) {
        stream.close_input();
      }
    }
  }
}

}  // namespace

void run_stdio_session(engine::StdioStream& stream, const StdioSessionOptions& options) {
  int done[2] = {-1, -1};
  int winch[2] = {-1, -1};
  if (!make_pipe(done) || !make_pipe(winch)) {
    // Without the pipes nothing can be forwarded; output still is.
    while (stream.read_output([](engine::OutputStream which, std::string_view bytes) {
      write_all(which == engine::OutputStream::err ? STDERR_FILENO : STDOUT_FILENO, bytes);
    })) {
    }
    return;
  }
  std::optional<RawTerminal> raw;
  struct sigaction previous_winch {};
  if (options.tty) {
    raw.emplace(STDIN_FILENO);
    g_winch_write = winch[1];
    struct sigaction action {};
    action.sa_handler = on_winch;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &action, &previous_winch);
    send_size(options, k_initial_resize_tries);
  }
  std::thread output([&stream, done_write = done[1]] {
    while (stream.read_output([](engine::OutputStream which, std::string_view bytes) {
      write_all(which == engine::OutputStream::err ? STDERR_FILENO : STDOUT_FILENO, bytes);
    })) {
    }
    const char byte = 'd';
    [[maybe_unused]] auto written = ::write(done_write, &byte, 1);
  });
  forward_input(stream, options, done[0], winch[0]);
  output.join();
  if (options.tty) {
    sigaction(SIGWINCH, &previous_winch, nullptr);
    g_winch_write = -1;
  }
  for (int fd : {done[0], done[1], winch[0], winch[1]}) {
    ::close(fd);
  }
}

}  // namespace berth::cli
