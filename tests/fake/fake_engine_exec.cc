// The FakeEngine's processes: exec (hooks run and end with the exit code the
// test set), logs, attach and top, whose streams end at once with no output.

#include <thread>

#include "tests/fake/fake_engine.h"

namespace berth::testing {

namespace {

// A stream with nothing to say: output ends at once, input is swallowed.
class EmptyStdioStream : public engine::StdioStream {
 public:
  bool read_output(const OutputHandler&) override { return false; }
  bool write_input(std::string_view) override { return true; }
  void close_input() override {}
  void cancel() override {}
};

// Logs: the stream ends at once, with no line, on its own thread.
class EndedLogSubscription : public engine::LogSubscription {
 public:
  explicit EndedLogSubscription(engine::Engine::LogStreamEnded on_end)
      : m_thread([on_end = std::move(on_end)] {
          if (on_end) {
            on_end(engine::Done{});
          }
        }) {}
  ~EndedLogSubscription() override { m_thread.join(); }
  EndedLogSubscription(const EndedLogSubscription&) = delete;
  EndedLogSubscription& operator=(const EndedLogSubscription&) = delete;

 private:
  std::thread m_thread;
};

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) {
    text += (text.empty() ? "" : " ") + word;
  }
  return text;
}

engine::Error no_such_exec(const std::string& id) {
  return engine::Error{engine::ErrorCode::not_found, 404, "No such exec instance: " + id};
}

}  // namespace

engine::Result<std::string> FakeEngine::create_exec(const std::string& id,
                                                    const engine::ExecCreate& spec) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "create_exec " + shown(id) + " " + joined(spec.cmd))) {
    return *failure;
  }
  const auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (container->state != "running") {
    return engine::Error{engine::ErrorCode::conflict, 409,
                         "Container " + container->id + " is not running"};
  }
  const std::string exec_id = next_id();
  m_execs[exec_id] = {container->id, spec.cmd, false};
  return exec_id;
}

engine::Result<std::unique_ptr<engine::StdioStream>> FakeEngine::start_exec(
    const std::string& exec_id, bool tty) {
  (void)tty;
  if (auto started = start_exec_detached(exec_id); !started) {
    return started.error();
  }
  std::unique_ptr<engine::StdioStream> stream = std::make_unique<EmptyStdioStream>();
  return stream;
}

engine::Status FakeEngine::start_exec_detached(const std::string& exec_id) {
  std::lock_guard lock(m_mutex);
  auto exec = m_execs.find(exec_id);
  const std::string container = exec == m_execs.end() ? exec_id : shown(exec->second.container_id);
  if (auto failure = record(true, "start_exec " + container)) {
    return *failure;
  }
  if (exec == m_execs.end()) {
    return no_such_exec(exec_id);
  }
  exec->second.started = true;
  return engine::Done{};
}

engine::Status FakeEngine::resize_exec(const std::string& exec_id, int rows, int columns) {
  (void)rows;
  (void)columns;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "resize_exec")) {
    return *failure;
  }
  return m_execs.count(exec_id) ? engine::Status(engine::Done{})
                                : engine::Status(no_such_exec(exec_id));
}

engine::Result<engine::ExecDetails> FakeEngine::inspect_exec(const std::string& exec_id) {
  std::lock_guard lock(m_mutex);
  auto exec = m_execs.find(exec_id);
  const std::string container = exec == m_execs.end() ? exec_id : shown(exec->second.container_id);
  if (auto failure = record(false, "inspect_exec " + container)) {
    return *failure;
  }
  if (exec == m_execs.end()) {
    return no_such_exec(exec_id);
  }
  // The process ran and ended the moment it was started.
  engine::ExecDetails details;
  details.running = false;
  details.exit_code = exec->second.started ? m_exec_exit_code : 0;
  details.container_id = exec->second.container_id;
  return details;
}

engine::Result<std::unique_ptr<engine::LogSubscription>> FakeEngine::stream_logs(
    const std::string& id, const engine::LogOptions& options, LogHandler on_lines,
    LogStreamEnded on_end) {
  (void)options;
  (void)on_lines;
  {
    std::lock_guard lock(m_mutex);
    if (auto failure = record(false, "stream_logs " + shown(id))) {
      return *failure;
    }
    if (!find_container(id)) {
      return no_such_container(id);
    }
  }
  std::unique_ptr<engine::LogSubscription> subscription =
      std::make_unique<EndedLogSubscription>(std::move(on_end));
  return subscription;
}

engine::Result<engine::ProcessList> FakeEngine::top_container(const std::string& id) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "top_container " + shown(id))) {
    return *failure;
  }
  const auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (container->state != "running") {
    return engine::Error{engine::ErrorCode::conflict, 409,
                         "Container " + container->id + " is not running"};
  }
  engine::ProcessList list;
  list.titles = {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"};
  return list;
}

engine::Result<engine::ContainerStats> FakeEngine::container_stats(const std::string& id) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "container_stats " + shown(id))) {
    return *failure;
  }
  const auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  engine::ContainerStats stats;
  stats.id = container->id;
  stats.name = container->name;
  return stats;
}

engine::Result<engine::PathStat> FakeEngine::stat_container_path(const std::string& id,
                                                                 const std::string& path) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "stat_container_path " + shown(id) + " " + path)) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  return engine::Error{engine::ErrorCode::not_found, 404, "no such container or path: " + path};
}

engine::Result<std::string> FakeEngine::read_container_archive(const std::string& id,
                                                               const std::string& path) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "read_container_archive " + shown(id) + " " + path)) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  return engine::Error{engine::ErrorCode::not_found, 404,
                       "Could not find the file " + path + " in container " + id};
}

engine::Status FakeEngine::write_container_archive(const std::string& id,
                                                   const std::string& directory, std::string,
                                                   bool) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "write_container_archive " + shown(id) + " " + directory)) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  return engine::Done{};
}

engine::Result<std::string> FakeEngine::commit_container(const std::string& id,
                                                         const engine::ContainerCommit& spec) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "commit_container " + shown(id) + " " + spec.repository)) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  return std::string("sha256:committed");
}

engine::Status FakeEngine::export_container(
    const std::string& id, const std::function<void(std::string_view)>& on_piece) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "export_container " + shown(id))) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  on_piece(std::string(1024, '\0'));  // an empty tar
  return engine::Done{};
}

engine::Result<std::unique_ptr<engine::StdioStream>> FakeEngine::attach_container(
    const std::string& id, const std::string&) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "attach_container " + shown(id))) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  std::unique_ptr<engine::StdioStream> stream = std::make_unique<EmptyStdioStream>();
  return stream;
}

engine::Status FakeEngine::resize_container(const std::string& id, int rows, int columns) {
  (void)rows;
  (void)columns;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "resize_container " + shown(id))) {
    return *failure;
  }
  return find_container(id) ? engine::Status(engine::Done{})
                            : engine::Status(no_such_container(id));
}

}  // namespace berth::testing
