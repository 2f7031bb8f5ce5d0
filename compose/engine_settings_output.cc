#include "compose/engine_settings_output.h"

#include <nlohmann/json.hpp>

namespace berth::compose {
namespace {

using nlohmann::json;

json device_request_json(const DeviceRequest& request) {
  json out = json::object();
  if (!request.capabilities.empty()) {
    out["capabilities"] = request.capabilities;
  }
  if (!request.driver.empty()) {
    out["driver"] = request.driver;
  }
  if (request.count) {
    out["count"] = *request.count;
  }
  if (!request.device_ids.empty()) {
    out["device_ids"] = request.device_ids;
  }
  if (!request.options.empty()) {
    out["options"] = request.options;
  }
  return out;
}

json device_requests_json(const std::vector<DeviceRequest>& requests) {
  json out = json::array();
  for (const DeviceRequest& request : requests) {
    out.push_back(device_request_json(request));
  }
  return out;
}

json blkio_json(const BlkioConfig& config) {
  json out = json::object();
  if (config.weight) {
    out["weight"] = *config.weight;
  }
  for (const BlkioWeightDevice& device : config.weight_device) {
    out["weight_device"].push_back({{"path", device.path}, {"weight", device.weight}});
  }
  const std::pair<const char*, const std::vector<BlkioLimit>*> k_limits[] = {
      {"device_read_bps", &config.device_read_bps},
      {"device_read_iops", &config.device_read_iops},
      {"device_write_bps", &config.device_write_bps},
      {"device_write_iops", &config.device_write_iops}};
  for (const auto& [key, limits] : k_limits) {
    for (const BlkioLimit& limit : *limits) {
      out[key].push_back({{"path", limit.path}, {"rate", limit.rate}});
    }
  }
  return out;
}

void add_texts(const EngineSettings& e, json& doc) {
  const std::pair<const char*, const std::string*> k_texts[] = {
      {"runtime", &e.runtime},         {"cgroup", &e.cgroup},
      {"cgroup_parent", &e.cgroup_parent}, {"cpuset", &e.cpuset},
      {"domainname", &e.domainname},   {"mac_address", &e.mac_address},
      {"userns_mode", &e.userns_mode}, {"uts", &e.uts},
      {"isolation", &e.isolation}};
  for (const auto& [key, value] : k_texts) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  const std::pair<const char*, const std::vector<std::string>*> k_lists[] = {
      {"security_opt", &e.security_opt},
      {"device_cgroup_rules", &e.device_cgroup_rules},
      {"dns_opt", &e.dns_opt},
      {"group_add", &e.group_add}};
  for (const auto& [key, value] : k_lists) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  if (!e.storage_opt.empty()) {
    doc["storage_opt"] = e.storage_opt;
  }
}

void add_numbers(const EngineSettings& e, json& doc) {
  const std::pair<const char*, const std::optional<int64_t>*> k_numbers[] = {
      {"cpu_count", &e.cpu_count},         {"cpu_percent", &e.cpu_percent},
      {"cpu_shares", &e.cpu_shares},       {"cpu_period", &e.cpu_period},
      {"cpu_quota", &e.cpu_quota},         {"cpu_rt_period", &e.cpu_rt_period},
      {"cpu_rt_runtime", &e.cpu_rt_runtime}, {"mem_reservation", &e.mem_reservation},
      {"memswap_limit", &e.memswap_limit}, {"mem_swappiness", &e.mem_swappiness},
      {"oom_score_adj", &e.oom_score_adj}, {"pids_limit", &e.pids_limit}};
  for (const auto& [key, value] : k_numbers) {
    if (*value) {
      doc[key] = **value;
    }
  }
  if (e.oom_kill_disable) {
    doc["oom_kill_disable"] = *e.oom_kill_disable;
  }
}

}  // namespace

void add_engine_settings_json(const Service& service, json& doc) {
  const EngineSettings& e = service.engine;
  add_texts(e, doc);
  add_numbers(e, doc);
  if (e.blkio_config) {
    doc["blkio_config"] = blkio_json(*e.blkio_config);
  }
  if (!e.gpus.empty()) {
    doc["gpus"] = device_requests_json(e.gpus);
  }
  if (!service.pull_policy.empty()) {
    doc["pull_policy"] = service.pull_policy;
  }
  if (service.deploy.limit_pids) {
    doc["deploy"]["resources"]["limits"]["pids"] = *service.deploy.limit_pids;
  }
  if (!service.deploy.reserve_devices.empty()) {
    doc["deploy"]["resources"]["reservations"]["devices"] =
        device_requests_json(service.deploy.reserve_devices);
  }
}

}  // namespace berth::compose
