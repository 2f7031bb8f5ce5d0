#pragma once
// DependentReload: carries out reload_container operations (x-berth-reload).
// For the dependent's running container it works out, at that moment, the
// link variables of the containers in rotation of every service it links
// to, writes them to the reload file in the container and runs the reload
// command there with exec. The planner decides when; this only performs.

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

class DependentReload {
 public:
  DependentReload(engine::Engine& engine, const compose::Project& project)
      : m_engine(engine), m_project(project) {}

  // Reloads the dependent's container `id` (op.name) after taking
  // op.leaving out of rotation for good.
  engine::Status reload(const Operation& op, const std::string& id);

 private:
  engine::Engine& m_engine;
  const compose::Project& m_project;
  // One reload at a time: each sees the rotation the ones before it left.
  std::mutex m_mutex;
  std::set<std::string> m_left;  // linked containers taken out of rotation
};

// The reload file's text: one KEY='VALUE' line per variable, single-quoted
// so that `set -a; . FILE` in sh reads it back as it was.
std::string reload_file_text(const std::vector<std::string>& variables);

}  // namespace berth::scheduler
