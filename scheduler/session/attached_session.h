#pragma once
// The attached session of `up` without -d: after converging, the attached
// services' logs are followed (as `logs -f`) while Supervision keeps the
// project healthy, until an interrupt, until every attached container has
// exited, or, with abort_on_container_exit, until the first one exits; the
// project is then stopped (killed on a second interrupt). How lines are shown
// and how the end maps to an exit code stay in cli.

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/logs/log_follower.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

class Supervision;

struct AttachedSessionOptions {
  std::vector<std::string> started;    // the services `up` acted on
  std::vector<std::string> attach;     // --attach: only these services' logs
  std::vector<std::string> no_attach;  // --no-attach: not these
  bool abort_on_container_exit = false;
  bool abort_on_container_failure = false;  // only an exit with a non-zero code aborts
  std::string exit_code_from;  // implies abort_on_container_exit
  bool colour = false;         // coloured log prefixes
  bool prefix = true;          // false: --no-log-prefix
  bool timestamps = false;     // the engine's time before each line
};

// The services whose logs are shown: of `started`, those --attach keeps and
// neither --no-attach nor the file's `attach: false` leaves out; --attach may
// also name a dependency.
std::vector<std::string> attached_services(const compose::Project& project,
                                           const AttachedSessionOptions& options);

struct SessionEnd {
  enum class Why { all_exited, aborted, interrupted, not_attached };
  Why why = Why::all_exited;
  // aborted: --exit-code-from's service's exit code, else that of the
  // container whose exit ended it (as docker-compose 1.29.2).
  int exit_code = 0;
  std::string error;  // not_attached: the engine's message
};

class AttachedSession {
 public:
  // `sink`: the logs and berth's plain lines ("Attaching to ...");
  // `note`: berth's remarks a user may want the time of (supervision's).
  AttachedSession(engine::Engine& engine, const compose::Project& project,
                  const DependencyGraph& graph, AttachedSessionOptions options, LogSink& sink,
                  std::function<void(const std::string&)> note);

  // From a signal handler's thread. The first: stop following and
  // supervising, so run() stops the project; a later one: kill its containers.
  void interrupt(int count, Progress& progress);

  // Follows and supervises until the end, then stops the project unless
  // every attached container exited by itself.
  SessionEnd run(Progress& progress);

 private:
  engine::Engine& m_engine;
  const compose::Project& m_project;
  const DependencyGraph& m_graph;
  AttachedSessionOptions m_options;
  LogSink& m_sink;
  std::function<void(const std::string&)> m_note;
  std::mutex m_mutex;  // guards the three below
  int m_interrupts = 0;
  LogFollower* m_follower = nullptr;  // while run() follows
  Supervision* m_supervision = nullptr;
};

}  // namespace berth::scheduler
