// The console's pages, rendered from plain values (no I/O, no clock): HTML
// built with pugixml through feeds/html_page.h, so every text is escaped by
// the library. Server-rendered, no script needed: every action is a form
// that POSTs with the session's CSRF token and answers with a redirect.
// Spanish when the site's language starts with "es", else English. Times
// are shown in the site's zone (`zone`), "2026-11-29 06:30 -06:00".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/base/held_post.h"
#include "daemon/console/console_users.h"
#include "daemon/outbox/outbox.h"
#include "daemon/targets/announced_text.h"
#include "daemon/text/text_fit.h"
#include "feeds/time_zone.h"

namespace herald {

// What every page knows: the language, the zone, who is looking.
struct PageContext {
  bool spanish = false;
  TimeZone zone = TimeZone::utc();
  std::string user;             // "" on the login page
  ConsoleRole role = ConsoleRole::viewer;
  std::string csrf;             // the session's token, put in every form
  std::string notice;           // a line above the content (the last action's outcome)
  // The live pages' version (live_updates.h); 0: the page does not update itself.
  std::int64_t version = 0;
};

// An editor's text for a delivery awaiting approval, shown before anything
// is decided: the approve form holds it and the delivery's preview shows it
// in place of the announcement's text, counted against the limit.
struct EditorDraft {
  std::int64_t delivery_id = 0;
  std::string text;
};

// A target the console may offer (resend), and how its network counts and
// limits an editor's text (targets/approval.h editable_text_limits;
// nullopt: its text cannot be edited).
struct ConsoleTarget {
  std::string name;
  std::string type;
  std::optional<TextLimits> text;
};
// The target named `name`, or null.
const ConsoleTarget* target_named(const std::vector<ConsoleTarget>& targets, const std::string& name);

std::string login_page(const PageContext& page, const std::string& error);
// Recent posts, each delivery's state (pending, sent with its link,
// awaiting approval, retrying with the next time and reason, dead with the
// reason), newest first. Live (a `version`): the table updates itself
// (live_updates.h), and without script the page reloads every 30 s; else
// it reloads every 30 s.
std::string posts_page(const PageContext& page, const std::vector<PostDeliveries>& posts);
// One post: its deliveries, each not sent yet with its preview (the text as
// its network will show it, its length against the limit), the approve
// (with the editor's text) and reject forms of those awaiting approval,
// retry of the dead, resend to chosen targets, and the audit of the post.
// Live: each delivery's row and the audit update themselves. With a
// `draft`, its delivery's approve form holds the editor's text (the
// preview showing it is the caller's: with_draft).
std::string post_page(const PageContext& page, const PostDeliveries& post, const std::vector<AuditEntry>& audit,
                      const std::vector<ConsoleTarget>& targets, const std::vector<AnnouncementPreview>& previews = {},
                      const EditorDraft* draft = nullptr);
// `previews` with `draft`'s text in place of its delivery's, counted by
// `limits` (the network's count and limit); the link card and image stay.
std::vector<AnnouncementPreview> with_draft(std::vector<AnnouncementPreview> previews, const EditorDraft& draft,
                                            const std::string& target, const TextLimits& limits);
// Dead letters with their reason, each with a retry form. Live: the table.
std::string dead_page(const PageContext& page, const std::vector<PostDeliveries>& posts);
// The posts whose deletion is held, one by one (path, id, title; how to
// confirm them), and the post files that fail now (path:line:col: message).
std::string problems_page(const PageContext& page, const std::vector<std::string>& broken_posts,
                          const std::vector<HeldPost>& held_deletions);
// A short page for an error status (403, 404) with its sentence.
std::string message_page(const PageContext& page, const std::string& title, const std::string& message);

// "2026-11-29 06:30 -06:00" of `unix_ms` in `zone`; "-" for 0.
std::string shown_time(const TimeZone& zone, std::int64_t unix_ms);

}  // namespace herald
