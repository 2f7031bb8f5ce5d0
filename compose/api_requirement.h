#pragma once
// ApiRequirement: a key berth reads and `config` prints, but that the engine
// API berth speaks (1.41) cannot carry. Loading accepts it; the commands that
// would send it to the engine refuse the project first, pointing at the key
// (scheduler/api_requirements.h).

#include <string>

#include "compose/source_pos.h"

namespace berth::compose {

struct ApiRequirement {
  SourcePos pos;        // of the key, its key path included
  std::string version;  // the engine API version the key needs, e.g. "1.43"
};

}  // namespace berth::compose
