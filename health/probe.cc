#include "health/probe.h"

#include <httplib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cctype>
#include <chrono>
#include <exception>
#include <utility>


namespace berth::health {
namespace {

using std::chrono::nanoseconds;
using std::chrono::steady_clock;

// "Connection refused" -> "connection refused", to follow a "what: " prefix.
std::string lowercase_first(std::string text) {
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

// The shortest exact spelling, as the file may have written it: "2s", "500ms".
std::string duration_text(int64_t nanoseconds) {
  constexpr std::pair<int64_t, const char*> k_units[] = {
      {1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}};
  for (const auto& [size, unit] : k_units) {
    if (nanoseconds % size == 0) {
      return std::to_string(nanoseconds / size) + unit;
    }
  }
  return std::to_string(nanoseconds) + "ns";
}

std::string timed_out(const HttpTcpProbeSpec& spec) {
  return "timed out after " + duration_text(spec.timeout_ns);
}

// httplib reports a read timeout and a connection the server closed alike
// (Error::Read); the time it took tells them apart.
std::string http_failure(httplib::Error error, const HttpTcpProbeSpec& spec,
                         nanoseconds elapsed) {
  switch (error) {
    case httplib::Error::Connection:
      // httplib keeps no errno; on a container's network this is nearly always a refusal.
      return "connection refused";
    case httplib::Error::ConnectionTimeout:
      return "connection " + timed_out(spec);
    case httplib::Error::Read:
      // Nine tenths: a timer may fire a little early, a closed connection answers at once.
      return elapsed >= nanoseconds(spec.timeout_ns) * 9 / 10
                 ? timed_out(spec) + " waiting for a response"
                 : "connection closed without a response";
    case httplib::Error::Write:
      // After a connection was made, a write fails only when the server closed or reset it:
      // whether that came before or after the request was sent is a race, not news to a user.
      return "connection closed without a response";
    default:
      return lowercase_first(httplib::to_string(error));
  }
}

ProbeResult probe_http(const HttpTcpProbeSpec& spec, const std::string& address) {
  std::string url = "http://" + address + ":" + std::to_string(spec.port) + spec.path;
  httplib::Client client(address, spec.port);
  nanoseconds timeout(spec.timeout_ns);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  steady_clock::time_point start = steady_clock::now();
  httplib::Result result = client.Get(spec.path.c_str());
  if (!result) {
    return {false, url + ": " + http_failure(result.error(), spec, steady_clock::now() - start)};
  }
  return {result->status == spec.status, "HTTP " + std::to_string(result->status) + " from " + url};
}

ProbeResult probe_tcp(const HttpTcpProbeSpec& spec, const std::string& address) {
  namespace asio = boost::asio;
  std::string what = "tcp " + address + ":" + std::to_string(spec.port);
  boost::system::error_code error;
  asio::ip::address_v4 ip = asio::ip::make_address_v4(address, error);
  if (error) {
    return {false, what + ": not an IPv4 address"};
  }
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code outcome = asio::error::would_block;
  socket.async_connect(asio::ip::tcp::endpoint(ip, static_cast<uint16_t>(spec.port)),
                       [&outcome](const boost::system::error_code& result) { outcome = result; });
  // The connect still pending when run_for returns is abandoned with the socket.
  io.run_for(nanoseconds(spec.timeout_ns));
  if (outcome == asio::error::would_block) {
    return {false, what + ": " + timed_out(spec)};
  }
  if (outcome) {
    return {false, what + ": " + lowercase_first(outcome.message())};
  }
  return {true, what + ": connected"};
}

}  // namespace

ProbeResult run_probe(const HttpTcpProbeSpec& spec, const std::string& address) {
  try {
    return spec.kind == HttpTcpProbeSpec::Kind::http ? probe_http(spec, address)
                                                         : probe_tcp(spec, address);
  } catch (const std::exception& error) {
    // Neither library should throw here (a bad_alloc at most); a probe reports, never fails.
    return {false, "probe failed: " + std::string(error.what())};
  }
}

}  // namespace berth::health
