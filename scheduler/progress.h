#pragma once
// Progress: how the scheduler tells the user what it does. Declared here and
// implemented in cli, so nothing below cli writes to the terminal.
// Implementations must accept calls from several threads at once.

#include <string>

#include "scheduler/executor.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

class Progress {
 public:
  virtual ~Progress() = default;

  // One step of one object: kind "Container", "Network" or "Volume"; status
  // "Creating", "Created", "Starting", "Started", "Running", "Stopping", ...
  virtual void step(const std::string& kind, const std::string& name,
                    const std::string& status) = 0;
  virtual void warning(const std::string& message) = 0;
  // A failure of one object, with the engine's message.
  virtual void error(const std::string& kind, const std::string& name,
                     const std::string& message) = 0;
  // A line a container's post_start or pre_stop hook printed, shown like its
  // logs under the container's name. Ignored unless an implementation shows it.
  virtual void output(const std::string& container, const std::string& line) {
    (void)container;
    (void)line;
  }
  // A plan, before any of it is carried out (see run_plan): --dry-run shows
  // it, --progress json writes it. Ignored unless an implementation shows it.
  virtual void planned(const Plan& plan) { (void)plan; }
  // One operation of it carried out, failed or skipped.
  virtual void finished(const Operation& op, const OperationOutcome& outcome) {
    (void)op;
    (void)outcome;
  }
};

}  // namespace berth::scheduler
