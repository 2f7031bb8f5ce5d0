#include "scheduler/converge/dependent_reload.h"

#include <algorithm>
#include <string_view>

#include "scheduler/container_naming.h"
#include "scheduler/exec_session.h"
#include "scheduler/joined.h"
#include "scheduler/labels.h"
#include "scheduler/network_plan.h"
#include "scheduler/observed_container.h"
#include "scheduler/spec/container_spec.h"
#include "scheduler/spec/link_environment.h"

namespace berth::scheduler {

namespace {

// A linked container in rotation, as the engine has it now.
struct Member {
  int number = 0;
  std::string started_at;
  LinkedContainer linked;
};

// In rotation: running, not taken out, and healthy when it has a health
// check (one still starting or unhealthy gets no requests yet).
bool in_rotation(const engine::ContainerDetails& details, const std::set<std::string>& left) {
  if (!details.running || left.count(details.id)) {
    return false;
  }
  return !details.health || details.health->status == "healthy";
}

std::string address_on(const engine::ContainerDetails& details,
                       const std::vector<std::string>& networks) {
  for (const auto& network : networks) {
    auto found = details.networks.find(network);
    if (found != details.networks.end() && !found->second.ip_address.empty()) {
      return found->second.ip_address;
    }
  }
  return "";
}

// The members of `target` in rotation, numbered 1..n in order (number, then
// the older first), so the file reads as a fresh link to n containers even
// while a replacement runs beside its predecessor under a temporary name.
engine::Result<std::vector<LinkedContainer>> rotation_of(engine::Engine& engine,
                                                         const compose::Project& project,
                                                         const compose::Service& dependent,
                                                         const compose::Service& target,
                                                         const std::set<std::string>& left) {
  auto listed = engine.list_containers(labels::service_filter(project.name, target.name), false);
  if (!listed) {
    return listed.error();
  }
  const auto shared = shared_networks(project, dependent, target);
  std::vector<Member> members;
  for (const auto& summary : *listed) {
    ObservedContainer observed(summary);
    if (observed.one_off) {
      continue;
    }
    auto details = engine.inspect_container(summary.id);
    if (!details || !in_rotation(*details, left)) {
      continue;  // gone meanwhile, or not serving
    }
    Member member{observed.number, details->started_at, {}};
    member.linked.ip = address_on(*details, shared);
    member.linked.exposed_ports = details->exposed_ports;
    if (auto image = engine.inspect_image(details->image)) {
      member.linked.env = image->env;
    }
    merge_environment(member.linked.env, service_environment(target));
    members.push_back(std::move(member));
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return a.number != b.number ? a.number < b.number : a.started_at < b.started_at;
  });
  std::vector<LinkedContainer> linked;
  for (size_t i = 0; i < members.size(); ++i) {
    const int position = static_cast<int>(i + 1);
    members[i].linked.name = target.container_name.empty()
                                 ? container_name(project.name, target.name, position)
                                 : target.container_name;
    linked.push_back(std::move(members[i].linked));
  }
  return linked;
}

engine::Result<std::vector<std::string>> link_variables(engine::Engine& engine,
                                                        const compose::Project& project,
                                                        const compose::Service& dependent,
                                                        const std::string& parent,
                                                        const std::set<std::string>& left) {
  std::vector<std::string> variables;
  for (const auto& link : dependent.links) {
    const auto* target = project.find_service(link.service);
    if (!target) {
      continue;
    }
    auto rotation = rotation_of(engine, project, dependent, *target, left);
    if (!rotation) {
      return rotation.error();
    }
    for (const auto& name : fig_link_names(project.name, link.alias, *rotation)) {
      merge_environment(variables, legacy_link_variables(parent, name.alias, *name.container));
    }
  }
  return variables;
}

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// Runs the command to its end; its last line of output goes into the error.
engine::Status run_command(engine::Engine& engine, const std::string& id,
                           const std::vector<std::string>& command) {
  const std::string label = "x-berth-reload command (" + joined(command, " ") + ")";
  engine::ExecCreate spec;
  spec.cmd = command;
  std::string output;
  // The last 4 KiB is enough for its last line.
  auto code = run_exec_to_end(engine, id, spec, [&](engine::OutputStream, std::string_view bytes) {
    output.append(bytes);
    if (output.size() > 4096) {
      output.erase(0, output.size() - 4096);
    }
  });
  if (!code) {
    return engine::Error{code.error().code, 0, label + ": " + code.error().message};
  }
  if (*code == 0) {
    return engine::Done{};
  }
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) {
    output.pop_back();
  }
  const std::string last = output.substr(output.rfind('\n') == std::string::npos
                                             ? 0
                                             : output.rfind('\n') + 1);
  return engine::Error{engine::ErrorCode::server, 0,
                       label + " exited with code " + std::to_string(*code) +
                           (last.empty() ? "" : ": " + last)};
}

}  // namespace

std::string reload_file_text(const std::vector<std::string>& variables) {
  std::string text;
  for (const auto& entry : variables) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos) {
      continue;
    }
    text += entry.substr(0, equals) + "=" + single_quoted(entry.substr(equals + 1)) + "\n";
  }
  return text;
}

engine::Status DependentReload::reload(const Operation& op, const std::string& id) {
  const auto* dependent = m_project.find_service(op.service);
  if (!dependent || !dependent->berth_reload) {
    return engine::Error{engine::ErrorCode::bad_request, 0, "no x-berth-reload"};
  }
  std::lock_guard lock(m_mutex);
  m_left.insert(op.leaving.begin(), op.leaving.end());
  for (const auto& id_back : op.joining) {
    m_left.erase(id_back);
  }
  auto variables = link_variables(m_engine, m_project, *dependent, op.name, m_left);
  if (!variables) {
    return variables.error();
  }
  engine::ContainerFile file;
  file.path = dependent->berth_reload->file;
  file.content = reload_file_text(*variables);
  if (auto put = m_engine.put_files(id, {file}); !put) {
    return engine::Error{put.error().code, 0,
                         "x-berth-reload: cannot write " + file.path + ": " + put.error().message};
  }
  return run_command(m_engine, id, dependent->berth_reload->command);
}

}  // namespace berth::scheduler
