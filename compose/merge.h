#pragma once
// Internal to compose: laying one project file's tree over another's
// (`-f a.yml -f b.yml`, the override file) and a service over the one it
// extends, with docker-compose 1.29.2's rules, before any parser runs.
// Every node keeps the file and position it was written at, so a problem
// found later points into the right file.
//
// The rules, per service key (the rest replace):
//  - environment, labels, sysctls, ulimits, storage_opt, extra_hosts,
//    depends_on: merged by key, list and mapping forms alike;
//  - links by alias; volumes and devices by container path; ports by
//    (ip, published, target, protocol); secrets and configs by source;
//  - expose, cap_add, cap_drop, external_links, volumes_from, profiles,
//    security_opt, device_cgroup_rules: the union;
//  - dns, dns_search, env_file, tmpfs: base then override, duplicates kept;
//  - networks, build, logging, healthcheck, blkio_config, deploy: merged
//    field by field as compose does; command, entrypoint, healthcheck.test
//    and any other value: replaced.
// A value that cannot be merged (a string where a list belongs) is kept from
// the side that has it wrong, so the parser reports it.
//
// The compose-spec merge tags work at any depth of mappings: a value tagged
// "!reset" removes its key (whatever the files before gave it, also from the
// service `extends` takes), "!override" replaces the value instead of
// merging it. Both keep their tag in the merged tree until drop_merge_tags().
//
// Unlike compose, which sorts merged lists, items keep the order written:
// the base's first (replaced in place), then the override's new ones.

#include <string>
#include <vector>

#include "compose/yaml_tree.h"

namespace berth::compose {

// Whether `root` uses the services format (`services:`, `version:` or
// `include:` at the top level) rather than fig v1's services-at-the-top-level.
bool is_services_format(const YamlNode& root);

// One service's mapping laid over another's. In fig v1 files an `image:` or
// `build:` in `override` drops both from `base`, as compose does for v1.
YamlNode merge_service(const YamlNode& base, const YamlNode& override, bool legacy_format);

// A whole file laid over the files before it. Services merge by name with
// merge_service(); top-level volumes, networks, secrets and configs are
// replaced by name (compose does not merge their bodies); other keys replace.
// Both roots must be mappings in the same format.
YamlNode merge_files(const YamlNode& base, const YamlNode& override, bool legacy_format);

// Once everything is merged: entries and items tagged "!reset" removed,
// "!override" tags cleared. In a file on its own, "!reset" drops its key and
// "!override" changes nothing, as in compose v2.
void drop_merge_tags(YamlNode& node);

// One warning per local tag other than the merge tags ("a.yml:3:9: unknown
// YAML tag "!foo" ignored ..."): compose v2 ignores them too, but a misspelt
// "!rest" would otherwise silently merge.
std::vector<std::string> unknown_tag_warnings(const YamlNode& root);

}  // namespace berth::compose
