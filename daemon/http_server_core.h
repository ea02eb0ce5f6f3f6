// State shared by the HTTP server and its connections. Connections hold it by
// shared_ptr, so it outlives the HttpServer object while their handlers are
// still queued on the event loop.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "daemon/http_responder.h"
#include "daemon/http_server_options.h"

namespace herald {

class HttpConnection;

// Written on the event loop, read from any thread (stats()).
struct HttpCounters {
  std::atomic<std::uint64_t> responses_by_class[5] = {};
  std::atomic<std::uint64_t> bytes_sent = 0;
  std::atomic<std::uint64_t> connections_accepted = 0;
  std::atomic<std::uint64_t> connections_rejected = 0;
  std::atomic<std::uint64_t> connections_open = 0;

  void count_response(unsigned status) {
    if (status >= 100 && status < 600) responses_by_class[status / 100 - 1]++;
  }
  HttpStats snapshot() const;
};

struct HttpServerCore {
  HttpServerCore(HttpServerOptions opts, HttpHandlers handlers)
      : options(std::move(opts)), responder(options, std::move(handlers)) {}

  HttpServerOptions options;
  HttpResponder responder;
  HttpCounters counters;
  bool stopped = false;
  // Open connections, to close them on stop().
  std::unordered_map<HttpConnection*, std::weak_ptr<HttpConnection>> connections;
};

}  // namespace herald
