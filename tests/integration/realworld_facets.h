#pragma once
// Facets of a resolved project, for comparing `berth config --format json`
// with compose v2's `config --format json` on real projects' files
// (tests/integration/realworld_test.cc).
//
// Both tools print the compose model, but not always in the same spelling:
// compose v2 writes published ports as strings, sizes and durations its own
// way, links again as depends_on, the implicit `default` network, and so on.
// A facet is one aspect of one service (its ports, its environment, ...) in a
// canonical text that both spellings of the same meaning turn into, so a
// difference in a facet is a difference in meaning.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::testing {

// facet name ("ports", "environment", "deploy", ...) -> canonical text.
using Facets = std::map<std::string, std::string>;

enum class Tool { berth, compose_v2 };

// The facets of one service as `tool` printed it in project `doc` (the whole
// config output, for the project's name and its networks).
Facets service_facets(const nlohmann::json& doc, const std::string& service, Tool tool);

// The facets of the top-level sections: "volumes.<key>", "networks.<key>",
// "secrets.<key>", "configs.<key>".
Facets project_facets(const nlohmann::json& doc, Tool tool);

// One difference: where, and both sides' canonical text ("<absent>" when a
// side lacks the facet).
struct FacetDifference {
  std::string where;  // "services.web.ports", "volumes.data"
  std::string berth;
  std::string compose_v2;
};

// Every facet that differs between the two outputs of one project.
std::vector<FacetDifference> compare_projects(const nlohmann::json& berth,
                                              const nlohmann::json& compose_v2);

}  // namespace berth::testing
