#pragma once
// The JSON of the exec calls: the create body and the inspection's answer.
// Private to the engine module.

#include <string>

#include "engine/result.h"
#include "engine/types.h"

namespace berth::engine {

// The body of POST /containers/{id}/exec.
std::string exec_create_body(const ExecCreate& spec);

// The body of POST /exec/{id}/start: attached (the answer hijacks the
// connection) or detached (the engine answers at once).
std::string exec_start_body(bool detach, bool tty);

// The answer of GET /exec/{id}/json.
Result<ExecDetails> parse_exec_details(const std::string& body);

}  // namespace berth::engine
