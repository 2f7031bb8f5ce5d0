#pragma once
// A key the file may hold (compose v2 accepts it) that only a newer engine
// API than berth's can honour. The parser records one where the key is
// written; `config` prints the key, and commands that change the engine refuse
// it first (scheduler/api_requirements.h), naming the key and the version.

#include <string>

#include "compose/source_pos.h"

namespace berth::compose {

struct ApiRequirement {
  SourcePos pos;        // of the key; its key_path names it in the message
  std::string version;  // "major.minor", e.g. "1.45"
};

}  // namespace berth::compose
