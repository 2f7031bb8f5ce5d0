#pragma once
// Internal to compose: reads the service keys of compose/engine_settings.h,
// `pull_policy:`, and the two `deploy.resources` keys one engine honours
// (limits.pids, reservations.devices). parse_container_options() calls it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// The service keys parse_engine_settings() reads, for the service's key check.
const std::vector<std::string>& engine_setting_keys();

// Reads those keys of the service body `body` (at `path`) into `service`
// (service.engine, service.pull_policy, service.deploy.limit_pids and
// reserve_devices); `deploy:` itself must have been read already.
void parse_engine_settings(FieldReader& reader, const YamlNode& body, const std::string& path,
                           Service& service);

// In compose/device_settings_parser.cc: one `gpus:` / `reservations.devices`
// entry, and `blkio_config:`.
std::optional<DeviceRequest> parse_device_request(FieldReader& reader, const YamlNode& node,
                                                  const std::string& path);
std::optional<BlkioConfig> parse_blkio_config(FieldReader& reader, const YamlNode& node,
                                              const std::string& path);

// An integer within [minimum, maximum]; compose takes these keys as numbers or
// strings, so a quoted "512" (or an interpolated "${SHARES}") counts too.
std::optional<int64_t> read_integer_in(FieldReader& reader, const YamlNode& node,
                                       const std::string& path, int64_t minimum, int64_t maximum);

}  // namespace berth::compose
