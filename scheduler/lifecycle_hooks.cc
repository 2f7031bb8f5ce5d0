#include "scheduler/lifecycle_hooks.h"

#include <string_view>

#include "scheduler/exec_session.h"
#include "scheduler/joined.h"

namespace berth::scheduler {

namespace {

const char* kind_name(HookKind kind) {
  return kind == HookKind::post_start ? "post_start" : "pre_stop";
}

// Cuts a stream's output into lines; a last line without "\n" comes at flush().
class LineSplitter {
 public:
  LineSplitter(Progress& progress, const std::string& name) : m_progress(progress), m_name(name) {}

  void add(std::string_view bytes) {
    m_pending.append(bytes);
    for (size_t end = m_pending.find('\n'); end != std::string::npos; end = m_pending.find('\n')) {
      emit(m_pending.substr(0, end));
      m_pending.erase(0, end + 1);
    }
  }

  void flush() {
    if (!m_pending.empty()) {
      emit(m_pending);
      m_pending.clear();
    }
  }

 private:
  void emit(std::string line) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    m_progress.output(m_name, line);
  }

  Progress& m_progress;
  const std::string& m_name;
  std::string m_pending;
};

engine::Status run_hook(engine::Engine& engine, const std::string& id, const std::string& name,
                        const compose::LifecycleHook& hook, const std::string& label,
                        Progress& progress) {
  engine::ExecCreate spec;
  spec.cmd = hook.command;
  for (const auto& [key, value] : hook.environment) {
    spec.env.push_back(key + "=" + value);
  }
  spec.user = hook.user;
  spec.working_dir = hook.working_dir;
  spec.privileged = hook.privileged;
  auto failed = [&](const engine::Error& error) -> engine::Status {
    return engine::Error{error.code, error.http_status, label + ": " + error.message};
  };
  LineSplitter out(progress, name);
  LineSplitter err(progress, name);
  auto code = run_exec_to_end(engine, id, spec,
                              [&](engine::OutputStream which, std::string_view bytes) {
                                (which == engine::OutputStream::err ? err : out).add(bytes);
                              });
  out.flush();
  err.flush();
  if (!code) {
    return failed(code.error());
  }
  if (*code != 0) {
    return engine::Error{engine::ErrorCode::server, 0,
                         label + " exited with code " + std::to_string(*code)};
  }
  return engine::Done{};
}

}  // namespace

const std::vector<compose::LifecycleHook>& hooks_of(const compose::Service& service,
                                                    HookKind kind) {
  return kind == HookKind::post_start ? service.post_start : service.pre_stop;
}

engine::Status run_hooks(engine::Engine& engine, const std::string& id, const std::string& name,
                         const std::vector<compose::LifecycleHook>& hooks, HookKind kind,
                         Progress& progress) {
  for (size_t i = 0; i < hooks.size(); ++i) {
    const std::string label = std::string(kind_name(kind)) + " hook " + std::to_string(i + 1) +
                              " (" + joined(hooks[i].command, " ") + ")";
    if (auto ran = run_hook(engine, id, name, hooks[i], label, progress); !ran) {
      return ran;
    }
  }
  return engine::Done{};
}

}  // namespace berth::scheduler
