// `console:`: off unless configured, its defaults, accounts, the trusted
// proxy, and each error's exact text.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"

namespace herald {
namespace {

const std::string kSite =
    "site: {title: T, url: https://example.org, author: A, timezone: America/Bogota}\n"
    "content: {dir: content}\n"
    "output: {dir: public}\n"
    "state: {dir: /var/lib/h}\n";

ConfigResult parsed(const std::string& console) { return parse_config(kSite + console, "/srv/h.yaml"); }

std::vector<std::string> errors_of(const std::string& console) {
  std::vector<std::string> out;
  for (const Diagnostic& e : parsed(console).errors) out.push_back(e.to_string());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_section)

BOOST_AUTO_TEST_CASE(off_unless_configured_and_its_defaults) {
  ConfigResult none = parsed("");
  BOOST_REQUIRE(none.config);
  BOOST_TEST(!none.config->console.enabled);
  BOOST_TEST(none.config->console.users_file == "/var/lib/h/console-users");
  ConfigResult on = parsed(
      "console:\n"
      "  listen: 127.0.0.1:8081\n"
      "  users: [{name: ana, role: editor, password_hash: \"$argon2id$v=19$x\"}]\n"
      "  secure_cookies: false\n"
      "  session_lifetime: 2h\n"
      "  trusted_proxy: {header: X-Remote-User, from: [127.0.0.1/32]}\n");
  BOOST_REQUIRE_MESSAGE(on.config, (on.errors.empty() ? "" : on.errors.front().to_string()));
  const ConsoleConfig& c = on.config->console;
  BOOST_TEST(c.enabled);
  BOOST_TEST(c.listen == "127.0.0.1:8081");
  BOOST_TEST(c.users.size() == 1u);
  BOOST_TEST(c.users[0].role == "editor");
  BOOST_TEST(!c.secure_cookies);
  BOOST_TEST(c.session_lifetime.count() == 2 * 3600 * 1000);
  BOOST_TEST(c.proxy_user_header == "X-Remote-User");
  BOOST_TEST(c.trusted_proxies == std::vector<std::string>{"127.0.0.1/32"});
}

BOOST_AUTO_TEST_CASE(errors_name_what_is_wrong) {
  BOOST_TEST(errors_of("console:\n  users: [{name: ana, role: boss, password_hash: plain}]\n") ==
             (std::vector<std::string>{
                 "/srv/h.yaml:5:1: error: 'console.listen' is required; the console's own address, e.g. "
                 "127.0.0.1:8081 (behind a reverse proxy)",
                 "/srv/h.yaml:6:29: error: 'console.users[0].role' must be viewer, editor or admin, got 'boss'",
                 "/srv/h.yaml:6:50: error: 'console.users[0].password_hash' must be an argon2id hash ($argon2id$...): "
                 "run herald passwd --print NAME"}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
