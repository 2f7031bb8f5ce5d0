#include "engine/image_build_query.h"

#include <nlohmann/json.hpp>

#include "engine/json_mapping.h"

namespace berth::engine {

namespace {

void add(std::string& query, const std::string& name, const std::string& value) {
  query += (query.empty() ? "" : "&") + name + "=" + url_encode(value);
}

}  // namespace

std::string image_build_query(const ImageBuild& spec) {
  std::string query;
  if (!spec.tag.empty()) {
    add(query, "t", spec.tag);
  }
  for (const auto& tag : spec.extra_tags) {
    add(query, "t", tag);  // the engine tags the image with every "t"
  }
  if (!spec.platform.empty()) {
    add(query, "platform", spec.platform);
  }
  if (!spec.isolation.empty()) {
    add(query, "isolation", spec.isolation);
  }
  if (!spec.ulimits.empty()) {
    nlohmann::json ulimits = nlohmann::json::array();
    for (const auto& limit : spec.ulimits) {
      ulimits.push_back({{"Name", limit.name}, {"Soft", limit.soft}, {"Hard", limit.hard}});
    }
    add(query, "ulimits", ulimits.dump());
  }
  if (!spec.dockerfile.empty()) {
    add(query, "dockerfile", spec.dockerfile);
  }
  if (!spec.args.empty()) {
    nlohmann::json args = nlohmann::json::object();
    for (const auto& [name, value] : spec.args) {
      args[name] = value;  // a later one with the same name wins, as with --build-arg
    }
    add(query, "buildargs", args.dump());
  }
  if (!spec.target.empty()) {
    add(query, "target", spec.target);
  }
  if (!spec.labels.empty()) {
    add(query, "labels", nlohmann::json(spec.labels).dump());
  }
  if (!spec.network.empty()) {
    add(query, "networkmode", spec.network);
  }
  if (spec.shm_size) {
    add(query, "shmsize", std::to_string(*spec.shm_size));
  }
  for (const auto& host : spec.extra_hosts) {
    add(query, "extrahosts", host);
  }
  if (!spec.cache_from.empty()) {
    add(query, "cachefrom", nlohmann::json(spec.cache_from).dump());
  }
  if (spec.no_cache) {
    add(query, "nocache", "1");
  }
  if (spec.pull) {
    add(query, "pull", "1");
  }
  if (spec.quiet) {
    add(query, "q", "1");
  }
  // Intermediate containers go, even when a step fails: the docker CLI's default.
  add(query, "rm", "1");
  add(query, "forcerm", "1");
  return query;
}

}  // namespace berth::engine
