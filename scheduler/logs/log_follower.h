#pragma once
// LogFollower: the logs of a project's service containers, multiplexed. One
// engine log stream per container, each on its own thread; a line is handed
// to the LogSink whole, with its container's prefix, and the lines of one
// container keep their order. When following, the engine's /events tell it
// about containers that start later (new ones, or restarted ones, whose
// stream is opened again from where the old one ended).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace berth::scheduler {

// Where the lines go; implemented in cli (a buffered writer on stdout).
// Called from several threads at once.
class LogSink {
 public:
  virtual ~LogSink() = default;
  // Each line is written as prefix + text + "\n", the batch's lines in order.
  virtual void write_lines(const std::string& prefix,
                           const std::vector<engine::LogLine>& lines) = 0;
  // Whole lines ("\n"-terminated) of berth's own, e.g. "x exited with code 0".
  virtual void write_text(const std::string& text) = 0;
};

struct LogFollowOptions {
  engine::LogOptions log;             // log.follow: until stop(), picking up later starts
  std::vector<std::string> services;  // empty: every service
  int index = 0;                      // --index: only containers with this number; 0: all
  bool prefix = true;                 // false (--no-log-prefix): lines as the container wrote them
  bool colour = false;
  std::vector<std::string> expected_names;  // widen the prefixes to these names too
};

// A followed container stopped (its stream ended and it is not running).
struct ContainerExit {
  std::string name;
  std::string service;
  std::string colour;  // its prefix's colour, "" without colours
  int exit_code = 0;
  bool others_running = false;  // another followed container still runs
};

class LogFollower {
 public:
  // Called on the thread that runs run().
  using ExitHandler = std::function<void(const ContainerExit&)>;

  LogFollower(engine::Engine& engine, std::string project, LogFollowOptions options, LogSink& sink,
              ExitHandler on_exit = {});
  ~LogFollower();  // closes every stream
  LogFollower(const LogFollower&) = delete;
  LogFollower& operator=(const LogFollower&) = delete;

  // Finds the containers (subscribing to starts first when following) and
  // opens their streams. An Error when the engine cannot be read.
  // `before_streams(names)` is called with the containers found, in prefix
  // order, before any line is written (attached up's "Attaching to ...").
  using Announce = std::function<void(const std::vector<std::string>& names)>;
  engine::Status start(const Announce& before_streams = {});

  // Handles what the streams and events report until stop(), or, when not
  // following, until every stream has ended.
  void run();
  void stop();  // from any thread

 private:
  struct Item {
    enum class Kind { started, died, stream_ended };
    Kind kind = Kind::started;
    std::string id;
    std::string name;
    std::string service;
    std::string number;  // its container-number label
    std::int64_t time_nano = 0;
    std::uint64_t stream = 0;  // stream_ended: which one
  };
  struct Followed {
    std::string name;
    std::string service;
    std::string colour;
    std::string prefix;
    std::int64_t opened_nano = 0;    // when the latest stream was opened
    std::int64_t last_end_nano = 0;  // the latest die (or stream end while stopped)
  };

  bool wanted(const std::string& service, const std::string& number) const;
  void open_stream(const std::string& id, const std::string& since, const std::string& tail);
  void on_started(const Item& item);
  void on_stream_ended(const Item& item);
  void push(Item item);

  engine::Engine& m_engine;
  std::string m_project;
  LogFollowOptions m_options;
  LogSink& m_sink;
  ExitHandler m_on_exit;
  std::size_t m_width = 0;
  std::size_t m_next_colour = 0;

  std::mutex m_mutex;  // guards m_queue and m_stopping
  std::condition_variable m_wake;
  std::deque<Item> m_queue;
  bool m_stopping = false;

  // Touched by the run() thread (and start() before it) only.
  std::map<std::string, Followed> m_followed;           // by container ID
  std::map<std::uint64_t, std::string> m_stream_owner;  // stream -> container ID
  std::map<std::uint64_t, std::unique_ptr<engine::LogSubscription>> m_streams;
  std::uint64_t m_next_stream = 1;
  // Last: destroyed first, so no event arrives while the rest goes away.
  std::unique_ptr<engine::EventSubscription> m_events;
};

}  // namespace berth::scheduler
