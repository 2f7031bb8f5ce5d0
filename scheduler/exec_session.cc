#include "scheduler/exec_session.h"

#include <chrono>
#include <thread>

#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

// The engine closes the stream as the process exits, but may mark the exec
// finished a moment later.
constexpr auto k_exit_poll = std::chrono::milliseconds(50);
constexpr int k_exit_polls = 200;

engine::Error not_found(const std::string& message) {
  return engine::Error{engine::ErrorCode::not_found, 0, message};
}

}  // namespace

engine::Result<ExecSession> start_exec_session(engine::Engine& engine,
                                               const compose::Project& project,
                                               const ExecOptions& options) {
  if (project.find_service(options.service) == nullptr) {
    return not_found("no such service: \"" + options.service + "\"");
  }
  auto filter = labels::service_filter(project.name, options.service);
  filter.push_back(std::string(labels::k_container_number) + "=" + std::to_string(options.index));
  auto listed = engine.list_containers(filter, false);
  if (!listed) {
    return listed.error();
  }
  if (listed->empty()) {
    return not_found("service \"" + options.service + "\" has no running container number " +
                     std::to_string(options.index) + " (is it up?)");
  }
  ExecSession session;
  session.container = listed->front().name;
  engine::ExecCreate spec;
  spec.cmd = options.command;
  spec.env = options.environment;
  spec.user = options.user;
  spec.working_dir = options.working_dir;
  spec.tty = options.tty;
  spec.attach_stdin = !options.detach;
  spec.attach_output = !options.detach;
  spec.privileged = options.privileged;
  auto created = engine.create_exec(listed->front().id, spec);
  if (!created) {
    return created.error();
  }
  session.exec_id = *created;
  if (options.detach) {
    if (auto started = engine.start_exec_detached(session.exec_id); !started) {
      return started.error();
    }
    return session;
  }
  auto stream = engine.start_exec(session.exec_id, options.tty);
  if (!stream) {
    return stream.error();
  }
  session.stdio = std::move(stream).value();
  return session;
}

engine::Result<int> exec_exit_code(engine::Engine& engine, const std::string& exec_id) {
  for (int poll = 0;; ++poll) {
    auto details = engine.inspect_exec(exec_id);
    if (!details) {
      return details.error();
    }
    if (!details->running || poll == k_exit_polls) {
      return details->exit_code;
    }
    std::this_thread::sleep_for(k_exit_poll);
  }
}

engine::Result<int> run_exec_to_end(
    engine::Engine& engine, const std::string& id, const engine::ExecCreate& spec,
    const std::function<void(engine::OutputStream, std::string_view)>& on_output) {
  auto created = engine.create_exec(id, spec);
  if (!created) {
    return created.error();
  }
  auto stream = engine.start_exec(*created, false);
  if (!stream) {
    return stream.error();
  }
  while ((*stream)->read_output(on_output)) {
  }
  return exec_exit_code(engine, *created);
}

}  // namespace berth::scheduler
