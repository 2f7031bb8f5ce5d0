#include "scheduler/spec/engine_settings_spec.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "files/bounded_file.h"

namespace berth::scheduler {
namespace {

using nlohmann::json;

constexpr const char* k_seccomp_prefix = "seccomp=";
constexpr const char* k_unconfined_paths = "systempaths=unconfined";

// The profile FILE of "seccomp=FILE" as compact JSON; nullopt when unreadable
// or not JSON, and the option then goes to the engine as written, which
// reports it.
std::optional<std::string> seccomp_profile(const compose::Project& project,
                                           const std::string& file) {
  std::filesystem::path path(file);
  if (path.is_relative()) {
    path = std::filesystem::path(project.directory) / path;
  }
  files::ReadResult read = files::read_file(path.string());
  if (!read) {
    return std::nullopt;
  }
  json profile = json::parse(read.text, nullptr, false);
  return profile.is_discarded() ? std::nullopt : std::optional(profile.dump());
}

void add_security_options(const compose::Project& project, const compose::EngineSettings& e,
                          engine::ContainerTuning& t) {
  for (const std::string& option : e.security_opt) {
    if (option == k_unconfined_paths) {
      t.unconfined_paths = true;
      continue;
    }
    std::string seccomp_file;
    if (option.starts_with(k_seccomp_prefix) || option.starts_with("seccomp:")) {
      seccomp_file = option.substr(std::string(k_seccomp_prefix).size());
    }
    std::optional<std::string> profile;
    if (!seccomp_file.empty() && seccomp_file != "unconfined") {
      profile = seccomp_profile(project, seccomp_file);
    }
    t.security_opt.push_back(profile ? k_seccomp_prefix + *profile : option);
  }
}

engine::DeviceRequest device_request(const compose::DeviceRequest& request, bool gpu) {
  std::vector<std::string> capabilities = request.capabilities;
  // `gpus:` asks for the "gpu" capability whatever else it lists, as compose does.
  if (gpu && std::find(capabilities.begin(), capabilities.end(), "gpu") == capabilities.end()) {
    capabilities.push_back("gpu");
  }
  engine::DeviceRequest out{request.driver, request.count.value_or(0), request.device_ids, {},
                            request.options};
  if (!capabilities.empty()) {
    out.capabilities.push_back(capabilities);
  }
  return out;
}

std::vector<engine::BlkioDeviceRate> rates(const std::vector<compose::BlkioLimit>& limits) {
  std::vector<engine::BlkioDeviceRate> out;
  for (const compose::BlkioLimit& limit : limits) {
    out.push_back({limit.path, limit.rate});
  }
  return out;
}

void add_blkio(const compose::BlkioConfig& blkio, engine::ContainerTuning& t) {
  t.blkio_weight = blkio.weight.value_or(0);
  for (const compose::BlkioWeightDevice& device : blkio.weight_device) {
    t.blkio_weight_device.push_back({device.path, device.weight});
  }
  t.blkio_device_read_bps = rates(blkio.device_read_bps);
  t.blkio_device_write_bps = rates(blkio.device_write_bps);
  t.blkio_device_read_iops = rates(blkio.device_read_iops);
  t.blkio_device_write_iops = rates(blkio.device_write_iops);
}

void add_cpu_and_memory(const compose::Service& service, engine::ContainerTuning& t) {
  const compose::EngineSettings& e = service.engine;
  t.cpu_count = e.cpu_count.value_or(0);
  t.cpu_percent = e.cpu_percent.value_or(0);
  t.cpu_shares = e.cpu_shares.value_or(0);
  t.cpu_period = e.cpu_period.value_or(0);
  t.cpu_quota = e.cpu_quota.value_or(0);
  t.cpu_realtime_period = e.cpu_rt_period.value_or(0);
  t.cpu_realtime_runtime = e.cpu_rt_runtime.value_or(0);
  t.cpuset_cpus = e.cpuset;
  // deploy.resources wins, as it does for memory and cpus.
  t.memory_reservation = service.deploy.reserve_memory.value_or(e.mem_reservation.value_or(0));
  t.memory_swap = e.memswap_limit.value_or(0);
  t.memory_swappiness = e.mem_swappiness;
  t.oom_kill_disable = e.oom_kill_disable;
  t.oom_score_adj = e.oom_score_adj.value_or(0);
  t.pids_limit = service.deploy.limit_pids ? service.deploy.limit_pids : e.pids_limit;
}

}  // namespace

void apply_engine_settings(const compose::Project& project, const compose::Service& service,
                           engine::ContainerCreate& spec) {
  const compose::EngineSettings& e = service.engine;
  engine::ContainerTuning& t = spec.tuning;
  t.domainname = e.domainname;
  t.mac_address = e.mac_address;
  t.runtime = e.runtime;
  add_security_options(project, e, t);
  t.cgroupns_mode = e.cgroup;
  t.cgroup_parent = e.cgroup_parent;
  add_cpu_and_memory(service, t);
  if (e.blkio_config) {
    add_blkio(*e.blkio_config, t);
  }
  t.device_cgroup_rules = e.device_cgroup_rules;
  t.dns_options = e.dns_opt;
  t.group_add = e.group_add;
  t.userns_mode = e.userns_mode;
  t.uts_mode = e.uts;
  t.storage_opt = e.storage_opt;
  t.isolation = e.isolation;
  for (const compose::DeviceRequest& request : e.gpus) {
    t.device_requests.push_back(device_request(request, true));
  }
  for (const compose::DeviceRequest& request : service.deploy.reserve_devices) {
    t.device_requests.push_back(device_request(request, false));
  }
}

std::string engine_settings_text(const compose::Service& service) {
  const compose::EngineSettings& e = service.engine;
  json doc = json::object();
  const std::pair<const char*, const std::string*> texts[] = {
      {"runtime", &e.runtime},         {"cgroup", &e.cgroup},   {"cgroup_parent", &e.cgroup_parent},
      {"cpuset", &e.cpuset},           {"domainname", &e.domainname},
      {"mac_address", &e.mac_address}, {"userns_mode", &e.userns_mode},
      {"uts", &e.uts},                 {"isolation", &e.isolation}};
  for (const auto& [key, value] : texts) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"security_opt", &e.security_opt}, {"device_cgroup_rules", &e.device_cgroup_rules},
      {"dns_opt", &e.dns_opt},           {"group_add", &e.group_add}};
  for (const auto& [key, value] : lists) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  if (!e.storage_opt.empty()) {
    doc["storage_opt"] = e.storage_opt;
  }
  // The engine's view of the numbers, blkio and devices: what the container is created with.
  engine::ContainerCreate spec;
  add_cpu_and_memory(service, spec.tuning);
  const engine::ContainerTuning& t = spec.tuning;
  json numbers = {t.cpu_count, t.cpu_percent, t.cpu_shares, t.cpu_period, t.cpu_quota,
                  t.cpu_realtime_period, t.cpu_realtime_runtime, t.memory_reservation,
                  t.memory_swap, t.memory_swappiness ? json(*t.memory_swappiness) : json(),
                  t.oom_kill_disable ? json(*t.oom_kill_disable) : json(), t.oom_score_adj,
                  t.pids_limit ? json(*t.pids_limit) : json()};
  if (numbers != json{0, 0, 0, 0, 0, 0, 0, 0, 0, nullptr, nullptr, 0, nullptr}) {
    doc["numbers"] = numbers;
  }
  if (e.blkio_config) {
    add_blkio(*e.blkio_config, spec.tuning);
    json blkio = {t.blkio_weight};
    for (const auto* list : {&t.blkio_weight_device, &t.blkio_device_read_bps,
                             &t.blkio_device_write_bps, &t.blkio_device_read_iops,
                             &t.blkio_device_write_iops}) {
      json entries = json::array();
      for (const engine::BlkioDeviceRate& rate : *list) {
        entries.push_back({rate.path, rate.rate});
      }
      blkio.push_back(entries);
    }
    doc["blkio"] = blkio;
  }
  json devices = json::array();
  for (const auto& [requests, gpu] : {std::pair{&e.gpus, true},
                                      std::pair{&service.deploy.reserve_devices, false}}) {
    for (const compose::DeviceRequest& request : *requests) {
      engine::DeviceRequest r = device_request(request, gpu);
      devices.push_back({r.driver, r.count, r.device_ids, r.capabilities, r.options});
    }
  }
  if (!devices.empty()) {
    doc["devices"] = devices;
  }
  return doc.empty() ? std::string() : doc.dump();
}

}  // namespace berth::scheduler
