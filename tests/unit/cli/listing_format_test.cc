// The text of ps/ls tables, top/images tables, events lines and image rows.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "cli/event_format.h"
#include "cli/image_listing.h"
#include "cli/text_table.h"

namespace berth::cli {
namespace {

TEST(TextTable, ColumnsThreeSpacesApart) {
  EXPECT_EQ(column_table({"NAME", "STATUS"}, {{"web", "running(2)"}, {"a-long-name", "x"}}),
            "NAME          STATUS\n"
            "web           running(2)\n"
            "a-long-name   x\n");
}

TEST(TextTable, RuledTableCentresHeadersAsTexttable) {
  EXPECT_EQ(ruled_table({"UID", "CMD"}, {{"root", "sleep 1000"}}),
            "UID       CMD    \n"
            "-----------------\n"
            "root   sleep 1000");
}

class EventFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    m_saved = tz ? tz : "";
    m_had = tz != nullptr;
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
  void TearDown() override {
    m_had ? ::setenv("TZ", m_saved.c_str(), 1) : ::unsetenv("TZ");
    ::tzset();
  }
  static engine::Event start_event() {
    engine::Event event;
    event.type = "container";
    event.action = "start";
    event.id = "abc123";
    event.time_nano = 1795824000123456789;  // 2026-11-28 00:00:00.123456789 UTC
    event.attributes = {{"name", "p-web-1"},
                        {"image", "berth-test/busybox:latest"},
                        {"com.docker.compose.service", "web"},
                        {"exitCode", "0"}};
    return event;
  }

 private:
  std::string m_saved;
  bool m_had = false;
};

TEST_F(EventFormat, LineAsCompose1) {
  EXPECT_EQ(event_line(start_event()),
            "2026-11-28 00:00:00.123456 container start abc123 "
            "(exitCode=0, image=berth-test/busybox:latest, name=p-web-1)");
}

TEST_F(EventFormat, JsonAsCompose1) {
  EXPECT_EQ(event_json(start_event()),
            R"({"time": "2026-11-28T00:00:00.123456", "type": "container", "action": "start", )"
            R"("id": "abc123", "service": "web", "attributes": {"exitCode": "0", )"
            R"("image": "berth-test/busybox:latest", "name": "p-web-1"}})");
}

TEST(ImageListing, SizesAsCompose1) {
  EXPECT_EQ(human_readable_size(0), "0 B");
  EXPECT_EQ(human_readable_size(999), "999 B");
  EXPECT_EQ(human_readable_size(4861236), "4.861 MB");
  EXPECT_EQ(human_readable_size(1240000), "1.24 MB");
  EXPECT_EQ(human_readable_size(2000000000), "2 GB");
}

TEST(ImageListing, PrefersTheServicesTag) {
  engine::ImageDetails image;
  image.id = "sha256:0123456789abcdef0123";
  image.size = 1240000;
  image.repo_tags = {"other:1", "berth-test/busybox:latest"};
  const auto row = image_row("p-web-1", "berth-test/busybox", image);
  EXPECT_EQ(row.repository, "berth-test/busybox");
  EXPECT_EQ(row.tag, "latest");
  EXPECT_EQ(row.id, "0123456789ab");
  EXPECT_EQ(row.size, "1.24 MB");
  image.repo_tags.clear();
  EXPECT_EQ(image_row("c", "x", image).repository, "<none>");
}

}  // namespace
}  // namespace berth::cli
