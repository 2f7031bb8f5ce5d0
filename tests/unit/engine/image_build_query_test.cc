#include "engine/image_build_query.h"

#include <gtest/gtest.h>

namespace berth::engine {
namespace {

TEST(ImageBuildQuery, OnlyTheDefaultsWhenNothingIsSet) {
  EXPECT_EQ(image_build_query({}), "rm=1&forcerm=1");
}

TEST(ImageBuildQuery, EveryOptionEncodedAsTheDockerCliSendsIt) {
  ImageBuild spec;
  spec.tag = "proj-web:latest";
  spec.dockerfile = "docker/Dockerfile.dev";
  spec.args = {{"A", "1"}, {"B", "x y"}, {"A", "2"}};
  spec.target = "runtime";
  spec.labels = {{"k", "v"}};
  spec.network = "host";
  spec.shm_size = 67108864;
  spec.extra_hosts = {"db:10.0.0.2", "cache:10.0.0.3"};
  spec.cache_from = {"proj-web:cache"};
  spec.no_cache = true;
  spec.pull = true;
  spec.quiet = true;
  EXPECT_EQ(image_build_query(spec),
            "t=proj-web%3Alatest&dockerfile=docker%2FDockerfile.dev"
            "&buildargs=%7B%22A%22%3A%222%22%2C%22B%22%3A%22x%20y%22%7D&target=runtime"
            "&labels=%7B%22k%22%3A%22v%22%7D&networkmode=host&shmsize=67108864"
            "&extrahosts=db%3A10.0.0.2&extrahosts=cache%3A10.0.0.3"
            "&cachefrom=%5B%22proj-web%3Acache%22%5D&nocache=1&pull=1&q=1&rm=1&forcerm=1");
}

}  // namespace
}  // namespace berth::engine
