#pragma once
// What `run` changes in a service's container to make its one-off container:
// the command line's options, as docker-compose 1.29.2 applies them. Pure.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/result.h"
#include "engine/types.h"

namespace berth::scheduler {

// How run supplies its image: --build builds it first, --pull chooses the
// pull policy ("": the service's pull_policy).
struct ImageSupplyChoice {
  bool build = false;
  std::string pull;
};

struct RunOptions {
  std::string service;
  std::vector<std::string> command;       // empty: the service's
  bool detach = false;                    // -d
  bool remove = false;                    // --rm
  std::vector<std::string> environment;   // -e KEY=VAL (KEY alone: from berth's environment)
  std::string user;                       // -u; empty: the service's
  std::string working_dir;                // -w; empty: the service's
  std::optional<std::string> entrypoint;  // --entrypoint, split like a shell
  std::vector<std::string> publish;       // -p, port notation as in `ports:`
  bool service_ports = false;             // --service-ports
  std::vector<std::string> volumes;       // -v "[source:]target[:ro|rw]"
  std::string name;                       // --name; empty: one_off_name()
  bool tty = false;                       // decided by the command line (-T, a terminal)
  bool no_deps = false;                   // --no-deps
  std::vector<std::string> cap_add;       // --cap-add, beside the service's
  std::vector<std::string> cap_drop;      // --cap-drop
  std::vector<std::string> labels;        // -l KEY=VAL (KEY alone: an empty value)
  bool use_aliases = false;               // --use-aliases: the service's network aliases too
  bool remove_orphans = false;            // --remove-orphans, for the dependencies' up
  ImageSupplyChoice images;               // --build, --pull
  int parallel = 64;                      // engine calls at once for the dependencies
};

// "<project>-<service>-run-<suffix>".
std::string one_off_name(const std::string& project, const std::string& service,
                         const std::string& suffix);

// 12 random lowercase hex digits, the suffix of a one-off's name.
std::string random_one_off_suffix();

// Applies `options` to `spec`, the service's container as ContainerFactory
// made it, and to the endpoints of its other networks: labelled one-off,
// without number, hash or network aliases (the service's name must keep
// resolving to the service's own containers), ports only with
// --service-ports or -p, stdin open for attaching. `lookup_env` gives the
// value of a variable named by -e KEY, nullopt when unset (then left out).
// Error code bad_request for a -p, -v or --entrypoint that does not parse.
engine::Status apply_run_options(
    const compose::Project& project, const RunOptions& options, engine::ContainerCreate& spec,
    std::vector<engine::EndpointConfig>& other_networks,
    const std::function<std::optional<std::string>(const std::string&)>& lookup_env);

}  // namespace berth::scheduler
