#include "cli/project_locking.h"

#include <signal.h>

#include <cstdio>
#include <stdexcept>

#include "scheduler/project/engine_id_cache.h"
#include "scheduler/project/lock_directory.h"

namespace berth::cli {

namespace {

volatile sig_atomic_t g_wait_interrupted = 0;

void note_interrupt(int /*signal*/) { g_wait_interrupted = 1; }

// Catches SIGINT and SIGTERM for its lifetime (a command without an
// InterruptWatch dies of them otherwise, not with 130), then puts back
// what was there.
class WaitSignals {
 public:
  WaitSignals() {
    g_wait_interrupted = 0;
    struct sigaction action {};
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_old_int);
    sigaction(SIGTERM, &action, &m_old_term);
  }
  ~WaitSignals() {
    sigaction(SIGINT, &m_old_int, nullptr);
    sigaction(SIGTERM, &m_old_term, nullptr);
  }
  WaitSignals(const WaitSignals&) = delete;
  WaitSignals& operator=(const WaitSignals&) = delete;

 private:
  struct sigaction m_old_int {};
  struct sigaction m_old_term {};
};

std::string engine_identity(engine::Engine& engine, const std::string& lock_directory) {
  const std::string host = engine::default_engine_host();
  if (auto cached = scheduler::cached_engine_id(lock_directory, host)) {
    return "id:" + *cached;
  }
  auto id = engine.engine_id();
  if (!id) {
    throw std::runtime_error("cannot read the engine's identity (GET /info): " +
                             id.error().message);
  }
  // An engine without an ID (not dockerd) is known by its address instead.
  if (id->empty()) {
    return "host:" + host;
  }
  scheduler::remember_engine_id(lock_directory, host, *id);
  return "id:" + *id;
}

}  // namespace

std::unique_ptr<scheduler::ProjectLock> lock_project(engine::Engine& engine,
                                                     const std::string& project,
                                                     const InterruptWatch* watch) {
  const std::string directory =
      scheduler::prepare_lock_directory(scheduler::LockPlaces::of_this_process());
  const std::string engine_id = engine_identity(engine, directory);
  scheduler::LockWait wait;
  wait.on_waiting = [&project](int pid) {
    const std::string holder = pid > 0 ? " (pid " + std::to_string(pid) + ")" : "";
    std::fprintf(stderr, "waiting for another berth%s on project %s\n", holder.c_str(),
                 project.c_str());
  };
  wait.interrupted = [watch] {
    return watch != nullptr ? watch->count() > 0 : g_wait_interrupted != 0;
  };
  WaitSignals signals;
  return std::make_unique<scheduler::ProjectLock>(directory, engine_id, project, wait);
}

}  // namespace berth::cli
