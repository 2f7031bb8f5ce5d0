#include "scheduler/health_specs.h"

#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

health::HealthCheckSpec check_spec(const compose::Healthcheck& check) {
  health::HealthCheckSpec spec;
  spec.test = check.test;
  spec.interval_ns = check.interval_ns;
  spec.timeout_ns = check.timeout_ns;
  spec.start_period_ns = check.start_period_ns;
  spec.retries = check.retries;
  return spec;
}

health::HttpTcpProbeSpec probe_spec(const compose::BerthHealth& health) {
  health::HttpTcpProbeSpec spec;
  spec.kind = health.kind == compose::BerthHealth::Kind::http ? health::HttpTcpProbeSpec::Kind::http
                                                              : health::HttpTcpProbeSpec::Kind::tcp;
  spec.port = health.port;
  spec.path = health.path;
  spec.status = health.status;
  spec.interval_ns = health.interval_ns;
  spec.timeout_ns = health.timeout_ns;
  spec.retries = health.retries;
  spec.start_period_ns = health.start_period_ns;
  return spec;
}

}  // namespace

health::ServiceHealthSpec service_health_spec(const compose::Service& service) {
  health::ServiceHealthSpec spec;
  spec.name = service.name;
  if (service.options.healthcheck) {
    spec.healthcheck = check_spec(*service.options.healthcheck);
  }
  if (service.berth_health) {
    spec.probe = probe_spec(*service.berth_health);
  }
  for (const auto& dependency : service.depends_on) {
    if (dependency.restart) {
      spec.restarts_after.push_back(dependency.service);
    }
  }
  return spec;
}

health::MonitoredProject monitored_project(const compose::Project& project) {
  health::MonitoredProject monitored;
  monitored.name = project.name;
  for (const auto& service : project.services) {
    monitored.services.push_back(service_health_spec(service));
  }
  monitored.container_filter = labels::project_filter(project.name);
  monitored.service_container_filter = labels::service_containers_filter(project.name);
  monitored.service_label = labels::k_service;
  return monitored;
}

}  // namespace berth::scheduler
