#pragma once
// The couchdb REST demo (examples/couchdb-rest) as its tests use it: a copy of
// the example in a temporary directory (so backups land there, not in the
// source tree), a unique project name and a free host port for web, and the
// notes API reached through web's balancer. Everything the stack made is
// removed on destruction, whatever state the test left it in. The images are
// built once before the tests (ctest fixture couchdb_rest_images).

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "harness.h"

namespace berth::testing {

struct HttpAnswer {
  int status = 0;  // 0: no answer at all
  std::string body;
  std::string instance;  // the X-Instance header: the api container that answered
  nlohmann::json json() const;
};

class DemoStack {
 public:
  explicit DemoStack(const std::string& hint);
  ~DemoStack();
  DemoStack(const DemoStack&) = delete;
  DemoStack& operator=(const DemoStack&) = delete;

  const std::string& name() const { return m_name; }
  const std::string& dir() const { return m_dir; }
  int port() const { return m_port; }
  std::string url() const;

  // `berth -p NAME ARGS...` in the example's copy, with WEB_PORT set.
  CommandResult berth(const std::string& args) const;
  // up -d --scale api=N --wait; fails the test with berth's output otherwise.
  void up(int api_containers) const;

  HttpAnswer get(const std::string& path) const;
  HttpAnswer post(const std::string& path, const nlohmann::json& body) const;
  HttpAnswer put(const std::string& path, const nlohmann::json& body) const;
  HttpAnswer remove(const std::string& path) const;

  // POST /api/notes; the created note (fails the test otherwise).
  nlohmann::json create_note(const std::string& title, const std::string& body) const;
  // The titles of GET /api/notes, sorted.
  std::vector<std::string> note_titles() const;
  // The X-Instance values of `requests` GET /api/notes through the balancer;
  // every answer must be 200.
  std::multiset<std::string> instances_answering(int requests) const;
  // The names of this project's api containers, running.
  std::set<std::string> api_containers() const;

 private:
  HttpAnswer answer(const httplib::Result& result) const;

  std::string m_name;
  std::string m_dir;
  int m_port = 0;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_local_port();

}  // namespace berth::testing
