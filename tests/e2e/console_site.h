// What the console's end-to-end tests share (console_test.cc,
// console_browser_test.cc, approval_test.cc): a site whose Mastodon target
// "toot" (the loopback fake) needs approval, with the console on its own
// loopback port over plain http, and accounts made with `herald passwd`.
#pragma once

#include <cstdint>
#include <string>

#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/mastodon_fake.h"

namespace herald::test {

// Writes the site's configuration: target "toot" on `fake` with `approval`
// (e.g. "required"), `more_targets` (list items) after it, and the console
// on `console_port` when it is not 0.
void write_approval_site(const Site& site, const MastodonFake& fake, const std::string& approval,
                         int console_port = 0, const std::string& more_targets = "");
// `herald passwd USER --role ROLE` with `password` on stdin; a test failure when it fails.
void set_console_password(const Site& site, const std::string& user, const std::string& role,
                          const std::string& password);
// Target `name`'s count of deliveries in `state` (herald status --json); -1 when unknown.
std::int64_t deliveries_in(const Site& site, const std::string& name, const char* state);

}  // namespace herald::test
