// Large bodies leave through sendfile(2) from the descriptor the file was
// loaded from: whole on keep-alive, whole to a client that reads slowly (the
// server waits for room in the socket), the old bytes while a rename replaces
// the file, and a short, closed response when the file shrinks in place.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <thread>

#include "daemon/serve/file_cache.h"
#include "tests/daemon/serve/http_test_client.h"

namespace herald {

using test::HttpClient;
using test::HttpReply;
using test::RunningServer;
using test::TempDir;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

// `size` bytes in which every 16-byte block differs, tagged by `tag`.
std::string pattern(std::size_t size, char tag) {
  std::string out;
  out.reserve(size + 32);
  for (std::size_t i = 0; out.size() < size; ++i) {
    char block[32];
    std::snprintf(block, sizeof block, "%c%014zx\n", tag, i);
    out += block;
  }
  out.resize(size);
  return out;
}

// A client whose receive buffer is tiny and that reads only when told, so
// that the server's writes fill the socket and must wait for room.
class SlowClient {
 public:
  explicit SlowClient(unsigned short port) : socket_(io_) {
    socket_.open(asio::ip::tcp::v4());
    int small = 4096;
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    timeval timeout{5, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    parser_.body_limit(boost::none);
  }
  // Asks for `target`, reads the response's header, then waits while the
  // server fills the socket and has to wait for room.
  void get_and_stall(const std::string& target) {
    asio::write(socket_, asio::buffer(test::request_text(target)));
    http::read_header(socket_, buffer_, parser_);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  // Reads the rest of the response; the error is what the read ended with.
  beast::error_code read_rest() {
    beast::error_code ec;
    http::read(socket_, buffer_, parser_, ec);
    return ec;
  }
  const HttpReply& reply() { return parser_.get(); }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(http_sendfile)

BOOST_AUTO_TEST_CASE(large_bodies_are_whole_on_keep_alive_and_gzip_stays_in_memory) {
  TempDir dir;
  std::string bin = pattern(300 * 1024, 'b');
  std::string feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" +
                     pattern(200 * 1024, 'f') + "</channel></rss>\n";
  test::write_file(dir / "root/data.bin", bin);
  test::write_file(dir / "root/rss.xml", feed);
  RunningServer server(test::test_http_options(dir));
  HttpClient client(server.port());
  for (int round = 0; round < 2; ++round) {
    HttpReply reply = client.request("/data.bin");
    BOOST_TEST(reply.result_int() == 200u);
    BOOST_TEST(reply[http::field::content_length] == std::to_string(bin.size()));
    BOOST_TEST((reply.body() == bin));
  }
  HttpReply plain = client.request("/rss.xml");
  BOOST_TEST((plain.body() == feed));
  HttpReply gzipped = client.request("/rss.xml", "Accept-Encoding: gzip\r\n");
  BOOST_TEST(gzipped[http::field::content_encoding] == "gzip");
  BOOST_TEST((test::gunzip(gzipped.body()) == feed));
  HttpReply head = client.request("/data.bin", "", "HEAD");
  BOOST_TEST(head[http::field::content_length] == std::to_string(bin.size()));
  BOOST_TEST(client.request("/data.bin").body().size() == bin.size());  // the stream is in step
  // Every answer before the last one is counted by now.
  BOOST_TEST(server.server().stats().bytes_sent >= 2 * bin.size() + feed.size());
}

BOOST_AUTO_TEST_CASE(a_slow_reader_gets_every_byte) {
  TempDir dir;
  std::string bin = pattern(16u << 20, 's');
  test::write_file(dir / "root/big.bin", bin);
  RunningServer server(test::test_http_options(dir));
  SlowClient client(server.port());
  client.get_and_stall("/big.bin");
  BOOST_TEST(!client.read_rest());
  BOOST_TEST(client.reply().body().size() == bin.size());
  BOOST_TEST((client.reply().body() == bin));
}

BOOST_AUTO_TEST_CASE(a_file_replaced_by_rename_mid_response_sends_the_old_bytes) {
  TempDir dir;
  std::string old_bytes = pattern(16u << 20, 'o');
  std::string new_bytes = pattern(16u << 20, 'n');
  test::write_file(dir / "root/big.bin", old_bytes);
  RunningServer server(test::test_http_options(dir));
  std::string old_etag = std::string(HttpClient(server.port()).request("/big.bin", "", "HEAD")
                                         [http::field::etag]);
  SlowClient client(server.port());
  client.get_and_stall("/big.bin");
  test::write_file(dir / "big.bin.tmp", new_bytes);
  std::filesystem::rename(dir / "big.bin.tmp", dir / "root/big.bin");
  BOOST_TEST(!client.read_rest());
  BOOST_TEST(client.reply()[http::field::etag] == old_etag);
  BOOST_TEST((client.reply().body() == old_bytes));
  HttpReply fresh = HttpClient(server.port()).request("/big.bin");
  BOOST_TEST(fresh[http::field::etag] != old_etag);
  BOOST_TEST((fresh.body() == new_bytes));
}

BOOST_AUTO_TEST_CASE(a_file_shrunk_in_place_mid_response_closes_the_connection_short) {
  TempDir dir;
  std::string bytes = pattern(16u << 20, 't');
  test::write_file(dir / "root/big.bin", bytes);
  RunningServer server(test::test_http_options(dir));
  SlowClient client(server.port());
  client.get_and_stall("/big.bin");
  BOOST_REQUIRE(::truncate((dir / "root/big.bin").c_str(), 1 << 20) == 0);
  beast::error_code ec = client.read_rest();
  BOOST_TEST(ec.message() == beast::error_code(http::error::partial_message).message());
  BOOST_TEST(client.reply().body().size() < bytes.size());
  // What the file still holds arrives intact; bytes past the cut that were
  // already queued are the truncated pages (as with any sendfile server),
  // which is why the client must see the response end short.
  const std::string& got = client.reply().body();
  BOOST_REQUIRE(got.size() >= std::size_t{1} << 20);
  BOOST_TEST((got.substr(0, 1 << 20) == bytes.substr(0, 1 << 20)));
  HttpReply after = HttpClient(server.port()).request("/big.bin");  // the server goes on
  BOOST_TEST(after.body().size() == std::size_t{1} << 20);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(file_cache_descriptors)

BOOST_AUTO_TEST_CASE(large_files_keep_their_descriptor_within_the_bound) {
  TempDir dir;
  test::write_file(dir / "small.bin", std::string(FileCache::kSendfileMinBytes - 1, 'x'));
  for (const char* name : {"a.bin", "b.bin", "c.bin"}) {
    test::write_file(dir / name, std::string(FileCache::kSendfileMinBytes, 'x'));
  }
  FileCache cache(dir.path(), 1 << 20, 1 << 20, 2);
  BOOST_TEST(!cache.lookup(parse_request_path("/small.bin")).file->source);
  auto a = cache.lookup(parse_request_path("/a.bin")).file;
  auto b = cache.lookup(parse_request_path("/b.bin")).file;
  auto c = cache.lookup(parse_request_path("/c.bin")).file;
  BOOST_TEST(static_cast<bool>(a->source));
  BOOST_TEST(static_cast<bool>(b->source));
  BOOST_TEST(!c->source);  // over the bound: served from memory
  BOOST_TEST(cache.open_files() == 2u);
  cache.invalidate("a.bin");
  BOOST_TEST(cache.open_files() == 1u);
  BOOST_TEST(static_cast<bool>(cache.lookup(parse_request_path("/a.bin")).file->source));
  BOOST_TEST(cache.open_files() == 2u);
}

BOOST_AUTO_TEST_CASE(a_deleted_file_releases_its_descriptor_at_the_next_lookup) {
  TempDir dir;
  test::write_file(dir / "big.bin", std::string(FileCache::kSendfileMinBytes, 'x'));
  test::write_file(dir / "sub/index.html", std::string(FileCache::kSendfileMinBytes, 'y'));
  FileCache cache(dir.path(), 1 << 20, 1 << 20, 8);
  BOOST_TEST(cache.lookup(parse_request_path("/big.bin")).status == 200u);
  BOOST_TEST(cache.lookup(parse_request_path("/sub/")).status == 200u);
  BOOST_TEST(cache.open_files() == 2u);
  std::filesystem::remove(dir / "big.bin");
  std::filesystem::remove(dir / "sub/index.html");
  BOOST_TEST(cache.lookup(parse_request_path("/big.bin")).status == 404u);
  BOOST_TEST(cache.lookup(parse_request_path("/sub/")).status == 404u);
  BOOST_TEST(cache.open_files() == 0u);
  BOOST_TEST(cache.cached_bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(a_file_too_large_to_cache_keeps_its_descriptor_while_served) {
  TempDir dir;
  test::write_file(dir / "big.bin", std::string(100 * 1024, 'x'));
  FileCache cache(dir.path(), 64 * 1024, 1 << 20, 256);
  auto file = cache.lookup(parse_request_path("/big.bin")).file;
  BOOST_TEST(static_cast<bool>(file->source));
  BOOST_TEST(cache.open_files() == 0u);
  char first = 0;
  BOOST_TEST(::pread(file->source->get(), &first, 1, 0) == 1);
  BOOST_TEST(first == 'x');
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
