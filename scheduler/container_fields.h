#pragma once
// The fields compose v2 (2.26.1) gives a container in `ps --format json` and
// in `--format '{{.Field}}'` templates, computed from the engine's list
// entry alone: Health and ExitCode are read from its status text, so `ps`
// needs no inspection per container. Pure.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "scheduler/container_listing.h"

namespace berth::scheduler {

// Command, CreatedAt, ExitCode, Health, ID, Image, Labels, LocalVolumes,
// Mounts, Name, Names, Networks, Ports, Project, Publishers, RunningFor,
// Service, Size, State, Status, with v2's types (ExitCode a number,
// Publishers an array, the rest strings). `now`: unix seconds, for RunningFor.
nlohmann::json container_fields(const ContainerRow& row, const std::string& project,
                                bool no_trunc, std::int64_t now);

// As the docker CLI writes an age: "Less than a second", "3 seconds",
// "About a minute", "5 minutes", "About an hour", "3 hours", "4 days",
// "2 weeks", "3 months", "2 years".
std::string human_duration(std::int64_t seconds);

// "healthy", "unhealthy", "starting" from a status like "Up 3 s (healthy)"; "" without.
std::string health_of_status(const std::string& status);

// N from "Exited (N) 3 seconds ago"; 0 otherwise.
int exit_code_of_status(const std::string& status);

}  // namespace berth::scheduler
