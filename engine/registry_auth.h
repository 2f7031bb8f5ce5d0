#pragma once
// Registry credentials, found where the docker CLI keeps them, so that a
// `docker login` is all berth needs to pull, push and build with private
// images: the config file is $DOCKER_CONFIG/config.json, else
// $HOME/.docker/config.json, with
//   "auths":       {"<key>": {"auth": base64("user:password")} or
//                            {"username": ..., "password": ...} and/or {"identitytoken": ...}}
//   "credsStore":  "<helper>"            for every registry
//   "credHelpers": {"<key>": "<helper>"}  for one registry (wins over credsStore)
// A helper is the program docker-credential-<helper> (see credential_helper.h).
//
// Keys are compared as the docker CLI does: exactly first, then by host, so a
// key written as a URL ("https://127.0.0.1:5000/v1/", "http://host") matches
// "127.0.0.1:5000" / "host"; "index.docker.io", "docker.io" and
// "registry-1.docker.io" all mean Docker Hub ("https://index.docker.io/v1/").

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.h"

namespace berth::engine {

struct RegistryCredentials {
  std::string username;
  std::string password;
  std::string identity_token;  // an OAuth refresh token, instead of username and password
  std::string server_address;  // the registry key asked for (see registry_key())
};

// The credentials for `registry_key` (registry_key() of an ImageReference).
// A helper configured for it is asked first; when it cannot be used (not on
// PATH, fails, times out), the `auths` entry is used and a warning says so.
// Missing file, no entry, an empty entry or a helper that knows no
// credentials: an empty optional, not an error. A malformed file (not a JSON
// object, an "auth" that is not base64 of "user:password"): Error bad_request
// naming the file.
Result<std::optional<RegistryCredentials>> find_credentials(
    const std::string& registry_key, std::vector<std::string>* warnings = nullptr);

// Every registry the config file has credentials or a credential helper for,
// keyed by normalised registry key, for POST /build. Registries kept only in a
// credsStore cannot be listed and are left out.
Result<std::map<std::string, RegistryCredentials>> all_credentials(
    std::vector<std::string>* warnings = nullptr);

// The X-Registry-Auth header of pull and push: base64url (padded, as Go's
// base64.URLEncoding) of {"username","password","serveraddress"} or, with an
// identity token, {"identitytoken","serveraddress"}; empty fields left out.
// Without credentials: base64url of "{}".
std::string x_registry_auth(const std::optional<RegistryCredentials>& credentials);

// The X-Registry-Config header of POST /build: base64url of
// {"<key>": {same fields as above}, ...}.
std::string x_registry_config(const std::map<std::string, RegistryCredentials>& credentials);

// Where the docker CLI's config file is: $DOCKER_CONFIG/config.json, else
// $HOME/.docker/config.json; empty when neither variable is set.
std::string docker_config_path();

// "https://127.0.0.1:5000/v1/" -> "127.0.0.1:5000"; Docker Hub's names ->
// "https://index.docker.io/v1/".
std::string normalise_registry_key(const std::string& key);

}  // namespace berth::engine
