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

std::string invalid_project_name_message(const std::string& name) {
  // The name is the user's (or a hostile file's): control bytes escaped, and cut short.
  const size_t k_shown = 64;
  std::string shown;
  for (size_t i = 0; i < name.size() && i < k_shown; ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte < 0x20 || byte == 0x7f || byte == '"' || byte == '\\') {
      static const char k_hex[] = "0123456789abcdef";
      shown += std::string("\\x") + k_hex[byte >> 4] + k_hex[byte & 0xf];
    } else {
      shown += name[i];
    }
  }
  if (name.size() > k_shown) {
    shown += "...";
  }
  return "invalid project name \"" + shown +
         "\": it must match ^[a-z0-9][a-z0-9_-]*$ (lowercase letters, digits, '-' and '_', "
         "starting with a letter or digit)";
}

}  // namespace berth::compose
