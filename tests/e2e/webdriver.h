#pragma once
// A small W3C WebDriver client for the browser test: starts Debian's
// chromedriver on a free local port, opens a headless chromium session and
// speaks the WebDriver protocol to it over HTTP (cpp-httplib).

#include <sys/types.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace berth::testing {

class WebDriver {
 public:
  static constexpr const char* k_chromium = "/usr/bin/chromium";
  static constexpr const char* k_chromedriver = "/usr/bin/chromedriver";

  // nullptr, with the reason in `why_not`, when chromium or chromedriver is
  // missing or the session does not open.
  static std::unique_ptr<WebDriver> start(std::string& why_not);
  ~WebDriver();
  WebDriver(const WebDriver&) = delete;
  WebDriver& operator=(const WebDriver&) = delete;

  bool navigate(const std::string& url);
  bool refresh();
  // Element references of everything matching a CSS selector (empty: none).
  std::vector<std::string> find_all(const std::string& css);
  std::optional<std::string> find(const std::string& css);
  bool click(const std::string& element);
  bool type(const std::string& element, const std::string& text);
  std::string text(const std::string& element);
  // The visible texts of everything matching `css`.
  std::vector<std::string> texts(const std::string& css);
  // The page as PNG bytes (empty on failure).
  std::string screenshot_png();
  // The last protocol error, for test messages.
  const std::string& last_error() const { return m_last_error; }

 private:
  WebDriver(pid_t driver, int port, std::string profile_dir);
  std::optional<nlohmann::json> call(const std::string& method, const std::string& path,
                                     const nlohmann::json& body = nlohmann::json::object());

  pid_t m_driver;
  int m_port;
  std::string m_profile_dir;
  std::string m_session;
  std::string m_last_error;
};

}  // namespace berth::testing
