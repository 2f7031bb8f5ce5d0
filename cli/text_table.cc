#include "cli/text_table.h"

#include <algorithm>

namespace berth::cli {

namespace {

std::vector<size_t> column_widths(const TableRow& header, const std::vector<TableRow>& rows) {
  std::vector<size_t> width(header.size(), 0);
  for (size_t i = 0; i < header.size(); ++i) {
    width[i] = header[i].size();
    for (const auto& row : rows) {
      if (i < row.size()) {
        width[i] = std::max(width[i], row[i].size());
      }
    }
  }
  return width;
}

std::string cell_of(const TableRow& row, size_t i) { return i < row.size() ? row[i] : ""; }

}  // namespace

std::string column_table(const TableRow& header, const std::vector<TableRow>& rows) {
  const auto width = column_widths(header, rows);
  std::string out;
  auto add_line = [&](const TableRow& row) {
    std::string line;
    for (size_t i = 0; i < width.size(); ++i) {
      std::string cell = cell_of(row, i);
      if (i + 1 < width.size()) {
        cell.resize(width[i] + 3, ' ');
      }
      line += cell;
    }
    out += line + "\n";
  };
  add_line(header);
  for (const auto& row : rows) {
    add_line(row);
  }
  return out;
}

std::string ruled_table(const TableRow& header, const std::vector<TableRow>& rows) {
  const auto width = column_widths(header, rows);
  std::string out;
  for (size_t i = 0; i < width.size(); ++i) {
    const size_t fill = width[i] - header[i].size();
    out += std::string(fill / 2, ' ') + header[i] + std::string(fill - fill / 2, ' ');
    out += i + 1 < width.size() ? "   " : "\n";
  }
  for (size_t i = 0; i < width.size(); ++i) {
    out += std::string(width[i], '-') + (i + 1 < width.size() ? "---" : "");
  }
  for (const auto& row : rows) {
    out += "\n";
    for (size_t i = 0; i < width.size(); ++i) {
      std::string cell = cell_of(row, i);
      cell.resize(width[i], ' ');
      out += cell + (i + 1 < width.size() ? "   " : "");
    }
  }
  return out;
}

}  // namespace berth::cli
