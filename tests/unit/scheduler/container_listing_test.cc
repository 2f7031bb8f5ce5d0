#include "scheduler/container_listing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace berth::scheduler {
namespace {

ContainerRow row(const std::string& name, const std::string& service, const std::string& state,
                 bool one_off = false) {
  ContainerRow r;
  r.id = name + "-id";
  r.name = name;
  r.service = service;
  r.state = state;
  r.one_off = one_off;
  return r;
}

std::vector<std::string> names(const std::vector<ContainerRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) {
    out.push_back(r.name);
  }
  return out;
}

const std::vector<ContainerRow> k_rows = {
    row("p-web-1", "web", "running"),
    row("p-web-2", "web", "exited"),
    row("p-db-1", "db", "paused"),
    row("p-web-run-1", "web", "running", true),
    row("p-web-run-2", "web", "exited", true),
};

TEST(ContainerListing, ShowsServiceContainersAndRunningOneOffsLikeCompose1) {
  EXPECT_EQ(names(filter_rows(k_rows, {})),
            (std::vector<std::string>{"p-web-1", "p-web-2", "p-db-1", "p-web-run-1"}));
}

TEST(ContainerListing, AllAddsStoppedOneOffs) {
  RowFilter filter;
  filter.all = true;
  EXPECT_EQ(filter_rows(k_rows, filter).size(), k_rows.size());
}

TEST(ContainerListing, FiltersByServiceAndState) {
  EXPECT_EQ(names(filter_rows(k_rows, {false, {"db"}, {}})), (std::vector<std::string>{"p-db-1"}));
  EXPECT_EQ(names(filter_rows(k_rows, {true, {}, {"exited", "paused"}})),
            (std::vector<std::string>{"p-web-2", "p-db-1", "p-web-run-2"}));
  EXPECT_TRUE(filter_rows(k_rows, {false, {"web"}, {"dead"}}).empty());
}

TEST(ContainerListing, WritesOneJsonObjectPerLineAsComposeV2) {
  auto db = row("p-db-1", "db", "running");
  db.id = "0123456789abcdef";
  db.summary.created = 1000;
  const auto text = container_rows_json({db, row("p-web-1", "web", "exited")}, "p", false, 1004);
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  const auto first = nlohmann::json::parse(text.substr(0, text.find('\n')));
  EXPECT_EQ(first["ID"], "0123456789ab");
  EXPECT_EQ(first["Name"], "p-db-1");
  EXPECT_EQ(first["Project"], "p");
  EXPECT_EQ(first["Service"], "db");
  EXPECT_EQ(first["RunningFor"], "4 seconds ago");
  EXPECT_TRUE(first["ExitCode"].is_number());
  EXPECT_TRUE(first["Publishers"].is_array());
  EXPECT_EQ(nlohmann::json::parse(container_rows_json({db}, "p", true, 1004))["ID"],
            "0123456789abcdef");
}

TEST(ContainerListing, PublishedAddressIsTheFirstBinding) {
  engine::ContainerDetails details;
  details.published_ports["80/tcp"] = {{"0.0.0.0", "49153"}, {"::", "49153"}};
  details.published_ports["443/tcp"] = {};
  EXPECT_EQ(published_address(details, "80/tcp"), "0.0.0.0:49153");
  EXPECT_EQ(published_address(details, "443/tcp"), "");
  EXPECT_EQ(published_address(details, "80/udp"), "");
}

}  // namespace
}  // namespace berth::scheduler
