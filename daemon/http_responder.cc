#include "daemon/http_responder.h"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>

#include "daemon/http_negotiation.h"
#include "daemon/http_request_path.h"

namespace herald {
namespace {

namespace http = boost::beast::http;

bool is_route(const RequestPath& path, const char* name) {
  return path.segments.size() == 1 && path.segments[0] == name && !path.trailing_slash;
}

}  // namespace

HttpResponder::HttpResponder(const HttpServerOptions& options, HttpHandlers handlers)
    : site_url_(options.site_url),
      hubs_(options.hubs),
      cache_control_(options.cache_control),
      handlers_(std::move(handlers)),
      cache_(options.root, options.cache_bytes, options.max_file_bytes) {
  if (!site_url_.empty() && site_url_.back() != '/') site_url_ += '/';
}

const std::string& HttpResponder::date() {
  std::time_t now = std::time(nullptr);
  if (now != date_time_) {
    date_time_ = now;
    date_ = format_http_date(now);
  }
  return date_;
}

HttpResponse HttpResponder::start(unsigned status, unsigned version) {
  HttpResponse res{static_cast<http::status>(status), version};
  res.set(http::field::server, "herald");
  res.set(http::field::date, date());
  return res;
}

HttpResponse HttpResponder::error(unsigned status, unsigned version, bool head) {
  HttpResponse res = start(status, version);
  std::string body = std::to_string(status) + " " +
                     std::string(http::obsolete_reason(static_cast<http::status>(status))) + "\n";
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::content_length, std::to_string(body.size()));
  if (status == 405) res.set(http::field::allow, "GET, HEAD");
  if (!head) res.body() = std::make_shared<const std::string>(std::move(body));
  return res;
}

HttpResponse HttpResponder::respond(const HttpRequest& request) {
  bool head = request.method() == http::verb::head;
  if (request.method() != http::verb::get && !head) return error(405, request.version());
  RequestPath path = parse_request_path(request.target());
  if (path.status != 0) return error(path.status, request.version(), head);
  if (is_route(path, "healthz") && handlers_.healthz) {
    return respond_text(request, handlers_.healthz());
  }
  if (is_route(path, "metrics") && handlers_.metrics) {
    return respond_text(request, handlers_.metrics());
  }
  return respond_file(request, path);
}

HttpResponse HttpResponder::respond_text(const HttpRequest& request, const HttpResponseText& text) {
  HttpResponse res = start(text.status, request.version());
  res.set(http::field::content_type, text.content_type);
  res.set(http::field::cache_control, "no-store");
  res.set(http::field::content_length, std::to_string(text.body.size()));
  if (request.method() != http::verb::head) {
    res.body() = std::make_shared<const std::string>(text.body);
  }
  return res;
}

HttpResponse HttpResponder::respond_file(const HttpRequest& request, const RequestPath& path) {
  bool head = request.method() == http::verb::head;
  FileLookup found = cache_.lookup(path);
  if (found.status != 200) return error(found.status, request.version(), head);
  const ServedFile& file = *found.file;
  bool gzip = file.gzip && accepts_gzip(request[http::field::accept_encoding]);
  const std::string& etag = gzip ? file.gzip_etag : file.etag;
  auto if_none_match = request.find(http::field::if_none_match);
  auto if_modified_since = request.find(http::field::if_modified_since);
  bool not_modified = false;
  if (if_none_match != request.end()) {
    not_modified = none_match_fails(if_none_match->value(), etag);
  } else if (if_modified_since != request.end()) {
    auto since = parse_http_date(if_modified_since->value());
    not_modified = since && file.mtime <= *since;
  }
  HttpResponse res = start(not_modified ? 304 : 200, request.version());
  res.set(http::field::etag, etag);
  res.set(http::field::last_modified, file.last_modified);
  res.set(http::field::cache_control, cache_control_);
  if (file.type.compressible) res.set(http::field::vary, "Accept-Encoding");
  if (file.type.feed && !hubs_.empty()) res.set(http::field::link, link_header(path));
  if (not_modified) return res;
  const auto& body = gzip ? file.gzip : file.bytes;
  res.set(http::field::content_type, file.type.content_type);
  if (gzip) res.set(http::field::content_encoding, "gzip");
  res.set(http::field::content_length, std::to_string(body->size()));
  if (!head) res.body() = body;
  return res;
}

std::string HttpResponder::link_header(const RequestPath& path) const {
  std::string self = site_url_;
  for (std::size_t i = 0; i < path.segments.size(); ++i) {
    if (i > 0) self += '/';
    self += boost::urls::encode(path.segments[i], boost::urls::pchars);
  }
  std::string value;
  for (const std::string& hub : hubs_) value += "<" + hub + ">; rel=\"hub\", ";
  return value + "<" + self + ">; rel=\"self\"";
}

}  // namespace herald
