#pragma once
// The rows of `berth images`, as docker-compose 1.29.2 prints them.

#include <cstdint>
#include <string>

#include "engine/types.h"

namespace berth::cli {

struct ImageRow {
  std::string container;
  std::string repository;  // "<none>" for an untagged image
  std::string tag;
  std::string id;    // the first 12 hex digits, without "sha256:"
  std::string size;  // e.g. "1.24 MB"
};

// Decimal units with four significant digits, as compose: "4.86 MB", "512 B".
std::string human_readable_size(int64_t bytes);

// `service_image` is the image the service names ("busybox" means
// "busybox:latest"); of the image's tags, that one is shown when it has it,
// else the first.
ImageRow image_row(const std::string& container, const std::string& service_image,
                   const engine::ImageDetails& image);

}  // namespace berth::cli
