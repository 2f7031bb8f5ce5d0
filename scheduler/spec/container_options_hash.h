#pragma once
// Internal to scheduler: the part of a service's config hash that covers its
// container settings (compose/container_options.h) and `deploy:`.

#include <string>

#include "compose/model.h"

namespace berth::scheduler {

// Canonical text of every setting that differs from its default, or "" when
// none does, so services that use none of them keep the hash they had before
// berth knew these keys. Scale and deploy.replicas are left out, as compose
// leaves scale out of its hash: changing them must not recreate containers.
std::string container_options_text(const compose::Service& service);

}  // namespace berth::scheduler
