#pragma once
// Tables for the terminal, in the two styles berth's peers print.

#include <string>
#include <vector>

namespace berth::cli {

using TableRow = std::vector<std::string>;

// docker compose v2's style (ps, ls): left-aligned columns, three spaces
// apart, the header as the first row; every line ends with "\n".
std::string column_table(const TableRow& header, const std::vector<TableRow>& rows);

// docker-compose 1.29.2's style (top, images; python's texttable with a
// header rule): headers centred, cells left-aligned, columns three spaces
// apart, a line of '-' under the header; no "\n" after the last line.
std::string ruled_table(const TableRow& header, const std::vector<TableRow>& rows);

}  // namespace berth::cli
