#pragma once
// Service keys beyond the container's settings: lifecycle hooks, `develop:`
// watch rules and `credential_spec:`. Nothing here knows about the engine.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compose/source_pos.h"

namespace berth::compose {

// A `post_start:` or `pre_stop:` entry (and a watch rule's `exec:`): a
// command run as an exec in each of the service's containers.
struct LifecycleHook {
  std::vector<std::string> command;  // a string is split like a shell command line
  std::string user;                  // empty: the container's user
  bool privileged = false;
  std::string working_dir;                                       // empty: the container's
  std::vector<std::pair<std::string, std::string>> environment;  // in the order written
  SourcePos pos;                                                 // of the entry
};

// One `develop.watch` entry. Read, checked and printed; acting on it
// (`berth watch`) is issue 23.
struct WatchRule {
  enum class Action { sync, rebuild, sync_restart, sync_exec, restart };
  Action action = Action::sync;
  std::string path;    // absolute on the host
  std::string target;  // in the container; required by the sync actions
  std::vector<std::string> ignore;
  std::vector<std::string> include;
  bool initial_sync = false;
  std::optional<LifecycleHook> exec;  // sync+exec: what runs after syncing
  SourcePos pos;
};

struct Develop {
  std::vector<WatchRule> watch;
};

// `credential_spec:` (Windows containers only): kept for `config`, ignored on
// Linux as compose ignores it.
struct CredentialSpec {
  std::string config;
  std::string file;
  std::string registry;
};

// "sync", "sync+restart", ...
const char* watch_action_name(WatchRule::Action action);

}  // namespace berth::compose
