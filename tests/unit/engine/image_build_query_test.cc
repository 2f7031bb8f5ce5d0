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

TEST(ImageBuildQuery, ExtraTagsPlatformIsolationAndUlimits) {
  ImageBuild spec;
  spec.tag = "p-web";
  spec.extra_tags = {"p-web:2", "other"};
  spec.platform = "linux/amd64";
  spec.isolation = "default";
  spec.ulimits = {{"nofile", 1024, 2048}};
  EXPECT_EQ(image_build_query(spec),
            "t=p-web&t=p-web%3A2&t=other&platform=linux%2Famd64&isolation=default"
            "&ulimits=%5B%7B%22Hard%22%3A2048%2C%22Name%22%3A%22nofile%22%2C%22Soft%22%3A1024%7D"
            "%5D&rm=1&forcerm=1");
}

}  // namespace
}  // namespace berth::engine
