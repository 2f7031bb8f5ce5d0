#pragma once
// Names in one line, as messages list them: "db, web".

#include <string>
#include <string_view>
#include <vector>

namespace berth::scheduler {

inline std::string joined(const std::vector<std::string>& items,
                          std::string_view separator = ", ") {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) {
      text += separator;
    }
    text += item;
  }
  return text;
}

}  // namespace berth::scheduler
