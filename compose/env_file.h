#pragma once
// Internal to compose: files of variables on disk. The project's `.env` (or
// --env-file), whose variables feed interpolation, and a service's
// `env_file:` list, whose variables go into the container.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compose/dotenv.h"
#include "compose/field_reader.h"
#include "compose/loader.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// The variables for interpolation and for `environment:` entries without a
// value: the project's env file under `options.environment` (the shell wins).
// The env files are `options.env_files` (relative to the current directory,
// a later one winning, each seeing the ones before), which must exist; else `.env`, when it is there, in the project directory
// as docker-compose 1.29.2 finds it: working_dir, else the directory of the
// first -f file, else of the first COMPOSE_FILE entry, else the current one.
// A variable written without a value in it is left out. Throws ConfigError
// for a missing given file and for lines that are not KEY=value.
std::map<std::string, std::string> project_variables(const LoadOptions& options);

// The text of a file of variables, or nullopt with `problem` set to what to
// tell the user after the file's name ("not found", "is a directory", ...).
std::optional<std::string> read_text(const std::filesystem::path& path, std::string& problem);

// A service's `env_file:`: a path or a sequence of paths, relative to
// `directory` ("~/" is $HOME from `variables`), each path also written
// {path, required} (a missing file that is not required is skipped; `format`
// is refused, as compose v2 2.26.1 refuses it). The variables of every file
// in order, a later file overriding an earlier one. Values are resolved as
// parse_dotenv() does against `variables`, never interpolated otherwise.
// A missing file or a bad line is reported to `reader`, naming the file as
// `what` ("env file", "label file").
std::vector<EnvVariable> read_env_files(FieldReader& reader, const YamlNode& node,
                                        const std::string& path, const std::string& directory,
                                        const std::map<std::string, std::string>& variables,
                                        const std::string& what = "env file");

// The `env_file:` of a service's mapping `body` (whose key path is `path`),
// read into `environment` with update_environment(). It runs before
// `environment:` is parsed, which overrides it whatever the order written.
void apply_env_files(FieldReader& reader, const YamlNode& body, const std::string& path,
                     const std::string& directory,
                     const std::map<std::string, std::string>& variables,
                     std::vector<std::pair<std::string, std::string>>& environment);

// Sets `variable` in a service's environment as compose updates its dict: a
// key already there keeps its place and takes the new value, a new one goes
// last. Without a value, the value is taken from `variables`, or the key is
// removed when it is not there either (so "KEY" alone in `environment:` also
// drops a value an env_file gave).
void update_environment(std::vector<std::pair<std::string, std::string>>& environment,
                        const EnvVariable& variable,
                        const std::map<std::string, std::string>& variables);

}  // namespace berth::compose
