#include "health/container_record.h"

#include "health/container_state.h"

namespace berth::health {

std::string to_string(Goal goal) {
  switch (goal) {
    case Goal::healthy:
      return "healthy";
    case Goal::completed_successfully:
      return "completed successfully";
    case Goal::ready:
      return "ready";
  }
  return "";
}

namespace {

const std::string k_health_prefix = "health_status: ";

int exit_code_of(const engine::Event& event) {
  auto found = event.attributes.find("exitCode");
  if (found == event.attributes.end()) {
    return 0;
  }
  try {
    return std::stoi(found->second);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string with_output(const std::string& text, const std::string& output) {
  return output.empty() ? text : text + ": " + output;
}

}  // namespace

void apply_event(ContainerRecord& record, const engine::Event& event) {
  if (event.time_nano != 0 && event.time_nano < record.inspected_at_nano) {
    return;  // the inspection already saw its effect
  }
  const std::string& action = event.action;
  if (action == "start") {
    record.running = true;
    record.exited = false;
    record.started_at.clear();
    // The engine begins every run's health afresh; a probe restarts too.
    if (!record.health.empty() || record.probed) {
      record.health = "starting";
    }
  } else if (action == "die") {
    record.running = false;
    record.exited = true;
    record.exit_code = exit_code_of(event);
  } else if (action == "destroy") {
    record.running = false;
    record.removed = true;
  } else if (action.rfind(k_health_prefix, 0) == 0 && !record.probed) {
    record.health = action.substr(k_health_prefix.size());
  }
}

bool apply_inspection(ContainerRecord& record, const engine::ContainerDetails& details,
                      int64_t requested_nano) {
  const bool new_run = !record.started_at.empty() && !details.started_at.empty() &&
                       details.started_at != record.started_at;
  record.started_at = details.started_at;
  record.known = true;
  record.inspected_at_nano = requested_nano;
  const auto state = parse_container_state(details.status);
  record.running = is_up(state) && state != ContainerState::restarting;
  record.exited = state == ContainerState::exited || state == ContainerState::dead;
  record.exit_code = details.exit_code;
  record.removed = false;
  if (record.probed) {
    if (new_run && record.running) {
      record.health = "starting";  // the probe of the old run says nothing of this one
    }
    return new_run;  // the probe keeps its own health
  }
  record.health = details.health ? details.health->status : "";
  if (details.health && !details.health->log.empty() && details.health->log.back().exit_code != 0) {
    record.last_output = trimmed_output(details.health->log.back().output);
  }
  return new_run;
}

Evaluation evaluate(const ContainerRecord& record, Goal goal) {
  if (record.removed) {
    return {Verdict::failed, "was removed"};
  }
  const std::string exit_text = "exited with code " + std::to_string(record.exit_code);
  if (goal == Goal::completed_successfully) {
    if (record.exited && !record.running) {
      return record.exit_code == 0 ? Evaluation{Verdict::reached, ""}
                                   : Evaluation{Verdict::failed, exit_text};
    }
    return {};
  }
  if (!record.running) {
    if (record.exited) {
      return {Verdict::failed,
              goal == Goal::healthy ? exit_text + " before it became healthy" : exit_text};
    }
    return {};  // created, not started yet
  }
  if (record.health == "healthy") {
    return {Verdict::reached, ""};
  }
  if (record.health == "unhealthy") {
    return {Verdict::failed, with_output("is unhealthy", record.last_output)};
  }
  if (record.health.empty()) {
    return goal == Goal::ready ? Evaluation{Verdict::reached, ""}
                               : Evaluation{Verdict::failed, "has no health check"};
  }
  return {};  // starting
}

std::string trimmed_output(const std::string& output) {
  size_t end = output.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) {
    return "";
  }
  size_t begin = output.find_last_of('\n', end);
  begin = begin == std::string::npos ? 0 : begin + 1;
  std::string line = output.substr(begin, end + 1 - begin);
  return line.size() > 200 ? line.substr(0, 197) + "..." : line;
}

}  // namespace berth::health
