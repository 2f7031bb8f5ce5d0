#include "scheduler/spec/config_hash.h"

#include <nlohmann/json.hpp>

#include "scheduler/spec/container_options_hash.h"
#include "scheduler/spec/engine_settings_spec.h"
#include "scheduler/spec/secret_mounts.h"
#include "scheduler/sha256.h"

namespace berth::scheduler {

namespace {

using nlohmann::json;

json ports_json(const compose::Service& service) {
  json out = json::array();
  for (const auto& p : service.ports) {
    out.push_back({p.host_ip, p.host_start, p.host_end, p.container_start, p.container_end,
                   p.protocol});
  }
  return out;
}

json volumes_json(const compose::Service& service) {
  json out = json::array();
  for (const auto& v : service.volumes) {
    json entry = {static_cast<int>(v.kind), v.source, v.target, v.read_only};
    // Only long-syntax mounts carry more, so short-syntax hashes stay as they were.
    if (v.long_syntax) {
      entry.push_back({v.propagation, v.nocopy, v.tmpfs_size ? json(*v.tmpfs_size) : json()});
    }
    // Later options only when set, so that older hashes stay as they were.
    json more = json::object();
    if (!v.selinux.empty()) {
      more["selinux"] = v.selinux;
    }
    if (!v.long_syntax && (!v.propagation.empty() || v.nocopy)) {
      more["short"] = {v.propagation, v.nocopy};
    }
    if (v.long_syntax && v.create_host_path) {
      more["create_host_path"] = true;
    }
    if (v.tmpfs_mode) {
      more["tmpfs_mode"] = *v.tmpfs_mode;
    }
    if (!v.consistency.empty()) {
      more["consistency"] = v.consistency;
    }
    if (!more.empty()) {
      entry.push_back(more);
    }
    out.push_back(entry);
  }
  return out;
}

}  // namespace

std::string config_hash(const compose::Service& service, const std::string& image_id) {
  json doc;
  doc["image"] = service.image;
  doc["image_id"] = image_id;
  doc["command"] = service.command ? json(*service.command) : json();
  doc["entrypoint"] = service.entrypoint ? json(*service.entrypoint) : json();
  doc["environment"] = service.environment;
  doc["ports"] = ports_json(service);
  json expose = json::array();
  for (const auto& e : service.expose) {
    expose.push_back({e.start, e.end, e.protocol});
  }
  doc["expose"] = expose;
  json links = json::array();
  for (const auto& l : service.links) {
    links.push_back({l.service, l.alias});
  }
  doc["links"] = links;
  json from = json::array();
  for (const auto& f : service.volumes_from) {
    from.push_back({f.source, f.is_container, f.read_only});
  }
  doc["volumes_from"] = from;
  doc["volumes"] = volumes_json(service);
  doc["container_name"] = service.container_name;
  doc["hostname"] = service.hostname;
  doc["working_dir"] = service.working_dir;
  doc["user"] = service.user;
  doc["labels"] = service.labels;
  doc["restart"] = service.restart;
  // Networks only when written, so containers of files without them keep their hash.
  json networks = json::array();
  for (const auto& n : service.networks) {
    if (n.implicit) {
      continue;
    }
    json entry = {n.key, n.aliases, n.ipv4_address, n.ipv6_address, n.priority};
    if (!n.driver_opts.empty() || !n.link_local_ips.empty() || !n.mac_address.empty()) {
      entry.push_back({n.driver_opts, n.link_local_ips, n.mac_address});
    }
    networks.push_back(entry);
  }
  if (!networks.empty()) {
    doc["networks"] = networks;
  }
  if (!service.network_mode.text.empty()) {
    doc["network_mode"] = service.network_mode.text;
  }
  if (std::string options = container_options_text(service); !options.empty()) {
    doc["options"] = options;
  }
  // Only when set, so services without these keys keep their hashes.
  if (std::string engine = engine_settings_text(service); !engine.empty()) {
    doc["engine"] = engine;
  }
  // Only when written, so services without them keep their hashes.
  if (std::string files = secrets_hash_text(service); !files.empty()) {
    doc["secrets_configs"] = files;
  }
  // Only when written, so services without `build:` keep their hashes.
  if (service.build) {
    const auto& b = *service.build;
    doc["build"] = {b.context, b.dockerfile, b.args, b.target, b.labels, b.network,
                    b.shm_size ? *b.shm_size : -1, b.extra_hosts, b.cache_from};
  }
  return sha256_hex(doc.dump());
}

}  // namespace berth::scheduler
