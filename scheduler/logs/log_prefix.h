#pragma once
// How `logs` and attached `up` mark each line with its container: the name
// padded to a common width, then " | ", in a colour of its own. The colours
// cycle as docker-compose's do (cyan, yellow, green, magenta, blue, then
// their bright variants), so a project looks the same under both. Pure.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace berth::scheduler {

// The ANSI SGR code of the `index`-th container's colour ("36", "36;1", ...).
std::string_view log_colour(std::size_t index);

// The width names are padded to: one more than the longest, so the longest
// reads "name  | " like the others.
std::size_t log_prefix_width(const std::vector<std::string>& names);

// "name<padding> | ", wrapped in the colour when `colour` is not empty
// (the " |" coloured, as compose does, the space after it not).
std::string log_prefix(const std::string& name, std::size_t width, std::string_view colour);

// `text` in `colour` (nothing when empty), for notices like "x exited with code 0".
std::string coloured(const std::string& text, std::string_view colour);

}  // namespace berth::scheduler
