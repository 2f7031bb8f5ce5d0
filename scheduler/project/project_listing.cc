#include "scheduler/project/project_listing.h"

#include <map>
#include <nlohmann/json.hpp>

#include "scheduler/labels.h"

namespace berth::scheduler {

std::string combined_status(const std::vector<std::string>& states) {
  std::map<std::string, int> count;  // ordered: the states come out sorted
  for (const auto& state : states) {
    ++count[state];
  }
  std::string text;
  for (const auto& [state, n] : count) {
    text += (text.empty() ? "" : ", ") + state + "(" + std::to_string(n) + ")";
  }
  return text;
}

std::vector<ProjectRow> project_rows(const std::vector<engine::ContainerSummary>& containers) {
  struct Seen {
    std::vector<std::string> states;
    std::string config_files;
  };
  std::map<std::string, Seen> projects;
  for (const auto& container : containers) {
    const std::string project = labels::value_of(container.labels, labels::k_project);
    if (project.empty()) {
      continue;
    }
    auto& seen = projects[project];
    seen.states.push_back(container.state);
    if (seen.config_files.empty()) {
      seen.config_files = labels::value_of(container.labels, labels::k_config_files);
    }
  }
  std::vector<ProjectRow> rows;
  for (const auto& [name, seen] : projects) {
    rows.push_back({name, combined_status(seen.states), seen.config_files});
  }
  return rows;
}

std::string project_rows_json(const std::vector<ProjectRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : rows) {
    out.push_back({{"Name", row.name}, {"Status", row.status}, {"ConfigFiles", row.config_files}});
  }
  return out.dump();
}

}  // namespace berth::scheduler
