#pragma once
// The one translation from the project file's model to what health/ needs:
// each service's checks and restart: true dependencies, and the labels that
// find the project's containers.

#include "compose/model.h"
#include "health/health_spec.h"

namespace berth::scheduler {

health::ServiceHealthSpec service_health_spec(const compose::Service& service);

health::MonitoredProject monitored_project(const compose::Project& project);

}  // namespace berth::scheduler
