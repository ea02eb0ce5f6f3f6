// herald's outgoing HTTP client (webhooks, later the social networks):
// libcurl's multi interface driven by the daemon's Asio loop (see
// daemon/curl_multi_loop.h), so thousands of requests run concurrently on
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
//    webhook tokens; see daemon/http_error_text.h).
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

namespace boost::asio {
class io_context;
}

namespace herald {

// One part of a multipart/form-data body (a Mastodon media upload).
struct FormPart {
  std::string name;
  std::string data;
  std::string filename;      // non-empty: sent as a file part with this name
  std::string content_type;  // empty: curl's default for the part
};

struct HttpRequest {
  std::string method = "POST";  // GET, HEAD, POST or any other verb (sent as given)
  std::string url;              // http:// or https://
  // Sent as given, in order; names and values must not contain CR or LF.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;             // sent when non-empty (and always with POST)
  std::vector<FormPart> form;   // non-empty: the body is multipart/form-data of these parts
                                // (curl's MIME API writes it; `body` is ignored)
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};  // the whole request, connect included
  std::string ca_file;          // PEM bundle; empty: the system store
  std::size_t max_response_bytes = 1 << 20;
};

struct HttpResponse {
  int status = 0;  // 0: no (complete) HTTP response; see `error`
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;     // truncated at max_response_bytes
  std::string error;    // transport error, readable, never the URL path/query; "cancelled"
  bool timed_out = false;  // connect_timeout or timeout expired
  std::chrono::milliseconds elapsed{0};  // from submit() to the answer
  std::string effective_host;  // the URL's host ("hooks.example.com", "127.0.0.1", "[::1]")

  // The first header with this lower-case name, or "" when absent.
  std::string header(const std::string& name) const;
};

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
