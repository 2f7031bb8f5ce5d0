#pragma once
// A real registry for pull and push tests: Debian's docker-registry
// (distribution 2.8) on 127.0.0.1:5000, which dockerd trusts over plain HTTP
// (loopback registries are insecure-by-default allowed). Started once, under
// a lock, by the first test that needs it; the ctest fixture
// "local_registry" stops it after the last integration test.

#include <string>

namespace berth::testing {

// "127.0.0.1:5000" once a registry answers there; fails the test otherwise.
std::string local_registry();

}  // namespace berth::testing
