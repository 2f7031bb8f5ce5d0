#include "scheduler/interruption.h"

namespace berth::scheduler {

void Interruption::interrupt() {
  // Under the lock, so forget() cannot return while its action still runs
  // (the action's object may be destroyed right after). Actions must not call
  // back into this Interruption.
  std::lock_guard lock(m_mutex);
  if (m_requested) {
    return;
  }
  m_requested = true;
  for (const auto& [id, action] : m_actions) {
    action();
  }
}

bool Interruption::requested() const {
  std::lock_guard lock(m_mutex);
  return m_requested;
}

int Interruption::on_interrupt(std::function<void()> action) {
  std::unique_lock lock(m_mutex);
  const int id = ++m_next_id;
  if (m_requested) {
    lock.unlock();
    action();
    return id;
  }
  m_actions.emplace(id, std::move(action));
  return id;
}

void Interruption::forget(int id) {
  std::lock_guard lock(m_mutex);
  m_actions.erase(id);
}

}  // namespace berth::scheduler
