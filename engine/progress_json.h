#pragma once
// Private to the engine module: one line of the JSON progress stream that
// POST /build, POST /images/create (pull) and POST /images/{name}/push send,
// read into a ProgressMessage. Pure, tested without an engine.
//
// The shapes seen:
//   {"stream":"Step 1/2 : FROM x\n"}                                build output
//   {"aux":{"ID":"sha256:..."}}                                     build: the image built
//   {"status":"Pulling fs layer","progressDetail":{},"id":"a1b2"}   pull/push: a layer's state
//   {"status":"Downloading","progressDetail":{"current":10,"total":100},
//    "progress":"[=> ]","id":"a1b2"}                                 ... with its progress
//   {"status":"latest: digest: sha256:... size: 528"}               push: the digest
//   {"progressDetail":{},"aux":{"Tag":"latest","Digest":"sha256:...","Size":528}}
//                                                                   push: the same as aux
//   {"errorDetail":{"message":"..."},"error":"..."}                  the operation failed

#include <string_view>

#include "engine/result.h"
#include "engine/types.h"

namespace berth::engine {

// Lenient like the other parsers: unknown fields are ignored, missing ones
// left at their defaults; aux_id is set only from aux.ID (a push's aux, with
// Tag/Digest/Size, leaves it empty). `error` is errorDetail.message, else
// "error"; an errorDetail with neither still reads as a failure. Error
// bad_request when the line is not a JSON object.
Result<ProgressMessage> parse_progress_line(std::string_view line);

}  // namespace berth::engine
