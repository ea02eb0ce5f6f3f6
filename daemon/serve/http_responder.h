// Decides the response to one request whose header has been read: routing
// (/healthz, /metrics, files), methods (GET and HEAD; else 405), file
// responses with validators, conditional requests, gzip and WebSub Link
// headers, a feed's HTML page at the feed's URL for browsers (content
// negotiation, Vary: Accept), and the error responses the connection needs (400, 429, 431...).
// Knows nothing of sockets.
//
// Answers are bytes ready for one gather write: the head (status line and
// header fields, serialized by Beast) and the body, shared with the file
// cache; or, for a plain body of a file with a descriptor, the head and that
// file, sent with sendfile. File heads are built once per second per file and variant (status,
// method, coding, HTTP version, keep-alive) and reused from an HttpHeadCache,
// which belongs to one io thread. The responder itself is thread-safe; its
// handlers are not called here: a /healthz or /metrics request yields an
// answer naming the handler, which the caller runs on the daemon's loop and
// turns into bytes with text().
#pragma once

#include <atomic>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "daemon/serve/file_cache.h"
#include "daemon/serve/http_server_options.h"
#include "daemon/serve/peer_address.h"

namespace herald {

// A request as the server reads it: head only (GET and HEAD have no body).
using IncomingRequest = boost::beast::http::request<boost::beast::http::empty_body>;

// Where a request came from: the client's address (unmapped, see
// daemon/serve/peer_address.h) and whether it reached the metrics listener.
struct RequestOrigin {
  boost::asio::ip::address peer;
  bool metrics_listener = false;
};

struct HttpAnswer {
  unsigned status = 0;
  std::shared_ptr<const std::string> head;  // status line and fields, ending "\r\n\r\n"
  std::shared_ptr<const std::string> body;  // null: no body (HEAD, 304)
  // Set instead of `body` for a plain body that has a descriptor: send
  // file->bytes->size() bytes of file->source from offset 0 (sendfile).
  std::shared_ptr<const ServedFile> file = nullptr;
  // Set instead of the above for /healthz and /metrics: run it on the
  // daemon's loop, then call HttpResponder::text().
  const std::function<HttpResponseText()>* handler = nullptr;
};

// The Date of the current second and the file heads built during it; one per
// io thread (not thread-safe). Holds no file alive.
class HttpHeadCache {
 public:
  // The IMF-fixdate of now; a new second forgets the heads.
  const std::string& date();

 private:
  friend class HttpResponder;
  struct Key {
    const void* owner;
    const ServedFile* file;
    unsigned variant;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  struct Entry {
    std::weak_ptr<const ServedFile> file;  // the key's pointer is valid while this is
    std::shared_ptr<const std::string> head;
  };
  static constexpr std::size_t kMaxEntries = 4096;

  std::time_t second_ = 0;
  std::string date_;
  std::unordered_map<Key, Entry, KeyHash> heads_;
};

class HttpResponder {
 public:
  HttpResponder(const HttpServerOptions& options, HttpHandlers handlers);

  // `keep_alive`: whether the connection stays open after this answer.
  // /metrics: with a metrics listener configured, 404 on the others; on it,
  // only /metrics and /healthz (else 404); a client outside metrics_allow: 403.
  HttpAnswer respond(const IncomingRequest& request, const RequestOrigin& origin, bool keep_alive,
                     HttpHeadCache& heads);
  // A short text/plain error; with a body unless `head`.
  HttpAnswer error(unsigned status, unsigned version, bool keep_alive, HttpHeadCache& heads,
                   bool head = false);
  // The answer for a handler's text (see HttpAnswer::handler).
  HttpAnswer text(const HttpResponseText& text, const IncomingRequest& request, bool keep_alive,
                  HttpHeadCache& heads);
  FileCache& cache() { return cache_; }
  // While the first build runs, a file not there yet is 503 with
  // Retry-After, not 404 (a reader must not take a feed for gone).
  void set_starting(bool starting) { starting_.store(starting); }

 private:
  HttpAnswer respond_file(const IncomingRequest& request, const RequestPath& path, bool keep_alive,
                          HttpHeadCache& heads);
  std::shared_ptr<const std::string> file_head(const std::shared_ptr<const ServedFile>& file,
                                               const RequestPath& path, unsigned variant,
                                               HttpHeadCache& heads);
  std::string link_header(const RequestPath& path) const;
  // The feed's page instead of `found` (a feed) when the client prefers it
  // and the page exists; else `found`.
  FileLookup negotiate(const IncomingRequest& request, const RequestPath& path, FileLookup found);
  // 0 when `origin` may read /metrics, else the status to answer.
  unsigned metrics_refusal(const RequestOrigin& origin) const;

  std::string site_url_;
  std::vector<std::string> hubs_;
  std::string feed_page_file_;
  std::string cache_control_;
  HttpHandlers handlers_;
  AddressRanges metrics_allow_;
  bool metrics_listener_ = false;  // configured: /metrics only there
  FileCache cache_;
  std::atomic<bool> starting_{false};
};

}  // namespace herald
