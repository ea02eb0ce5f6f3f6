#include "daemon/serve/http_responder.h"

#include <boost/beast/http/write.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>
#include <sstream>

#include "daemon/serve/http_negotiation.h"
#include "daemon/serve/http_request_path.h"

namespace herald {
namespace {

namespace http = boost::beast::http;
using Head = http::response<http::empty_body>;

// Variant bits of a file head.
constexpr unsigned kNotModified = 1, kHead = 2, kGzip = 4, kHttp11 = 8, kKeepAlive = 16,
                   kVaryAccept = 32;

bool is_route(const RequestPath& path, const char* name) {
  return path.segments.size() == 1 && path.segments[0] == name && !path.trailing_slash;
}

Head start(unsigned status, unsigned version, HttpHeadCache& heads) {
  Head res{static_cast<http::status>(status), version};
  res.set(http::field::server, "herald");
  res.set(http::field::date, heads.date());
  return res;
}

// Beast writes the status line and fields, Connection included.
std::shared_ptr<const std::string> serialize(Head& res, bool keep_alive) {
  res.keep_alive(keep_alive);
  std::ostringstream out;
  out << res.base();
  return std::make_shared<const std::string>(std::move(out).str());
}

std::shared_ptr<const std::string> shared_text(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

}  // namespace

std::size_t HttpHeadCache::KeyHash::operator()(const Key& key) const {
  return std::hash<const void*>()(key.file) * 31 + std::hash<const void*>()(key.owner) +
         key.variant;
}

const std::string& HttpHeadCache::date() {
  std::time_t now = std::time(nullptr);
  if (now != second_) {
    second_ = now;
    date_ = format_http_date(now);
    heads_.clear();
  }
  return date_;
}

HttpResponder::HttpResponder(const HttpServerOptions& options, HttpHandlers handlers)
    : site_url_(options.site_url),
      hubs_(options.hubs),
      feed_page_file_(options.feed_page_file),
      cache_control_(options.cache_control),
      handlers_(std::move(handlers)),
      metrics_allow_(AddressRanges::parse(options.metrics_allow).value_or(AddressRanges())),
      metrics_listener_(!options.metrics_listen.empty()),
      cache_(options.root, options.cache_bytes, options.max_file_bytes, options.cache_files,
             options.feed_files) {
  if (!site_url_.empty() && site_url_.back() != '/') site_url_ += '/';
}

HttpAnswer HttpResponder::error(unsigned status, unsigned version, bool keep_alive,
                                HttpHeadCache& heads, bool head) {
  Head res = start(status, version, heads);
  std::string body = std::to_string(status) + " " +
                     std::string(http::obsolete_reason(static_cast<http::status>(status))) + "\n";
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::content_length, std::to_string(body.size()));
  if (status == 405) res.set(http::field::allow, "GET, HEAD");
  if (status == 503) res.set(http::field::retry_after, "5");
  return {status, serialize(res, keep_alive), head ? nullptr : shared_text(std::move(body))};
}

HttpAnswer HttpResponder::respond(const IncomingRequest& request, const RequestOrigin& origin,
                                  bool keep_alive, HttpHeadCache& heads) {
  bool head = request.method() == http::verb::head;
  if (request.method() != http::verb::get && !head) {
    return error(405, request.version(), keep_alive, heads);
  }
  RequestPath path = parse_request_path(request.target());
  if (path.status != 0) return error(path.status, request.version(), keep_alive, heads, head);
  if (is_route(path, "healthz") && handlers_.healthz) return {0, {}, {}, {}, &handlers_.healthz};
  if (is_route(path, "metrics") && handlers_.metrics) {
    unsigned refusal = metrics_refusal(origin);
    if (refusal != 0) return error(refusal, request.version(), keep_alive, heads, head);
    return {0, {}, {}, {}, &handlers_.metrics};
  }
  if (origin.metrics_listener) return error(404, request.version(), keep_alive, heads, head);
  return respond_file(request, path, keep_alive, heads);
}

unsigned HttpResponder::metrics_refusal(const RequestOrigin& origin) const {
  if (metrics_listener_ && !origin.metrics_listener) return 404;
  if (!metrics_allow_.empty() && !metrics_allow_.contains(origin.peer)) return 403;
  return 0;
}

HttpAnswer HttpResponder::text(const HttpResponseText& text, const IncomingRequest& request,
                               bool keep_alive, HttpHeadCache& heads) {
  Head res = start(text.status, request.version(), heads);
  res.set(http::field::content_type, text.content_type);
  res.set(http::field::cache_control, "no-store");
  res.set(http::field::content_length, std::to_string(text.body.size()));
  bool head = request.method() == http::verb::head;
  return {text.status, serialize(res, keep_alive), head ? nullptr : shared_text(text.body)};
}

HttpAnswer HttpResponder::respond_file(const IncomingRequest& request, const RequestPath& path,
                                       bool keep_alive, HttpHeadCache& heads) {
  bool head = request.method() == http::verb::head;
  FileLookup found = cache_.lookup(path);
  if (found.status == 404 && starting_.load()) found.status = 503;
  if (found.status != 200) return error(found.status, request.version(), keep_alive, heads, head);
  bool negotiated = found.file->type.feed && !feed_page_file_.empty();
  if (negotiated) found = negotiate(request, path, std::move(found));
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
  unsigned variant = (not_modified ? kNotModified : 0) | (head ? kHead : 0) |
                     (gzip ? kGzip : 0) | (request.version() >= 11 ? kHttp11 : 0) |
                     (keep_alive ? kKeepAlive : 0) | (negotiated ? kVaryAccept : 0);
  HttpAnswer answer{not_modified ? 304u : 200u, file_head(found.file, path, variant, heads), {}};
  if (!not_modified && !head) {
    if (!gzip && file.source) {
      answer.file = found.file;
    } else {
      answer.body = gzip ? file.gzip : file.bytes;
    }
  }
  return answer;
}

std::shared_ptr<const std::string> HttpResponder::file_head(
    const std::shared_ptr<const ServedFile>& shared, const RequestPath& path, unsigned variant,
    HttpHeadCache& heads) {
  const std::string& date = heads.date();  // first: a new second clears the heads
  HttpHeadCache::Key key{this, shared.get(), variant};
  auto it = heads.heads_.find(key);
  if (it != heads.heads_.end() && it->second.file.lock() == shared) return it->second.head;
  const ServedFile& file = *shared;
  bool gzip = variant & kGzip;
  Head res{(variant & kNotModified) ? http::status::not_modified : http::status::ok,
           (variant & kHttp11) ? 11u : 10u};
  res.set(http::field::server, "herald");
  res.set(http::field::date, date);
  res.set(http::field::etag, gzip ? file.gzip_etag : file.etag);
  res.set(http::field::last_modified, file.last_modified);
  res.set(http::field::cache_control, cache_control_);
  if (file.type.compressible && (variant & kVaryAccept)) {
    res.set(http::field::vary, "Accept-Encoding, Accept");
  } else if (file.type.compressible) {
    res.set(http::field::vary, "Accept-Encoding");
  } else if (variant & kVaryAccept) {
    res.set(http::field::vary, "Accept");
  }
  if (file.type.feed && !hubs_.empty()) res.set(http::field::link, link_header(path));
  if (!(variant & kNotModified)) {
    res.set(http::field::content_type, file.type.content_type);
    if (gzip) res.set(http::field::content_encoding, "gzip");
    res.set(http::field::content_length, std::to_string((gzip ? file.gzip : file.bytes)->size()));
  }
  auto head = serialize(res, variant & kKeepAlive);
  if (heads.heads_.size() >= HttpHeadCache::kMaxEntries) heads.heads_.clear();
  heads.heads_[key] = {shared, head};
  return head;
}

FileLookup HttpResponder::negotiate(const IncomingRequest& request, const RequestPath& path,
                                   FileLookup found) {
  if (path.segments.empty() ||
      !prefers_html(request[http::field::accept], found.file->type.content_type)) {
    return found;
  }
  RequestPath page = path;
  page.segments.back() = feed_page_file_;
  FileLookup lookup = cache_.lookup(page);
  return lookup.status == 200 ? lookup : found;
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
