#pragma once
// The FakeEngine's /events stream: an EventHub the engine publishes to, and
// subscriptions that deliver what matches their filter on their own thread,
// in order, as Engine::subscribe_events promises. A subscription outliving
// the engine is safe: both hold the hub.

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"

namespace berth::testing {

// True when `labels` satisfy every entry of `filter`: "key" is set, or
// "key=value" is set to exactly that value (dockerd's `label` filter).
bool labels_match(const engine::LabelFilter& filter,
                  const std::map<std::string, std::string>& labels);

class FakeSubscription;

class EventHub {
 public:
  // Hands `event` to every live subscription whose filter it passes.
  void publish(const engine::Event& event);
  // Ends every live stream with `error`, as a dockerd that goes away would.
  void end_all(const engine::Error& error);

  void add(FakeSubscription* subscription);
  void remove(FakeSubscription* subscription);

 private:
  std::mutex m_mutex;
  std::vector<FakeSubscription*> m_subscriptions;
};

class FakeSubscription : public engine::EventSubscription {
 public:
  FakeSubscription(std::shared_ptr<EventHub> hub, engine::EventFilter filter,
                   engine::Engine::EventHandler on_event, engine::Engine::EventStreamEnded on_end);
  ~FakeSubscription() override;
  FakeSubscription(const FakeSubscription&) = delete;
  FakeSubscription& operator=(const FakeSubscription&) = delete;

  // From the hub, under its lock: queues the event when it passes the filter.
  void offer(const engine::Event& event);
  void end(const engine::Error& error);

 private:
  void deliver();  // the subscription's thread

  std::shared_ptr<EventHub> m_hub;
  engine::EventFilter m_filter;
  engine::Engine::EventHandler m_on_event;
  engine::Engine::EventStreamEnded m_on_end;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<engine::Event> m_queue;
  std::optional<engine::Error> m_ended;  // the stream broke: on_end once the queue is empty
  bool m_stopping = false;
  std::thread m_thread;  // last: started once everything above is ready
};

}  // namespace berth::testing
