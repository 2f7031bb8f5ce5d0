#include "engine/registry_auth.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <string_view>

#include "engine/base64.h"
#include "engine/credential_helper.h"
#include "files/bounded_file.h"

namespace berth::engine {
namespace {

using nlohmann::json;

constexpr std::string_view k_docker_hub_key = "https://index.docker.io/v1/";
constexpr auto k_helper_timeout = std::chrono::seconds(30);
constexpr std::string_view k_token_username = "<token>";

struct FileEntry {
  std::string username;
  std::string password;
  std::string identity_token;
  bool empty() const { return username.empty() && password.empty() && identity_token.empty(); }
};

// What berth reads of config.json; keys as written in the file.
struct ConfigFile {
  std::string path;
  std::map<std::string, FileEntry> auths;
  std::string creds_store;
  std::map<std::string, std::string> cred_helpers;
};

Error malformed(const std::string& path, const std::string& why) {
  return Error{ErrorCode::bad_request, 0, "malformed docker config file " + path + ": " + why};
}

std::string quoted(const std::string& key) { return "\"" + key + "\""; }

Result<FileEntry> read_entry(const std::string& path, const std::string& key, const json& value) {
  if (!value.is_object()) {
    return malformed(path, "auths[" + quoted(key) + "] is not an object");
  }
  const auto text = [&](const char* name) {
    const auto found = value.find(name);
    return found != value.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  FileEntry entry{text("username"), text("password"), text("identitytoken")};
  if (const std::string auth = text("auth"); !auth.empty()) {
    const auto decoded = base64_decode(auth);
    const std::size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return malformed(path, "auths[" + quoted(key) + "].auth is not base64 of \"user:password\"");
    }
    entry.username = decoded->substr(0, colon);
    entry.password = decoded->substr(colon + 1);
    // The docker CLI trims NULs some writers leave at the end.
    entry.password.erase(entry.password.find_last_not_of('\0') + 1);
  }
  return entry;
}

Result<ConfigFile> read_config(const std::string& path, const std::string& text) {
  json document;
  try {
    document = json::parse(text);
  } catch (const std::exception& error) {
    return malformed(path, error.what());
  }
  if (!document.is_object()) {
    return malformed(path, "not a JSON object");
  }
  ConfigFile config;
  config.path = path;
  if (const auto auths = document.find("auths"); auths != document.end() && !auths->is_null()) {
    if (!auths->is_object()) {
      return malformed(path, "\"auths\" is not an object");
    }
    for (const auto& [key, value] : auths->items()) {
      auto entry = read_entry(path, key, value);
      if (!entry) {
        return entry.error();
      }
      config.auths[key] = std::move(entry).value();
    }
  }
  if (const auto store = document.find("credsStore");
      store != document.end() && !store->is_null()) {
    if (!store->is_string()) {
      return malformed(path, "\"credsStore\" is not a string");
    }
    config.creds_store = store->get<std::string>();
  }
  if (const auto helpers = document.find("credHelpers");
      helpers != document.end() && !helpers->is_null()) {
    if (!helpers->is_object()) {
      return malformed(path, "\"credHelpers\" is not an object");
    }
    for (const auto& [key, value] : helpers->items()) {
      if (!value.is_string()) {
        return malformed(path, "credHelpers[" + quoted(key) + "] is not a string");
      }
      config.cred_helpers[key] = value.get<std::string>();
    }
  }
  return config;
}

// An empty optional when there is no config file.
Result<std::optional<ConfigFile>> load_config() {
  const std::string path = docker_config_path();
  if (path.empty()) {
    return std::optional<ConfigFile>();
  }
  files::ReadResult read = files::read_file(path);
  if (read.problem == files::Problem::not_found) {
    return std::optional<ConfigFile>();
  }
  if (!read) {
    return Error{ErrorCode::bad_request, 0, "docker config file " + path + ": " + read.message};
  }
  auto config = read_config(path, read.text);
  if (!config) {
    return config.error();
  }
  return std::optional<ConfigFile>(std::move(config).value());
}

// The value of `key` in `map`: the exact key, else one naming the same host.
template <class Value>
const Value* find_by_key(const std::map<std::string, Value>& map, const std::string& key) {
  if (const auto exact = map.find(key); exact != map.end()) {
    return &exact->second;
  }
  const std::string wanted = normalise_registry_key(key);
  for (const auto& [candidate, value] : map) {
    if (normalise_registry_key(candidate) == wanted) {
      return &value;
    }
  }
  return nullptr;
}

// nullopt: the helper has no credentials. Error: it cannot be used.
Result<std::optional<RegistryCredentials>> ask_helper(const std::string& helper,
                                                      const std::string& key) {
  auto answer = ask_credential_helper(helper, key, k_helper_timeout);
  if (!answer) {
    return answer.error();
  }
  if (!answer->has_value()) {
    return std::optional<RegistryCredentials>();
  }
  const HelperCredentials& found = **answer;
  RegistryCredentials credentials;
  credentials.server_address = key;
  if (found.username == k_token_username) {
    credentials.identity_token = found.secret;
  } else {
    credentials.username = found.username;
    credentials.password = found.secret;
  }
  return std::optional<RegistryCredentials>(std::move(credentials));
}

std::optional<RegistryCredentials> resolve(const ConfigFile& config, const std::string& key,
                                           std::vector<std::string>* warnings) {
  const std::string* specific = find_by_key(config.cred_helpers, key);
  const std::string& helper = specific != nullptr ? *specific : config.creds_store;
  if (!helper.empty()) {
    auto from_helper = ask_helper(helper, key);
    if (from_helper) {
      return std::move(from_helper).value();
    }
    if (warnings != nullptr) {
      warnings->push_back(from_helper.error().message + "; using \"auths\" of " + config.path +
                          " for " + key);
    }
  }
  const FileEntry* entry = find_by_key(config.auths, key);
  if (entry == nullptr || entry->empty()) {
    return std::nullopt;
  }
  return RegistryCredentials{entry->username, entry->password, entry->identity_token, key};
}

// The fields of one registry in X-Registry-Auth and X-Registry-Config, in the
// docker CLI's order.
nlohmann::ordered_json auth_object(const RegistryCredentials& credentials) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  if (credentials.identity_token.empty()) {
    if (!credentials.username.empty()) {
      object["username"] = credentials.username;
    }
    if (!credentials.password.empty()) {
      object["password"] = credentials.password;
    }
  }
  if (!credentials.server_address.empty()) {
    object["serveraddress"] = credentials.server_address;
  }
  if (!credentials.identity_token.empty()) {
    object["identitytoken"] = credentials.identity_token;
  }
  return object;
}

std::string encode(const nlohmann::ordered_json& document) {
  return base64url_encode(document.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

std::string docker_config_path() {
  if (const char* directory = std::getenv("DOCKER_CONFIG"); directory != nullptr && *directory) {
    return std::string(directory) + "/config.json";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) {
    return std::string(home) + "/.docker/config.json";
  }
  return {};
}

std::string normalise_registry_key(const std::string& key) {
  std::string_view host = key;
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (host.starts_with(scheme)) {
      host.remove_prefix(scheme.size());
      break;
    }
  }
  host = host.substr(0, host.find('/'));
  if (host == "index.docker.io" || host == "docker.io" || host == "registry-1.docker.io") {
    return std::string(k_docker_hub_key);
  }
  return std::string(host);
}

Result<std::optional<RegistryCredentials>> find_credentials(const std::string& registry_key,
                                                            std::vector<std::string>* warnings) {
  auto config = load_config();
  if (!config) {
    return config.error();
  }
  if (!config->has_value()) {
    return std::optional<RegistryCredentials>();
  }
  return resolve(**config, registry_key, warnings);
}

Result<std::map<std::string, RegistryCredentials>> all_credentials(
    std::vector<std::string>* warnings) {
  auto config = load_config();
  if (!config) {
    return config.error();
  }
  std::map<std::string, RegistryCredentials> found;
  if (!config->has_value()) {
    return found;
  }
  const ConfigFile& file = **config;
  std::vector<std::string> keys;
  for (const auto& [key, entry] : file.auths) {
    keys.push_back(key);
  }
  for (const auto& [key, helper] : file.cred_helpers) {
    keys.push_back(key);
  }
  for (const std::string& key : keys) {
    const std::string normalised = normalise_registry_key(key);
    if (found.count(normalised) != 0) {
      continue;
    }
    if (auto credentials = resolve(file, key, warnings)) {
      credentials->server_address = normalised;
      found[normalised] = std::move(*credentials);
    }
  }
  return found;
}

std::string x_registry_auth(const std::optional<RegistryCredentials>& credentials) {
  return encode(credentials ? auth_object(*credentials) : nlohmann::ordered_json::object());
}

std::string x_registry_config(const std::map<std::string, RegistryCredentials>& credentials) {
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  for (const auto& [key, entry] : credentials) {
    document[key] = auth_object(entry);
  }
  return encode(document);
}

}  // namespace berth::engine
