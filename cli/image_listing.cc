#include "cli/image_listing.h"

#include <algorithm>
#include <cstdio>

namespace berth::cli {

namespace {

std::string with_default_tag(const std::string& image) {
  const auto slash = image.rfind('/');
  const auto last = slash == std::string::npos ? 0 : slash + 1;
  return image.find(':', last) == std::string::npos ? image + ":latest" : image;
}

}  // namespace

std::string human_readable_size(int64_t bytes) {
  static const char* const k_suffixes[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  size_t order = 0;
  double value = static_cast<double>(bytes);
  while (value >= 1000 && order + 1 < std::size(k_suffixes)) {
    value /= 1000;
    ++order;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.4g %s", value, k_suffixes[order]);
  return text;
}

ImageRow image_row(const std::string& container, const std::string& service_image,
                   const engine::ImageDetails& image) {
  ImageRow row{container, "<none>", "<none>", image.id, human_readable_size(image.size)};
  if (row.id.starts_with("sha256:")) {
    row.id.erase(0, 7);
  }
  row.id.resize(std::min<size_t>(row.id.size(), 12));
  if (!image.repo_tags.empty()) {
    const auto wanted = with_default_tag(service_image);
    auto found = std::find(image.repo_tags.begin(), image.repo_tags.end(), wanted);
    const std::string& tag = found != image.repo_tags.end() ? *found : image.repo_tags.front();
    const auto colon = tag.rfind(':');
    row.repository = tag.substr(0, colon);
    row.tag = colon == std::string::npos ? "" : tag.substr(colon + 1);
  }
  return row;
}

}  // namespace berth::cli
