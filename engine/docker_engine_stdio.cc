// DockerEngine's run and exec calls: attach, exec and resize. Apart from
// docker_engine.cc because the hijacked connections make a family of their own.

#include "engine/docker_engine.h"
#include "engine/exec_json.h"
#include "engine/hijacked_stream.h"
#include "engine/json_mapping.h"
#include "engine/log_request.h"

namespace berth::engine {

namespace {

std::string size_query(int rows, int columns) {
  return "?h=" + std::to_string(rows) + "&w=" + std::to_string(columns);
}

bool below_http(const Error& error) {
  return error.code == ErrorCode::transport || error.code == ErrorCode::timeout;
}

}  // namespace

Result<std::unique_ptr<StdioStream>> DockerEngine::attach_container(
    const std::string& id, const std::string& detach_keys) {
  auto inspected = call({"GET", "/containers/" + url_encode(id) + "/json"});
  if (!inspected) {
    return inspected.error();
  }
  auto tty = parse_container_tty(*inspected);
  if (!tty) {
    return tty.error();
  }
  const std::string target =
      m_prefix + "/containers/" + url_encode(id) + "/attach?stream=1&stdin=1&stdout=1&stderr=1" +
      (detach_keys.empty() ? "" : "&detachKeys=" + url_encode(detach_keys));
  auto stream = open_hijacked_stream(m_endpoint, target, {}, !*tty);
  if (!stream && below_http(stream.error())) {
    return with_context(stream.error(), "POST", target);
  }
  return stream;
}

Status DockerEngine::resize_container(const std::string& id, int rows, int columns) {
  return call_status(
      {"POST", "/containers/" + url_encode(id) + "/resize" + size_query(rows, columns)});
}

Result<std::string> DockerEngine::create_exec(const std::string& container,
                                              const ExecCreate& spec) {
  auto answer =
      call({"POST", "/containers/" + url_encode(container) + "/exec", exec_create_body(spec)});
  return answer ? parse_created_id(*answer) : answer;
}

Result<std::unique_ptr<StdioStream>> DockerEngine::start_exec(const std::string& exec_id,
                                                              bool tty) {
  const std::string target = m_prefix + "/exec/" + url_encode(exec_id) + "/start";
  auto stream = open_hijacked_stream(m_endpoint, target, exec_start_body(false, tty), !tty);
  if (!stream && below_http(stream.error())) {
    return with_context(stream.error(), "POST", target);
  }
  return stream;
}

Status DockerEngine::start_exec_detached(const std::string& exec_id) {
  return call_status(
      {"POST", "/exec/" + url_encode(exec_id) + "/start", exec_start_body(true, false)});
}

Status DockerEngine::resize_exec(const std::string& exec_id, int rows, int columns) {
  return call_status(
      {"POST", "/exec/" + url_encode(exec_id) + "/resize" + size_query(rows, columns)});
}

Result<ExecDetails> DockerEngine::inspect_exec(const std::string& exec_id) {
  auto answer = call({"GET", "/exec/" + url_encode(exec_id) + "/json"});
  return answer ? parse_exec_details(*answer) : Result<ExecDetails>(answer.error());
}

}  // namespace berth::engine
