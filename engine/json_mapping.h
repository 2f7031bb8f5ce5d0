#pragma once
// Translation between engine/types.h and the Docker Engine API's JSON. Pure
// functions, so they are tested without an engine. Private to the engine
// module (nlohmann::json stays out of the public headers).
//
// Parsers are lenient: a missing, null or mistyped field gives the field's
// default. Only a body that is not JSON at all (or not the expected array or
// object, or nested deeper than json_readers.h allows) is an Error, of code
// transport: "unparsable answer from the engine: ...".

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "engine/types.h"

namespace berth::engine {

struct RestartPolicy {
  std::string name;  // "", "no", "always", "unless-stopped", "on-failure"
  int maximum_retry_count = 0;
};

// "on-failure:3" -> {on-failure, 3}. Error code bad_request for anything else
// than the forms listed in ContainerCreate::restart_policy.
Result<RestartPolicy> parse_restart_policy(const std::string& text);

// Request bodies. The container's name is not part of the body (it goes in
// the query string). Error only for an invalid restart policy.
Result<nlohmann::json> container_create_body(const ContainerCreate& spec);
nlohmann::json network_create_body(const NetworkCreate& spec);
// POST /networks/{id}/connect and /disconnect.
nlohmann::json network_connect_body(const std::string& container, const EndpointConfig& endpoint);
nlohmann::json network_disconnect_body(const std::string& container, bool force);
nlohmann::json volume_create_body(const VolumeCreate& spec);

// Answer bodies.
Result<std::string> parse_created_id(const std::string& body);  // {"Id": "..."}
Result<std::vector<ContainerSummary>> parse_container_list(const std::string& body);
Result<ContainerDetails> parse_container_details(const std::string& body);
Result<std::vector<NetworkSummary>> parse_network_list(const std::string& body);
Result<std::vector<VolumeSummary>> parse_volume_list(const std::string& body);
Result<ImageDetails> parse_image_details(const std::string& body);
// GET /distribution/{name}/json -> Descriptor.digest ("sha256:...").
Result<std::string> parse_distribution_digest(const std::string& body);
Result<VersionInfo> parse_version_info(const std::string& body);
Result<ProcessList> parse_process_list(const std::string& body);  // GET /containers/{id}/top

// The answer of POST /containers/{id}/wait.
struct WaitAnswer {
  int status_code = 0;
  std::string error;  // Error.Message; empty when the wait itself succeeded
};
Result<WaitAnswer> parse_wait_answer(const std::string& body);

// Percent-encodes everything but RFC 3986's unreserved characters, so the
// result is safe both as a path segment and as a query value.
std::string url_encode(std::string_view text);

// "filters=<url-encoded {"label":[...]}>", or "" when `labels` is empty.
std::string label_filters_query(const LabelFilter& labels);

// The engine's own words for a failed request: the `message` field of its
// JSON error body, else the body's text, else "HTTP <status>".
std::string engine_message(int status, const std::string& body);

// 404 not_found, 409 conflict, 400 bad_request, anything else server.
Error error_from_response(int status, const std::string& body);

}  // namespace berth::engine
