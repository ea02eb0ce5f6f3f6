// Fuzzes the server's request path: bytes -> Beast's request parser set up
// as HttpConnection sets it up (empty body, header limit, not eager; several
// pipelined requests while keep-alive holds) -> parse_request_path ->
// HttpResponder::respond (routing, methods, negotiation, conditionals, the
// file cache) over a small output directory made at start.
//
// Aborts when an accepted request path holds a segment that could leave the
// directory or name a hidden file, when it resolves outside the directory,
// or when the file cache serves bytes that are not one of the directory's
// files (a file and a symbolic link outside it hold a marker).
#include <stdlib.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "daemon/serve/http_request_framing.h"
#include "daemon/serve/http_request_path.h"
#include "daemon/serve/http_responder.h"
#include "tests/fuzz/fuzz_check.h"

namespace herald {
namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;

constexpr std::string_view kOutsideMarker = "HERALD-FUZZ-OUTSIDE-THE-OUTPUT-DIRECTORY";
constexpr int kMaxPipelined = 8;

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// <tmp>/herald-fuzz-XXXXXX/{secret.txt, out/...}: out/ is served; secret.txt
// and the links out of out/ must never be.
struct Site {
  fs::path base, root;
  std::set<std::string> served_bytes;

  Site() {
    std::string dir = (fs::temp_directory_path() / "herald-fuzz-XXXXXX").string();
    base = mkdtemp(dir.data());
    root = base / "out";
    write_file(base / "secret.txt", std::string(kOutsideMarker));
    add("rss.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>");
    add("atom.xml", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
    add("feed.json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}");
    add("index.html", "<!doctype html><title>herald</title>");
    add("sections/local/rss.xml", std::string(40 * 1024, 'x'));  // sent with sendfile
    add("tags/a b/feed.json", "{}");
    write_file(root / ".rss.xml.tmp", std::string(kOutsideMarker));  // hidden: 404
    fs::create_symlink(base / "secret.txt", root / "secret.txt");
    fs::create_symlink(base, root / "up");
  }
  ~Site() {
    std::error_code ignored;
    fs::remove_all(base, ignored);
  }
  void add(const std::string& name, const std::string& bytes) {
    write_file(root / name, bytes);
    served_bytes.insert(bytes);
  }
};

Site& site() {
  static Site site;
  return site;
}

HttpResponder& responder() {
  static HttpServerOptions options = [] {
    HttpServerOptions o;
    o.root = site().root.string();
    o.site_url = "https://example.org/";
    o.hubs = {"https://hub.example/"};
    return o;
  }();
  static HttpResponder responder(options, HttpHandlers{
      [] { return HttpResponseText{200, "text/plain", "ok\n"}; },
      [] { return HttpResponseText{200, "text/plain", "# metrics\n"}; }});
  return responder;
}

// A path accepted by parse_request_path stays below the root.
void check_path(const RequestPath& path, std::string_view target) {
  for (const std::string& segment : path.segments) {
    fuzz::require(!segment.empty() && segment.front() != '.' &&
                      segment.find_first_of(std::string_view("/\\\0", 3)) == std::string::npos,
                  "an accepted request path holds an unsafe segment", target);
  }
  fs::path resolved = (site().root / path.relative()).lexically_normal();
  auto [end, ignored] = std::mismatch(site().root.begin(), site().root.end(), resolved.begin(),
                                      resolved.end());
  fuzz::require(end == site().root.end(), "a request path resolves outside the output directory",
                target);
}

void check_lookup(const RequestPath& path, std::string_view target) {
  FileLookup found = responder().cache().lookup(path);
  if (found.status != 200) return;
  fuzz::require(site().served_bytes.count(*found.file->bytes) == 1,
                "the file cache served bytes that are not a file of the output directory",
                target);
}

// One request as HttpConnection::on_request handles it; false: the
// connection would close after it.
bool handle(const IncomingRequest& request, std::optional<std::uint64_t> content_length,
            bool keep_alive) {
  static HttpHeadCache heads;
  // A body or a transfer coding: refused and closed (no second request).
  if (unsigned refusal = request_framing_status(request, content_length); refusal != 0) {
    responder().error(refusal, request.version(), false, heads);
    return false;
  }
  RequestPath path = parse_request_path(request.target());
  if (path.status == 0) {
    check_path(path, request.target());
    check_lookup(path, request.target());
  }
  static const RequestOrigin origin{boost::asio::ip::make_address("192.0.2.7"), false};
  HttpAnswer answer = responder().respond(request, origin, keep_alive, heads);
  if (answer.handler) responder().text((*answer.handler)(), request, keep_alive, heads);
  fuzz::require(answer.handler || answer.head, "an answer without a head", request.target());
  return keep_alive;
}

}  // namespace
}  // namespace herald

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace herald;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxPipelined && !rest.empty(); ++i) {
    http::request_parser<http::empty_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(HttpServerOptions{}.max_header_bytes));
    boost::beast::error_code ec;
    rest.remove_prefix(parser.put(boost::asio::buffer(rest.data(), rest.size()), ec));
    // need_more: the connection waits for more; another error: 400, 431 or close.
    if (ec || !parser.is_header_done()) return 0;
    const IncomingRequest& request = parser.get();
    auto length = parser.content_length();  // boost::optional
    if (!handle(request, length ? std::optional<std::uint64_t>(*length) : std::nullopt,
                request.keep_alive() && parser.is_done())) {
      return 0;
    }
  }
  return 0;
}
