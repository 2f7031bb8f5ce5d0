// The examples under examples/ (other than hello, see up_ps_down_test.cc), run
// as their READMEs say, on the real engine.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "harness.h"

namespace berth::testing {
namespace {

const std::string k_examples_dir = std::string(BERTH_SOURCE_DIR) + "/examples/";
const std::string k_base_image = "berth/debian:bookworm";
// Published by the apache test only (examples/apache reads it as APACHE_PORT),
// so a demo left running on 8081 does not get in the way.
const std::string k_apache_test_port = "18081";

// berth in an example's directory, under a unique project name so the demo a
// developer may have running is never touched; removes what the test made.
class Example : public ::testing::Test {
 protected:
  Example(const std::string& example, const std::string& hint)
      : m_dir(k_examples_dir + example), m_project(unique_project_name(hint)) {}
  ~Example() override { remove_project_objects(m_project); }

  CommandResult berth(const std::string& args, const std::string& environment = "") const {
    return run_shell(environment + shell_quote(BERTH_BINARY) + " -p " + m_project + " " + args,
                     m_dir);
  }

  void expect_nothing_left() const {
    const engine::LabelFilter filter = {"com.docker.compose.project=" + m_project};
    auto containers = test_engine().list_containers(filter, true);
    ASSERT_TRUE(containers.ok());
    EXPECT_TRUE(containers->empty());
    auto networks = test_engine().list_networks(filter);
    ASSERT_TRUE(networks.ok());
    EXPECT_TRUE(networks->empty());
  }

  std::string m_dir;
  std::string m_project;
};

class FigLegacyExample : public Example {
 protected:
  FigLegacyExample() : Example("fig-legacy", "figlegacy") {}
};

TEST_F(FigLegacyExample, AppPrintsTheLinkVariablesOfDb) {
  auto up = berth("-f fig.yml up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;

  // app prints its variables, then what db answers on the exposed port.
  CommandResult logs;
  EXPECT_TRUE(eventually(
      [&] {
        logs = berth("-f fig.yml logs --no-color app");
        return logs.out.find("db says ready") != std::string::npos;
      },
      20))
      << logs.out << logs.err;
  auto db = test_engine().inspect_container(m_project + "-db-1");
  ASSERT_TRUE(db.ok());
  const std::string address = db->networks.at(m_project + "_default").ip_address;
  for (const std::string& line : std::vector<std::string>{
           "DB_PORT=tcp://" + address + ":5432",
           "DB_PORT_5432_TCP=tcp://" + address + ":5432",
           "DB_PORT_5432_TCP_ADDR=" + address,
           "DB_PORT_5432_TCP_PORT=5432",
           "DB_PORT_5432_TCP_PROTO=tcp",
           "DB_NAME=/" + m_project + "-app-1/db",
           "DB_ENV_GREETING=hello from db",
       }) {
    EXPECT_NE(logs.out.find("| " + line + "\n"), std::string::npos) << line << "\n" << logs.out;
  }

  auto ps = berth("-f fig.yml ps");
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_NE(ps.out.find(m_project + "-app-1   app       running"), std::string::npos) << ps.out;
  EXPECT_NE(ps.out.find("5432/tcp"), std::string::npos) << ps.out;

  auto down = berth("-f fig.yml down");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  expect_nothing_left();
}

class ApacheExample : public Example {
 protected:
  ApacheExample() : Example("apache", "apache") {}
  ~ApacheExample() override {
    remove_project_objects(m_project);
    // The image `up` built. --no-prune keeps its parent layers, the engine's
    // build cache, so the next run does not download apache2 again.
    run_shell("/usr/bin/docker rmi -f --no-prune " + shell_quote(image()) + " >/dev/null 2>&1");
  }
  std::string image() const { return m_project + "-web"; }
};

// The one test that publishes k_apache_test_port: it must never run twice at once.
TEST_F(ApacheExample, BuildsAndServesTheStaticPage) {
  if (!test_engine().inspect_image(k_base_image).ok()) {
    GTEST_SKIP() << k_base_image << " is not on the engine (scripts/setup makes it with "
                 << "scripts/base_image)";
  }
  const std::string port_variable = "APACHE_PORT=" + k_apache_test_port + " ";

  auto up = berth("up -d --wait", port_variable);
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  auto built = test_engine().inspect_image(image());
  ASSERT_TRUE(built.ok()) << "up did not build " << image();
  auto health = run_shell("/usr/bin/docker inspect -f '{{.State.Health.Status}}' " +
                          shell_quote(m_project + "-web-1"));
  EXPECT_EQ(health.out, "healthy\n");

  auto page = run_shell("curl -sf --max-time 5 http://127.0.0.1:" + k_apache_test_port + "/");
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(page.out.find("Hello, Docker world"), std::string::npos) << page.out;

  auto down = berth("down", port_variable);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  expect_nothing_left();
  EXPECT_NE(run_shell("curl -sf --max-time 2 http://127.0.0.1:" + k_apache_test_port + "/")
                .exit_code,
            0);
}

}  // namespace
}  // namespace berth::testing
