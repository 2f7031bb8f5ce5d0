#include "scheduler/session/attached_session.h"

#include <algorithm>
#include <thread>

#include "scheduler/joined.h"
#include "scheduler/labels.h"
#include "scheduler/lifecycle/lifecycle.h"
#include "scheduler/logs/log_prefix.h"
#include "scheduler/supervision.h"

namespace berth::scheduler {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// --exit-code-from: the service's container's exit code now (0 while it
// runs), the first non-zero one when it has several, as docker-compose does.
int service_exit_code(engine::Engine& engine, const std::string& project,
                      const std::string& service) {
  auto filter = labels::project_filter(project);
  filter.push_back(std::string(labels::k_service) + "=" + service);
  auto listed = engine.list_containers(filter, true);
  int code = 0;
  for (const auto& container : listed ? *listed : std::vector<engine::ContainerSummary>{}) {
    if (labels::value_of(container.labels, labels::k_oneoff) == "True") {
      continue;
    }
    auto details = engine.inspect_container(container.id);
    if (details && details->exit_code != 0 && code == 0) {
      code = details->exit_code;
    }
  }
  return code;
}

}  // namespace

std::vector<std::string> attached_services(const compose::Project& project,
                                           const AttachedSessionOptions& options) {
  std::vector<std::string> no_attach = options.no_attach;
  // `attach: false` in the file counts as --no-attach, unless --attach names the service.
  for (const auto& service : project.services) {
    if (service.attach == false && !contains(options.attach, service.name)) {
      no_attach.push_back(service.name);
    }
  }
  std::vector<std::string> services;
  for (const auto& service : options.started) {
    if ((options.attach.empty() || contains(options.attach, service)) &&
        !contains(no_attach, service)) {
      services.push_back(service);
    }
  }
  for (const auto& service : options.attach) {  // --attach may name a dependency
    if (!contains(services, service) && !contains(no_attach, service)) {
      services.push_back(service);
    }
  }
  return services;
}

AttachedSession::AttachedSession(engine::Engine& engine, const compose::Project& project,
                                 const DependencyGraph& graph, AttachedSessionOptions options,
                                 LogSink& sink, std::function<void(const std::string&)> note)
    : m_engine(engine),
      m_project(project),
      m_graph(graph),
      m_options(std::move(options)),
      m_sink(sink),
      m_note(std::move(note)) {}

void AttachedSession::interrupt(int count, Progress& progress) {
  {
    std::lock_guard lock(m_mutex);
    m_interrupts = count;
    if (count == 1) {
      m_note("Gracefully stopping... (press Ctrl+C again to force)");
      if (m_follower) {
        m_follower->stop();
      }
      if (m_supervision) {
        m_supervision->stop();
      }
      return;
    }
  }
  run_lifecycle(Lifecycle::kill, m_engine, m_project, m_graph, {}, progress);
}

SessionEnd AttachedSession::run(Progress& progress) {
  const bool abort = m_options.abort_on_container_exit || !m_options.exit_code_from.empty();
  std::mutex ending_mutex;
  bool aborted = false;
  int trigger_code = 0;  // exit code of the container that aborted
  health::SupervisorOptions supervising_options;
  supervising_options.start_order = m_graph.start_order();
  Supervision supervision(m_engine, m_project, supervising_options, m_note);
  LogFollowOptions follow;
  follow.log.follow = true;
  follow.services = attached_services(m_project, m_options);
  if (follow.services.empty() && !m_options.started.empty()) {
    follow.services = {""};  // none attached: no service has this name (empty means all)
  }
  follow.colour = m_options.colour;
  follow.prefix = m_options.prefix;
  follow.log.timestamps = m_options.timestamps;
  LogFollower follower(m_engine, m_project.name, follow, m_sink, [&](const ContainerExit& exit) {
    m_sink.write_text(
        coloured(exit.name + " exited with code " + std::to_string(exit.exit_code), exit.colour) +
        "\n");
    if (supervision.restarting(exit.name)) {
      return;  // supervision restarts it: not an ending
    }
    std::lock_guard lock(ending_mutex);
    const bool failed = m_options.abort_on_container_failure && exit.exit_code != 0;
    if ((abort || failed) && !aborted) {
      aborted = true;
      trigger_code = exit.exit_code;
      follower.stop();
    } else if (!abort && !aborted && !exit.others_running) {
      follower.stop();  // every attached container has exited, as compose ends
    }
  });
  auto status = follower.start([this](const std::vector<std::string>& names) {
    m_sink.write_text("Attaching to " + joined(names) + "\n");
  });
  if (!status) {
    return {SessionEnd::Why::not_attached, 1, status.error().message};
  }
  m_note("Attached: supervising health; Ctrl+C stops the project (twice: kills it)");
  {
    std::lock_guard lock(m_mutex);
    m_follower = &follower;
    m_supervision = &supervision;
    if (m_interrupts > 0) {
      follower.stop();  // interrupted before attaching
    }
  }
  std::thread supervising([&] {
    auto supervised = supervision.run();
    if (!supervised) {
      m_note("cannot supervise: " + supervised.error().message);
    }
  });
  follower.run();
  supervision.stop();
  supervising.join();
  int interrupts = 0;
  {
    std::lock_guard lock(m_mutex);
    m_follower = nullptr;  // both go when this function returns
    m_supervision = nullptr;
    interrupts = m_interrupts;
  }
  SessionEnd end;
  if (interrupts > 0) {
    end.why = SessionEnd::Why::interrupted;
  } else if (aborted) {
    m_sink.write_text("Aborting on container exit...\n");
    end.why = SessionEnd::Why::aborted;
    end.exit_code = m_options.exit_code_from.empty()
                        ? trigger_code
                        : service_exit_code(m_engine, m_project.name, m_options.exit_code_from);
  } else {
    return end;  // everything attached exited by itself: nothing to stop
  }
  run_lifecycle(Lifecycle::stop, m_engine, m_project, m_graph, {}, progress);
  return end;
}

}  // namespace berth::scheduler
