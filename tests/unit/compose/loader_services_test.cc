// Loading the services format (top-level `services:`) into the model.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using Environment = std::vector<std::pair<std::string, std::string>>;
using Words = std::vector<std::string>;

const char* const k_shop = R"(name: shop
services:
  web:
    image: nginx:1.25
    command: nginx -g 'daemon off;'
    entrypoint: ["/docker-entrypoint.sh", "--verbose"]
    environment:
      B: "2"
      A: 1
      FROM_SHELL:
      NOT_SET:
    ports:
      - "8080:80"
      - 443
      - 127.0.0.1::9000/udp
    expose:
      - 9000
      - "7000-7010/udp"
    links:
      - db
      - cache:redis
    depends_on:
      - db
      - cache
    volumes:
      - data:/var/lib/data
      - ./html:/usr/share/nginx/html:ro
      - ../shared/./x/..:/shared
      - ~/.config:/config:rw
      - /tmp/cache
      - /abs/path/:/abs
      - .:/app
    volumes_from:
      - cache:ro
      - container:legacy
      - service:db
    container_name: shop-web
    hostname: web1
    working_dir: /app
    user: "1000:1000"
    labels:
      com.example.tier: front
      empty:
    restart: on-failure:3
    x-note: ignored
  db:
    image: postgres
    environment:
      - POSTGRES_USER=shop
      - FROM_SHELL
      - NOT_SET
      - EMPTY=
      - EQUALS=a=b
    depends_on:
      cache:
        condition: service_healthy
        required: false
        restart: true
      web:
    labels:
      - a=b=c
      - flag
    restart: "no"
  cache:
    image: redis
volumes:
  data:
  ext:
    external: true
  named:
    name: custom-name
    driver: local
    labels:
      purpose: test
networks:
  default: {}
x-common: &common
  foo: bar
)";

LoadOptions shell_environment() {
  LoadOptions options;
  options.environment = {{"FROM_SHELL", "shell value"}, {"HOME", "/home/me"}};
  return options;
}

TEST(LoadServicesFormat, ProjectAttributes) {
  Project project = load(k_shop, shell_environment());
  EXPECT_EQ(project.name, "shop");
  EXPECT_EQ(project.directory, "/proj");
  EXPECT_EQ(project.files, std::vector<std::string>{"compose.yaml"});
  EXPECT_FALSE(project.legacy_format);
  ASSERT_EQ(project.services.size(), 3u);
  EXPECT_EQ(project.services[0].name, "web");
  EXPECT_EQ(project.services[1].name, "db");
  EXPECT_EQ(project.services[2].name, "cache");
  EXPECT_EQ(project.find_service("db"), &project.services[1]);
  EXPECT_EQ(project.find_service("nope"), nullptr);
}

TEST(LoadServicesFormat, ScalarsAndWords) {
  Project project = load(k_shop, shell_environment());
  const Service& web = *project.find_service("web");
  EXPECT_EQ(web.image, "nginx:1.25");
  EXPECT_EQ(web.command, (Words{"nginx", "-g", "daemon off;"}));
  EXPECT_EQ(web.entrypoint, (Words{"/docker-entrypoint.sh", "--verbose"}));
  EXPECT_EQ(web.container_name, "shop-web");
  EXPECT_EQ(web.hostname, "web1");
  EXPECT_EQ(web.working_dir, "/app");
  EXPECT_EQ(web.user, "1000:1000");
  EXPECT_EQ(web.restart, "on-failure:3");
  EXPECT_EQ(project.find_service("db")->restart, "no");
  EXPECT_EQ(project.find_service("db")->command, std::nullopt);
  EXPECT_EQ(project.find_service("cache")->restart, "");
}

TEST(LoadServicesFormat, ServicePosition) {
  Project project = load(k_shop, shell_environment());
  const SourcePos& pos = project.find_service("db")->pos;
  EXPECT_EQ(pos.file, "compose.yaml");
  EXPECT_EQ(pos.line, 46);
  EXPECT_EQ(pos.column, 3);
  EXPECT_EQ(pos.key_path, "services.db");
}

TEST(LoadServicesFormat, EnvironmentMapKeepsOrderAndTakesNullsFromTheShell) {
  Project project = load(k_shop, shell_environment());
  EXPECT_EQ(project.find_service("web")->environment,
            (Environment{{"B", "2"}, {"A", "1"}, {"FROM_SHELL", "shell value"}}));
}

TEST(LoadServicesFormat, EnvironmentList) {
  Project project = load(k_shop, shell_environment());
  EXPECT_EQ(project.find_service("db")->environment, (Environment{{"POSTGRES_USER", "shop"},
                                                                  {"FROM_SHELL", "shell value"},
                                                                  {"EMPTY", ""},
                                                                  {"EQUALS", "a=b"}}));
}

TEST(LoadServicesFormat, EnvironmentListRepeatedKeyKeepsFirstPlaceAndLastValue) {
  Project project = load("services:\n  web:\n    image: x\n    environment: [A=1, B=2, A=3]\n");
  EXPECT_EQ(project.services[0].environment, (Environment{{"A", "3"}, {"B", "2"}}));
}

TEST(LoadServicesFormat, Labels) {
  Project project = load(k_shop, shell_environment());
  EXPECT_EQ(project.find_service("web")->labels,
            (std::map<std::string, std::string>{{"com.example.tier", "front"}, {"empty", ""}}));
  EXPECT_EQ(project.find_service("db")->labels,
            (std::map<std::string, std::string>{{"a", "b=c"}, {"flag", ""}}));
}

TEST(LoadServicesFormat, Ports) {
  Project project = load(k_shop, shell_environment());
  const std::vector<PortMapping>& ports = project.services[0].ports;
  ASSERT_EQ(ports.size(), 3u);
  EXPECT_EQ(ports[0].host_start, 8080);
  EXPECT_EQ(ports[0].container_start, 80);
  EXPECT_EQ(ports[1].host_start, 0);
  EXPECT_EQ(ports[1].container_start, 443);
  EXPECT_EQ(ports[2].host_ip, "127.0.0.1");
  EXPECT_EQ(ports[2].container_start, 9000);
  EXPECT_EQ(ports[2].protocol, "udp");
}

TEST(LoadServicesFormat, Expose) {
  Project project = load(k_shop, shell_environment());
  const std::vector<ExposedPort>& expose = project.services[0].expose;
  ASSERT_EQ(expose.size(), 2u);
  EXPECT_EQ(expose[0].start, 9000);
  EXPECT_EQ(expose[0].end, 9000);
  EXPECT_EQ(expose[0].protocol, "tcp");
  EXPECT_EQ(expose[1].start, 7000);
  EXPECT_EQ(expose[1].end, 7010);
  EXPECT_EQ(expose[1].protocol, "udp");
}

TEST(LoadServicesFormat, LinksDefaultTheirAliasAndKeepTheirPosition) {
  Project project = load(k_shop, shell_environment());
  const std::vector<Link>& links = project.services[0].links;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].service, "db");
  EXPECT_EQ(links[0].alias, "db");
  EXPECT_EQ(links[1].service, "cache");
  EXPECT_EQ(links[1].alias, "redis");
  EXPECT_EQ(links[1].pos.line, 21);
  EXPECT_EQ(links[1].pos.column, 9);
  EXPECT_EQ(links[1].pos.key_path, "services.web.links[1]");
}

TEST(LoadServicesFormat, DependsOnList) {
  Project project = load(k_shop, shell_environment());
  const std::vector<Dependency>& depends_on = project.services[0].depends_on;
  ASSERT_EQ(depends_on.size(), 2u);
  EXPECT_EQ(depends_on[0].service, "db");
  EXPECT_EQ(depends_on[0].condition, DependencyCondition::service_started);
  EXPECT_TRUE(depends_on[0].required);
  EXPECT_FALSE(depends_on[0].restart);
  EXPECT_EQ(depends_on[1].service, "cache");
  EXPECT_EQ(depends_on[1].pos.line, 24);
  EXPECT_EQ(depends_on[1].pos.key_path, "services.web.depends_on[1]");
}

TEST(LoadServicesFormat, DependsOnMapping) {
  Project project = load(k_shop, shell_environment());
  const std::vector<Dependency>& depends_on = project.find_service("db")->depends_on;
  ASSERT_EQ(depends_on.size(), 2u);
  EXPECT_EQ(depends_on[0].service, "cache");
  EXPECT_EQ(depends_on[0].condition, DependencyCondition::service_healthy);
  EXPECT_FALSE(depends_on[0].required);
  EXPECT_TRUE(depends_on[0].restart);
  EXPECT_EQ(depends_on[0].pos.line, 55);
  EXPECT_EQ(depends_on[0].pos.column, 7);
  EXPECT_EQ(depends_on[0].pos.key_path, "services.db.depends_on.cache");
  EXPECT_EQ(depends_on[1].service, "web");
  EXPECT_EQ(depends_on[1].condition, DependencyCondition::service_started);
  EXPECT_TRUE(depends_on[1].required);
}

TEST(LoadServicesFormat, DependencyConditions) {
  Project project = load(R"(services:
  a:
    image: x
    depends_on:
      b: {condition: service_completed_successfully}
      c: {condition: service_started}
  b: {image: x}
  c: {image: x}
)");
  EXPECT_EQ(project.services[0].depends_on[0].condition,
            DependencyCondition::service_completed_successfully);
  EXPECT_EQ(project.services[0].depends_on[1].condition, DependencyCondition::service_started);
}

TEST(LoadServicesFormat, VolumeMountKindsAndResolvedPaths) {
  Project project = load(k_shop, shell_environment());
  const std::vector<VolumeMount>& volumes = project.services[0].volumes;
  ASSERT_EQ(volumes.size(), 7u);
  EXPECT_EQ(volumes[0].kind, VolumeMount::Kind::named);
  EXPECT_EQ(volumes[0].source, "data");
  EXPECT_EQ(volumes[0].target, "/var/lib/data");
  EXPECT_FALSE(volumes[0].read_only);
  EXPECT_EQ(volumes[1].kind, VolumeMount::Kind::bind);
  EXPECT_EQ(volumes[1].source, "/proj/html");
  EXPECT_EQ(volumes[1].target, "/usr/share/nginx/html");
  EXPECT_TRUE(volumes[1].read_only);
  EXPECT_EQ(volumes[2].kind, VolumeMount::Kind::bind);
  EXPECT_EQ(volumes[2].source, "/shared");
  EXPECT_EQ(volumes[3].kind, VolumeMount::Kind::bind);
  EXPECT_EQ(volumes[3].source, "/home/me/.config");
  EXPECT_FALSE(volumes[3].read_only);
  EXPECT_EQ(volumes[4].kind, VolumeMount::Kind::anonymous);
  EXPECT_EQ(volumes[4].source, "");
  EXPECT_EQ(volumes[4].target, "/tmp/cache");
  EXPECT_EQ(volumes[5].kind, VolumeMount::Kind::bind);
  EXPECT_EQ(volumes[5].source, "/abs/path");
  EXPECT_EQ(volumes[5].target, "/abs");
  EXPECT_EQ(volumes[6].source, "/proj");
  EXPECT_EQ(volumes[6].target, "/app");
}

TEST(LoadServicesFormat, VolumesFrom) {
  Project project = load(k_shop, shell_environment());
  const std::vector<VolumesFrom>& sources = project.services[0].volumes_from;
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].source, "cache");
  EXPECT_FALSE(sources[0].is_container);
  EXPECT_TRUE(sources[0].read_only);
  EXPECT_EQ(sources[0].pos.key_path, "services.web.volumes_from[0]");
  EXPECT_EQ(sources[1].source, "legacy");
  EXPECT_TRUE(sources[1].is_container);
  EXPECT_FALSE(sources[1].read_only);
  EXPECT_EQ(sources[2].source, "db");
  EXPECT_FALSE(sources[2].is_container);
}

TEST(LoadServicesFormat, TopLevelVolumes) {
  Project project = load(k_shop, shell_environment());
  ASSERT_EQ(project.volumes.size(), 3u);
  const VolumeDecl* data = project.find_volume("data");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->name, "shop_data");
  EXPECT_FALSE(data->external);
  EXPECT_EQ(data->pos.line, 67);
  EXPECT_EQ(data->pos.key_path, "volumes.data");
  const VolumeDecl* ext = project.find_volume("ext");
  ASSERT_NE(ext, nullptr);
  EXPECT_EQ(ext->name, "ext");
  EXPECT_TRUE(ext->external);
  const VolumeDecl* named = project.find_volume("named");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->name, "custom-name");
  EXPECT_EQ(named->driver, "local");
  EXPECT_EQ(named->labels, (std::map<std::string, std::string>{{"purpose", "test"}}));
  EXPECT_EQ(project.find_volume("nope"), nullptr);
}

TEST(LoadServicesFormat, ExternalVolumeWithName) {
  Project project =
      load("services: {}\nvolumes:\n  v:\n    external: true\n    name: the-real-one\n");
  EXPECT_EQ(project.volumes[0].name, "the-real-one");
  EXPECT_TRUE(project.volumes[0].external);
}

TEST(LoadServicesFormat, VersionAloneSelectsTheFormat) {
  Project project = load("version: \"2.4\"\n");
  EXPECT_FALSE(project.legacy_format);
  EXPECT_TRUE(project.services.empty());
}

TEST(LoadServicesFormat, CommandForms) {
  Project project = load(R"(services:
  a:
    image: x
    command: ["sh", "-c", "echo $$HOME"]
    entrypoint: ""
  b:
    image: x
    command: echo "a b" c\ d
)");
  // "$$" is interpolated to a literal "$".
  EXPECT_EQ(project.services[0].command, (Words{"sh", "-c", "echo $HOME"}));
  EXPECT_EQ(project.services[0].entrypoint, Words{});
  EXPECT_EQ(project.services[1].command, (Words{"echo", "a b", "c d"}));
}

TEST(LoadServicesFormat, MergeKeysAndAnchors) {
  Project project = load(R"(x-env: &env
  A: "1"
  B: "2"
x-base: &base
  image: nginx
  restart: always
services:
  web:
    <<: *base
    restart: unless-stopped
    environment:
      <<: *env
      B: "3"
      C: "4"
  worker:
    <<: [*base]
    environment: *env
)");
  const Service& web = project.services[0];
  EXPECT_EQ(web.image, "nginx");
  EXPECT_EQ(web.restart, "unless-stopped");
  EXPECT_EQ(web.environment, (Environment{{"A", "1"}, {"B", "3"}, {"C", "4"}}));
  const Service& worker = project.services[1];
  EXPECT_EQ(worker.restart, "always");
  EXPECT_EQ(worker.environment, (Environment{{"A", "1"}, {"B", "2"}}));
}

TEST(LoadServicesFormat, ExtensionKeysAreIgnored) {
  Project project = load(
      "x-top: 1\nservices:\n  x-not-a-service: {image: x}\n  web:\n    image: x\n    x-y: [1]\n");
  ASSERT_EQ(project.services.size(), 1u);
  EXPECT_EQ(project.services[0].name, "web");
}

}  // namespace
}  // namespace berth::compose
