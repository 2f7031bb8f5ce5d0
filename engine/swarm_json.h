#pragma once
// Translation between engine/swarm_types.h and the swarm part of the Docker
// Engine API 1.41 (/info's Swarm, /services, /tasks). Pure functions, so they
// are tested without an engine. Private to the engine module, like
// json_mapping.h, whose leniency the parsers share: a missing, null or
// mistyped field gives the field's default; only a body that is not JSON (or
// not the expected array or object) is an Error, of code transport.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/result.h"
#include "engine/swarm_types.h"

namespace berth::engine {

// The body of POST /services/create and /services/{id}/update. Fields that
// are empty or unset are left out, so swarm's defaults apply to them.
nlohmann::json service_spec_body(const ServiceSpec& spec);

// "filters=<url-encoded {"service":[service]}>" for GET /tasks; swarm
// resolves a name as well as an ID.
std::string task_filters_query(const std::string& service);

// Answer bodies.
Result<SwarmInfo> parse_swarm_info(const std::string& body);         // GET /info
Result<std::string> parse_engine_id(const std::string& body);        // GET /info's ID
Result<std::string> parse_service_created(const std::string& body);  // {"ID": "..."}
Result<std::vector<ServiceSummary>> parse_service_list(const std::string& body);
Result<ServiceSummary> parse_service(const std::string& body);  // GET /services/{id}
Result<std::vector<TaskSummary>> parse_task_list(const std::string& body);

}  // namespace berth::engine
