// The console's live updates: open pages follow the outbox without a
// reload. A live page (the list of posts, the dead letters, a post's page:
// `is_live_page`) carries its version (ConsoleBackend::version) on <main
// data-version> and loads the console's one script, `kLiveScript`, served
// at /console.js (the Content-Security-Policy allows scripts from 'self'
// only, none inline). Every 3 s while the page is visible the script asks
// GET /live<path>?since=<version>: 204 when nothing changed (no query but
// the version), else the page again, whose changed parts (elements with
// `data-live` and an id: a delivery's row, the table of posts, the audit)
// replace those shown, keeping what the editor typed and where the focus
// was; when the parts themselves differ (a resend added a row), all of
// <main>. A 401 (the session ended, or logged out in another tab) reloads
// the page, which then asks to log in. Without JavaScript the pages work
// the same, the list reloading itself (a meta refresh inside <noscript>).
// Pure.
#pragma once

#include <string>
#include <string_view>

namespace herald {

extern const std::string_view kLiveScript;

// Whether `path` ("/", "/dead", "/posts/1001") is a page that updates itself.
bool is_live_page(const std::string& path);

}  // namespace herald
