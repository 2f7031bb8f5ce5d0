#pragma once
// The rows `berth ls` shows: the compose projects on an engine, found by the
// project label of their containers, whoever created them (berth, docker
// compose v1 or v2).

#include <string>
#include <vector>

#include "engine/types.h"

namespace berth::scheduler {

struct ProjectRow {
  std::string name;
  std::string status;        // e.g. "exited(1), running(2)"
  std::string config_files;  // the label com.docker.compose.project.config_files of one container
};

// Container states counted as docker compose v2 writes them: "state(n)",
// states in alphabetical order, joined by ", ".
std::string combined_status(const std::vector<std::string>& states);

// One row per project label value, sorted by name; containers without the
// label are not projects.
std::vector<ProjectRow> project_rows(const std::vector<engine::ContainerSummary>& containers);

// [{"Name": ..., "Status": ..., "ConfigFiles": ...}], as `docker compose ls --format json`.
std::string project_rows_json(const std::vector<ProjectRow>& rows);

}  // namespace berth::scheduler
