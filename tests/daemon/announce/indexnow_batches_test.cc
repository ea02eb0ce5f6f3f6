// IndexNow batches through the announcer: the first start submits nothing;
// a new post, an edited post (both URLs when it moved) and a deleted post
// become indexnow.submit deliveries of their URLs (no post delivery to the
// indexnow target); a change while a batch waits for its first attempt joins
// it; a claimed batch is left alone; `batch` splits a long change; the
// target's filters apply; a scheduled post waits for its time.
#include "daemon/announce/indexnow_batches.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/indexnow/indexnow_batch.h"
#include "feeds/entry_builder.h"
#include "tests/daemon/announce/announce_fixture.h"
#include "tests/support/postgres/outbox_engines.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {

using namespace announce_test;

namespace {

TargetConfig indexnow_target(int batch = kIndexNowMaxBatch) {
  TargetConfig t;
  t.name = "search";
  t.type = TargetType::indexnow;
  t.url = "https://api.indexnow.org/indexnow";
  IndexNowSettings settings;
  settings.key = "0123456789abcdef";
  settings.batch = batch;
  t.settings = settings;
  return t;
}

std::string url_of(const Config& config, const Post& post) {
  return post_url(post, config.site.url, config.content.rules.permalink);
}

// The target's due batches, claimed: each its URLs joined by spaces.
Strings batches(Outbox& outbox, std::int64_t now_ms = kFarMs) {
  Strings out;
  for (const Delivery& d : claim_all(outbox, "search", now_ms)) {
    BOOST_TEST(d.event == "indexnow.submit");
    Result<std::vector<std::string>> urls = indexnow_batch_urls(d.payload);
    BOOST_TEST_REQUIRE(urls.ok());
    BOOST_TEST(d.post_id == urls->front());
    std::string joined;
    for (const std::string& url : *urls) joined += (joined.empty() ? "" : " ") + url;
    out.push_back(joined);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(indexnow_batches)

BOOST_AUTO_TEST_CASE(new_edited_and_deleted_posts_are_submitted) {
  Config config = make_config({make_target("hook"), indexnow_target()});
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  Post a = make_post("a", kNow - 100), b = make_post("b", kNow - 50);
  Catalog catalog = catalog_of({a, b});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  BOOST_TEST(batches(*store).empty());  // the first start submits nothing

  Post c = make_post("c", kNow - 10);
  upsert(catalog, c);
  Announcement added = announcer.changes(catalog, {PostEdit{"c", std::nullopt}}, at(kNow), *store);
  check_ok(added);
  BOOST_TEST(added.targets == (Strings{"hook", "search"}), boost::test_tools::per_element());
  BOOST_TEST(added.deliveries == 2u);
  BOOST_TEST(summary(*store) == (Strings{"hook post.published c"}), boost::test_tools::per_element());
  BOOST_TEST(batches(*store) == (Strings{url_of(config, c)}), boost::test_tools::per_element());

  // An edit that moves the post: the old URL (404 now) and the new one.
  Post moved = a;
  moved.set_slug("renamed");
  upsert(catalog, moved);
  check_ok(announcer.changes(catalog, {PostEdit{"a", a}}, at(kNow + 1), *store));
  // An edit of the body alone.
  Post edited = b;
  edited.body = "Una corrección.";
  upsert(catalog, edited);
  check_ok(announcer.changes(catalog, {PostEdit{"b", b}}, at(kNow + 2), *store));
  BOOST_TEST(batches(*store) == (Strings{url_of(config, a) + " " + url_of(config, moved) + " " + url_of(config, b)}),
             boost::test_tools::per_element());

  // Deleted: its URL, for the engines to see the 404.
  BOOST_TEST_REQUIRE(catalog.remove_path(c.source_path).has_value());
  check_ok(announcer.changes(catalog, {PostEdit{"c", c}}, at(kNow + 3), *store));
  BOOST_TEST(batches(*store) == (Strings{url_of(config, c)}), boost::test_tools::per_element());
}

// Two instances sharing an outbox see the same new post, then the same
// edit: each URL is submitted once, by whichever recorded the change
// first, even after the first batch was sent; an edit of the body alone
// (no signature to decide it by) is submitted by each.
BOOST_AUTO_TEST_CASE(instances_sharing_an_outbox_submit_each_change_once,
                     *boost::unit_test::precondition(test::postgres_installed)) {
  Config config = make_config({indexnow_target()});
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  test::TestOutbox web1(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> web2 = web1.another("web2");
  Post a = make_post("a", kNow - 100);
  Catalog catalog = catalog_of({a});
  check_ok(announcer.full_pass(catalog, at(kNow), *web1));
  Post c = make_post("c", kNow - 10);
  upsert(catalog, c);
  for (Outbox* instance : {&*web1, web2.get()}) {
    check_ok(announcer.changes(catalog, {PostEdit{"c", std::nullopt}}, at(kNow), *instance));
    BOOST_TEST(batches(*web1) == (instance == &*web1 ? Strings{url_of(config, c)} : Strings{}),
               boost::test_tools::per_element());  // claimed: sent meanwhile
  }
  Post retitled = a;
  retitled.title = "Título corregido";
  upsert(catalog, retitled);
  for (Outbox* instance : {&*web1, web2.get()}) {
    check_ok(announcer.changes(catalog, {PostEdit{"a", a}}, at(kNow + 1), *instance));
    BOOST_TEST(batches(*web1) == (instance == &*web1 ? Strings{url_of(config, a)} : Strings{}),
               boost::test_tools::per_element());
  }
  Post body = retitled;
  body.body = "Una corrección.";
  upsert(catalog, body);
  for (Outbox* instance : {&*web1, web2.get()}) {
    check_ok(announcer.changes(catalog, {PostEdit{"a", retitled}}, at(kNow + 2), *instance));
    BOOST_TEST(batches(*web1) == (Strings{url_of(config, a)}), boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(a_claimed_batch_is_left_alone_and_batch_splits) {
  Config config = make_config({indexnow_target(2)});
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  Post a = make_post("a", kNow - 3), b = make_post("b", kNow - 2), c = make_post("c", kNow - 1);
  upsert(catalog, a);
  check_ok(announcer.changes(catalog, {PostEdit{"a", std::nullopt}}, at(kNow), *store));
  std::vector<Delivery> claimed = claim_all(*store, "search");
  BOOST_TEST_REQUIRE(claimed.size() == 1u);
  upsert(catalog, b);
  upsert(catalog, c);
  check_ok(announcer.changes(catalog, {PostEdit{"b", std::nullopt}, PostEdit{"c", std::nullopt}}, at(kNow), *store));
  Post d = make_post("d", kNow);
  upsert(catalog, d);
  // Three URLs do not fit in a batch of two: d has one of its own.
  check_ok(announcer.changes(catalog, {PostEdit{"d", std::nullopt}}, at(kNow), *store));
  BOOST_TEST(batches(*store) == (Strings{url_of(config, b) + " " + url_of(config, c), url_of(config, d)}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(filters_and_drafts) {
  TargetConfig target = indexnow_target();
  target.sections = {"obras"};
  Config config = make_config({target});
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  Post other = make_post("a", kNow - 1, "Noticias");
  Post obras = make_post("b", kNow - 1, "Obras");
  Post hidden = draft(make_post("c", kNow - 1, "Obras"));
  for (const Post& p : {other, obras, hidden}) upsert(catalog, p);
  check_ok(announcer.changes(catalog, {PostEdit{"a", std::nullopt}, PostEdit{"b", std::nullopt},
                                       PostEdit{"c", std::nullopt}},
                             at(kNow), *store));
  BOOST_TEST(batches(*store) == (Strings{url_of(config, obras)}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_scheduled_post_is_submitted_when_its_time_comes) {
  Config config = make_config({indexnow_target()});
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  Post future = make_post("f", kNow + 60);
  Catalog catalog = catalog_of({future});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  check_nothing_announced(announcer.changes(catalog, {PostEdit{"f", future}}, at(kNow + 30), *store));
  BOOST_TEST(batches(*store).empty());
  Announcement due = announcer.changes(catalog, {PostEdit{"f", future}}, at(kNow + 60), *store);
  check_ok(due);
  BOOST_TEST(due.targets == (Strings{"search"}), boost::test_tools::per_element());
  BOOST_TEST(batches(*store) == (Strings{url_of(config, future)}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
