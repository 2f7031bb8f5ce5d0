#pragma once
// One error line on the terminal, whatever a project file or the engine put in
// it: control characters (ESC, BEL, a newline, the other C0 codes, DEL and the
// C1 codes) are written escaped, so they cannot drive the terminal or split
// the line.

#include <string>
#include <string_view>

namespace berth::cli {

// "\n" -> "\\n", "\t" -> "\\t", other C0 codes and DEL -> "\\xHH", U+0080..U+009F
// -> "\\u00HH"; everything else as it is.
std::string escape_controls(std::string_view text);

// Writes `line`, escaped, and a newline to stderr.
void print_line_to_stderr(const std::string& line);

// Writes "error: " and `message`, escaped, and a newline to stderr.
void print_error(const std::string& message);

}  // namespace berth::cli
