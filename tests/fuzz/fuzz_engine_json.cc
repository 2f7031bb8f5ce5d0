// Fuzzes the readers of the engine's JSON answers: every body parser
// (container list and inspection, image inspection, networks, volumes, top,
// wait, exec, version, error bodies) gets the whole input, and the input is
// also read as a stream of lines, as GET /events and the build, pull and push
// progress streams are, each line going to parse_event and
// parse_progress_line. The engine is not trusted: whatever it sends must end
// in a value or an Error, with no crash, leak, hang or exception (the parsers
// promise that none leaves them, so none is caught here).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/event_json.h"
#include "engine/exec_json.h"
#include "engine/json_mapping.h"
#include "engine/line_splitter.h"
#include "engine/log_request.h"
#include "engine/progress_json.h"

namespace {

using namespace berth::engine;

// A failure must say what went wrong: callers print the message as it is.
template <class T>
void check(const Result<T>& result) {
  if (!result && result.error().message.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);

  check(parse_created_id(body));
  check(parse_container_list(body));
  check(parse_container_details(body));
  check(parse_network_list(body));
  check(parse_volume_list(body));
  check(parse_image_details(body));
  check(parse_version_info(body));
  check(parse_process_list(body));
  check(parse_wait_answer(body));
  check(parse_exec_details(body));
  check(parse_container_tty(body));
  check(parse_event(body));
  check(parse_progress_line(body));
  // An error answer's body may be anything; its message is never empty.
  if (error_from_response(500, body).message.empty()) {
    std::abort();
  }

  // The streams, cut in two where the first byte says, as the network may.
  LineSplitter splitter;
  const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  for (const std::string_view part :
       {std::string_view(body).substr(0, cut), std::string_view(body).substr(cut)}) {
    for (const std::string& line : splitter.feed(part)) {
      // Lines come without their "\n", and blank ones are dropped.
      if (line.empty() || line.find('\n') != std::string::npos) {
        std::abort();
      }
      check(parse_event(line));
      check(parse_progress_line(line));
    }
  }
  if (splitter.pending() > size) {
    std::abort();
  }
  return 0;
}
