#pragma once
// Internal to compose: the options of a service's volume mount, in the short
// syntax (the words after the second ':') and in the long syntax (the `bind:`,
// `volume:` and `tmpfs:` mappings). volume_parser.h reads the rest.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// "ro,z", "rw,rshared", "nocopy", ...: comma-separated words, the last of a
// kind winning as in compose. ro|rw; z|Z (SELinux relabeling); nocopy (volumes
// only); [r]shared|[r]slave|[r]private (binds only); cached|delegated|consistent
// (macOS consistency: accepted and ignored, as compose does). `mount`'s kind
// and source are already set. Returns an error message, or "" when valid.
// Words it does not know are left in `ignored`: compose v2 drops them
// silently, berth drops them with a warning (zabbix's "roz" means "ro,z").
std::string apply_short_mode(const std::string& mode, VolumeMount& mount,
                             std::vector<std::string>& ignored);

// The long syntax's `bind: {propagation, create_host_path, selinux}`,
// `volume: {nocopy, subpath}` and `tmpfs: {size, mode}` for a mount of that
// type; `options` is that key's value, a mapping. `subpath` needs API 1.45:
// recorded in `requirements`. Returns false after reporting a problem.
bool parse_bind_options(FieldReader& reader, const YamlNode& options, const std::string& path,
                        VolumeMount& mount);
bool parse_volume_options(FieldReader& reader, const YamlNode& options, const std::string& path,
                          VolumeMount& mount, std::vector<ApiRequirement>* requirements);
bool parse_tmpfs_options(FieldReader& reader, const YamlNode& options, const std::string& path,
                         VolumeMount& mount);

// A permission mode as YAML reads an integer: octal with a leading "0" or
// "0o" ("01777"), hexadecimal with "0x", decimal otherwise, as compose takes
// it; at most 07777. nullopt when it is none of these.
std::optional<uint32_t> parse_file_mode(const std::string& text);

}  // namespace berth::compose
