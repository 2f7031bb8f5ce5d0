// `up` against the FakeEngine: what it creates on a cold engine and in which
// order, that a second run changes nothing, how a changed service is
// replaced, and scaling up and down.

#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

using UpVerb = VerbTest;

TEST_F(UpVerb, ColdCreatesNetworkVolumeAndContainersDependenciesFirst) {
  const auto project = load(k_three_tiers);
  ASSERT_TRUE(up(project)) << progress.text();

  const auto changes = engine.changes();
  EXPECT_EQ(sorted(changes), (std::vector<std::string>{
                                 "create_container proj-api-1",
                                 "create_container proj-db-1",
                                 "create_container proj-web-1",
                                 "create_network proj_default",
                                 "create_volume proj_data",
                                 "start_container proj-api-1",
                                 "start_container proj-db-1",
                                 "start_container proj-web-1",
                             }));
  // The network and the volume exist before the first container.
  EXPECT_TRUE(before(changes, "create_network proj_default", "create_container proj-db-1"));
  EXPECT_TRUE(before(changes, "create_volume proj_data", "create_container proj-db-1"));
  // Each dependency is running before its dependent is even created.
  EXPECT_TRUE(before(changes, "start_container proj-db-1", "create_container proj-api-1"));
  EXPECT_TRUE(before(changes, "start_container proj-api-1", "create_container proj-web-1"));

  for (const std::string name : {"proj-db-1", "proj-api-1", "proj-web-1"}) {
    auto container = engine.container(name);
    ASSERT_TRUE(container) << name;
    EXPECT_EQ(container->state, "running") << name;
    EXPECT_EQ(container->spec.labels.at("com.docker.compose.project"), "proj");
    EXPECT_EQ(container->networks.count("proj_default"), 1u) << name;
  }
  EXPECT_EQ(engine.container("proj-web-1")->spec.labels.at("com.docker.compose.service"), "web");
  EXPECT_EQ(engine.container("proj-db-1")->spec.binds,
            (std::vector<std::string>{"proj_data:/data:rw"}));
}

TEST_F(UpVerb, SecondRunChangesNothing) {
  const auto project = load(k_three_tiers);
  ASSERT_TRUE(up(project)) << progress.text();
  const auto ids_before = engine.containers();
  engine.clear_transcript();

  ASSERT_TRUE(up(project)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  const auto ids_after = engine.containers();
  ASSERT_EQ(ids_after.size(), 3u);
  for (size_t i = 0; i < ids_after.size(); ++i) {
    EXPECT_EQ(ids_after[i].id, ids_before[i].id) << ids_after[i].name;
  }
}

TEST_F(UpVerb, StoppedContainerIsStartedNotRecreated) {
  const auto project = load(k_three_tiers);
  ASSERT_TRUE(up(project)) << progress.text();
  const std::string id = engine.container("proj-api-1")->id;
  ASSERT_TRUE(engine.stop_container("proj-api-1", 0));
  engine.clear_transcript();

  ASSERT_TRUE(up(project)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{"start_container proj-api-1"});
  EXPECT_EQ(engine.container("proj-api-1")->id, id);
}

TEST_F(UpVerb, ChangedEnvironmentRecreatesUnderATemporaryNameThenSwaps) {
  ASSERT_TRUE(up(load(k_three_tiers))) << progress.text();
  const std::string old_id = engine.container("proj-api-1")->id;
  engine.clear_transcript();

  std::string changed = k_three_tiers;
  changed.replace(changed.find("    depends_on: [db]"), 0, "    environment: {MODE: two}\n");
  ASSERT_TRUE(up(load(changed))) << progress.text();

  // One unit, strictly in this order; db and web (depends_on, not links) stay.
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "create_container tmp_proj-api-1",
                                  "stop_container proj-api-1 10",
                                  "remove_container proj-api-1",
                                  "rename_container tmp_proj-api-1 proj-api-1",
                                  "start_container proj-api-1",
                              }));
  auto api = engine.container("proj-api-1");
  ASSERT_TRUE(api);
  EXPECT_NE(api->id, old_id);
  EXPECT_EQ(api->state, "running");
  EXPECT_NE(std::find(api->spec.env.begin(), api->spec.env.end(), "MODE=two"),
            api->spec.env.end());
  EXPECT_FALSE(engine.container(old_id));
}

TEST_F(UpVerb, FailedReplacementLeavesTheOldContainerRunning) {
  ASSERT_TRUE(up(load(k_three_tiers))) << progress.text();
  const std::string old_id = engine.container("proj-api-1")->id;
  engine.clear_transcript();
  engine.fail_call("create_container tmp_proj-api-1",
                   {engine::ErrorCode::server, 500, "disk full"});

  std::string changed = k_three_tiers;
  changed.replace(changed.find("    depends_on: [db]"), 0, "    environment: {MODE: two}\n");
  EXPECT_FALSE(up(load(changed)));

  EXPECT_EQ(engine.changes(), std::vector<std::string>{"create_container tmp_proj-api-1"});
  EXPECT_EQ(engine.container("proj-api-1")->id, old_id);
  EXPECT_EQ(state_of("proj-api-1"), "running");
  EXPECT_NE(progress.text().find("disk full"), std::string::npos) << progress.text();
}

// A run killed between the old container's removal and the rename left the
// replacement under its temporary name: the next `up` mends it with a plan of
// its own before planning (printed, and not carried out, by a dry run).
TEST_F(UpVerb, LeftoverUnderATemporaryNameGetsItsNameBackByAPlanOfItsOwn) {
  const auto project = load(k_three_tiers);
  ASSERT_TRUE(up(project)) << progress.text();
  const std::string id = engine.container("proj-api-1")->id;
  ASSERT_TRUE(engine.rename_container(id, "0123456789ab_proj-api-1"));
  engine.clear_transcript();

  const size_t plans_before = progress.plans().size();
  scheduler::UpOptions dry;
  dry.dry_run = true;
  ASSERT_TRUE(up(project, dry)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  ASSERT_EQ(progress.plans().size(), plans_before + 2);  // the mend, then up's own
  EXPECT_EQ(progress.plans()[plans_before],
            "[] -> #1 service:api:1, RenameContainer, left under a temporary name by an "
            "interrupted recreate of proj-api-1\n");

  ASSERT_TRUE(up(project)) << progress.text();
  EXPECT_EQ(engine.changes(),
            std::vector<std::string>{"rename_container tmp_proj-api-1 proj-api-1"});
  EXPECT_EQ(engine.container("proj-api-1")->id, id);
  EXPECT_EQ(state_of("proj-api-1"), "running");
}

TEST_F(UpVerb, ScaleUpAddsNumbersAndScaleDownRemovesTheHighest) {
  const auto project = load(k_three_tiers);
  ASSERT_TRUE(up(project)) << progress.text();
  const std::string web_1 = engine.container("proj-web-1")->id;
  engine.clear_transcript();

  scheduler::UpOptions three;
  three.scale["web"] = 3;
  ASSERT_TRUE(up(project, three)) << progress.text();
  const auto grown = engine.changes();
  EXPECT_EQ(sorted(grown), (std::vector<std::string>{
                               "create_container proj-web-2",
                               "create_container proj-web-3",
                               "start_container proj-web-2",
                               "start_container proj-web-3",
                           }));
  EXPECT_TRUE(before(grown, "create_container proj-web-2", "start_container proj-web-2"));
  EXPECT_TRUE(before(grown, "create_container proj-web-3", "start_container proj-web-3"));
  EXPECT_EQ(engine.container("proj-web-1")->id, web_1);
  EXPECT_EQ(engine.container("proj-web-3")->spec.labels.at("com.docker.compose.container-number"),
            "3");
  engine.clear_transcript();

  scheduler::UpOptions one;
  one.scale["web"] = 1;
  ASSERT_TRUE(up(project, one)) << progress.text();
  const auto shrunk = engine.changes();
  EXPECT_EQ(sorted(shrunk), (std::vector<std::string>{
                                "remove_container proj-web-2",
                                "remove_container proj-web-3",
                                "stop_container proj-web-2 10",
                                "stop_container proj-web-3 10",
                            }));
  EXPECT_TRUE(before(shrunk, "stop_container proj-web-2 10", "remove_container proj-web-2"));
  EXPECT_TRUE(before(shrunk, "stop_container proj-web-3 10", "remove_container proj-web-3"));
  EXPECT_EQ(container_names(),
            (std::vector<std::string>{"proj-api-1", "proj-db-1", "proj-web-1"}));
  EXPECT_EQ(engine.container("proj-web-1")->id, web_1);
}

TEST_F(UpVerb, ChangedDependencyRestartsDependentsDeclaringRestartTrue) {
  ASSERT_TRUE(up(load(k_chain))) << progress.text();
  const std::string api_id = engine.container("proj-api-1")->id;
  engine.clear_transcript();

  std::string changed = k_chain;
  changed.replace(changed.find("  api:"), 0, "    environment: {MODE: two}\n");
  ASSERT_TRUE(up(load(changed))) << progress.text();

  // db is replaced; api, which declared restart: true, restarts after it
  // (the same container); web depends on api without it and stays.
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "create_container tmp_proj-db-1",
                                  "stop_container proj-db-1 10",
                                  "remove_container proj-db-1",
                                  "rename_container tmp_proj-db-1 proj-db-1",
                                  "start_container proj-db-1",
                                  "stop_container proj-api-1 10",
                                  "start_container proj-api-1",
                              }));
  EXPECT_EQ(engine.container("proj-api-1")->id, api_id);
}

TEST_F(UpVerb, ChangedServiceRecreatesTheServicesLinkingToIt) {
  const std::string linked = R"(services:
  api:
    image: berth-test/busybox:latest
  web:
    image: berth-test/busybox:latest
    links: [api]
)";
  ASSERT_TRUE(up(load(linked))) << progress.text();
  engine.clear_transcript();

  std::string changed = linked;
  changed.replace(changed.find("  web:"), 0, "    environment: {MODE: two}\n");
  ASSERT_TRUE(up(load(changed))) << progress.text();
  // web's link variables name api's container: it is replaced after api.
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "create_container tmp_proj-api-1",
                                  "stop_container proj-api-1 10",
                                  "remove_container proj-api-1",
                                  "rename_container tmp_proj-api-1 proj-api-1",
                                  "start_container proj-api-1",
                                  "create_container tmp_proj-web-1",
                                  "stop_container proj-web-1 10",
                                  "remove_container proj-web-1",
                                  "rename_container tmp_proj-web-1 proj-web-1",
                                  "start_container proj-web-1",
                              }));
}

TEST_F(UpVerb, NamedServiceBringsItsDependenciesUnlessNoDeps) {
  const auto project = load(k_three_tiers);
  scheduler::UpOptions just_api;
  just_api.services = {"api"};
  just_api.no_deps = true;
  ASSERT_TRUE(up(project, just_api)) << progress.text();
  EXPECT_EQ(container_names(), std::vector<std::string>{"proj-api-1"});

  scheduler::UpOptions web;
  web.services = {"web"};
  ASSERT_TRUE(up(project, web)) << progress.text();
  EXPECT_EQ(container_names(),
            (std::vector<std::string>{"proj-api-1", "proj-db-1", "proj-web-1"}));
}

TEST_F(UpVerb, MissingImageChangesNothing) {
  const auto project = load(R"(services:
  web:
    image: not-here:1
)");
  EXPECT_FALSE(up(project));
  // A pull is tried (the fake has no registry); nothing is created.
  EXPECT_EQ(engine.changes(), std::vector<std::string>{"pull_image not-here:1"});
  EXPECT_NE(progress.text().find("not-here:1"), std::string::npos) << progress.text();
}

}  // namespace
}  // namespace berth::verbs_test
