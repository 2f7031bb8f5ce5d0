#include "scheduler/converge/network_duplicates.h"

#include <gtest/gtest.h>

namespace berth::scheduler {
namespace {

engine::NetworkSummary network(const std::string& id, const std::string& name) {
  return engine::NetworkSummary{id, name, "bridge", {}};
}

using Ids = std::vector<std::string>;

TEST(DuplicateNetworks, NoneWhenNamesDiffer) {
  EXPECT_EQ(duplicate_networks_to_remove({network("a", "p_default"), network("b", "p_back")}, {}),
            Ids{});
}

TEST(DuplicateNetworks, TheAttachedOneIsKept) {
  const std::vector<engine::NetworkSummary> networks = {network("a", "p_default"),
                                                        network("b", "p_default")};
  EXPECT_EQ(duplicate_networks_to_remove(networks, {"b"}), Ids{"a"});
  EXPECT_EQ(duplicate_networks_to_remove(networks, {"a"}), Ids{"b"});
}

TEST(DuplicateNetworks, WithoutContainersTheFirstIsKept) {
  EXPECT_EQ(duplicate_networks_to_remove(
                {network("a", "p_default"), network("b", "p_default"), network("c", "p_default")},
                {}),
            (Ids{"b", "c"}));
}

TEST(DuplicateNetworks, AttachedOnesAreNeverRemoved) {
  EXPECT_EQ(duplicate_networks_to_remove(
                {network("a", "p_default"), network("b", "p_default"), network("c", "p_default"),
                 network("d", "p_back")},
                {"a", "c", "d"}),
            Ids{"b"});
}

}  // namespace
}  // namespace berth::scheduler
