// The structured engine settings: `blkio_config:`, and the device requests of
// `gpus:` and `deploy.resources.reservations.devices`.

#include <cstdint>

#include "compose/engine_settings_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_blkio_keys = {{"weight", "weight_device", "device_read_bps",
                                 "device_write_bps", "device_read_iops", "device_write_iops"},
                                {}};
const KnownKeys k_weight_device_keys = {{"path", "weight"}, {}};
const KnownKeys k_limit_keys = {{"path", "rate"}, {}};
const KnownKeys k_device_request_keys = {
    {"capabilities", "driver", "count", "device_ids", "options"}, {}};

// The engine's range for block IO weights.
constexpr int64_t k_min_weight = 10;
constexpr int64_t k_max_weight = 1000;

// The device `path:` every blkio entry needs.
std::optional<std::string> device_path(FieldReader& reader, const YamlNode& item,
                                       const std::string& path) {
  const YamlEntry* entry = item.find("path");
  if (entry == nullptr) {
    reader.error(item, path, "a block IO entry needs \"path\"");
    return std::nullopt;
  }
  std::optional<std::string> text = read_non_empty(reader, entry->value, child_path(path, "path"));
  if (text && text->front() != '/') {
    reader.error(entry->value, child_path(path, "path"),
                 "expected an absolute device path, got " + in_quotes(*text));
    return std::nullopt;
  }
  return text;
}

// The mappings of the sequence `node`, each checked for `known` keys.
template <typename Visit>
void for_each_mapping(FieldReader& reader, const YamlNode& node, const std::string& path,
                      const KnownKeys& known, Visit visit) {
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::string at = item_path(path, i);
    if (reader.expect(node.items[i], at, YamlNode::Kind::mapping)) {
      reader.check_keys(node.items[i], at, known, true);
      visit(node.items[i], at);
    }
  }
}

// A device_*_bps or device_*_iops list: rates in bytes ("12mb") or operations.
std::vector<BlkioLimit> blkio_limits(FieldReader& reader, const YamlNode& node,
                                     const std::string& path, bool in_bytes) {
  std::vector<BlkioLimit> limits;
  for_each_mapping(reader, node, path, k_limit_keys, [&](const YamlNode& item, const std::string& at) {
    std::optional<std::string> device = device_path(reader, item, at);
    const YamlEntry* rate = item.find("rate");
    if (rate == nullptr) {
      reader.error(item, at, "a block IO limit needs \"rate\"");
      return;
    }
    std::string rate_path = child_path(at, "rate");
    std::optional<int64_t> value =
        in_bytes ? read_byte_size(reader, rate->value, rate_path)
                 : read_integer_in(reader, rate->value, rate_path, 0, INT64_MAX);
    if (device && value) {
      limits.push_back({*device, *value});
    }
  });
  return limits;
}

std::vector<BlkioWeightDevice> weight_devices(FieldReader& reader, const YamlNode& node,
                                              const std::string& path) {
  std::vector<BlkioWeightDevice> devices;
  for_each_mapping(reader, node, path, k_weight_device_keys,
                   [&](const YamlNode& item, const std::string& at) {
                     std::optional<std::string> device = device_path(reader, item, at);
                     const YamlEntry* weight = item.find("weight");
                     if (weight == nullptr) {
                       reader.error(item, at, "a weight_device entry needs \"weight\"");
                       return;
                     }
                     std::optional<int64_t> value =
                         read_integer_in(reader, weight->value, child_path(at, "weight"),
                                         k_min_weight, k_max_weight);
                     if (device && value) {
                       devices.push_back({*device, static_cast<int>(*value)});
                     }
                   });
  return devices;
}

// "all" is -1, as the engine counts all devices.
std::optional<int64_t> device_count(FieldReader& reader, const YamlNode& node,
                                    const std::string& path) {
  if (node.is_scalar() && node.text == "all") {
    return -1;
  }
  return read_integer_in(reader, node, path, -1, INT64_MAX);
}

}  // namespace

std::optional<BlkioConfig> parse_blkio_config(FieldReader& reader, const YamlNode& node,
                                              const std::string& path) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  reader.check_keys(node, path, k_blkio_keys, true);
  BlkioConfig config;
  const std::pair<const char*, std::vector<BlkioLimit> BlkioConfig::*> k_limits[] = {
      {"device_read_bps", &BlkioConfig::device_read_bps},
      {"device_write_bps", &BlkioConfig::device_write_bps},
      {"device_read_iops", &BlkioConfig::device_read_iops},
      {"device_write_iops", &BlkioConfig::device_write_iops}};
  for (const YamlEntry& entry : node.entries) {
    const std::string& key = entry.key.text;
    std::string at = child_path(path, key);
    if (key == "weight") {
      std::optional<int64_t> weight =
          read_integer_in(reader, entry.value, at, k_min_weight, k_max_weight);
      config.weight = weight ? std::optional<int>(static_cast<int>(*weight)) : std::nullopt;
    } else if (key == "weight_device") {
      config.weight_device = weight_devices(reader, entry.value, at);
    }
    for (const auto& [limit_key, field] : k_limits) {
      if (key == limit_key) {
        config.*field = blkio_limits(reader, entry.value, at, key.ends_with("bps"));
      }
    }
  }
  return config;
}

std::optional<DeviceRequest> parse_device_request(FieldReader& reader, const YamlNode& node,
                                                  const std::string& path) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  size_t errors = reader.diagnostics().size();
  reader.check_keys(node, path, k_device_request_keys, true);
  DeviceRequest request;
  for (const YamlEntry& entry : node.entries) {
    const std::string& key = entry.key.text;
    std::string at = child_path(path, key);
    if (key == "capabilities") {
      request.capabilities = read_string_list(reader, entry.value, at);
    } else if (key == "driver") {
      request.driver = read_non_empty(reader, entry.value, at).value_or("");
    } else if (key == "count") {
      request.count = device_count(reader, entry.value, at);
    } else if (key == "device_ids") {
      request.device_ids = read_string_list(reader, entry.value, at);
    } else if (key == "options" && !entry.value.is_null()) {
      for (FieldReader::KeyValue& option : reader.key_values(entry.value, at)) {
        request.options[option.key] = option.value.value_or("");
      }
    }
  }
  if (request.count && !request.device_ids.empty()) {
    reader.error(node, path, "\"count\" and \"device_ids\" may not both be set");
  }
  if (reader.diagnostics().size() != errors) {
    return std::nullopt;
  }
  return request;
}

}  // namespace berth::compose
