#include "cli/attached_up.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <mutex>
#include <thread>

#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/log_writer.h"
#include "cli/terminal_progress.h"
#include "scheduler/supervision.h"
#include "scheduler/labels.h"
#include "scheduler/lifecycle/lifecycle.h"
#include "scheduler/logs/log_follower.h"
#include "scheduler/logs/log_prefix.h"

namespace berth::cli {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string stamped(const std::string& line) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%H:%M:%S", &local);
  return std::string(stamp) + " " + line + "\n";
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

// --exit-code-from: the service's container's exit code now (0 while it
// runs), the first non-zero one when it has several, as docker-compose does.
int service_exit_code(engine::Engine& engine, const std::string& project,
                      const std::string& service) {
  auto filter = scheduler::labels::project_filter(project);
  filter.push_back(std::string(scheduler::labels::k_service) + "=" + service);
  auto listed = engine.list_containers(filter, true);
  int code = 0;
  for (const auto& container : listed ? *listed : std::vector<engine::ContainerSummary>{}) {
    if (scheduler::labels::value_of(container.labels, scheduler::labels::k_oneoff) == "True") {
      continue;
    }
    auto details = engine.inspect_container(container.id);
    if (details && details->exit_code != 0 && code == 0) {
      code = details->exit_code;
    }
  }
  return code;
}

// Why following ended.
struct Ending {
  std::mutex mutex;
  bool aborted = false;
  int trigger_code = 0;  // exit code of the container that aborted
};

// `attach: false` in the file counts as --no-attach, unless --attach names the service.
AttachOptions with_file_attach(const compose::Project& project, AttachOptions options) {
  for (const auto& service : project.services) {
    if (service.attach == false && !contains(options.attach, service.name)) {
      options.no_attach.push_back(service.name);
    }
  }
  return options;
}

}  // namespace

std::vector<std::string> attached_services(const std::vector<std::string>& started,
                                           const AttachOptions& options) {
  std::vector<std::string> services;
  for (const auto& service : started) {
    if ((options.attach.empty() || contains(options.attach, service)) &&
        !contains(options.no_attach, service)) {
      services.push_back(service);
    }
  }
  for (const auto& service : options.attach) {  // --attach may name a dependency
    if (!contains(services, service) && !contains(options.no_attach, service)) {
      services.push_back(service);
    }
  }
  return services;
}

int run_attached(engine::Engine& engine, const LoadedProject& loaded,
                 const std::vector<std::string>& started, const AttachOptions& options,
                 InterruptWatch& watch) {
  const bool abort = options.abort_on_container_exit || !options.exit_code_from.empty();
  LogWriter writer;
  Ending ending;
  health::SupervisorOptions supervision;
  supervision.start_order = loaded.graph.start_order();
  scheduler::Supervision supervisor(
      engine, loaded.project, supervision,
      [&writer](const std::string& line) { writer.write_text(stamped(line)); });
  scheduler::LogFollowOptions follow;
  follow.log.follow = true;
  follow.services = attached_services(started, with_file_attach(loaded.project, options));
  if (follow.services.empty() && !started.empty()) {
    follow.services = {""};  // none attached: no service has this name (empty means all)
  }
  follow.colour = log_colours_wanted(options.no_color, options.ansi);
  scheduler::LogFollower follower(
      engine, loaded.project.name, follow, writer, [&](const scheduler::ContainerExit& exit) {
        writer.write_text(
            scheduler::coloured(exit.name + " exited with code " + std::to_string(exit.exit_code),
                                exit.colour) +
            "\n");
        if (supervisor.restarting(exit.name)) {
          return;  // supervision restarts it: not an ending
        }
        std::lock_guard lock(ending.mutex);
        if (abort && !ending.aborted) {
          ending.aborted = true;
          ending.trigger_code = exit.exit_code;
          follower.stop();
        } else if (!abort && !exit.others_running) {
          follower.stop();  // every attached container has exited, as compose ends
        }
      });
  auto status = follower.start([&writer](const std::vector<std::string>& names) {
    writer.write_text("Attaching to " + joined(names) + "\n");
  });
  if (!status) {
    print_error("cannot attach to project \"" + loaded.project.name +
                "\": " + status.error().message);
    return k_exit_failure;
  }
  writer.write_text(
      stamped("Attached: supervising health; Ctrl+C stops the project (twice: kills it)"));

  TerminalProgress progress;
  watch.on_signal([&](int count, int) {
    if (count == 1) {
      writer.write_text(stamped("Gracefully stopping... (press Ctrl+C again to force)"));
      follower.stop();
      supervisor.stop();
    } else {
      scheduler::run_lifecycle(scheduler::Lifecycle::kill, engine, loaded.project, loaded.graph, {},
                               progress);
    }
  });
  if (watch.count() > 0) {
    follower.stop();  // interrupted before attaching
  }
  std::thread supervising([&] {
    auto supervised = supervisor.run();
    if (!supervised) {
      writer.write_text(stamped("cannot supervise: " + supervised.error().message));
    }
  });
  follower.run();
  supervisor.stop();
  supervising.join();

  int code = k_exit_success;
  if (watch.count() > 0) {
    code = k_exit_interrupted;
  } else if (ending.aborted) {
    writer.write_text("Aborting on container exit...\n");
    code = options.exit_code_from.empty()
               ? ending.trigger_code
               : service_exit_code(engine, loaded.project.name, options.exit_code_from);
  } else {
    watch.on_signal({});
    return k_exit_success;  // everything attached exited by itself: nothing to stop
  }
  scheduler::run_lifecycle(scheduler::Lifecycle::stop, engine, loaded.project, loaded.graph, {},
                           progress);
  watch.on_signal({});  // its handler refers to what this function is about to destroy
  return code;
}

}  // namespace berth::cli
