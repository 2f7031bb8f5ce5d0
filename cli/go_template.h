#pragma once
// `--format` as the docker CLI and compose v2 read it: "table", "json", or a
// Go-template-like text with {{.Field}} (and {{json .Field}}, {{json .}},
// {{upper .Field}}, {{lower .Field}}), "\t" and "\n" written as two
// characters meaning a tab and a newline. "table TEMPLATE" prints a header
// row of the fields' names and aligns the tab-separated columns as docker's
// tabwriter does (at least 10 wide, 3 spaces apart). Pure.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace berth::cli {

struct RenderedTemplate {
  std::string text;   // every row, each ending in "\n"
  std::string error;  // a field the rows lack, or an unclosed "{{"; then `text` is empty
};

// `format` without its "table " prefix when `table`; each row an object of fields.
RenderedTemplate render_template(const std::string& format,
                                 const std::vector<nlohmann::json>& rows);

// A field's header as docker names it ("ID" -> "CONTAINER ID", "RunningFor"
// -> "CREATED", "LocalVolumes" -> "LOCAL VOLUMES", else upper case with a
// space before each inner capital).
std::string field_header(const std::string& field);

// Columns of `cells` (the first row the header) aligned as docker's tabwriter:
// each cell padded to its column's widest plus 3, at least 10; the last bare.
std::string aligned_columns(const std::vector<std::vector<std::string>>& cells);

}  // namespace berth::cli
