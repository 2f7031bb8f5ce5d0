#include "engine/exec_json.h"

#include "engine/json_readers.h"

namespace berth::engine {

using nlohmann::json;

std::string exec_create_body(const ExecCreate& spec) {
  json body = {{"Cmd", spec.cmd},
               {"Tty", spec.tty},
               {"AttachStdin", spec.attach_stdin},
               {"AttachStdout", spec.attach_output},
               {"AttachStderr", spec.attach_output},
               {"Privileged", spec.privileged}};
  if (!spec.env.empty()) {
    body["Env"] = spec.env;
  }
  if (!spec.user.empty()) {
    body["User"] = spec.user;
  }
  if (!spec.working_dir.empty()) {
    body["WorkingDir"] = spec.working_dir;
  }
  return body.dump();
}

std::string exec_start_body(bool detach, bool tty) {
  return json{{"Detach", detach}, {"Tty", tty}}.dump();
}

Result<ExecDetails> parse_exec_details(const std::string& body) {
  const auto answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    return Error{ErrorCode::server, 200, "the engine's exec inspection is not JSON"};
  }
  ExecDetails details;
  details.running = json_readers::bool_at(answer, "Running");
  details.exit_code = static_cast<int>(json_readers::integer_at(answer, "ExitCode"));
  details.container_id = json_readers::string_at(answer, "ContainerID");
  return details;
}

}  // namespace berth::engine
