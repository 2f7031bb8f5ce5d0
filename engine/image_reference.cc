#include "engine/image_reference.h"

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "engine/json_mapping.h"

namespace berth::engine {
namespace {

constexpr std::string_view k_default_registry = "docker.io";
constexpr std::string_view k_legacy_default_registry = "index.docker.io";
constexpr std::string_view k_official_prefix = "library/";
constexpr std::string_view k_docker_hub_key = "https://index.docker.io/v1/";
constexpr std::size_t k_name_length_max = 255;
constexpr std::size_t k_tag_length_max = 128;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_lower_alnum(c) || is_upper(c); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

bool has_upper(std::string_view text) { return std::any_of(text.begin(), text.end(), is_upper); }

// [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)*
bool is_path_component(std::string_view text) {
  std::size_t i = 0;
  while (true) {
    const std::size_t run_start = i;
    while (i < text.size() && is_lower_alnum(text[i])) {
      ++i;
    }
    if (i == run_start) {
      return false;  // empty, or a separator at the start, end or twice
    }
    if (i == text.size()) {
      return true;
    }
    const std::size_t separator_start = i;
    while (i < text.size() && !is_lower_alnum(text[i])) {
      ++i;
    }
    const std::string_view separator = text.substr(separator_start, i - separator_start);
    const bool dashes = separator.find_first_not_of('-') == std::string_view::npos;
    if (separator != "." && separator != "_" && separator != "__" && !dashes) {
      return false;
    }
  }
}

// [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool is_domain_component(std::string_view text) {
  return !text.empty() && is_alnum(text.front()) && is_alnum(text.back()) &&
         std::all_of(text.begin(), text.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

// host [":" port], host a dotted DNS-like name or IPv4 address, or "[" IPv6 "]".
bool is_registry(std::string_view text) {
  std::string_view host = text;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close == 1) {
      return false;
    }
    const std::string_view address = text.substr(1, close - 1);
    if (!std::all_of(address.begin(), address.end(),
                     [](char c) { return is_hex(c) || c == ':'; })) {
      return false;
    }
    host = {};
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return false;
      }
      port = rest.substr(1);
      if (port.empty()) {
        return false;
      }
    }
  } else {
    const std::size_t colon = text.find(':');
    if (colon != std::string_view::npos) {
      host = text.substr(0, colon);
      port = text.substr(colon + 1);
      if (port.empty()) {
        return false;
      }
    }
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = host.find('.', start);
      if (!is_domain_component(
              host.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
        return false;
      }
      if (dot == std::string_view::npos) {
        break;
      }
      start = dot + 1;
    }
  }
  return std::all_of(port.begin(), port.end(), is_digit);
}

bool is_tag(std::string_view text) {
  return !text.empty() && text.size() <= k_tag_length_max && is_word(text.front()) &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return is_word(c) || c == '.' || c == '-'; });
}

// The algorithms the engine verifies (go-digest's), each with its hex length.
bool is_digest(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return false;
  }
  const std::string_view algorithm = text.substr(0, colon);
  const std::string_view encoded = text.substr(colon + 1);
  std::size_t length = 0;
  if (algorithm == "sha256") {
    length = 64;
  } else if (algorithm == "sha384") {
    length = 96;
  } else if (algorithm == "sha512") {
    length = 128;
  } else {
    return false;
  }
  return encoded.size() == length && std::all_of(encoded.begin(), encoded.end(), is_lower_hex);
}

bool is_image_id(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), is_lower_hex);
}

bool is_registry_like(std::string_view component) {
  return component == "localhost" || component.find_first_of(".:") != std::string_view::npos ||
         has_upper(component);
}

Error invalid(const std::string& text, const std::string& why) {
  return Error{ErrorCode::bad_request, 0, "invalid image reference \"" + text + "\": " + why};
}

// Checks `path` (the repository as written, without "library/").
std::string path_fault(std::string_view path) {
  if (has_upper(path)) {
    return "repository name \"" + std::string(path) + "\" must be lowercase";
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view component =
        path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!is_path_component(component)) {
      return "repository name \"" + std::string(path) +
             "\" is invalid: each '/'-separated part must be lowercase letters and digits, "
             "separated inside by '.', '_', '__' or dashes";
    }
    if (slash == std::string_view::npos) {
      return {};
    }
    start = slash + 1;
  }
}

}  // namespace

std::string ImageReference::name() const {
  if (!written_name.empty()) {
    return written_name;
  }
  if (registry != k_default_registry) {
    return registry + "/" + repository;
  }
  const std::string_view path = repository;
  if (path.starts_with(k_official_prefix) &&
      path.find('/', k_official_prefix.size()) == std::string_view::npos) {
    return std::string(path.substr(k_official_prefix.size()));
  }
  return repository;
}

Result<ImageReference> parse_image_reference(const std::string& text) {
  if (text.empty()) {
    return invalid(text, "it is empty");
  }
  if (is_image_id(text)) {
    return invalid(text, "a 64-character hexadecimal string is an image ID, not a name");
  }
  ImageReference reference;
  std::string_view rest = text;
  if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
    reference.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (!is_digest(reference.digest)) {
      return invalid(text, "digest \"" + reference.digest +
                               "\" must be sha256:<64 lowercase hex digits> (or sha384, sha512)");
    }
  }
  const std::size_t colon = rest.rfind(':');
  const std::size_t last_slash = rest.rfind('/');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    reference.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (!is_tag(reference.tag)) {
      return invalid(text, "tag \"" + reference.tag +
                               "\" must be 1 to 128 letters, digits, '_', '.' or '-', "
                               "not starting with '.' or '-'");
    }
  }
  if (rest.empty()) {
    return invalid(text, "the repository name is missing");
  }
  reference.written_name = std::string(rest);

  std::string_view path = rest;
  reference.registry = std::string(k_default_registry);
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    const std::string_view first = rest.substr(0, slash);
    if (is_registry_like(first)) {
      if (!is_registry(first)) {
        return invalid(text, "registry \"" + std::string(first) + "\" is not a valid host[:port]");
      }
      reference.registry =
          first == k_legacy_default_registry ? std::string(k_default_registry) : std::string(first);
      path = rest.substr(slash + 1);
    }
  }
  if (const std::string fault = path_fault(path); !fault.empty()) {
    return invalid(text, fault);
  }
  reference.repository = std::string(path);
  if (reference.registry == k_default_registry && path.find('/') == std::string_view::npos) {
    reference.repository = std::string(k_official_prefix) + reference.repository;
  }
  if (reference.registry.size() + 1 + reference.repository.size() > k_name_length_max) {
    return invalid(text, "the name must not be more than 255 characters");
  }
  if (reference.tag.empty() && reference.digest.empty()) {
    reference.tag = "latest";
  }
  return reference;
}

ImagePullQuery pull_query(const ImageReference& reference) {
  return ImagePullQuery{reference.name(),
                        reference.digest.empty() ? reference.tag : reference.digest};
}

std::string to_query_string(const ImagePullQuery& query) {
  return "fromImage=" + url_encode(query.from_image) + "&tag=" + url_encode(query.tag);
}

std::string registry_key(const ImageReference& reference) {
  return reference.registry == k_default_registry ? std::string(k_docker_hub_key)
                                                  : reference.registry;
}

}  // namespace berth::engine
