// What the announce tests share: posts, targets and configs made to order,
// an outbox in a temporary directory, and readers of what it recorded.
#pragma once

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "daemon/announce/announcer.h"
#include "tests/support/test_support.h"

namespace herald::announce_test {

using test::TempDir;

constexpr std::int64_t kNow = 1'700'000'000;  // 2023-11-14T22:13:20Z
constexpr std::int64_t kNowMs = kNow * 1000;
constexpr std::int64_t kLease = 30'000;
constexpr std::int64_t kFarMs = kNowMs + 10LL * 24 * 3600 * 1000;

inline Timestamp at(std::int64_t seconds) { return Timestamp{seconds, 0}; }

inline Post make_post(const std::string& id, std::int64_t seconds, const std::string& section = "Noticias",
               const std::vector<std::string>& tags = {}) {
  Post p;
  p.id = id;
  p.title = "Título " + id;
  p.date = at(seconds);
  p.section = section;
  p.tags = tags;
  p.source_path = "posts/" + id + ".md";
  p.set_slug("post-" + id);
  return p;
}

inline Post draft(Post p) {
  p.draft = true;
  return p;
}

inline TargetConfig make_target(const std::string& name) {
  TargetConfig t;
  t.name = name;
  t.type = TargetType::webhook;
  t.url = "https://hooks.example.net/" + name;
  return t;
}

inline Config make_config(const std::vector<TargetConfig>& targets) {
  Config c;
  c.site.url = "https://example.org/";
  c.targets = targets;
  return c;
}

inline Announcer make_announcer(const Config& config, int* counter) {
  return Announcer(
      config,
      [](const TargetConfig&, const Post& post, DeliveryEvent event, const Timestamp&) {
        return delivery_event_name(event) + (":" + post.id);
      },
      [counter] { return "msg-" + std::to_string(++*counter); });
}

inline void upsert(Catalog& catalog, const Post& post) {
  std::optional<Diagnostic> d = catalog.upsert(post);
  BOOST_REQUIRE(!d);
}

inline Catalog catalog_of(const std::vector<Post>& posts) {
  Catalog catalog;
  for (const Post& p : posts) upsert(catalog, p);
  return catalog;
}

// An outbox in its own directory, removed with it.
struct Store {
  TempDir dir;
  std::unique_ptr<Outbox> outbox;
  Store() {
    Result<std::unique_ptr<Outbox>> opened = Outbox::open(dir / "outbox.db", Outbox::Mode::read_write);
    BOOST_REQUIRE_MESSAGE(opened.ok(), opened.error());
    outbox = *std::move(opened);
  }
  Outbox& operator*() { return *outbox; }
};

inline std::vector<std::string> unseen(Outbox& outbox, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  Status s = outbox.unseen(ids, &out);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
  return out;
}

// Claims every delivery of `target` due at `now_ms`, in claim order (payload included).
inline std::vector<Delivery> claim_all(Outbox& outbox, const std::string& target, std::int64_t now_ms = kFarMs) {
  std::vector<Delivery> out;
  Status s = outbox.claim(target, now_ms, kLease, 1000, &out);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
  return out;
}

// Every delivery in the outbox, as "target event post_id" (payload left out).
inline std::vector<std::string> summary(Outbox& outbox) {
  std::vector<std::string> lines;
  ListFilter all;
  all.limit = 0;
  for (const PostDeliveries& pd : outbox.list(all)) {
    for (const Delivery& d : pd.deliveries) lines.push_back(d.target + " " + d.event + " " + d.post_id);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

inline std::vector<std::string> claimed_posts(Outbox& outbox, const std::string& target) {
  std::vector<std::string> ids;
  for (const Delivery& d : claim_all(outbox, target)) ids.push_back(d.post_id);
  return ids;
}

inline void check_ok(const Announcement& a) { BOOST_REQUIRE_MESSAGE(a.status.ok(), a.status.message); }

inline void check_nothing_announced(const Announcement& a) {
  check_ok(a);
  BOOST_TEST(a.new_posts == 0u);
  BOOST_TEST(a.deliveries == 0u);
  BOOST_TEST(a.targets.empty());
}

using Strings = std::vector<std::string>;


}  // namespace herald::announce_test
