#pragma once
// Private to the engine module: asks a docker credential helper for a
// registry's credentials, as the docker CLI does: runs
// `docker-credential-<helper> get` (found on PATH) with the server address on
// its stdin and reads {"ServerURL": ..., "Username": ..., "Secret": ...} from
// its stdout. The helper is killed when it does not answer in time.

#include <chrono>
#include <optional>
#include <string>

#include "engine/result.h"

namespace berth::engine {

struct HelperCredentials {
  std::string username;  // "<token>": `secret` is an identity token
  std::string secret;
};

// An empty optional when the helper knows no credentials for the server (it
// answered "credentials not found in native keychain"). Error not_found when
// docker-credential-<helper> is not on PATH, timeout when it outlived
// `timeout`, transport when it could not be started, failed or answered
// something else than the JSON above; the message names the program.
Result<std::optional<HelperCredentials>> ask_credential_helper(const std::string& helper,
                                                               const std::string& server_address,
                                                               std::chrono::milliseconds timeout);

}  // namespace berth::engine
