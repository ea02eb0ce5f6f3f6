// herald's outgoing HTTP client (webhooks, WebSub hubs, the social networks):
// libcurl's multi interface driven by the daemon's Asio loop (see
// daemon/net/curl_multi_loop.h), so thousands of requests run concurrently on
// one thread and a slow or dead peer only costs its own requests.
//
// Policy, the same for every request:
//  - TLS peers are always verified (CURLOPT_SSL_VERIFYPEER 1, VERIFYHOST 2);
//    `ca_file` replaces the system store when given.
//  - Only http:// and https://; redirects are never followed (a 3xx is the
//    answer); no "Expect: 100-continue" round trip.
//  - Proxies: curl's defaults, so the environment's http_proxy,
//    https_proxy and no_proxy apply (as for the curl command).
//  - Connections are kept alive and reused (one multi handle; easy handles
//    are pooled); limits from HttpClientOptions.
//  - The response body is capped at max_response_bytes: the transfer stops
//    there, keeping the status, headers and the first bytes.
//  - Exactly one of `status` (non-zero) and `error` is set in a response.
//    Error texts are curl's description with its detail ("Couldn't connect
//    to server: Failed to connect to 127.0.0.1 port 9 after 0 ms: ...") and
//    never contain the URL's path, query, fragment or userinfo (they hold
//    webhook tokens; see daemon/targets/http_error_text.h).
//
// Threading: one thread. Construct, submit, cancel_all and destroy on the
// io_context's thread (or before it runs). Callbacks are always invoked from
// the io_context, never inside submit() or cancel_all(); a callback may
// submit, cancel_all, or destroy the client. Destroying the client drops
// the requests in flight: their callbacks are never invoked. Nothing throws
// out of this class except std::bad_alloc.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "daemon/targets/http_exchange.h"

namespace boost::asio {
class io_context;
}

namespace herald {

struct HttpClientOptions {
  long max_total_connections = 256;  // open at once; further requests wait; 0: no limit
  long max_connections_per_host = 16;  // per host:port; 0: no limit
  std::string user_agent = "herald/" HERALD_VERSION;
};

class HttpClient {
 public:
  using Callback = std::function<void(HttpResponse)>;

  // REQUIRES: `io` outlives the client.
  explicit HttpClient(boost::asio::io_context& io, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Starts the request; `done` gets its response exactly once (unless the
  // client is destroyed first). A request curl refuses at once (bad header,
  // unsupported option) is answered with an error, also from the io_context.
  void submit(HttpRequest request, Callback done);
  // Requests submitted whose callback has not run yet.
  std::size_t in_flight() const;
  // Stops every request in flight; their callbacks get error "cancelled".
  void cancel_all();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace herald
