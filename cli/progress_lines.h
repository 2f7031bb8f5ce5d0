#pragma once
// The lines progress is written as, apart from the terminal's own: a planned
// operation as --dry-run prints it, and every progress event as one JSON
// object for --progress json (documented in the README, "Machine-readable
// progress": scripts rely on the field names).

#include <string>

#include "scheduler/executor.h"
#include "scheduler/plan.h"

namespace berth::cli {

// "#3 CreateContainer p-web-1 (service web): no existing container; after #1 #2"
std::string dry_run_line(const scheduler::Operation& op);

// {"event":"planned","id":3,"kind":"CreateContainer","target":"p-web-1","service":"web",
//  "cause":"no existing container","after":[1,2],"time":"2026-12-03T15:00:00.123Z"}
std::string json_planned(const scheduler::Operation& op);
// {"event":"finished","id":3,...,"status":"done|failed|skipped|not needed","error":"...","time":...}
std::string json_finished(const scheduler::Operation& op,
                          const scheduler::OperationOutcome& outcome);
// {"event":"step","kind":"Container","target":"p-web-1","status":"Started","time":...}
std::string json_step(const std::string& kind, const std::string& name, const std::string& status);
// {"event":"warning","message":...} and {"event":"error","kind":...,"target":...,"message":...}
std::string json_warning(const std::string& message);
std::string json_error(const std::string& kind, const std::string& name,
                       const std::string& message);

}  // namespace berth::cli
