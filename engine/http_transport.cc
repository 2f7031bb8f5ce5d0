#include "engine/http_transport.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <exception>
#include <limits>
#include <type_traits>
#include <utility>

#include "engine/request_log.h"
#include "engine/run_operation.h"

namespace berth::engine {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

using UnixStream = beast::basic_stream<net::local::stream_protocol>;
using Request = http::request<http::string_body>;

constexpr std::string_view k_unix_scheme = "unix://";
constexpr std::string_view k_tcp_scheme = "tcp://";
constexpr const char* k_default_tcp_port = "2375";
// The engine's answers are JSON documents; a container list of a busy host
// can exceed Beast's default limit of 8 MB.
constexpr std::uint64_t k_body_limit = 256ull * 1024 * 1024;

Error bad_host(const std::string& host, const std::string& why) {
  return Error{ErrorCode::bad_request, 0,
               "unsupported engine address \"" + host + "\": " + why +
                   " (berth speaks to unix:///path/to/socket or tcp://host:port)"};
}

Result<Endpoint> parse_tcp_host(const std::string& host, std::string_view rest) {
  while (!rest.empty() && rest.back() == '/') {
    rest.remove_suffix(1);
  }
  Endpoint endpoint{Endpoint::Kind::tcp, {}, {}, k_default_tcp_port, host};
  std::string_view port_part;
  if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
    const auto close = rest.find(']');
    if (close == std::string_view::npos) {
      return bad_host(host, "unclosed '[' in the IPv6 address");
    }
    endpoint.host = std::string(rest.substr(1, close - 1));
    port_part = rest.substr(close + 1);
  } else {
    const auto colon = rest.rfind(':');
    endpoint.host = std::string(rest.substr(0, colon));
    port_part = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon);
  }
  if (!port_part.empty()) {
    if (port_part.front() != ':' || port_part.size() == 1) {
      return bad_host(host, "malformed port");
    }
    endpoint.port = std::string(port_part.substr(1));
  }
  if (endpoint.host.empty()) {
    return bad_host(host, "no host name");
  }
  if (endpoint.port.find_first_not_of("0123456789") != std::string::npos) {
    return bad_host(host, "the port is not a number");
  }
  return endpoint;
}

Error failure(const beast::error_code& code, std::chrono::milliseconds timeout,
              const std::string& what) {
  if (code == net::error::operation_aborted) {
    return Error{ErrorCode::cancelled, 0, "interrupted while waiting for the engine"};
  }
  if (code == beast::error::timeout) {
    // Short deadlines (a wait_container() of 300 ms) read better in ms.
    const std::string within =
        timeout < std::chrono::seconds(1)
            ? std::to_string(timeout.count()) + " ms"
            : std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()) +
                  " s";
    return Error{ErrorCode::timeout, 0, "no answer from the engine within " + within};
  }
  return Error{ErrorCode::transport, 0, what + code.message()};
}

// Connected stream in, answer out; the deadline set before connecting holds.
template <class Stream>
Result<HttpResponse> exchange(net::io_context& context, Stream& stream, Request& request,
                              std::chrono::milliseconds timeout,
                              const std::atomic<bool>* cancel) {
  auto code = run_operation(
      context, [&](auto handler) { http::async_write(stream, request, std::move(handler)); },
      cancel);
  if (code) {
    return failure(code, timeout, "lost the connection to the engine: ");
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(k_body_limit);
  parser.skip(request.method() == http::verb::head);  // headers only, whatever they announce
  code = run_operation(
      context, [&](auto handler) { http::async_read(stream, buffer, parser, std::move(handler)); },
      cancel);
  if (code) {
    return failure(code, timeout, "lost the connection to the engine: ");
  }
  beast::error_code ignored;
  stream.socket().shutdown(net::socket_base::shutdown_both, ignored);
  auto response = parser.release();
  HttpResponse answer{static_cast<int>(response.result_int()), std::move(response.body())};
  for (const auto& header : response) {
    std::string name(header.name_string());
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    answer.headers.emplace_back(std::move(name), std::string(header.value()));
  }
  return answer;
}

// Streaming exchange: headers under the setup deadline, then the body piece
// by piece under the idle deadline (or none).
template <class Stream>
Result<HttpResponse> stream_exchange(net::io_context& context, Stream& stream, Request& request,
                                     const StreamingRequest& spec,
                                     const std::function<void(std::string_view)>& on_body) {
  auto code = run_operation(
      context, [&](auto handler) { http::async_write(stream, request, std::move(handler)); });
  if (code) {
    return failure(code, spec.setup_timeout, "lost the connection to the engine: ");
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // held one piece at a time
  code = run_operation(context, [&](auto handler) {
    http::async_read_header(stream, buffer, parser, std::move(handler));
  });
  if (code) {
    return failure(code, spec.setup_timeout, "lost the connection to the engine: ");
  }
  const int status = static_cast<int>(parser.get().result_int());
  const bool streaming = status / 100 == 2;
  while (!parser.is_done()) {
    if (spec.idle_timeout.count() > 0) {
      stream.expires_after(spec.idle_timeout);
    } else {
      stream.expires_never();
    }
    code = run_operation(context, [&](auto handler) {
      http::async_read_some(stream, buffer, parser, std::move(handler));
    });
    if (code && code != http::error::need_buffer) {
      return failure(code, spec.idle_timeout, "lost the connection to the engine: ");
    }
    if (streaming && !parser.get().body().empty()) {
      on_body(parser.get().body());
      parser.get().body().clear();
    }
  }
  beast::error_code ignored;
  stream.socket().shutdown(net::socket_base::shutdown_both, ignored);
  return HttpResponse{status, streaming ? std::string() : std::move(parser.get().body())};
}

// Opens a fresh connection to `endpoint` within `timeout` and hands it to
// `then(context, stream)`; the deadline keeps running for what `then` does.
// One place for both request kinds, so they connect and fail alike.
template <class Stream, class Then>
Result<HttpResponse> connect_then(const Endpoint& endpoint, std::chrono::milliseconds timeout,
                                  const std::atomic<bool>* cancel, Then then) {
  net::io_context context;
  Stream stream(context);
  beast::error_code code;
  if constexpr (std::is_same_v<Stream, UnixStream>) {
    stream.expires_after(timeout);
    code = run_operation(
        context,
        [&](auto handler) {
          stream.async_connect(net::local::stream_protocol::endpoint(endpoint.path),
                               std::move(handler));
        },
        cancel);
  } else {
    net::ip::tcp::resolver resolver(context);
    // Resolving is synchronous (engine addresses are IPs or local names) and
    // comes before the deadline starts, which bounds the connection only.
    const auto addresses = resolver.resolve(endpoint.host, endpoint.port, code);
    if (code) {
      return failure(code, timeout, "cannot resolve " + endpoint.host + ": ");
    }
    stream.expires_after(timeout);
    code = run_operation(
        context, [&](auto handler) { stream.async_connect(addresses, std::move(handler)); },
        cancel);
  }
  if (code) {
    return failure(code, timeout, "");
  }
  return then(context, stream);
}

// Connects as the endpoint's kind says, runs `then` on the connection and
// reports the request (method, target, outcome, time taken) to the request
// log, whatever came of it.
template <class Then>
Result<HttpResponse> send_logged(const Endpoint& endpoint, std::string_view method,
                                 const std::string& target, std::chrono::milliseconds timeout,
                                 const std::atomic<bool>* cancel, Then then) {
  const auto started = std::chrono::steady_clock::now();
  Result<HttpResponse> response = Error{ErrorCode::transport, 0, "not sent"};
  try {
    response = endpoint.kind == Endpoint::Kind::unix_socket
                   ? connect_then<UnixStream>(endpoint, timeout, cancel, then)
                   : connect_then<beast::tcp_stream>(endpoint, timeout, cancel, then);
  } catch (const std::exception& error) {
    // Asio throws for a few invalid inputs (e.g. a socket path that is too
    // long) and on allocation failure; the module promises values, not throws.
    response = Error{ErrorCode::transport, 0, error.what()};
  }
  log_request({method, target, response ? response->status : 0,
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started),
               response ? std::string_view() : std::string_view(response.error().message)});
  return response;
}

// The request both entry points send: one per connection, `headers` as
// given and `body`, when not empty, as `content_type`. Fails (bad_request)
// only on a method HTTP does not know.
Result<Request> prepare_request(const Endpoint& endpoint, std::string_view method,
                                const std::string& target,
                                const std::vector<std::pair<std::string, std::string>>& headers,
                                const std::string& content_type, std::string body) {
  const auto verb = http::string_to_verb(beast::string_view(method.data(), method.size()));
  if (verb == http::verb::unknown) {
    return Error{ErrorCode::bad_request, 0, "unknown HTTP method " + std::string(method)};
  }
  Request request(verb, target, 11);
  request.set(http::field::host,
              endpoint.kind == Endpoint::Kind::tcp ? endpoint.host : std::string("docker"));
  request.set(http::field::user_agent, "berth");
  request.keep_alive(false);
  for (const auto& [name, value] : headers) {
    request.set(name, value);
  }
  if (!body.empty()) {
    request.set(http::field::content_type, content_type);
    request.body() = std::move(body);  // a build context may be large: never copied twice
  }
  request.prepare_payload();
  return request;
}

}  // namespace

Result<Endpoint> parse_host(const std::string& host) {
  const std::string_view text = host;
  if (text.starts_with(k_unix_scheme)) {
    const auto path = text.substr(k_unix_scheme.size());
    if (path.empty() || path.front() != '/') {
      return bad_host(host, "the socket path must be absolute");
    }
    return Endpoint{Endpoint::Kind::unix_socket, std::string(path), {}, {}, host};
  }
  if (text.starts_with(k_tcp_scheme)) {
    return parse_tcp_host(host, text.substr(k_tcp_scheme.size()));
  }
  return bad_host(host, "unknown scheme");
}

Result<HttpResponse> http_request(const Endpoint& endpoint, std::string_view method,
                                  const std::string& target, const std::string& body,
                                  std::chrono::milliseconds timeout,
                                  const std::atomic<bool>* cancel) {
  auto request = prepare_request(endpoint, method, target, {}, "application/json", body);
  if (!request) {
    return request.error();
  }
  return send_logged(endpoint, method, target, timeout, cancel,
                     [&](net::io_context& context, auto& stream) {
                       return exchange(context, stream, request.value(), timeout, cancel);
                     });
}

Result<HttpResponse> http_stream(const Endpoint& endpoint, StreamingRequest spec,
                                 const std::function<void(std::string_view)>& on_body) {
  auto request = prepare_request(endpoint, spec.method, spec.target, spec.headers,
                                 spec.content_type, std::move(spec.body));
  if (!request) {
    return request.error();
  }
  return send_logged(endpoint, spec.method, spec.target, spec.setup_timeout, nullptr,
                     [&](net::io_context& context, auto& stream) {
                       return stream_exchange(context, stream, request.value(), spec, on_body);
                     });
}

}  // namespace berth::engine
