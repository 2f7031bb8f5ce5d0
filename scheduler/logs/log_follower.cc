#include "scheduler/logs/log_follower.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "scheduler/labels.h"
#include "scheduler/logs/log_prefix.h"
#include "scheduler/logs/log_since.h"

namespace berth::scheduler {

namespace {

std::int64_t now_nano() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_running(const std::string& status) {
  // "restarting": the engine's restart policy brings it back.
  return status == "running" || status == "restarting" || status == "paused";
}

}  // namespace

LogFollower::LogFollower(engine::Engine& engine, std::string project, LogFollowOptions options,
                         LogSink& sink, ExitHandler on_exit)
    : m_engine(engine),
      m_project(std::move(project)),
      m_options(std::move(options)),
      m_sink(sink),
      m_on_exit(std::move(on_exit)) {}

LogFollower::~LogFollower() {
  m_events.reset();
  m_streams.clear();
}

bool LogFollower::wanted(const std::string& service, const std::string& number) const {
  if (m_options.index > 0 && number != std::to_string(m_options.index)) {
    return false;
  }
  return m_options.services.empty() ||
         std::find(m_options.services.begin(), m_options.services.end(), service) !=
             m_options.services.end();
}

engine::Status LogFollower::start(const Announce& before_streams) {
  const engine::LabelFilter project_filter = labels::project_filter(m_project);
  if (m_options.log.follow) {
    // Before listing, so a container that starts meanwhile is not missed;
    // one that is also listed is recognised by its ID.
    engine::EventFilter filter{project_filter, {"container"}};
    auto events = m_engine.subscribe_events(
        filter,
        [this](const engine::Event& event) {
          if (event.action != "start" && event.action != "die") {
            return;
          }
          const auto oneoff = event.attributes.find(labels::k_oneoff);
          if (oneoff != event.attributes.end() && oneoff->second == "True") {
            return;
          }
          Item item;
          item.kind = event.action == "start" ? Item::Kind::started : Item::Kind::died;
          item.id = event.id;
          item.name = labels::value_of(event.attributes, "name");
          item.service = labels::value_of(event.attributes, labels::k_service);
          item.number = labels::value_of(event.attributes, labels::k_container_number);
          item.time_nano = event.time_nano;
          push(std::move(item));
        },
        [](const engine::Error&) {});
    if (!events) {
      return events.error();
    }
    m_events = std::move(events).value();
  }
  auto listed = m_engine.list_containers(project_filter, true);
  if (!listed) {
    return listed.error();
  }
  std::vector<engine::ContainerSummary> containers;
  for (auto& container : *listed) {
    if (labels::value_of(container.labels, labels::k_oneoff) != "True" &&
        wanted(labels::value_of(container.labels, labels::k_service),
               labels::value_of(container.labels, labels::k_container_number))) {
      containers.push_back(std::move(container));
    }
  }
  std::sort(containers.begin(), containers.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::vector<std::string> names;
  for (const auto& container : containers) {
    names.push_back(container.name);
  }
  auto widening = names;
  widening.insert(widening.end(), m_options.expected_names.begin(), m_options.expected_names.end());
  m_width = log_prefix_width(widening);
  if (before_streams) {
    before_streams(names);
  }
  for (const auto& container : containers) {
    auto& followed = m_followed[container.id];
    followed.name = container.name;
    followed.service = labels::value_of(container.labels, labels::k_service);
    open_stream(container.id, m_options.log.since, m_options.log.tail);
  }
  return engine::Done{};
}

void LogFollower::open_stream(const std::string& id, const std::string& since,
                              const std::string& tail) {
  auto& followed = m_followed[id];
  if (followed.prefix.empty()) {
    followed.colour = m_options.colour ? std::string(log_colour(m_next_colour++)) : "";
    followed.prefix = m_options.prefix ? log_prefix(followed.name, m_width, followed.colour) : "";
  }
  auto options = m_options.log;
  options.since = since;
  options.tail = tail;
  const std::uint64_t stream = m_next_stream++;
  followed.opened_nano = now_nano();
  auto opened = m_engine.stream_logs(
      id, options,
      [this, prefix = followed.prefix](const std::vector<engine::LogLine>& lines) {
        m_sink.write_lines(prefix, lines);
      },
      [this, id, stream](const engine::Status&) {
        Item item;
        item.kind = Item::Kind::stream_ended;
        item.id = id;
        item.stream = stream;
        push(std::move(item));
      });
  if (!opened) {
    // Gone meanwhile (removed, or a race with its removal): nothing to show.
    m_sink.write_text("cannot read the logs of " + followed.name + ": " + opened.error().message +
                      "\n");
    return;
  }
  m_stream_owner[stream] = id;
  m_streams[stream] = std::move(opened).value();
}

void LogFollower::push(Item item) {
  std::lock_guard lock(m_mutex);
  m_queue.push_back(std::move(item));
  m_wake.notify_all();
}

void LogFollower::stop() {
  std::lock_guard lock(m_mutex);
  m_stopping = true;
  m_wake.notify_all();
}

void LogFollower::on_started(const Item& item) {
  if (!wanted(item.service, item.number)) {
    return;
  }
  auto found = m_followed.find(item.id);
  if (found == m_followed.end()) {
    // A container new to us: all of its output is new.
    auto& followed = m_followed[item.id];
    followed.name = item.name;
    followed.service = item.service;
    open_stream(item.id, m_options.log.since, m_options.log.tail);
    return;
  }
  auto& followed = found->second;
  if (followed.last_end_nano <= followed.opened_nano) {
    return;  // the stream opened before this start already covers the run
  }
  // Restarted: from where the last run ended, so no line shows twice.
  open_stream(item.id, unix_time_text(followed.last_end_nano), "all");
}

void LogFollower::on_stream_ended(const Item& item) {
  m_streams.erase(item.stream);
  m_stream_owner.erase(item.stream);
  auto& followed = m_followed[item.id];
  if (followed.last_end_nano <= followed.opened_nano) {
    followed.last_end_nano = now_nano();
  }
  if (!m_on_exit) {
    return;
  }
  auto details = m_engine.inspect_container(item.id);
  if (!details || is_running(details->status)) {
    return;
  }
  ContainerExit exit{followed.name, followed.service, followed.colour, details->exit_code, false};
  exit.others_running = !m_streams.empty();
  for (const auto& [id, other] : m_followed) {
    if (exit.others_running) {
      break;
    }
    if (id != item.id) {
      auto state = m_engine.inspect_container(id);
      exit.others_running = state && is_running(state->status);
    }
  }
  m_on_exit(exit);
}

void LogFollower::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    if (m_queue.empty()) {
      if (!m_options.log.follow && m_streams.empty()) {
        return;
      }
      m_wake.wait(lock);
      continue;
    }
    Item item = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    switch (item.kind) {
      case Item::Kind::started:
        on_started(item);
        break;
      case Item::Kind::died:
        if (m_followed.count(item.id)) {
          m_followed[item.id].last_end_nano = item.time_nano;
        }
        break;
      case Item::Kind::stream_ended:
        on_stream_ended(item);
        break;
    }
    lock.lock();
  }
}

}  // namespace berth::scheduler
