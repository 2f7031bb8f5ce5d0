#include "compose/service_extras_output.h"

#include <nlohmann/json.hpp>

namespace berth::compose {

namespace {

using nlohmann::json;

json hook_json(const LifecycleHook& hook) {
  json doc = {{"command", hook.command}};
  if (!hook.user.empty()) {
    doc["user"] = hook.user;
  }
  if (hook.privileged) {
    doc["privileged"] = true;
  }
  if (!hook.working_dir.empty()) {
    doc["working_dir"] = hook.working_dir;
  }
  if (!hook.environment.empty()) {
    json environment = json::object();
    for (const auto& [key, value] : hook.environment) {
      environment[key] = value;
    }
    doc["environment"] = environment;
  }
  return doc;
}

json hooks_json(const std::vector<LifecycleHook>& hooks) {
  json list = json::array();
  for (const LifecycleHook& hook : hooks) {
    list.push_back(hook_json(hook));
  }
  return list;
}

json watch_rule_json(const WatchRule& rule) {
  json doc = {{"action", watch_action_name(rule.action)}, {"path", rule.path}};
  if (!rule.target.empty()) {
    doc["target"] = rule.target;
  }
  if (!rule.ignore.empty()) {
    doc["ignore"] = rule.ignore;
  }
  if (!rule.include.empty()) {
    doc["include"] = rule.include;
  }
  if (rule.initial_sync) {
    doc["initial_sync"] = true;
  }
  if (rule.exec) {
    doc["exec"] = hook_json(*rule.exec);
  }
  return doc;
}

json credential_spec_json(const CredentialSpec& spec) {
  json doc = json::object();
  for (const auto& [key, value] : {std::pair{"config", &spec.config}, std::pair{"file", &spec.file},
                                   std::pair{"registry", &spec.registry}}) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  return doc;
}

}  // namespace

void add_service_extras_json(const Service& service, json& doc) {
  if (service.attach) {
    doc["attach"] = *service.attach;
  }
  if (!service.annotations.empty()) {
    doc["annotations"] = service.annotations;
  }
  if (!service.post_start.empty()) {
    doc["post_start"] = hooks_json(service.post_start);
  }
  if (!service.pre_stop.empty()) {
    doc["pre_stop"] = hooks_json(service.pre_stop);
  }
  if (service.develop) {
    json watch = json::array();
    for (const WatchRule& rule : service.develop->watch) {
      watch.push_back(watch_rule_json(rule));
    }
    doc["develop"] = {{"watch", watch}};
  }
  if (service.credential_spec) {
    doc["credential_spec"] = credential_spec_json(*service.credential_spec);
  }
}

void add_build_extras_json(const BuildSpec& build, json& doc) {
  for (const auto& [key, value] : {std::pair{"dockerfile_inline", &build.dockerfile_inline},
                                   std::pair{"isolation", &build.isolation}}) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  for (const auto& [key, flag] :
       {std::pair{"no_cache", build.no_cache}, std::pair{"pull", build.pull},
        std::pair{"privileged", build.privileged}}) {
    if (flag) {
      doc[key] = true;
    }
  }
  json ulimits = json::object();
  for (const Ulimit& limit : build.ulimits) {
    ulimits[limit.name] = limit.soft == limit.hard
                              ? json(limit.soft)
                              : json{{"soft", limit.soft}, {"hard", limit.hard}};
  }
  json secrets = json::array();
  for (const auto& [source, target] : build.secrets) {
    json secret = {{"source", source}};
    if (!target.empty()) {
      secret["target"] = target;
    }
    secrets.push_back(secret);
  }
  // Empty ones are dropped by the caller.
  doc.update({{"tags", build.tags},
              {"platforms", build.platforms},
              {"ulimits", ulimits},
              {"additional_contexts", build.additional_contexts},
              {"ssh", build.ssh},
              {"secrets", secrets},
              {"entitlements", build.entitlements},
              {"cache_to", build.cache_to}});
}

}  // namespace berth::compose
