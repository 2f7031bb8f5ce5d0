#pragma once
// ContainerRecord: what berth knows of one container's life and health, kept
// from inspections and the engine's events; evaluate() says whether a wait for
// a goal is over. Pure, so every verdict is tested without an engine.

#include <cstdint>
#include <string>

#include "engine/types.h"

namespace berth::health {

// What a wait asks of a container.
enum class Goal {
  healthy,                 // depends_on condition service_healthy
  completed_successfully,  // depends_on condition service_completed_successfully
  ready,                   // `up --wait`: running, and healthy when it has a health check
};

std::string to_string(Goal goal);

struct ContainerRecord {
  bool known = false;   // inspected at least once
  bool probed = false;  // health comes from berth's own probe, not the engine
  bool running = false;
  bool exited = false;  // has stopped after running
  int exit_code = 0;
  bool removed = false;
  std::string health;             // "", "starting", "healthy", "unhealthy"
  std::string last_output;        // of the last failed health check, trimmed
  int64_t inspected_at_nano = 0;  // events older than the last inspection are stale
  // StartedAt of the run the last inspection saw; cleared by a start event,
  // which already accounts for the new run.
  std::string started_at;
};

// Applies an event of the engine's /events stream about this container.
void apply_event(ContainerRecord& record, const engine::Event& event);

// Replaces the record's state with an inspection's, taken at `requested_nano`
// (wall clock, ns), the moment the inspection was asked for. Returns true when
// it shows a new run that no start event has accounted for yet (a restart seen
// before its event): a probed record's health then begins afresh, "starting".
bool apply_inspection(ContainerRecord& record, const engine::ContainerDetails& details,
                      int64_t requested_nano);

enum class Verdict { pending, reached, failed };

struct Evaluation {
  Verdict verdict = Verdict::pending;
  std::string reason;  // failed: why, e.g. "exited with code 3"
};

Evaluation evaluate(const ContainerRecord& record, Goal goal);

// The last non-empty line-trimmed output of a health log, at most 200 characters.
std::string trimmed_output(const std::string& output);

}  // namespace berth::health
