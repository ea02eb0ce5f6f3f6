// The editors' console end to end, over loopback HTTP against the real
// `herald run` (its own listener, console.listen) with a Mastodon target
// that needs approval (the fake of tests/support/loopback/mastodon_fake.h).
// Accounts are made with `herald passwd` (the password on stdin). Security:
// every POST without a session or a valid CSRF token is refused; a viewer
// cannot approve; a brute force is slowed and then refused; the password
// is never in the log, a page or the users file; the console is not on the
// feeds' listener. Then an editor approves with an edited text: exactly one
// status at the fake, with that text.
#include <sys/stat.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <regex>
#include <string>

#include "tests/e2e/console_site.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/mastodon_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::MastodonFake;
using test::Site;
namespace http = boost::beast::http;

constexpr auto kDelivery = 20s;
const std::string kAnaPassword = "contraseña de Ana 2026";
const std::string kVeraPassword = "solo-lectura-Vera";

struct Answer {
  unsigned status = 0;
  std::string location;
  std::string set_cookie;
  std::string body;
  std::string policy;  // Content-Security-Policy
};

// One request to the console on 127.0.0.1:`port`.
Answer ask(int port, http::verb method, const std::string& target, const std::string& cookie = "",
           const std::string& form = "") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::string_body> request(method, target, 11);
  request.set(http::field::host, "127.0.0.1");
  if (!cookie.empty()) request.set(http::field::cookie, cookie);
  if (method == http::verb::post) {
    request.set(http::field::content_type, "application/x-www-form-urlencoded");
    request.body() = form;
  }
  request.prepare_payload();
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  boost::system::error_code ec;
  http::read(socket, buffer, response, ec);
  return Answer{response.result_int(), std::string(response[http::field::location]),
                std::string(response[http::field::set_cookie]), response.body(),
                std::string(response["Content-Security-Policy"])};
}

std::string form_encoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string login(int port, const std::string& user, const std::string& password) {
  Answer a = ask(port, http::verb::post, "/login", "", "user=" + user + "&password=" + form_encoded(password));
  BOOST_REQUIRE_EQUAL(a.status, 303u);
  return a.set_cookie.substr(0, a.set_cookie.find(';'));
}

std::string csrf_of(const std::string& page) {
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
  return m[1];
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A live page's version (<main data-version="...">), "" when none.
std::string version_of(const std::string& page) {
  std::smatch m;
  return std::regex_search(page, m, std::regex("<main data-version=\"([0-9]+)\"")) ? std::string(m[1]) : "";
}

std::int64_t awaiting(const Site& site) { return test::deliveries_in(site, "toot", "awaiting_approval"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(console)

BOOST_AUTO_TEST_CASE(editors_log_in_and_approve_and_nothing_gets_past_the_checks) {
  MastodonFake fake("fake-token", 1000);  // herald holds texts to 500 until its driver has read this
  Site site(3);
  const int console_port = test::free_port();
  test::write_approval_site(site, fake, "required", console_port);
  test::set_console_password(site, "ana", "editor", kAnaPassword);
  test::set_console_password(site, "vera", "viewer", kVeraPassword);
  struct stat st {};
  BOOST_REQUIRE(::stat((site.dir / "state/console-users").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  std::string users_file = test::read_file(site.dir / "state/console-users");
  BOOST_TEST(contains(users_file, "ana:editor:$argon2id$"));
  BOOST_TEST(!contains(users_file, kAnaPassword));

  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  test::write_file(site.content("nuevas/n2000.md"), test::post(2000, "Corte de agua", "2024-03-01T10:00:00-06:00"));
  BOOST_TEST_REQUIRE(test::wait_until([&] { return awaiting(site) == 1; }, kDelivery), daemon.log());

  // Without a session: the login page, and every POST refused.
  BOOST_TEST(ask(console_port, http::verb::get, "/").location == "/login");
  BOOST_TEST(ask(console_port, http::verb::post, "/deliveries/1/approve", "", "csrf=00").status == 403u);
  BOOST_TEST(ask(console_port, http::verb::post, "/logout", "herald_session=forged", "csrf=00").status == 403u);

  // Live updates: nothing to a client without a session; the script is the console's own.
  Answer live = ask(console_port, http::verb::get, "/live/?since=1");
  BOOST_TEST(live.status == 401u);
  BOOST_TEST(!contains(live.body, "Corte de agua"));
  Answer script = ask(console_port, http::verb::get, "/console.js");
  BOOST_TEST(script.status == 200u);
  BOOST_TEST(contains(script.body, "data-version"));
  BOOST_TEST(script.policy == "default-src 'none'; script-src 'self'; connect-src 'self'; "
                              "style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");

  // The console is not on the feeds' listener.
  test::HttpReply feeds = test::http_request(site.port, "GET", "/login");
  BOOST_TEST(feeds.status == 404);
  BOOST_TEST(!contains(feeds.body, "csrf"));

  // A wrong password: refused, not echoed.
  Answer wrong = ask(console_port, http::verb::post, "/login", "", "user=ana&password=no-es-esta");
  BOOST_TEST(wrong.status == 401u);
  BOOST_TEST(wrong.set_cookie.empty());
  BOOST_TEST(!contains(wrong.body, "no-es-esta"));

  // The editor's session: HttpOnly, SameSite=Strict; the post awaits approval.
  Answer logged = ask(console_port, http::verb::post, "/login", "",
                      "user=ana&password=" + form_encoded(kAnaPassword));
  BOOST_TEST(logged.status == 303u);
  BOOST_TEST(contains(logged.set_cookie, "; HttpOnly; SameSite=Strict"), logged.set_cookie);
  std::string ana = logged.set_cookie.substr(0, logged.set_cookie.find(';'));
  Answer home = ask(console_port, http::verb::get, "/", ana);
  BOOST_TEST(home.status == 200u);
  BOOST_TEST(contains(home.body, "Corte de agua"), home.body);
  BOOST_TEST(contains(home.body, "espera aprobación"), home.body);
  Answer page = ask(console_port, http::verb::get, "/posts/2000", ana);
  BOOST_TEST_REQUIRE(page.status == 200u);
  std::smatch action;
  BOOST_REQUIRE(std::regex_search(page.body, action, std::regex("action=\"(/deliveries/[0-9]+)/approve\"")));
  const std::string delivery = action[1];
  // The preview: the status as Mastodon will show it, its length against the limit.
  BOOST_TEST(std::regex_search(page.body, std::regex("<summary>Vista previa \\([0-9]+/500\\)</summary>")), page.body);
  BOOST_TEST(contains(page.body, "Corte de agua\n\nResumen de Corte de agua"), page.body);
  const std::string csrf = csrf_of(page.body);
  const std::string before_approval = version_of(page.body);
  BOOST_TEST(!before_approval.empty());
  // While nothing changes, a poll is answered 204 (the hub's pings may move the version: try a few times).
  BOOST_TEST(test::wait_until([&] {
    std::string now = version_of(ask(console_port, http::verb::get, "/live/posts/2000?since=0", ana).body);
    return ask(console_port, http::verb::get, "/live/posts/2000?since=" + now, ana).status == 204u;
  }, kDelivery));

  // A POST without the token, or with another, changes nothing.
  BOOST_TEST(ask(console_port, http::verb::post, delivery + "/approve", ana, "text=x").status == 403u);
  BOOST_TEST(ask(console_port, http::verb::post, delivery + "/approve", ana, "csrf=" + std::string(64, 'a')).status ==
             403u);

  // A viewer reads, and cannot approve.
  std::string vera = login(console_port, "vera", kVeraPassword);
  Answer seen = ask(console_port, http::verb::get, "/posts/2000", vera);
  BOOST_TEST(seen.status == 200u);
  BOOST_TEST(ask(console_port, http::verb::post, delivery + "/approve", vera, "csrf=" + csrf_of(seen.body)).status ==
             403u);
  BOOST_TEST(awaiting(site) == 1);

  // Too long for Mastodon: refused with the reason; then within the limit: one status with that text.
  Answer too_long = ask(console_port, http::verb::post, delivery + "/approve", ana,
                        "csrf=" + csrf + "&text=" + std::string(501, 'a'));
  BOOST_TEST(too_long.status == 303u);
  BOOST_TEST(contains(ask(console_port, http::verb::get, "/", ana).body, "el límite es 500"));
  BOOST_TEST(awaiting(site) == 1);
  Answer approved = ask(console_port, http::verb::post, delivery + "/approve", ana,
                        "csrf=" + csrf + "&text=" + form_encoded("Corte de agua: mañana de 9 a 14 h"));
  BOOST_TEST(approved.status == 303u);
  BOOST_TEST(approved.location == "/posts/2000");
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake.statuses().size() == 1; }, kDelivery), daemon.log());
  BOOST_TEST(boost::json::parse(fake.statuses().at(0).body).at("status").as_string() ==
             "Corte de agua: mañana de 9 a 14 h");
  // A viewer's open page learns it from its poll.
  BOOST_TEST(test::wait_until([&] {
    Answer polled = ask(console_port, http::verb::get, "/live/posts/2000?since=" + before_approval, vera);
    return polled.status == 200u && contains(polled.body, "<td class=\"sent\">enviado</td>");
  }, kDelivery));
  BOOST_TEST(ask(console_port, http::verb::post, delivery + "/approve", ana, "csrf=" + csrf).status == 303u);
  Answer audit = ask(console_port, http::verb::get, "/posts/2000", ana);
  BOOST_TEST(contains(audit.body, "ana: approve toot"), audit.body);

  // The driver has read the server's max_characters (1000) while sending: the next text may be that long.
  test::write_file(site.content("nuevas/n2001.md"), test::post(2001, "Poda de árboles", "2024-03-01T11:00:00-06:00"));
  BOOST_TEST_REQUIRE(test::wait_until([&] { return awaiting(site) == 1; }, kDelivery), daemon.log());
  Answer second = ask(console_port, http::verb::get, "/posts/2001", ana);
  BOOST_TEST(contains(second.body, "como mucho 1000 caracteres"), second.body);
  BOOST_TEST(std::regex_search(second.body, std::regex("<summary>Vista previa \\([0-9]+/1000\\)</summary>")), second.body);
  std::smatch second_action;
  BOOST_REQUIRE(std::regex_search(second.body, second_action, std::regex("action=\"(/deliveries/[0-9]+)/approve\"")));
  const std::string long_text(700, 'p');
  BOOST_TEST(ask(console_port, http::verb::post, std::string(second_action[1]) + "/approve", ana,
                 "csrf=" + csrf + "&text=" + long_text).status == 303u);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return fake.statuses().size() == 2; }, kDelivery), daemon.log());
  BOOST_TEST(boost::json::parse(fake.statuses().at(1).body).at("status").as_string() == long_text);

  // Brute force: slowed, then refused even with the right password.
  for (int i = 0; i < 10; ++i) ask(console_port, http::verb::post, "/login", "", "user=vera&password=x" + std::to_string(i));
  Answer locked = ask(console_port, http::verb::post, "/login", "", "user=vera&password=" + form_encoded(kVeraPassword));
  BOOST_TEST(locked.status == 429u);

  // Logout ends the session.
  BOOST_TEST(ask(console_port, http::verb::post, "/logout", ana, "csrf=" + csrf).status == 303u);
  BOOST_TEST(ask(console_port, http::verb::get, "/", ana).location == "/login");

  BOOST_TEST(fake.statuses().size() == 2u);
  for (const std::string& secret : {kAnaPassword, kVeraPassword, std::string("no-es-esta")}) {
    BOOST_TEST(!contains(daemon.log(), secret));
  }
  BOOST_TEST(!contains(daemon.log(), ana.substr(ana.find('=') + 1)));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
