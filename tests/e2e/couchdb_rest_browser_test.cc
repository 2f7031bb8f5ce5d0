// The couchdb REST demo's page in a real browser: Debian's chromium, headless,
// driven through chromedriver (WebDriver). Opens the page through the balancer,
// creates a note, sees it listed, reloads and still sees it, deletes it; saves
// a screenshot to <build>/artifacts/couchdb-rest-page.png.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "demo_stack.h"
#include "webdriver.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;

bool contains(const std::vector<std::string>& values, const std::string& wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

void save_artifact(const std::string& name, const std::string& bytes) {
  fs::create_directories(BERTH_ARTIFACT_DIR);
  std::ofstream(fs::path(BERTH_ARTIFACT_DIR) / name, std::ios::binary) << bytes;
}

TEST(CouchdbRestBrowser, CreatesANoteSeesItListedAndStillAfterAReload) {
  std::string why_not;
  auto browser = WebDriver::start(why_not);
  if (!browser) {
    GTEST_SKIP() << why_not;
  }
  DemoStack stack("demobrowser");
  ASSERT_NO_FATAL_FAILURE(stack.up(2));

  ASSERT_TRUE(browser->navigate(stack.url())) << browser->last_error();
  // AngularJS has loaded the (empty) list.
  ASSERT_TRUE(eventually([&] { return browser->find("#empty").has_value(); }, 30))
      << "the page never showed its empty list: " << browser->last_error();

  const std::string title = "Bought milk";
  auto title_field = browser->find("#new-title");
  auto body_field = browser->find("#new-body");
  auto create = browser->find("#create");
  ASSERT_TRUE(title_field && body_field && create) << browser->last_error();
  ASSERT_TRUE(browser->type(*title_field, title)) << browser->last_error();
  ASSERT_TRUE(browser->type(*body_field, "two litres, from the browser test"));
  ASSERT_TRUE(browser->click(*create)) << browser->last_error();

  EXPECT_TRUE(eventually([&] { return contains(browser->texts(".note-title"), title); }, 30))
      << "not listed after creating it";
  // The page reports which api container answered, by name.
  auto instance = browser->find("#instance");
  ASSERT_TRUE(instance.has_value());
  EXPECT_EQ(stack.api_containers().count(browser->text(*instance)), 1u)
      << browser->text(*instance);
  // The browser went through the service: the note is stored.
  EXPECT_EQ(stack.note_titles(), std::vector<std::string>{title});

  ASSERT_TRUE(browser->refresh()) << browser->last_error();
  EXPECT_TRUE(eventually([&] { return contains(browser->texts(".note-title"), title); }, 30))
      << "gone after a reload";
  const std::string png = browser->screenshot_png();
  save_artifact("couchdb-rest-page.png", png);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << "not a PNG screenshot";

  auto remove = browser->find(".note .delete");
  ASSERT_TRUE(remove.has_value());
  ASSERT_TRUE(browser->click(*remove)) << browser->last_error();
  EXPECT_TRUE(eventually([&] { return browser->find("#empty").has_value(); }, 30))
      << "still listed after deleting it";
  EXPECT_TRUE(stack.note_titles().empty());
}

}  // namespace
}  // namespace berth::testing
