#include "tests/fake/fake_events.h"

#include <algorithm>

namespace berth::testing {

bool labels_match(const engine::LabelFilter& filter,
                  const std::map<std::string, std::string>& labels) {
  for (const auto& entry : filter) {
    const auto equals = entry.find('=');
    const std::string key = entry.substr(0, equals);
    auto found = labels.find(key);
    if (found == labels.end()) {
      return false;
    }
    if (equals != std::string::npos && found->second != entry.substr(equals + 1)) {
      return false;
    }
  }
  return true;
}

void EventHub::publish(const engine::Event& event) {
  std::lock_guard lock(m_mutex);
  for (auto* subscription : m_subscriptions) {
    subscription->offer(event);
  }
}

void EventHub::end_all(const engine::Error& error) {
  std::lock_guard lock(m_mutex);
  for (auto* subscription : m_subscriptions) {
    subscription->end(error);
  }
}

void EventHub::add(FakeSubscription* subscription) {
  std::lock_guard lock(m_mutex);
  m_subscriptions.push_back(subscription);
}

void EventHub::remove(FakeSubscription* subscription) {
  std::lock_guard lock(m_mutex);
  m_subscriptions.erase(
      std::remove(m_subscriptions.begin(), m_subscriptions.end(), subscription),
      m_subscriptions.end());
}

FakeSubscription::FakeSubscription(std::shared_ptr<EventHub> hub, engine::EventFilter filter,
                                   engine::Engine::EventHandler on_event,
                                   engine::Engine::EventStreamEnded on_end)
    : m_hub(std::move(hub)),
      m_filter(std::move(filter)),
      m_on_event(std::move(on_event)),
      m_on_end(std::move(on_end)),
      m_thread([this] { deliver(); }) {
  // Registered before subscribe_events returns: every later event arrives.
  m_hub->add(this);
}

FakeSubscription::~FakeSubscription() {
  m_hub->remove(this);  // no offer() after this
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void FakeSubscription::offer(const engine::Event& event) {
  if (!m_filter.types.empty() &&
      std::find(m_filter.types.begin(), m_filter.types.end(), event.type) ==
          m_filter.types.end()) {
    return;
  }
  if (!labels_match(m_filter.labels, event.attributes)) {
    return;
  }
  {
    std::lock_guard lock(m_mutex);
    if (m_ended) {
      return;
    }
    m_queue.push_back(event);
  }
  m_wake.notify_all();
}

void FakeSubscription::end(const engine::Error& error) {
  {
    std::lock_guard lock(m_mutex);
    if (!m_ended) {
      m_ended = error;
    }
  }
  m_wake.notify_all();
}

void FakeSubscription::deliver() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty() || m_ended; });
    if (m_stopping) {
      return;  // what is still queued is dropped: no callback after destruction
    }
    if (!m_queue.empty()) {
      engine::Event event = std::move(m_queue.front());
      m_queue.pop_front();
      lock.unlock();
      if (m_on_event) {
        m_on_event(event);
      }
      lock.lock();
      continue;
    }
    const engine::Error error = *m_ended;
    lock.unlock();
    if (m_on_end) {
      m_on_end(error);
    }
    lock.lock();
    m_wake.wait(lock, [this] { return m_stopping; });
    return;
  }
}

}  // namespace berth::testing
