// What the embedding daemon tells the HTTP server (HttpServerOptions,
// HttpHandlers) and what it reads back for /metrics (HttpStats).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "feeds/media_type.h"

namespace herald {

struct HttpServerOptions {
  std::string root;                // output directory, absolute
  std::string site_url;            // e.g. "https://example.org/": base of the rel="self" URL
  std::vector<std::string> hubs;   // WebSub hubs; when non-empty, feed responses carry
                                   // Link: <hub>; rel="hub", <self>; rel="self"
  FeedFileNames feed_files;        // names served as RSS, Atom and JSON Feed
  // feeds.page_file when feeds.pages is on, else "": a GET or HEAD of a feed
  // from a client that prefers text/html (prefers_html, http_negotiation.h)
  // gets this file of the feed's directory when it exists; every answer at
  // a feed's URL then says Vary: Accept.
  std::string feed_page_file;
  std::string cache_control = "public, max-age=300";
  std::size_t max_header_bytes = 8192;            // beyond: 431
  std::size_t max_connections = 512;              // beyond: the oldest idle one is closed,
                                                  // or 503 when none is idle
  std::size_t max_connections_per_address = 64;   // per IPv4 address or IPv6 /64;
                                                  // beyond: 503; 0: no cap
  unsigned max_requests_per_connection = 1000;    // the last answer says Connection: close
  std::chrono::seconds max_connection_lifetime{600};  // then the next answer closes it
  std::chrono::seconds idle_timeout{30};          // keep-alive wait, and a stalled write
  std::chrono::seconds header_timeout{10};        // the whole header must arrive in time
  unsigned max_requests_per_second = 50;          // per connection; excess: 429 and close
  std::size_t cache_bytes = 64u << 20;            // in-memory file cache bound
  std::size_t cache_files = 256;                  // descriptors it keeps open for sendfile
  std::size_t max_file_bytes = 64u << 20;         // larger files are not served (500)
  unsigned io_threads = 0;                        // threads serving connections; 0: one per core
  // /metrics answers only clients in these CIDR ranges (others: 403); empty:
  // every client.
  std::vector<std::string> metrics_allow;
  // Set: /metrics is served only on this second listener (HttpServer::
  // listen_metrics) and is 404 on the others; that listener answers
  // /metrics and /healthz, nothing else.
  std::string metrics_listen;
};

// A response produced by the daemon for /healthz or /metrics.
struct HttpResponseText {
  unsigned status = 200;
  std::string content_type;
  std::string body;
};

// Called on the event loop for GET/HEAD of /healthz and /metrics; an empty
// function makes the route 404. They must not throw.
struct HttpHandlers {
  std::function<HttpResponseText()> healthz;
  std::function<HttpResponseText()> metrics;
};

struct HttpStats {
  std::array<std::uint64_t, 5> responses_by_class{};  // [0] 1xx, [1] 2xx ... [4] 5xx
  std::uint64_t bytes_sent = 0;                       // headers and bodies
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_rejected = 0;             // over max_connections or per address
  std::uint64_t connections_evicted = 0;              // idle ones closed to make room
  std::uint64_t connections_open = 0;
};

}  // namespace herald
