// DockerEngine's swarm calls (`berth deploy`): /info's Swarm, /services and
// /tasks. The engine answers them only as a swarm manager, except /info (which
// also gives the engine's ID, the project lock's key).

#include <string>
#include <utility>

#include "engine/docker_engine.h"
#include "engine/json_mapping.h"
#include "engine/swarm_json.h"

namespace berth::engine {

namespace {

// X-Registry-Auth only when there are credentials: without the header swarm
// keeps the ones the service already has (on update) or pulls anonymously.
std::vector<std::pair<std::string, std::string>> auth_headers(const std::string& registry_auth) {
  if (registry_auth.empty()) {
    return {};
  }
  return {{"X-Registry-Auth", registry_auth}};
}

}  // namespace

Result<std::string> DockerEngine::engine_id() {
  if (m_engine_id.valid()) {
    return m_engine_id.get();
  }
  auto answer = call({"GET", "/info"});
  return answer ? parse_engine_id(*answer) : answer;
}

Result<SwarmInfo> DockerEngine::swarm_info() {
  auto answer = call({"GET", "/info"});
  return answer ? parse_swarm_info(*answer) : Result<SwarmInfo>(answer.error());
}

Result<std::string> DockerEngine::create_service(const ServiceSpec& spec,
                                                 const std::string& registry_auth) {
  auto answer = call({"POST", "/services/create", service_spec_body(spec).dump(), k_default_timeout,
                      false, auth_headers(registry_auth)});
  return answer ? parse_service_created(*answer) : answer;
}

Status DockerEngine::update_service(const std::string& id, uint64_t version,
                                    const ServiceSpec& spec, const std::string& registry_auth) {
  // The answer's only content is {"Warnings": [...]}, which berth does not show.
  auto status = call_status(
      {"POST", "/services/" + url_encode(id) + "/update?version=" + std::to_string(version),
       service_spec_body(spec).dump(), k_default_timeout, false, auth_headers(registry_auth)});
  // dockerd 20.10 refuses a stale version with a 500, "rpc error: ... update
  // out of sequence": made a conflict, so the caller knows to read the
  // service again rather than give up.
  if (!status && status.error().message.find("update out of sequence") != std::string::npos) {
    Error error = status.error();
    error.code = ErrorCode::conflict;
    return error;
  }
  return status;
}

Status DockerEngine::remove_service(const std::string& id_or_name) {
  return call_status({"DELETE", "/services/" + url_encode(id_or_name)});
}

Result<std::vector<ServiceSummary>> DockerEngine::list_services(const LabelFilter& labels) {
  const std::string filters = label_filters_query(labels);
  auto answer = call({"GET", filters.empty() ? std::string("/services") : "/services?" + filters});
  return answer ? parse_service_list(*answer) : Result<std::vector<ServiceSummary>>(answer.error());
}

Result<ServiceSummary> DockerEngine::inspect_service(const std::string& id_or_name) {
  auto answer = call({"GET", "/services/" + url_encode(id_or_name)});
  return answer ? parse_service(*answer) : Result<ServiceSummary>(answer.error());
}

Result<std::vector<TaskSummary>> DockerEngine::list_tasks(const std::string& service) {
  auto answer = call({"GET", "/tasks?" + task_filters_query(service)});
  return answer ? parse_task_list(*answer) : Result<std::vector<TaskSummary>>(answer.error());
}

}  // namespace berth::engine
