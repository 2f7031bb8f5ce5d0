#pragma once
// What the verb tests share: a project loaded from YAML text, a Progress that
// records what it is told, a FakeEngine holding the test image, and helpers
// to look at the engine's transcript without depending on the order in which
// the Executor's pool happened to run independent calls.

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "compose/loader.h"
#include "scheduler/converge/up.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/lifecycle/down.h"
#include "scheduler/lifecycle/lifecycle.h"
#include "scheduler/progress.h"
#include "tests/fake/fake_engine.h"

namespace berth::verbs_test {

inline const std::string k_image = "berth-test/busybox:latest";

// db <- api <- web, db with a named volume: most verb tests' project.
inline const std::string k_three_tiers = R"(services:
  db:
    image: berth-test/busybox:latest
    volumes: [data:/data]
  api:
    image: berth-test/busybox:latest
    depends_on: [db]
  web:
    image: berth-test/busybox:latest
    depends_on: [api]
volumes:
  data:
)";

// db <- api <- web, where api declares restart: true on db.
inline const std::string k_chain = R"(services:
  db:
    image: berth-test/busybox:latest
  api:
    image: berth-test/busybox:latest
    depends_on:
      db: {condition: service_started, restart: true}
  web:
    image: berth-test/busybox:latest
    depends_on: [api]
)";

inline compose::Project load(const std::string& yaml) {
  compose::LoadOptions options;
  options.project_name = "proj";
  return compose::load_project_text(yaml, "compose.yaml", "/proj", options);
}

// Progress that keeps every line: "Container proj-web-1 Started",
// "warning: ...", "error: Container proj-web-1: ...".
class RecordingProgress : public scheduler::Progress {
 public:
  void step(const std::string& kind, const std::string& name,
            const std::string& status) override {
    add(kind + " " + name + " " + status);
  }
  void warning(const std::string& message) override { add("warning: " + message); }
  void error(const std::string& kind, const std::string& name,
             const std::string& message) override {
    add("error: " + kind + " " + name + ": " + message);
  }
  // Each plan reported (Progress::planned), as Plan::to_string gives it.
  void planned(const scheduler::Plan& plan) override {
    std::lock_guard lock(m_mutex);
    m_plans.push_back(plan.to_string());
  }
  std::vector<std::string> plans() const {
    std::lock_guard lock(m_mutex);
    return m_plans;
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(m_mutex);
    return m_lines;
  }
  std::string text() const {
    std::string out;
    for (const auto& line : lines()) {
      out += line + "\n";
    }
    return out;
  }

 private:
  void add(std::string line) {
    std::lock_guard lock(m_mutex);
    m_lines.push_back(std::move(line));
  }
  mutable std::mutex m_mutex;
  std::vector<std::string> m_lines;
  std::vector<std::string> m_plans;
};

inline std::vector<std::string> sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The lines that start with `prefix`, in order.
inline std::vector<std::string> starting_with(const std::vector<std::string>& lines,
                                              const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    if (line.rfind(prefix, 0) == 0) {
      out.push_back(line);
    }
  }
  return out;
}

// The lines that mention `word` anywhere.
inline std::vector<std::string> mentioning(const std::vector<std::string>& lines,
                                           const std::string& word) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    if (line.find(word) != std::string::npos) {
      out.push_back(line);
    }
  }
  return out;
}

// Where `line` first is in `lines`; -1 when absent (the caller's EXPECT says so).
inline int position(const std::vector<std::string>& lines, const std::string& line) {
  auto found = std::find(lines.begin(), lines.end(), line);
  return found == lines.end() ? -1 : static_cast<int>(found - lines.begin());
}

// True when `first` and `second` are both in `lines`, `first` earlier.
inline ::testing::AssertionResult before(const std::vector<std::string>& lines,
                                         const std::string& first, const std::string& second) {
  const int a = position(lines, first);
  const int b = position(lines, second);
  if (a < 0 || b < 0 || a >= b) {
    std::string all;
    for (const auto& line : lines) {
      all += "\n  " + line;
    }
    return ::testing::AssertionFailure()
           << "expected \"" << first << "\" (at " << a << ") before \"" << second << "\" (at "
           << b << ") in:" << all;
  }
  return ::testing::AssertionSuccess();
}

class VerbTest : public ::testing::Test {
 protected:
  void SetUp() override { engine.add_image(k_image, "sha256:b0b0b0b0b0b0"); }

  bool up(const compose::Project& project, scheduler::UpOptions options = {}) {
    const auto graph = scheduler::DependencyGraph::build(project);
    return scheduler::up(engine, project, graph, options, progress);
  }
  bool down(const compose::Project& project, scheduler::DownOptions options = {}) {
    const auto graph = scheduler::DependencyGraph::build(project);
    return scheduler::down(engine, project, graph, options, progress);
  }
  bool lifecycle(scheduler::Lifecycle command, const compose::Project& project,
                 scheduler::LifecycleOptions options = {}) {
    const auto graph = scheduler::DependencyGraph::build(project);
    return scheduler::run_lifecycle(command, engine, project, graph, options, progress);
  }
  std::string state_of(const std::string& name) const {
    auto container = engine.container(name);
    return container ? container->state : "absent";
  }
  std::vector<std::string> container_names() const {
    std::vector<std::string> names;
    for (const auto& container : engine.containers()) {
      names.push_back(container.name);
    }
    return names;
  }

  berth::testing::FakeEngine engine;
  RecordingProgress progress;
};

}  // namespace berth::verbs_test
