#pragma once
// Interruption: a Ctrl+C that reached a converging command. Once interrupted,
// the Executor starts no new operation (those in flight finish: an engine
// call is never cut in half) and every health wait ends at once, through the
// actions registered here.

#include <functional>
#include <map>
#include <mutex>

namespace berth::scheduler {

class Interruption {
 public:
  // Sets the flag and runs every registered action (on the calling thread).
  void interrupt();
  bool requested() const;

  // Runs `action` on interrupt(), or at once when already interrupted; until
  // the returned id is passed to forget().
  int on_interrupt(std::function<void()> action);
  void forget(int id);

 private:
  mutable std::mutex m_mutex;
  bool m_requested = false;
  int m_next_id = 0;
  std::map<int, std::function<void()>> m_actions;
};

// Registers an action for a scope; a null Interruption is allowed (no-op).
class InterruptAction {
 public:
  InterruptAction(Interruption* interruption, std::function<void()> action)
      : m_interruption(interruption),
        m_id(interruption ? interruption->on_interrupt(std::move(action)) : 0) {}
  ~InterruptAction() {
    if (m_interruption) {
      m_interruption->forget(m_id);
    }
  }
  InterruptAction(const InterruptAction&) = delete;
  InterruptAction& operator=(const InterruptAction&) = delete;

 private:
  Interruption* m_interruption;
  int m_id;
};

}  // namespace berth::scheduler
