#include "scheduler/observed_container.h"

#include "scheduler/container_naming.h"
#include "scheduler/labels.h"

namespace berth::scheduler {

ObservedContainer::ObservedContainer(engine::ContainerSummary summary)
    : engine::ContainerSummary(std::move(summary)) {
  const auto& all = this->labels;  // the member, not the namespace of label names
  service = labels::value_of(all, labels::k_service);
  number = parse_container_number(labels::value_of(all, labels::k_container_number)).value_or(0);
  one_off = labels::value_of(all, labels::k_oneoff) == "True";
  config_hash = labels::value_of(all, labels::k_config_hash);
  run_state = health::parse_container_state(state);
}

}  // namespace berth::scheduler
