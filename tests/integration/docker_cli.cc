#include "docker_cli.h"

#include <gtest/gtest.h>

#include "harness.h"

namespace berth::testing {

nlohmann::json docker_inspect(const std::string& name, const std::string& kind) {
  const std::string command = kind.empty() ? "inspect" : kind + " inspect";
  auto result = run_shell("/usr/bin/docker " + command + " " + shell_quote(name));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json list = nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  return list.is_array() && !list.empty() ? list[0] : nlohmann::json::object();
}

std::string docker_exec_sh(const std::string& container, const std::string& command) {
  return run_shell("/usr/bin/docker exec " + shell_quote(container) + " sh -c " +
                   shell_quote(command))
      .out;
}

}  // namespace berth::testing
