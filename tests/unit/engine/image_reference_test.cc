// Image references, read as the docker CLI reads them.

#include "engine/image_reference.h"

#include <gtest/gtest.h>

#include <string>

namespace berth::engine {
namespace {

const std::string k_digest =
    "sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";

// "registry repository tag digest name", for compact expectations.
std::string parsed(const std::string& text) {
  const auto reference = parse_image_reference(text);
  if (!reference) {
    return "error: " + reference.error().message;
  }
  return reference->registry + " " + reference->repository + " " + reference->tag + " " +
         reference->digest + " " + reference->name();
}

std::string error_of(const std::string& text) {
  const auto reference = parse_image_reference(text);
  if (reference) {
    return "parsed";
  }
  EXPECT_EQ(reference.error().code, ErrorCode::bad_request);
  return reference.error().message;
}

TEST(ImageReference, OneComponentNamesAreOfficialDockerHubImages) {
  EXPECT_EQ(parsed("redis"), "docker.io library/redis latest  redis");
  EXPECT_EQ(parsed("redis:7.2-alpine"), "docker.io library/redis 7.2-alpine  redis");
  EXPECT_EQ(parsed("docker.io/redis"), "docker.io library/redis latest  docker.io/redis");
  EXPECT_EQ(parsed("index.docker.io/library/redis:1"),
            "docker.io library/redis 1  index.docker.io/library/redis");
}

TEST(ImageReference, AFirstComponentWithoutDotColonOrUppercaseIsADockerHubNamespace) {
  EXPECT_EQ(parsed("user/app"), "docker.io user/app latest  user/app");
  EXPECT_EQ(parsed("user/team/app:v1"), "docker.io user/team/app v1  user/team/app");
  EXPECT_EQ(parsed("docker.io/user/app"), "docker.io user/app latest  docker.io/user/app");
}

TEST(ImageReference, AFirstComponentWithDotColonLocalhostOrUppercaseIsARegistry) {
  EXPECT_EQ(parsed("ghcr.io/org/app:1.2"), "ghcr.io org/app 1.2  ghcr.io/org/app");
  EXPECT_EQ(parsed("127.0.0.1:5000/app"), "127.0.0.1:5000 app latest  127.0.0.1:5000/app");
  EXPECT_EQ(parsed("localhost:5000/team/app:dev"),
            "localhost:5000 team/app dev  localhost:5000/team/app");
  EXPECT_EQ(parsed("localhost/app"), "localhost app latest  localhost/app");
  EXPECT_EQ(parsed("registry:5000/app"), "registry:5000 app latest  registry:5000/app");
  EXPECT_EQ(parsed("[::1]:5000/app"), "[::1]:5000 app latest  [::1]:5000/app");
  EXPECT_EQ(parsed("Example/app"), "Example app latest  Example/app");
}

TEST(ImageReference, AColonWithoutSlashAfterItIsATag) {
  // As in docker: "localhost:5000" alone is the image localhost, tag 5000.
  EXPECT_EQ(parsed("localhost:5000"), "docker.io library/localhost 5000  localhost");
}

TEST(ImageReference, DigestsWithAndWithoutTag) {
  EXPECT_EQ(parsed("ghcr.io/org/app@" + k_digest),
            "ghcr.io org/app  " + k_digest + " ghcr.io/org/app");
  EXPECT_EQ(parsed("busybox:1.36@" + k_digest),
            "docker.io library/busybox 1.36 " + k_digest + " busybox");
}

TEST(ImageReference, SeparatorsInsidePathComponents) {
  EXPECT_EQ(parsed("a__b/c-d---e/f.g_h"),
            "docker.io a__b/c-d---e/f.g_h latest  a__b/c-d---e/f.g_h");
  EXPECT_EQ(parsed("app:_Tag.1-x"), "docker.io library/app _Tag.1-x  app");
}

TEST(ImageReference, NameOfAHandBuiltReferenceIsTheFamiliarForm) {
  ImageReference reference;
  reference.registry = "docker.io";
  reference.repository = "library/redis";
  EXPECT_EQ(reference.name(), "redis");
  reference.repository = "library/nested/redis";
  EXPECT_EQ(reference.name(), "library/nested/redis");
  reference.repository = "org/app";
  EXPECT_EQ(reference.name(), "org/app");
  reference.registry = "ghcr.io";
  EXPECT_EQ(reference.name(), "ghcr.io/org/app");
}

TEST(ImageReference, EmptyAndMissingNamesAreRejected) {
  EXPECT_EQ(error_of(""), "invalid image reference \"\": it is empty");
  EXPECT_EQ(error_of(":latest"),
            "invalid image reference \":latest\": the repository name is missing");
  EXPECT_EQ(error_of("@" + k_digest),
            "invalid image reference \"@" + k_digest + "\": the repository name is missing");
}

TEST(ImageReference, UppercaseRepositoriesAreRejected) {
  EXPECT_EQ(error_of("Redis"),
            "invalid image reference \"Redis\": repository name \"Redis\" must be lowercase");
  EXPECT_EQ(error_of("library/Redis:7"),
            "invalid image reference \"library/Redis:7\": repository name \"library/Redis\" "
            "must be lowercase");
  EXPECT_EQ(error_of("ghcr.io/Org/app"),
            "invalid image reference \"ghcr.io/Org/app\": repository name \"Org/app\" must be "
            "lowercase");
}

TEST(ImageReference, BadTagsAreRejected) {
  EXPECT_EQ(error_of("redis:"),
            "invalid image reference \"redis:\": tag \"\" must be 1 to 128 letters, digits, '_', "
            "'.' or '-', not starting with '.' or '-'");
  EXPECT_NE(error_of("redis:-x").find("tag \"-x\""), std::string::npos);
  EXPECT_NE(error_of("redis:a+b").find("tag \"a+b\""), std::string::npos);
  EXPECT_EQ(parsed("redis:" + std::string(128, 'a')).substr(0, 24), "docker.io library/redis ");
  EXPECT_NE(error_of("redis:" + std::string(129, 'a')).find("tag"), std::string::npos);
}

TEST(ImageReference, BadDigestsAreRejected) {
  const std::string message = "\" must be sha256:<64 lowercase hex digits> (or sha384, sha512)";
  EXPECT_EQ(error_of("redis@sha256:abc"),
            "invalid image reference \"redis@sha256:abc\": digest \"sha256:abc" + message);
  EXPECT_NE(error_of("redis@md5:" + std::string(32, 'a')).find("\": digest \"md5:"),
            std::string::npos);
  std::string upper = k_digest;
  upper.back() = 'A';
  EXPECT_NE(error_of("redis@" + upper).find("digest"), std::string::npos);
  EXPECT_NE(error_of("redis@" + k_digest + "@" + k_digest).find("digest"), std::string::npos);
}

TEST(ImageReference, BadPathComponentsAreRejected) {
  for (const std::string text :
       {"a//b", "a/", "-a", "a-", "a..b", "a___b", "a/.b", "redis:1:2", "foo/bar baz", "foo/bär"}) {
    EXPECT_NE(
        error_of(text).find("\" is invalid: each '/'-separated part must be lowercase "
                            "letters and digits, separated inside by '.', '_', '__' or dashes"),
        std::string::npos)
        << text;
  }
}

TEST(ImageReference, BadRegistriesAreRejected) {
  EXPECT_EQ(error_of("my_registry:5000/app"),
            "invalid image reference \"my_registry:5000/app\": registry \"my_registry:5000\" is "
            "not a valid host[:port]");
  for (const std::string text : {"ghcr.io:/app", "host:50a/app", "-host.io/app", "host..io/app",
                                 "::1/app", "[]:5000/app", "[::1]x/app", "[::g]/app"}) {
    EXPECT_NE(error_of(text).find("is not a valid host[:port]"), std::string::npos) << text;
  }
}

TEST(ImageReference, ImageIdsAndOverlongNamesAreRejected) {
  const std::string id(64, 'a');
  EXPECT_EQ(error_of(id), "invalid image reference \"" + id +
                              "\": a 64-character hexadecimal string is an image ID, not a name");
  EXPECT_EQ(parsed(id + ":1").substr(0, 10), "docker.io ");  // with a tag it is a name
  const std::string long_path = std::string(100, 'a') + "/" + std::string(100, 'b') + "/" +
                                std::string(50, 'c');  // 252 + "docker.io/" > 255
  EXPECT_NE(error_of(long_path).find("must not be more than 255 characters"), std::string::npos);
  EXPECT_EQ(parsed("x.io/" + std::string(250, 'a')).substr(0, 5), "x.io ");  // exactly 255
}

TEST(ImageReference, PullQueryUsesTheWrittenNameAndTheDigestOverTheTag) {
  auto query = pull_query(*parse_image_reference("127.0.0.1:5000/team/app:1"));
  EXPECT_EQ(query.from_image, "127.0.0.1:5000/team/app");
  EXPECT_EQ(query.tag, "1");
  EXPECT_EQ(to_query_string(query), "fromImage=127.0.0.1%3A5000%2Fteam%2Fapp&tag=1");

  query = pull_query(*parse_image_reference("redis"));
  EXPECT_EQ(query.from_image, "redis");
  EXPECT_EQ(query.tag, "latest");

  query = pull_query(*parse_image_reference("docker.io/library/busybox:1@" + k_digest));
  EXPECT_EQ(query.from_image, "docker.io/library/busybox");
  EXPECT_EQ(query.tag, k_digest);
  EXPECT_EQ(to_query_string(query),
            "fromImage=docker.io%2Flibrary%2Fbusybox&tag=sha256%3A" + k_digest.substr(7));
}

TEST(ImageReference, RegistryKeyIsTheDockerConfigAuthsKey) {
  EXPECT_EQ(registry_key(*parse_image_reference("redis")), "https://index.docker.io/v1/");
  EXPECT_EQ(registry_key(*parse_image_reference("index.docker.io/org/app")),
            "https://index.docker.io/v1/");
  EXPECT_EQ(registry_key(*parse_image_reference("127.0.0.1:5000/app")), "127.0.0.1:5000");
  EXPECT_EQ(registry_key(*parse_image_reference("localhost:5000/app")), "localhost:5000");
  EXPECT_EQ(registry_key(*parse_image_reference("ghcr.io/org/app:1")), "ghcr.io");
}

}  // namespace
}  // namespace berth::engine
