#pragma once
// Where something was written, for error messages ("file:line:column").

#include <string>

namespace berth::compose {

struct SourcePos {
  std::string file;  // as the user named it (or the default file name found)
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based
  std::string key_path;  // e.g. "services.web.links[0]"
};

}  // namespace berth::compose
