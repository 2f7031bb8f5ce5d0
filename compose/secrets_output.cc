#include "compose/secrets_output.h"

#include <nlohmann/json.hpp>

namespace berth::compose {
namespace {

using nlohmann::json;

json references_json(const std::vector<FileReference>& references) {
  json out = json::array();
  for (const FileReference& reference : references) {
    json entry = {{"source", reference.source}};
    const std::pair<const char*, const std::string*> texts[] = {
        {"target", &reference.target}, {"uid", &reference.uid}, {"gid", &reference.gid}};
    for (const auto& [key, value] : texts) {
      if (!value->empty()) {
        entry[key] = *value;
      }
    }
    if (reference.mode) {
      entry["mode"] = *reference.mode;  // a decimal number, as compose v2 prints it
    }
    out.push_back(entry);
  }
  return out;
}

json decl_json(const FileObjectDecl& decl) {
  json one = {{"name", decl.name}};
  const std::pair<const char*, const std::string*> texts[] = {
      {"file", &decl.file},
      {"environment", &decl.environment},
      {"driver", &decl.driver},
      {"template_driver", &decl.template_driver}};
  for (const auto& [key, value] : texts) {
    if (!value->empty()) {
      one[key] = *value;
    }
  }
  if (decl.content) {
    one["content"] = *decl.content;
  }
  if (decl.external) {
    one["external"] = true;
  }
  for (const auto& [key, value] :
       {std::pair{"labels", &decl.labels}, std::pair{"driver_opts", &decl.driver_opts}}) {
    if (!value->empty()) {
      one[key] = *value;
    }
  }
  return one;
}

json decls_json(const std::vector<FileObjectDecl>& decls) {
  json out = json::object();
  for (const FileObjectDecl& decl : decls) {
    out[decl.key] = decl_json(decl);
  }
  return out;
}

}  // namespace

void add_file_references_json(const Service& service, json& doc) {
  if (!service.secrets.empty()) {
    doc["secrets"] = references_json(service.secrets);
  }
  if (!service.configs.empty()) {
    doc["configs"] = references_json(service.configs);
  }
}

void add_file_object_decls_json(const Project& project, json& doc) {
  if (!project.secrets.empty()) {
    doc["secrets"] = decls_json(project.secrets);
  }
  if (!project.configs.empty()) {
    doc["configs"] = decls_json(project.configs);
  }
}

}  // namespace berth::compose
