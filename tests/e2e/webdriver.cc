#include "webdriver.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <httplib.h>
#include <thread>

#include "demo_stack.h"
#include "engine/base64.h"

namespace berth::testing {

namespace fs = std::filesystem;

namespace {

// The W3C name of an element reference in JSON.
constexpr const char* k_element_key = "element-6066-11e4-a52e-4f735466cecf";

pid_t spawn_chromedriver(int port, const std::string& log_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) {
      dup2(log, STDOUT_FILENO);
      dup2(log, STDERR_FILENO);
    }
    const std::string port_flag = "--port=" + std::to_string(port);
    execl(WebDriver::k_chromedriver, WebDriver::k_chromedriver, port_flag.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

bool driver_ready(int port) {
  httplib::Client http("127.0.0.1", port);
  http.set_connection_timeout(1);
  auto status = http.Get("/status");
  if (!status || status->status != 200) {
    return false;
  }
  auto json = nlohmann::json::parse(status->body, nullptr, false);
  return json.is_object() && json["value"].value("ready", false);
}

}  // namespace

std::unique_ptr<WebDriver> WebDriver::start(std::string& why_not) {
  for (const char* program : {k_chromium, k_chromedriver}) {
    if (access(program, X_OK) != 0) {
      why_not = std::string(program) + " is not installed (scripts/setup installs it)";
      return nullptr;
    }
  }
  const int port = free_local_port();
  const std::string profile = make_temp_dir("chromium").string();
  const pid_t pid = spawn_chromedriver(port, profile + "/chromedriver.log");
  std::unique_ptr<WebDriver> driver(new WebDriver(pid, port, profile));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!driver_ready(port)) {
    if (std::chrono::steady_clock::now() > deadline || waitpid(pid, nullptr, WNOHANG) != 0) {
      why_not = "chromedriver did not become ready on port " + std::to_string(port);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Root in a container or CI: chromium's sandbox needs --no-sandbox there.
  nlohmann::json options = {
      {"binary", k_chromium},
      {"args",
       {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1200,900", "--user-data-dir=" + profile + "/profile"}}};
  auto session = driver->call(
      "POST", "/session",
      {{"capabilities",
        {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", options}}}}}});
  if (!session || !(*session).contains("sessionId")) {
    why_not = "no chromium session: " + driver->last_error();
    return nullptr;
  }
  driver->m_session = (*session)["sessionId"].get<std::string>();
  return driver;
}

WebDriver::WebDriver(pid_t driver, int port, std::string profile_dir)
    : m_driver(driver), m_port(port), m_profile_dir(std::move(profile_dir)) {}

WebDriver::~WebDriver() {
  if (!m_session.empty()) {
    call("DELETE", "/session/" + m_session);
  }
  if (m_driver > 0) {
    kill(m_driver, SIGTERM);
    waitpid(m_driver, nullptr, 0);
  }
  std::error_code ignored;
  fs::remove_all(m_profile_dir, ignored);
}

std::optional<nlohmann::json> WebDriver::call(const std::string& method, const std::string& path,
                                              const nlohmann::json& body) {
  httplib::Client http("127.0.0.1", m_port);
  http.set_connection_timeout(5);
  http.set_read_timeout(60);
  httplib::Result result =
      method == "GET"      ? http.Get(path.c_str())
      : method == "DELETE" ? http.Delete(path.c_str())
                           : http.Post(path.c_str(), body.dump(), "application/json");
  if (!result) {
    m_last_error = method + " " + path + ": no answer from chromedriver";
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(result->body, nullptr, false);
  if (result->status != 200 || !json.is_object()) {
    m_last_error = method + " " + path + ": " + std::to_string(result->status) + " " +
                   result->body.substr(0, 500);
    return std::nullopt;
  }
  // New session answers carry sessionId inside value.
  return json.contains("value") ? json["value"] : json;
}

bool WebDriver::navigate(const std::string& url) {
  return call("POST", "/session/" + m_session + "/url", {{"url", url}}).has_value();
}

bool WebDriver::refresh() {
  return call("POST", "/session/" + m_session + "/refresh").has_value();
}

std::vector<std::string> WebDriver::find_all(const std::string& css) {
  std::vector<std::string> found;
  auto elements = call("POST", "/session/" + m_session + "/elements",
                       {{"using", "css selector"}, {"value", css}});
  if (elements && elements->is_array()) {
    for (const auto& element : *elements) {
      found.push_back(element.value(k_element_key, ""));
    }
  }
  return found;
}

std::optional<std::string> WebDriver::find(const std::string& css) {
  auto found = find_all(css);
  if (found.empty()) {
    return std::nullopt;
  }
  return found.front();
}

bool WebDriver::click(const std::string& element) {
  return call("POST", "/session/" + m_session + "/element/" + element + "/click").has_value();
}

bool WebDriver::type(const std::string& element, const std::string& text) {
  return call("POST", "/session/" + m_session + "/element/" + element + "/value",
              {{"text", text}})
      .has_value();
}

std::string WebDriver::text(const std::string& element) {
  auto value = call("GET", "/session/" + m_session + "/element/" + element + "/text");
  return value && value->is_string() ? value->get<std::string>() : "";
}

std::vector<std::string> WebDriver::texts(const std::string& css) {
  std::vector<std::string> out;
  for (const auto& element : find_all(css)) {
    out.push_back(text(element));
  }
  return out;
}

std::string WebDriver::screenshot_png() {
  auto value = call("GET", "/session/" + m_session + "/screenshot");
  if (!value || !value->is_string()) {
    return "";
  }
  return engine::base64_decode(value->get<std::string>()).value_or("");
}

}  // namespace berth::testing
