#include "compose/variable_listing.h"

#include <algorithm>
#include <cctype>

#include "compose/config_error.h"
#include "compose/env_file.h"
#include "compose/project_files.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// From `open` (just after "${"), the index of the matching "}", or npos.
std::size_t closing_brace(const std::string& text, std::size_t open) {
  int depth = 1;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (text[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string::npos;
}

// "NAME", "NAME:-x", "NAME?msg", ...: the body of a "${...}".
void add_braced(const std::string& body, std::vector<VariableUse>& out) {
  std::size_t end = 0;
  while (end < body.size() && name_char(body[end])) {
    ++end;
  }
  if (end == 0 || !name_start(body[0])) {
    return;
  }
  VariableUse use;
  use.name = body.substr(0, end);
  std::size_t op = end;
  if (op < body.size() && body[op] == ':') {
    ++op;
  }
  std::string rest = op < body.size() ? body.substr(op + 1) : "";
  if (op < body.size()) {
    switch (body[op]) {
      case '?': use.required = true; break;
      case '-': use.default_value = rest; break;
      case '+': use.alternate = rest; break;
      default: rest.clear(); break;
    }
  }
  out.push_back(std::move(use));
  for (auto& nested : variables_in(rest)) {
    out.push_back(std::move(nested));
  }
}

void collect(const YamlNode& node, std::vector<VariableUse>& out) {
  if (node.is_scalar()) {
    for (auto& use : variables_in(node.text)) {
      out.push_back(std::move(use));
    }
  }
  for (const auto& item : node.items) {
    collect(item, out);
  }
  for (const auto& entry : node.entries) {
    collect(entry.value, out);
  }
}

}  // namespace

std::vector<VariableUse> variables_in(const std::string& text) {
  std::vector<VariableUse> out;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '$') {
      continue;
    }
    const char next = text[i + 1];
    if (next == '$') {
      ++i;  // "$$": a literal "$"
    } else if (next == '{') {
      const std::size_t close = closing_brace(text, i + 2);
      if (close == std::string::npos) {
        return out;
      }
      add_braced(text.substr(i + 2, close - i - 2), out);
      i = close;
    } else if (name_start(next)) {
      std::size_t end = i + 1;
      while (end < text.size() && name_char(text[end])) {
        ++end;
      }
      VariableUse use;
      use.name = text.substr(i + 1, end - i - 1);
      out.push_back(std::move(use));
      i = end - 1;
    }
  }
  return out;
}

std::map<std::string, std::string> interpolation_environment(const LoadOptions& options) {
  auto variables = project_variables(options);
  for (const auto& [key, value] : options.environment) {
    variables[key] = value;  // the shell wins
  }
  return variables;
}

std::vector<VariableUse> variables_used(const LoadOptions& options) {
  std::vector<VariableUse> found;
  for (const auto& file : find_project_files(options)) {
    std::vector<Diagnostic> diagnostics;
    const YamlNode root = parse_yaml(read_project_file(file), file.display_name, diagnostics);
    if (!diagnostics.empty()) {
      throw ConfigError(std::move(diagnostics));
    }
    collect(root, found);
  }
  // Once per name: the first use that says more (required, a default) wins.
  std::map<std::string, VariableUse> by_name;
  for (auto& use : found) {
    auto [at, inserted] = by_name.emplace(use.name, use);
    if (!inserted) {
      at->second.required = at->second.required || use.required;
      if (at->second.default_value.empty()) {
        at->second.default_value = use.default_value;
      }
      if (at->second.alternate.empty()) {
        at->second.alternate = use.alternate;
      }
    }
  }
  const auto environment = interpolation_environment(options);
  std::vector<VariableUse> listed;
  for (auto& [name, use] : by_name) {
    if (auto value = environment.find(name); value != environment.end()) {
      use.value = value->second;
    }
    listed.push_back(std::move(use));
  }
  return listed;
}

}  // namespace berth::compose
