#include "cli/go_template.h"

#include <algorithm>
#include <cctype>

namespace berth::cli {

namespace {

std::string unescaped(const std::string& format) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '\\' && i + 1 < format.size() && (format[i + 1] == 't' || format[i + 1] == 'n')) {
      out += format[i + 1] == 't' ? '\t' : '\n';
      ++i;
    } else {
      out += format[i];
    }
  }
  return out;
}

// As Go's %v prints a value: strings bare, objects "{a b}", arrays "[x y]".
std::string go_value(const nlohmann::json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_array() || value.is_object()) {
    std::string out = value.is_array() ? "[" : "{";
    bool first = true;
    for (const auto& item : value) {
      out += (first ? "" : " ") + go_value(item);
      first = false;
    }
    return out + (value.is_array() ? "]" : "}");
  }
  return value.dump();
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(' ');
  const auto end = text.find_last_not_of(' ');
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

// One action's text ("json .Name", ".Status", "upper .Service") over `row`;
// `header`: the field's header instead of its value.
bool evaluate(const std::string& action, const nlohmann::json& row, bool header,
              std::string& out, std::string& error) {
  std::string function;
  std::string argument = trimmed(action);
  if (const auto space = argument.find(' '); space != std::string::npos) {
    function = argument.substr(0, space);
    argument = trimmed(argument.substr(space + 1));
  }
  if (function != "" && function != "json" && function != "upper" && function != "lower") {
    error = "function \"" + function + "\" not defined";
    return false;
  }
  if (argument == ".") {
    out = header ? "" : (function == "json" ? row.dump() : go_value(row));
    return true;
  }
  if (argument.size() < 2 || argument[0] != '.') {
    error = "cannot read \"" + argument + "\" (write {{.Field}})";
    return false;
  }
  const std::string field = argument.substr(1);
  if (header) {
    out = field_header(field);
    return true;
  }
  const auto found = row.find(field);
  if (found == row.end()) {
    error = "can't evaluate field " + field;
    return false;
  }
  out = function == "json" ? found->dump() : go_value(*found);
  if (function == "upper" || function == "lower") {
    std::transform(out.begin(), out.end(), out.begin(), [&](unsigned char c) {
      return static_cast<char>(function == "upper" ? std::toupper(c) : std::tolower(c));
    });
  }
  return true;
}

bool expand(const std::string& format, const nlohmann::json& row, bool header, std::string& out,
            std::string& error) {
  out.clear();
  for (std::size_t at = 0; at < format.size();) {
    const auto open = format.find("{{", at);
    if (open == std::string::npos) {
      out += format.substr(at);
      break;
    }
    out += format.substr(at, open - at);
    const auto close = format.find("}}", open + 2);
    if (close == std::string::npos) {
      error = "unclosed action (\"{{\" without \"}}\")";
      return false;
    }
    std::string value;
    if (!evaluate(format.substr(open + 2, close - open - 2), row, header, value, error)) {
      return false;
    }
    out += value;
    at = close + 2;
  }
  return true;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (auto tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
    cells.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  cells.push_back(line.substr(start));
  return cells;
}

}  // namespace

std::string field_header(const std::string& field) {
  if (field == "ID") return "CONTAINER ID";
  if (field == "RunningFor") return "CREATED";
  if (field == "CreatedAt") return "CREATED AT";
  std::string header;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(field[i]);
    if (i > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(field[i - 1]))) {
      header += ' ';
    }
    header += static_cast<char>(std::toupper(c));
  }
  return header;
}

std::string aligned_columns(const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::size_t> widths;
  for (const auto& row : cells) {
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      widths.resize(std::max(widths.size(), i + 1), 0);
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string out;
  for (const auto& row : cells) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line.append(std::max<std::size_t>(widths[i] + 3, 10) - row[i].size(), ' ');
      }
    }
    out += line + "\n";
  }
  return out;
}

RenderedTemplate render_template(const std::string& format,
                                 const std::vector<nlohmann::json>& rows) {
  std::string body = unescaped(format);
  const bool table = body.rfind("table ", 0) == 0;
  if (table) {
    body = trimmed(body.substr(6));
  }
  RenderedTemplate result;
  std::string line;
  if (!table) {
    for (const auto& row : rows) {
      if (!expand(body, row, false, line, result.error)) {
        return {"", result.error};
      }
      result.text += line + "\n";
    }
    return result;
  }
  std::vector<std::vector<std::string>> cells;
  // The header from the fields named, whether or not there are rows.
  if (!expand(body, nlohmann::json::object(), true, line, result.error)) {
    return {"", result.error};
  }
  cells.push_back(split_tabs(line));
  for (const auto& row : rows) {
    if (!expand(body, row, false, line, result.error)) {
      return {"", result.error};
    }
    cells.push_back(split_tabs(line));
  }
  result.text = aligned_columns(cells);
  return result;
}

}  // namespace berth::cli
