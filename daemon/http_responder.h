// Decides the response to one request whose header has been read: routing
// (/healthz, /metrics, files), methods (GET and HEAD; else 405), file
// responses with validators, conditional requests, gzip and WebSub Link
// headers, and the error responses the connection needs (400, 429, 431...).
// Knows nothing of sockets; one event loop owns it.
#pragma once

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <ctime>
#include <string>

#include "daemon/file_cache.h"
#include "daemon/http_server_options.h"
#include "daemon/http_shared_body.h"

namespace herald {

using HttpRequest = boost::beast::http::request<boost::beast::http::empty_body>;

class HttpResponder {
 public:
  HttpResponder(const HttpServerOptions& options, HttpHandlers handlers);

  HttpResponse respond(const HttpRequest& request);
  // A short text/plain error; with a body unless `head`.
  HttpResponse error(unsigned status, unsigned version, bool head = false);
  FileCache& cache() { return cache_; }

 private:
  HttpResponse respond_file(const HttpRequest& request, const RequestPath& path);
  HttpResponse respond_text(const HttpRequest& request, const HttpResponseText& text);
  HttpResponse start(unsigned status, unsigned version);
  std::string link_header(const RequestPath& path) const;
  const std::string& date();

  std::string site_url_;
  std::vector<std::string> hubs_;
  std::string cache_control_;
  HttpHandlers handlers_;
  FileCache cache_;
  std::time_t date_time_ = 0;
  std::string date_;
};

}  // namespace herald
