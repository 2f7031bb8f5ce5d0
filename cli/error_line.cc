#include "cli/error_line.h"

#include <cstdio>

namespace berth::cli {
namespace {

constexpr char k_hex[] = "0123456789abcdef";

std::string hex_byte(unsigned char byte) {
  return {k_hex[byte >> 4], k_hex[byte & 0xF]};
}

}  // namespace

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\x" + hex_byte(byte);
    } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
      // A C1 code in UTF-8: U+0080..U+009F, CSI (U+009B) among them.
      out += "\\u00" + hex_byte(next);
      ++i;
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

void print_line_to_stderr(const std::string& line) {
  std::fprintf(stderr, "%s\n", escape_controls(line).c_str());
}

void print_error(const std::string& message) { print_line_to_stderr("error: " + message); }

}  // namespace berth::cli
