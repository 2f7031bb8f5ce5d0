#pragma once
// Runs one asynchronous Beast/Asio operation to completion on the calling
// thread; the stream's own timer bounds it. Private to the engine module,
// shared by the request transport and the event stream's setup.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>

namespace berth::engine {

template <class Start>
boost::beast::error_code run_operation(boost::asio::io_context& context, Start start) {
  boost::beast::error_code result;
  start([&result](boost::beast::error_code code, auto&&...) { result = code; });
  context.restart();
  context.run();
  return result;
}

}  // namespace berth::engine
