#include "compose/berth_health_parser.h"

#include <charconv>
#include <climits>
#include <cstdint>
#include <tuple>

#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_berth_health_keys = {
    {"http", "tcp", "interval", "timeout", "retries", "start_period"}, {}};
const KnownKeys k_http_keys = {{"port", "path", "status"}, {}};
const KnownKeys k_tcp_keys = {{"port"}, {}};

constexpr int64_t k_min_port = 1;
constexpr int64_t k_max_port = 65535;
constexpr int64_t k_min_status = 100;
constexpr int64_t k_max_status = 599;

// An integer within [minimum, maximum]. A quoted number ("8080") is taken too,
// as the long port syntax takes port numbers, so a quoted "${PORT}" works.
std::optional<int> bounded_integer(FieldReader& reader, const YamlNode& node,
                                   const std::string& path, int64_t minimum, int64_t maximum) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [stop, error] = std::from_chars(text->data(), end, value);
  bool too_big = error == std::errc::result_out_of_range;
  if (text->empty() || stop != end || (error != std::errc() && !too_big)) {
    reader.error(node, path, "expected an integer, got " + in_quotes(*text));
    return std::nullopt;
  }
  if (too_big || value < minimum || value > maximum) {
    reader.error(node, path,
                 maximum == INT_MAX ? "must be at least " + std::to_string(minimum)
                                    : "must be between " + std::to_string(minimum) + " and " +
                                          std::to_string(maximum));
    return std::nullopt;
  }
  return static_cast<int>(value);
}

// A duration; zero only where it means "none" (start_period).
std::optional<int64_t> duration(FieldReader& reader, const YamlNode& node, const std::string& path,
                                bool zero_allowed) {
  std::optional<int64_t> nanoseconds = read_duration_ns(reader, node, path);
  if (nanoseconds && *nanoseconds == 0 && !zero_allowed) {
    reader.error(node, path, "must be greater than 0");
    return std::nullopt;
  }
  return nanoseconds;
}

// The body of `http:` or `tcp:`: what to probe.
void parse_target(FieldReader& reader, const YamlEntry& entry, const std::string& path,
                  BerthHealth& health) {
  bool http = entry.key.text == "http";
  health.kind = http ? BerthHealth::Kind::http : BerthHealth::Kind::tcp;
  const YamlNode& node = entry.value;
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, http ? k_http_keys : k_tcp_keys, true);
  if (const YamlEntry* port = node.find("port")) {
    health.port =
        bounded_integer(reader, port->value, child_path(path, "port"), k_min_port, k_max_port)
            .value_or(0);
  } else {
    reader.error(entry.key, path, "a \"port\" is required");
  }
  if (!http) {
    return;
  }
  if (const YamlEntry* probe_path = node.find("path")) {
    std::string at = child_path(path, "path");
    std::optional<std::string> text = reader.string(probe_path->value, at);
    if (text && !text->starts_with("/")) {
      reader.error(probe_path->value, at, "must start with \"/\", got " + in_quotes(*text));
    } else if (text) {
      health.path = *text;
    }
  }
  if (const YamlEntry* status = node.find("status")) {
    health.status = bounded_integer(reader, status->value, child_path(path, "status"), k_min_status,
                                    k_max_status)
                        .value_or(health.status);
  }
}

// Exactly one of `http:` and `tcp:`; with both, the one written second is reported.
void parse_kind(FieldReader& reader, const YamlEntry& entry, const std::string& path,
                BerthHealth& health) {
  const YamlEntry* first = nullptr;
  for (const YamlEntry& candidate : entry.value.entries) {
    if (candidate.key.text != "http" && candidate.key.text != "tcp") {
      continue;
    }
    if (first != nullptr) {
      reader.error(candidate.key, path,
                   "\"http\" and \"tcp\" cannot both be set; choose one probe");
      return;
    }
    first = &candidate;
  }
  if (first == nullptr) {
    reader.error(entry.key, path, "needs an \"http\" or a \"tcp\" probe");
    return;
  }
  parse_target(reader, *first, child_path(path, first->key.text), health);
}

void parse_timing(FieldReader& reader, const YamlNode& node, const std::string& path,
                  BerthHealth& health) {
  const std::tuple<const char*, int64_t BerthHealth::*, bool> k_durations[] = {
      {"interval", &BerthHealth::interval_ns, false},
      {"timeout", &BerthHealth::timeout_ns, false},
      {"start_period", &BerthHealth::start_period_ns, true}};
  for (const auto& [key, field, zero_allowed] : k_durations) {
    if (const YamlEntry* entry = node.find(key)) {
      health.*field = duration(reader, entry->value, child_path(path, key), zero_allowed)
                          .value_or(health.*field);
    }
  }
  if (const YamlEntry* retries = node.find("retries")) {
    health.retries =
        bounded_integer(reader, retries->value, child_path(path, "retries"), 1, INT_MAX)
            .value_or(health.retries);
  }
}

}  // namespace

std::optional<BerthHealth> parse_berth_health(FieldReader& reader, const YamlEntry& entry,
                                              const std::string& path) {
  if (entry.value.is_null()) {
    return std::nullopt;
  }
  if (!reader.expect(entry.value, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  size_t errors_before = reader.diagnostics().size();
  BerthHealth health;
  health.pos = reader.pos(entry.key, path);
  reader.check_keys(entry.value, path, k_berth_health_keys, true);
  parse_kind(reader, entry, path, health);
  parse_timing(reader, entry.value, path, health);
  if (reader.diagnostics().size() != errors_before) {
    return std::nullopt;
  }
  return health;
}

}  // namespace berth::compose
