// The facet comparison itself: equal meanings in the two tools' spellings
// compare equal, and a real difference is found.

#include "realworld_facets.h"

#include <gtest/gtest.h>

namespace berth::testing {
namespace {

using nlohmann::json;

json project(json service) { return {{"name", "p"}, {"services", {{"web", service}}}}; }

TEST(RealWorldFacets, EqualMeaningsInEitherSpellingAreEqual) {
  json berth = project({{"image", "x"},
                        {"ports", {{{"target", 80}, {"published", 8080}, {"protocol", "tcp"}}}},
                        {"environment", {{"A", "1"}}},
                        {"links", {"db:db"}},
                        {"extra_hosts", {"a:1.2.3.4"}},
                        {"healthcheck", {{"test", {"CMD", "true"}}, {"interval", "90s"}}},
                        {"stop_grace_period", "90s"},
                        {"deploy", {{"resources", {{"limits", {{"memory", 536870912}}}}}}}});
  json v2 = project({{"image", "x"},
                     {"command", nullptr},
                     {"ports",
                      {{{"mode", "ingress"}, {"target", 80}, {"published", "8080"},
                        {"protocol", "tcp"}}}},
                     {"environment", {{"A", "1"}, {"UNSET", nullptr}}},
                     {"links", {"db"}},
                     {"depends_on",
                      {{"db", {{"condition", "service_started"}, {"required", true},
                               {"restart", true}}}}},
                     {"networks", {{"default", nullptr}}},
                     {"extra_hosts", {"a=1.2.3.4"}},
                     {"healthcheck", {{"test", {"CMD", "true"}}, {"interval", "1m30s"}}},
                     {"stop_grace_period", "1m30s"},
                     {"deploy",
                      {{"resources", {{"limits", {{"memory", "536870912"}}}}},
                       {"placement", json::object()}}}});
  std::vector<FacetDifference> differences = compare_projects(berth, v2);
  for (const auto& d : differences) {
    ADD_FAILURE() << d.where << ": " << d.berth << " vs " << d.compose_v2;
  }
}

TEST(RealWorldFacets, ADroppedKeyAndADifferentValueAreFound) {
  json berth = project({{"image", "x"}, {"ports", {{{"target", 80}, {"published", 8081}}}}});
  json v2 = project({{"image", "x"},
                     {"ports", {{{"target", 80}, {"published", "8080"}}}},
                     {"security_opt", {"no-new-privileges:true"}}});
  std::vector<FacetDifference> differences = compare_projects(berth, v2);
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0].where, "services.web.ports");
  EXPECT_EQ(differences[1].where, "services.web.security_opt");
  EXPECT_EQ(differences[1].berth, "<absent>");
}

}  // namespace
}  // namespace berth::testing
