#pragma once
// Runs one asynchronous Beast/Asio operation to completion on the calling
// thread; the stream's own timer bounds it. Private to the engine module,
// shared by the request transport and the event stream's setup.

#include <atomic>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <chrono>

namespace berth::engine {

// With `cancel`, the wait also ends (operation_aborted) soon after another
// thread sets it; the operation is abandoned with its connection, which the
// caller then drops.
template <class Start>
boost::beast::error_code run_operation(boost::asio::io_context& context, Start start,
                                       const std::atomic<bool>* cancel = nullptr) {
  boost::beast::error_code result;
  start([&result](boost::beast::error_code code, auto&&...) { result = code; });
  context.restart();
  if (cancel == nullptr) {
    context.run();
    return result;
  }
  while (!context.stopped()) {
    if (cancel->load()) {
      context.stop();
      return boost::asio::error::operation_aborted;
    }
    context.run_for(std::chrono::milliseconds(50));
  }
  return result;
}

}  // namespace berth::engine
