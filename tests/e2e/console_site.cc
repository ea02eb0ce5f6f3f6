#include "tests/e2e/console_site.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/support/test_support.h"

namespace herald::test {

void write_approval_site(const Site& site, const MastodonFake& fake, const std::string& approval, int console_port,
                         const std::string& more_targets) {
  std::string extra = "targets:\n"
                      "  - name: toot\n"
                      "    type: mastodon\n"
                      "    url: \"" + fake.url() + "\"\n"
                      "    token: \"fake-token\"\n"
                      "    image: false\n"
                      "    approval: " + approval + "\n" + more_targets +
                      "delivery: {backoff_initial: 200ms, timeout: 2s}\n";
  if (console_port != 0) {
    extra += "console:\n"
             "  listen: \"127.0.0.1:" + std::to_string(console_port) + "\"\n"
             "  secure_cookies: false\n";
  }
  write_file(site.config_path(), site_config(site.port, "Noticias de prueba", extra));
}

void set_console_password(const Site& site, const std::string& user, const std::string& role,
                          const std::string& password) {
  CommandResult made = run_command(
      {"/bin/sh", "-c", "printf '%s\\n' \"$PW\" | \"$HERALD\" passwd " + user + " --role " + role + " --config \"$CONFIG\""},
      "", {"PW=" + password, "HERALD=" + herald_binary(), "CONFIG=" + site.config_path()});
  BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
}

std::int64_t deliveries_in(const Site& site, const std::string& name, const char* state) {
  std::optional<boost::json::object> target = find_target_status(site, name);
  return target ? target->at(state).as_int64() : -1;
}

}  // namespace herald::test
