#include "cli/raw_terminal.h"

#include <unistd.h>

#include <csignal>
#include <iterator>

namespace berth::cli {

namespace {

constexpr int k_restoring_signals[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};

// Read by the signal handler: set before the handlers are installed.
int g_fd = -1;
struct termios g_saved {};
struct sigaction g_previous[sizeof k_restoring_signals / sizeof k_restoring_signals[0]];

void restore_and_reraise(int signal) {
  // tcsetattr, signal and raise are async-signal-safe.
  tcsetattr(g_fd, TCSANOW, &g_saved);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

RawTerminal::RawTerminal(int fd) {
  if (!isatty(fd) || tcgetattr(fd, &g_saved) != 0) {
    return;
  }
  g_fd = fd;
  struct sigaction action {};
  action.sa_handler = restore_and_reraise;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < std::size(k_restoring_signals); ++i) {
    sigaction(k_restoring_signals[i], &action, &g_previous[i]);
  }
  struct termios raw = g_saved;
  cfmakeraw(&raw);
  m_active = tcsetattr(fd, TCSANOW, &raw) == 0;
}

RawTerminal::~RawTerminal() {
  if (g_fd < 0) {
    return;
  }
  tcsetattr(g_fd, TCSANOW, &g_saved);
  for (std::size_t i = 0; i < std::size(k_restoring_signals); ++i) {
    sigaction(k_restoring_signals[i], &g_previous[i], nullptr);
  }
  g_fd = -1;
}

}  // namespace berth::cli
