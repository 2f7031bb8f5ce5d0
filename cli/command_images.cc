#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/image_listing.h"
#include "cli/text_table.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

CommandRun setup_images(CLI::App& app) {
  auto services = std::make_shared<std::vector<std::string>>();
  auto quiet = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>("table");
  app.add_flag("-q,--quiet", *quiet, "Only show image IDs");
  app.add_option("--format", *format, "table or json (compose v2's fields)")
      ->check(CLI::IsMember({"table", "json"}));
  app.add_option("services", *services, "Only these services' containers");
  return [services, quiet, format](const GlobalOptions& options) {
    auto named = load_named_project(options);
    auto& loaded = named.loaded;
    auto engine = named.connect();
    auto observed = scheduler::observe_containers(*engine, loaded.project.name);
    if (!observed) {
      print_error(observed.error().message);
      return static_cast<int>(k_exit_failure);
    }
    // The containers `ps` shows, by name, as docker-compose 1.29.2.
    auto containers =
        scheduler::filter_rows(scheduler::container_rows(*observed), {false, *services, {}});
    std::sort(containers.begin(), containers.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<TableRow> table;
    nlohmann::json json = nlohmann::json::array();
    for (const auto& container : containers) {
      auto details = engine->inspect_container(container.id);
      auto image = details ? engine->inspect_image(details->image)
                           : engine::Result<engine::ImageDetails>(details.error());
      if (!image) {
        print_error(container.name + ": " + image.error().message);
        return static_cast<int>(k_exit_failure);
      }
      const auto* service = loaded.project.find_service(container.service);
      const auto row = image_row(container.name, service ? service->image : "", *image);
      table.push_back({row.container, row.repository, row.tag, row.id, row.size});
      // As compose v2 2.26.1: the whole ID, the size in bytes.
      json.push_back({{"ID", image->id},
                      {"ContainerName", row.container},
                      {"Repository", row.repository},
                      {"Tag", row.tag},
                      {"Size", image->size}});
    }
    if (*format == "json" && !*quiet) {
      std::printf("%s\n", json.dump().c_str());
    } else if (*quiet) {
      std::vector<std::string> ids;
      for (const auto& row : table) {
        if (std::find(ids.begin(), ids.end(), row[3]) == ids.end()) {
          ids.push_back(row[3]);
          std::printf("%s\n", row[3].c_str());
        }
      }
    } else {
      std::printf(
          "%s\n",
          ruled_table({"Container", "Repository", "Tag", "Image Id", "Size"}, table).c_str());
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
