#include "compose/yaml_writer.h"

#include <cctype>
#include <cstring>

namespace berth::compose {

namespace {

using nlohmann::json;

bool is_special_word(const std::string& text) {
  static const char* const k_words[] = {"true", "false", "yes", "no", "on", "off", "null", "~",
                                        "True", "False", "Yes", "No", "On", "Off", "Null",
                                        "TRUE", "FALSE", "YES", "NO", "ON", "OFF", "NULL", "y", "n",
                                        "Y", "N", "<<", "="};
  for (const char* word : k_words) {
    if (text == word) {
      return true;
    }
  }
  return false;
}

// Anything that starts like a number may read back as one (YAML 1.1 even has
// base-60 "1:30"); quoting a few strings too many is harmless.
bool looks_numeric(const std::string& text) {
  size_t first = (text[0] == '-' || text[0] == '+' || text[0] == '.') ? 1 : 0;
  return first < text.size() && std::isdigit(static_cast<unsigned char>(text[first]));
}

std::string scalar(const std::string& text) {
  if (!needs_quotes(text)) {
    return text;
  }
  // Invalid UTF-8 is shown replaced rather than thrown on.
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string scalar(const json& value) {
  if (value.is_string()) {
    return scalar(value.get_ref<const std::string&>());
  }
  if (value.is_null()) {
    return "null";
  }
  return value.dump();
}

bool is_empty_collection(const json& value) { return value.is_structured() && value.empty(); }

void write(std::string& out, const json& value, size_t indent);

// A key's value: on the same line when it is a scalar or empty, else below.
void write_value(std::string& out, const json& value, size_t indent) {
  if (is_empty_collection(value)) {
    out += value.is_object() ? " {}\n" : " []\n";
  } else if (value.is_structured()) {
    out += "\n";
    write(out, value, indent + 2);
  } else {
    out += " " + scalar(value) + "\n";
  }
}

void write(std::string& out, const json& value, size_t indent) {
  const std::string pad(indent, ' ');
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      out += pad + scalar(it.key()) + ":";
      write_value(out, it.value(), indent);
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_structured() && !item.empty()) {
        // Written two deeper, then its first line's indent becomes "- ".
        std::string nested;
        write(nested, item, indent + 2);
        nested.replace(indent, 2, "- ");
        out += nested;
      } else {
        out += pad + "-";
        write_value(out, item, indent);
      }
    }
  } else {
    out += pad + scalar(value) + "\n";
  }
}

}  // namespace

bool needs_quotes(const std::string& text) {
  if (text.empty() || is_special_word(text) || looks_numeric(text)) {
    return true;
  }
  const unsigned char first = static_cast<unsigned char>(text.front());
  if (std::strchr("?:,[]{}#&*!|>'\"%@` ", first) != nullptr ||
      (first == '-' && (text.size() == 1 || text[1] == ' '))) {
    return true;
  }
  if (text.back() == ' ' || text.back() == ':') {
    return true;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if ((c == ':' && i + 1 < text.size() && text[i + 1] == ' ') ||
        (c == '#' && i > 0 && text[i - 1] == ' ')) {
      return true;
    }
  }
  return false;
}

std::string to_yaml(const json& value) {
  std::string out;
  write(out, value, 0);
  return out;
}

}  // namespace berth::compose
