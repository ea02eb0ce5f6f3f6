// The Bluesky target end to end: a real `herald run` posts to a real PDS
// (tests/support/pds, rate limits on) through a loopback proxy that
// forwards every XRPC call, serves the posts' images, and can lose or
// replace one answer. The records are read back from the PDS: text, facets
// against the text's UTF-8 bytes, langs, the link card and its thumb blob.
// A retry after a lost putRecord answer does not post twice; an expired
// access token is refreshed; the session survives a restart.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/text/text_facets.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/images/test_images.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/pds/pds_server.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using test::DaemonProcess;
using test::HttpReceiver;
using test::PdsServer;
using test::ReceivedRequest;
using test::Reply;
using test::Site;

constexpr auto kPosted = 30s;

const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02"
    "\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x11\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\xc0\xf0\x1f\x8c\x80"
    "\x18\x00\x1d\xf0\x03\xfd\xd3\xd0\x7d\x26\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    74);

// The PDS behind a proxy: /uploads/* answers the PNG, /xrpc/* goes to the
// PDS unless `override` answers it first (nullopt: forward). Counts calls
// per NSID, and image fetches as "uploads".
class PdsProxy {
 public:
  using Override = std::function<std::optional<Reply>(const ReceivedRequest&, int call)>;

  explicit PdsProxy(PdsServer& pds) : pds_(pds) {
    receiver_.set_behavior([this](const ReceivedRequest& request, int) { return answer(request); });
  }

  std::string url() const { return receiver_.url(""); }
  std::string image_url(int id) const { return receiver_.url("/uploads/" + std::to_string(id) + ".png"); }
  void set_override(Override o) {
    std::lock_guard lock(mutex_);
    override_ = std::move(o);
  }
  int calls(const std::string& nsid) const {
    std::lock_guard lock(mutex_);
    auto found = calls_.find(nsid);
    return found == calls_.end() ? 0 : found->second;
  }

 private:
  Reply answer(const ReceivedRequest& request) {
    if (request.target.rfind("/uploads/", 0) == 0) {
      {
        std::lock_guard lock(mutex_);
        ++calls_["uploads"];
      }
      Reply reply = Reply::ok();
      reply.headers = {{"Content-Type", "image/png"}};
      reply.body = kPng;
      return reply;
    }
    std::string nsid = request.target.substr(6, request.target.find('?') == std::string::npos
                                                    ? std::string::npos
                                                    : request.target.find('?') - 6);
    Override o;
    int call = 0;
    {
      std::lock_guard lock(mutex_);
      call = ++calls_[nsid];
      o = override_;
    }
    if (o) {
      if (std::optional<Reply> replaced = o(request, call)) return *replaced;
    }
    return forward(request);
  }

  Reply forward(const ReceivedRequest& request) {
    HttpRequest out;
    out.method = request.method;
    out.url = request.target;
    out.body = request.body;
    out.max_response_bytes = 16 << 20;
    for (const auto& [name, value] : request.headers) {
      if (name == "authorization" || name == "content-type") out.headers.emplace_back(name, value);
    }
    HttpResponse in = pds_.send(std::move(out));
    if (in.status == 0) return Reply::reset();
    Reply reply = Reply::with_status(in.status, in.body);
    for (const auto& [name, value] : in.headers) {
      if (name == "content-type" || name.rfind("ratelimit-", 0) == 0) reply.headers.emplace_back(name, value);
    }
    return reply;
  }

  PdsServer& pds_;
  HttpReceiver receiver_;
  mutable std::mutex mutex_;
  Override override_;
  std::map<std::string, int> calls_;
};

struct Account {
  test::PdsAccount account;
  std::string app_password;
};

Account make_account(const std::string& name) {
  PdsServer& pds = PdsServer::shared();
  Account a{pds.create_account(name + ".test", name + "@example.com", "account-pass"), ""};
  a.app_password = pds.create_app_password(a.account, "herald");
  return a;
}

std::string bluesky_config(const PdsProxy& proxy, const Account& account) {
  return "targets:\n"
         "  - name: sky\n"
         "    type: bluesky\n"
         "    url: \"" + proxy.url() + "\"\n"
         "    identifier: \"" + account.account.handle + "\"\n"
         "    password: \"" + account.app_password + "\"\n"
         "    language: es\n"
         "delivery:\n"
         "  backoff_initial: 200ms\n"
         "  backoff_max: 1s\n"
         "  max_attempts: 5\n"
         "  timeout: 5s\n"
         // The posts' images are the proxy's, on loopback.
         "  image_origins: [\"" + proxy.url() + "\"]\n"
         "  image_networks: [127.0.0.0/8]\n";
}

void add_post(const Site& site, const PdsProxy& proxy, int id, const std::string& title) {
  std::string text = test::post(id, title, "2024-03-01T10:00:00-06:00", "Medio ambiente", "educación vial");
  std::string relative = "\"/uploads/" + std::to_string(id) + ".png\"";
  text.replace(text.find(relative), relative.size(), "\"" + proxy.image_url(id) + "\"");
  test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"), text);
}

json::array records(const Account& account) {
  return json::parse(PdsServer::shared().list_records(account.account.did, "app.bsky.feed.post"))
      .at("records")
      .as_array();
}

bool has_records(const Account& account, std::size_t n) {
  return test::wait_until([&] { return records(account).size() >= n; }, kPosted);
}

// Every facet's byte range holds what its feature says.
void check_facets(const json::object& record) {
  std::string text(record.at("text").as_string());
  const json::array& facets = record.at("facets").as_array();
  BOOST_TEST(facets.size() == find_facets(text).size());
  for (const json::value& facet : facets) {
    auto start = facet.at("index").at("byteStart").to_number<std::size_t>();
    auto end = facet.at("index").at("byteEnd").to_number<std::size_t>();
    BOOST_TEST_REQUIRE(end <= text.size());
    std::string piece = text.substr(start, end - start);
    const json::object& feature = facet.at("features").at(0).as_object();
    if (feature.at("$type").as_string() == "app.bsky.richtext.facet#link") {
      BOOST_TEST(piece == std::string(feature.at("uri").as_string()));
    } else {
      BOOST_TEST(piece == "#" + std::string(feature.at("tag").as_string()));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bluesky)

BOOST_AUTO_TEST_CASE(posts_with_facets_langs_and_a_card_with_its_thumb) {
  Account account = make_account("cabildo");
  PdsProxy proxy(PdsServer::shared());
  Site site(3, bluesky_config(proxy, account));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  add_post(site, proxy, 2000, "Reforestación en la colonia Peñitas");
  BOOST_TEST_REQUIRE(has_records(account, 1), daemon.log());
  json::object entry = records(account).at(0).as_object();
  const json::object& record = entry.at("value").as_object();
  std::string text(record.at("text").as_string());
  std::string url = "https://noticias.example.org/noticias/2024/03/01/reforestacion-en-la-colonia-penitas/";
  BOOST_TEST(text == "Reforestación en la colonia Peñitas\n\n" + url + "\n\n#MedioAmbiente #EducaciónVial");
  check_facets(record);
  BOOST_TEST(record.at("facets").as_array().size() == 3u);
  BOOST_TEST(record.at("langs") == (json::array{"es"}));
  const json::object& external = record.at("embed").at("external").as_object();
  BOOST_TEST(record.at("embed").at("$type").as_string() == "app.bsky.embed.external");
  BOOST_TEST(external.at("uri").as_string() == url);
  BOOST_TEST(external.at("title").as_string() == "Reforestación en la colonia Peñitas");
  BOOST_TEST(external.at("description").as_string() == "Resumen de Reforestación en la colonia Peñitas");
  std::string cid(external.at("thumb").at("ref").at("$link").as_string());
  // The image step's variant of the fetched opaque PNG: a 2x2 JPEG.
  BOOST_TEST(external.at("thumb").at("mimeType").as_string() == "image/jpeg");
  test::Decoded thumb = test::decode(PdsServer::shared().get_blob(account.account.did, cid));
  BOOST_TEST(thumb.loader == "jpegload_buffer");
  BOOST_TEST((thumb.width == 2 && thumb.height == 2));
  BOOST_TEST(proxy.calls("uploads") == 1);

  // The seed post, copied in as a new post: its image is on the site's
  // (unreachable) host, so the card goes without thumb.
  test::write_file(site.content("nuevas/seed.txt"), test::read_file(test::seed_post_path()));
  BOOST_TEST_REQUIRE(has_records(account, 2), daemon.log());
  json::array all = records(account);
  for (const json::value& r : all) {
    const json::object& value = r.at("value").as_object();
    if (value.at("text").as_string().find("Reforestación") == 0) continue;
    check_facets(value);
    BOOST_TEST(value.at("embed").at("$type").as_string() == "app.bsky.embed.external");
    BOOST_TEST(!value.at("embed").at("external").as_object().contains("thumb"));
  }
  BOOST_TEST(proxy.calls("com.atproto.server.createSession") == 1);

  // herald list shows the at:// URI and the bsky.app URL.
  test::CommandResult list =
      test::run_command({test::herald_binary(), "list", "--config", site.config_path()});
  std::string rkey = std::string(entry.at("uri").as_string()).substr(std::string(entry.at("uri").as_string()).rfind('/') + 1);
  BOOST_TEST(list.out.find("https://bsky.app/profile/cabildo.test/post/" + rkey) != std::string::npos,
             list.out + list.err);
}

BOOST_AUTO_TEST_CASE(a_lost_put_record_answer_does_not_post_twice) {
  Account account = make_account("retry");
  PdsProxy proxy(PdsServer::shared());
  PdsServer& pds = PdsServer::shared();
  // The first putRecord reaches the PDS, then its answer is lost.
  proxy.set_override([&pds](const ReceivedRequest& request, int call) -> std::optional<Reply> {
    if (request.target != "/xrpc/com.atproto.repo.putRecord" || call != 1) return std::nullopt;
    HttpRequest out;
    out.url = request.target;
    out.body = request.body;
    out.headers = {{"Authorization", request.header("authorization")}, {"Content-Type", "application/json"}};
    HttpResponse written = pds.send(std::move(out));
    BOOST_TEST(written.status == 200, written.body);
    return Reply::reset();
  });
  Site site(3, bluesky_config(proxy, account));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site, proxy, 2001, "Bacheo en la avenida Juárez");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return proxy.calls("com.atproto.repo.putRecord") >= 2; }, kPosted),
                     daemon.log());
  BOOST_TEST_REQUIRE(has_records(account, 1), daemon.log());
  std::this_thread::sleep_for(1s);
  BOOST_TEST(records(account).size() == 1u);
  BOOST_TEST(proxy.calls("com.atproto.repo.putRecord") == 2);
  test::CommandResult list =
      test::run_command({test::herald_binary(), "list", "--config", site.config_path()});
  BOOST_TEST(list.out.find("https://bsky.app/profile/retry.test/post/") != std::string::npos, list.out + list.err);
}

BOOST_AUTO_TEST_CASE(an_expired_token_is_refreshed_and_the_session_survives_a_restart) {
  Account account = make_account("refresh");
  PdsProxy proxy(PdsServer::shared());
  // The first putRecord is answered as the PDS answers an expired token.
  proxy.set_override([](const ReceivedRequest& request, int call) -> std::optional<Reply> {
    if (request.target != "/xrpc/com.atproto.repo.putRecord" || call != 1) return std::nullopt;
    Reply reply = Reply::with_status(400, R"({"error":"ExpiredToken","message":"Token has expired"})");
    reply.headers = {{"Content-Type", "application/json"}};
    return reply;
  });
  Site site(3, bluesky_config(proxy, account));
  {
    DaemonProcess daemon(site.config_path());
    test::require_started(daemon);
    add_post(site, proxy, 2002, "Feria del libro en la plaza");
    BOOST_TEST_REQUIRE(has_records(account, 1), daemon.log());
    BOOST_TEST(proxy.calls("com.atproto.server.createSession") == 1);
    BOOST_TEST(proxy.calls("com.atproto.server.refreshSession") == 1);
    BOOST_TEST(proxy.calls("com.atproto.repo.putRecord") == 2);
    daemon.signal(SIGTERM);
    BOOST_TEST_WARN(daemon.wait_exit(30s) == 0, daemon.log());
    BOOST_TEST(daemon.log().find(account.app_password) == std::string::npos);
  }
  // After a restart the saved (refreshed) session is used: no createSession.
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site, proxy, 2003, "Concierto en el parque central");
  BOOST_TEST_REQUIRE(has_records(account, 2), daemon.log());
  BOOST_TEST(proxy.calls("com.atproto.server.createSession") == 1);
  BOOST_TEST(proxy.calls("com.atproto.server.refreshSession") == 1);
}

// The image step: a 3 MB PNG under site.static_dir goes up as the JPEG
// variant made when the delivery was recorded, under the PDS's 1,000,000
// bytes, and is never fetched from the site.
BOOST_AUTO_TEST_CASE(a_3_megabyte_image_goes_up_as_a_blob_under_a_million_bytes) {
  Account account = make_account("imagenes");
  PdsProxy proxy(PdsServer::shared());
  Site site(3, bluesky_config(proxy, account));
  std::string config = test::read_file(site.config_path());
  const std::string zone = "  timezone: America/Chihuahua\n";
  config.replace(config.find(zone), zone.size(), zone + "  static_dir: static\n");
  test::write_file(site.config_path(), config);
  std::string photo = test::photo(1500, 700, "png");
  BOOST_TEST_REQUIRE(photo.size() > 3'000'000u);
  test::write_file(site.dir / "static/uploads/2005.png", photo);
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);

  test::write_file(site.content("nuevas/n2005.md"),
                   test::post(2005, "Parque lineal en el río", "2024-03-01T10:00:00-06:00", "Local", "obras"));
  BOOST_TEST_REQUIRE(has_records(account, 1), daemon.log());
  json::array all = records(account);
  const json::object& external = all.at(0).at("value").at("embed").at("external").as_object();
  BOOST_TEST(external.at("thumb").at("mimeType").as_string() == "image/jpeg");
  std::string blob = PdsServer::shared().get_blob(account.account.did,
                                                  std::string(external.at("thumb").at("ref").at("$link").as_string()));
  BOOST_TEST(blob.size() <= 1'000'000u);
  test::Decoded decoded = test::decode(blob);
  BOOST_TEST(decoded.loader == "jpegload_buffer");
  BOOST_TEST(decoded.width == 1500);
  BOOST_TEST(decoded.height == 700);
  BOOST_TEST(!decoded.has_exif);
  BOOST_TEST(proxy.calls("uploads") == 0);
}

BOOST_AUTO_TEST_CASE(a_refused_app_password_is_dead_with_a_reason) {
  Account account = make_account("wrongpass");
  account.app_password = "aaaa-bbbb-cccc-dddd";
  PdsProxy proxy(PdsServer::shared());
  Site site(3, bluesky_config(proxy, account));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site, proxy, 2004, "Cierre de calles por obras");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return proxy.calls("com.atproto.server.createSession") >= 1; }, kPosted),
                     daemon.log());
  std::string status;
  BOOST_TEST_REQUIRE(test::wait_until(
      [&] {
        status = test::run_command({test::herald_binary(), "status", "--json", "--config", site.config_path()}).out;
        return status.find("the PDS refused the identifier 'wrongpass.test' and its app password (createSession: "
                           "HTTP 401 AuthenticationRequired: Invalid identifier or password)") != std::string::npos;
      },
      kPosted), status);
  BOOST_TEST(status.find("aaaa-bbbb-cccc-dddd") == std::string::npos);
  BOOST_TEST(proxy.calls("com.atproto.server.createSession") == 1);
  BOOST_TEST(records(account).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
