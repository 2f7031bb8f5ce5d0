#include "compose/project_name.h"

namespace berth::compose {
namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_name_char(char c) {
  return is_lower_alnum(c) || c == '_' || c == '-';
}

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string normalise_project_name(const std::string& raw) {
  std::string name;
  for (char c : raw) {
    char lower = to_lower_ascii(c);
    // A name must start with a letter or digit, so '_' and '-' are only kept after one.
    bool keep = name.empty() ? is_lower_alnum(lower) : is_name_char(lower);
    if (keep) {
      name += lower;
    }
  }
  return name;
}

bool is_valid_project_name(const std::string& name) {
  if (name.empty() || !is_lower_alnum(name.front())) {
    return false;
  }
  for (char c : name) {
    if (!is_name_char(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace berth::compose
