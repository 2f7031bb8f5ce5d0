#pragma once
// The environment variables Docker's legacy links gave a container
// (DB_PORT_5984_TCP_ADDR, ...). The engine makes none on a user-defined
// network, so berth computes them itself and injects them at create time.

#include <string>
#include <vector>

namespace berth::scheduler {

// What berth knows of one linked container.
struct LinkedContainer {
  std::string name;                        // engine name, e.g. "hello-db-1"
  std::string ip;                          // its address on the project network
  std::vector<std::string> exposed_ports;  // "5984/tcp", from the engine's inspection
  std::vector<std::string> env;            // its own environment, "KEY=VALUE" (image + service)
};

// The variables of one link named `alias` from container `parent` to `child`,
// by the rules of dockerd 20.10's daemon/links (the engine berth targets):
// ALIAS_PORT (lowest port, tcp first), ALIAS_PORT_<n>_<PROTO>[_ADDR|_PORT|_PROTO]
// for every port, _START/_END for runs of three or more consecutive ports,
// ALIAS_NAME=/parent/alias, and ALIAS_ENV_<VAR> for the child's environment
// except HOME and PATH. "-" in the alias becomes "_".
std::vector<std::string> legacy_link_variables(const std::string& parent, const std::string& alias,
                                               const LinkedContainer& child);

// One name under which a dependent sees a linked container.
struct LinkName {
  std::string alias;
  const LinkedContainer* container;
};

// The names fig gave a link `alias` to a service with `containers` (sorted by
// number): the alias itself (pointing at the first container), and for each
// container its full name and its name without the project prefix.
std::vector<LinkName> fig_link_names(const std::string& project, const std::string& alias,
                                     const std::vector<LinkedContainer>& containers);

// Sets KEY=VALUE entries of `overrides` into `base`, replacing same-named keys
// in place and appending new ones, as the engine merges image and container env.
void merge_environment(std::vector<std::string>& base, const std::vector<std::string>& overrides);

}  // namespace berth::scheduler
