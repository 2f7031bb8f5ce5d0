// Fuzzes .dockerignore reading and matching (DockerIgnore, IgnorePattern).
// The input is split at the first "\n#8<\n" into the .dockerignore text and
// paths, one a line; without the separator the lines of the text are the
// paths too, so patterns meet paths that look like them. A .dockerignore
// comes with the build context, not from berth: any text must end in rules or
// a bad_request, and matching must stay fast: linear in the size of the
// patterns times that of the path, as Go's regexp is, never worse.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/dockerignore.h"

namespace {

using berth::engine::DockerIgnore;

// A path no longer than a file system's PATH_MAX, as the context walk gives.
constexpr std::size_t k_max_path_bytes = 4096;
constexpr std::size_t k_max_paths = 8;
// Matching costs up to (.dockerignore bytes) x (path bytes), about 100 ns
// each under the fuzzer's instrumentation, and each path is matched about six
// times below: inputs past this product are skipped so that a legitimately
// slow one stays far below -timeout. A cubic or exponential matcher still
// blows up well within it (a 1000-wildcard pattern against a 2000-byte path).
constexpr std::size_t k_max_work = std::size_t{1} << 21;

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty() && lines.size() < k_max_paths) {
    const auto newline = text.find('\n');
    lines.emplace_back(text.substr(0, std::min(newline, k_max_path_bytes)));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return lines;
}

// A clean relative path (no empty, "." or ".." element), made of characters
// no pattern syntax or trimming touches, like the Dockerfile paths the
// context walk passes to keep(): "!<path>" is then an exception for exactly
// that path.
bool simple(std::string_view path) {
  for (const char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '/';
    if (!ok) {
      return false;
    }
  }
  while (true) {
    const auto slash = path.find('/');
    const std::string_view element = path.substr(0, slash);
    if (element.empty() || element == "." || element == "..") {
      return false;
    }
    if (slash == std::string_view::npos) {
      return true;
    }
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto cut = input.find("\n#8<\n");
  const std::string text(input.substr(0, cut));
  const std::vector<std::string> paths =
      lines_of(cut == std::string_view::npos ? input : input.substr(cut + 5));
  std::size_t path_bytes = 0;
  for (const std::string& path : paths) {
    path_bytes += path.size() + 3;
  }
  if (text.size() * path_bytes > k_max_work) {
    return 0;
  }

  auto parsed = DockerIgnore::parse(text);
  if (!parsed) {
    require(parsed.error().message.starts_with(".dockerignore line "));
    return 0;
  }
  DockerIgnore ignore = std::move(parsed).value();
  // The context itself is always sent.
  require(!ignore.excluded(".") && !ignore.excluded(""));

  for (const std::string& path : paths) {
    const bool excluded = ignore.excluded(path);
    if (path.empty() || path.front() == '/') {
      continue;
    }
    // Paths are compared cleaned: "./a/" is "a".
    require(ignore.excluded("./" + path + "/") == excluded);
    if (!simple(path)) {
      continue;
    }
    // Without exceptions, an excluded directory takes all it holds with it.
    const auto slash = path.rfind('/');
    if (!ignore.has_exceptions() && slash != std::string::npos &&
        ignore.excluded(path.substr(0, slash))) {
      require(excluded);
    }
    // What the CLI always sends (the Dockerfile) is sent once kept.
    DockerIgnore kept = ignore;
    require(kept.keep(path).ok());
    require(!kept.excluded(path));
  }
  return 0;
}
