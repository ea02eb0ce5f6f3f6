// State shared by the HTTP server, its io threads and their connections.
// Connections hold the core by shared_ptr, so it outlives the HttpServer
// object while their handlers are still queued.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "daemon/serve/connection_admission.h"
#include "daemon/serve/http_responder.h"
#include "daemon/serve/http_server_options.h"

namespace herald {

class HttpConnection;

// Updated by the io threads, read from any thread (stats()).
struct HttpCounters {
  std::atomic<std::uint64_t> responses_by_class[5] = {};
  std::atomic<std::uint64_t> bytes_sent = 0;
  std::atomic<std::uint64_t> connections_accepted = 0;
  std::atomic<std::uint64_t> connections_rejected = 0;
  std::atomic<std::uint64_t> connections_evicted = 0;

  void count_response(unsigned status) {
    if (status >= 100 && status < 600) {
      responses_by_class[status / 100 - 1].fetch_add(1, std::memory_order_relaxed);
    }
  }
  HttpStats snapshot() const;  // connections_open aside (ConnectionAdmission)
};

struct HttpServerCore {
  HttpServerCore(HttpServerOptions opts, HttpHandlers handlers,
                 boost::asio::any_io_executor loop)
      : options(std::move(opts)),
        responder(options, std::move(handlers)),
        admission(options.max_connections, options.max_connections_per_address),
        loop(std::move(loop)) {}

  HttpServerOptions options;
  HttpResponder responder;  // thread-safe; its handlers run on `loop` only
  ConnectionAdmission admission;
  HttpCounters counters;
  boost::asio::any_io_executor loop;  // the daemon's event loop
  std::atomic<bool> stopped = false;
};

// Where a handler's answer goes back to: an io thread's context while it
// lives (cleared under the mutex before the context is destroyed).
struct HttpWorkerLink {
  std::mutex mutex;
  boost::asio::io_context* io = nullptr;
};

// One io thread: its own event loop, the connections it serves (touched on
// that thread only) and its head cache. Members are destroyed bottom-up: the
// io_context (and the connections its queued handlers hold) goes before the
// registry the connections erase themselves from.
struct HttpWorker {
  std::unordered_map<HttpConnection*, std::weak_ptr<HttpConnection>> connections;
  HttpHeadCache heads;
  std::shared_ptr<HttpWorkerLink> link = std::make_shared<HttpWorkerLink>();
  boost::asio::io_context io{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work =
      boost::asio::make_work_guard(io);
  std::thread thread;
};

}  // namespace herald
