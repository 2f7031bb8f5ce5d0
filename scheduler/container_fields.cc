#include "scheduler/container_fields.h"

#include <ctime>

namespace berth::scheduler {

namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    out += (out.empty() ? "" : ",") + part;
  }
  return out;
}

// Go's time.Time.String() in UTC: "2026-12-04 02:34:02 +0000 UTC".
std::string created_at(std::int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S +0000 UTC", &utc);
  return text;
}

// The command as docker shows it in a table: quoted, cut to 20 characters
// with an ellipsis unless `no_trunc`.
std::string shown_command(const std::string& command, bool no_trunc) {
  std::string shown = command;
  if (!no_trunc && shown.size() > 20) {
    shown = shown.substr(0, 19) + "\u2026";
  }
  return "\"" + shown + "\"";
}

nlohmann::json publishers(const std::vector<engine::PublishedPort>& ports) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& port : ports) {
    out.push_back({{"URL", port.ip},
                   {"TargetPort", port.private_port},
                   {"PublishedPort", port.public_port},
                   {"Protocol", port.type}});
  }
  return out;
}

}  // namespace

std::string human_duration(std::int64_t seconds) {
  auto plural = [](std::int64_t n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  const std::int64_t hours = seconds / 3600;
  if (seconds < 1) return "Less than a second";
  if (seconds < 60) return plural(seconds, "second");
  if (seconds / 60 == 1) return "About a minute";
  if (seconds < 3600) return plural(seconds / 60, "minute");
  if (hours == 1) return "About an hour";
  if (hours < 48) return plural(hours, "hour");
  if (hours < 24 * 7 * 2) return plural(hours / 24, "day");
  if (hours < 24 * 30 * 2) return plural(hours / 24 / 7, "week");
  if (hours < 24 * 365 * 2) return plural(hours / 24 / 30, "month");
  return plural(hours / 24 / 365, "year");
}

std::string health_of_status(const std::string& status) {
  if (status.find("(healthy)") != std::string::npos) return "healthy";
  if (status.find("(unhealthy)") != std::string::npos) return "unhealthy";
  if (status.find("(health: starting)") != std::string::npos) return "starting";
  return "";
}

int exit_code_of_status(const std::string& status) {
  if (status.rfind("Exited (", 0) != 0) {
    return 0;
  }
  try {
    return std::stoi(status.substr(8));
  } catch (const std::exception&) {
    return 0;
  }
}

nlohmann::json container_fields(const ContainerRow& row, const std::string& project,
                                bool no_trunc, std::int64_t now) {
  const auto& c = row.summary;
  std::vector<std::string> labels;
  for (const auto& [key, value] : c.labels) {
    labels.push_back(key + "=" + value);
  }
  // nlohmann::json keeps keys sorted, as Go's encoder writes a map.
  return {{"Command", shown_command(c.command, no_trunc)},
          {"CreatedAt", created_at(c.created)},
          {"ExitCode", exit_code_of_status(row.status)},
          {"Health", health_of_status(row.status)},
          {"ID", no_trunc ? row.id : row.id.substr(0, 12)},
          {"Image", c.image},
          {"Labels", joined(labels)},
          {"LocalVolumes", std::to_string(c.local_volumes)},
          {"Mounts", joined(c.mounts)},
          {"Name", row.name},
          {"Names", row.name},
          {"Networks", joined(c.networks)},
          {"Ports", format_ports(c.ports, false)},  // as docker: ":::8080->80/tcp"
          {"Project", project},
          {"Publishers", publishers(c.ports)},
          {"RunningFor", human_duration(now - c.created) + " ago"},
          {"Service", row.service},
          {"Size", "0B"},
          {"State", row.state},
          {"Status", row.status}};
}

}  // namespace berth::scheduler
