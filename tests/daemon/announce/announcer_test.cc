#include "daemon/announce/announcer.h"

#include <boost/test/unit_test.hpp>

#include "daemon/announce/change_signature.h"
#include "tests/daemon/announce/announce_fixture.h"

namespace herald {

using namespace announce_test;

BOOST_AUTO_TEST_SUITE(announcer)

BOOST_AUTO_TEST_CASE(first_start_present_records_published_posts_without_deliveries) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Catalog catalog = catalog_of({make_post("a", kNow - 300), make_post("b", kNow - 200),
                                make_post("c", kNow), draft(make_post("d", kNow - 100)),
                                make_post("f", kNow + 60)});
  Store store;
  BOOST_TEST(!(*store).has_baseline());

  Announcement a = announcer.full_pass(catalog, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.recorded == 3u);
  BOOST_TEST(a.new_posts == 0u);
  BOOST_TEST(a.deliveries == 0u);
  BOOST_TEST(a.targets.empty());
  BOOST_TEST(ids == 0);  // no delivery built
  BOOST_TEST((*store).has_baseline());
  BOOST_TEST((*store).counts().empty());
  BOOST_TEST(unseen(*store, {"a", "b", "c"}).empty());
  // Drafts and future posts are not part of the baseline.
  BOOST_TEST(unseen(*store, {"a", "d", "f"}) == (Strings{"d", "f"}), boost::test_tools::per_element());

  std::optional<OutboxPost> recorded = (*store).find_post("b");
  BOOST_REQUIRE(recorded);
  BOOST_TEST(recorded->title == "Título b");
  BOOST_TEST(recorded->url == "https://example.org/2023/11/14/post-b/");
  BOOST_TEST(recorded->source_path == "posts/b.md");
  BOOST_TEST(recorded->date_ms == (kNow - 200) * 1000);

  // A restart finds the baseline and nothing unseen.
  Announcement again = announcer.full_pass(catalog, at(kNow), *store);
  check_ok(again);
  BOOST_TEST(again.recorded == 0u);
  BOOST_TEST(again.new_posts == 0u);
  BOOST_TEST(again.deliveries == 0u);
  BOOST_TEST((*store).counts().empty());
}

BOOST_AUTO_TEST_CASE(first_start_on_empty_site_records_the_baseline) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Catalog catalog;
  Store store;
  Announcement a = announcer.full_pass(catalog, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.recorded == 0u);
  BOOST_TEST((*store).has_baseline());

  upsert(catalog, make_post("a", kNow + 10));
  Announcement later = announcer.full_pass(catalog, at(kNow + 20), *store);
  check_ok(later);
  BOOST_TEST(later.new_posts == 1u);
  BOOST_TEST(later.deliveries == 1u);
  BOOST_TEST(summary(*store) == (Strings{"hook post.published a"}), boost::test_tools::per_element());
}

// After the wall clock was stepped back, the site's clock stays where it
// was (posts it published stay published) but deliveries are due by the
// wall clock, not an hour later.
BOOST_AUTO_TEST_CASE(deliveries_are_due_by_the_wall_clock_after_a_step_back) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  upsert(catalog, make_post("a", kNow + 3000));
  Announcement a = announcer.changes(catalog, {PostEdit{"a", std::nullopt}},
                                     AnnounceTime(at(kNow + 3600), at(kNow)), *store);
  check_ok(a);
  BOOST_TEST(a.new_posts == 1u);
  BOOST_TEST(summary(*store) == (Strings{"hook post.published a"}), boost::test_tools::per_element());
  BOOST_TEST((*store).next_due("hook").value_or(-1) == kNow * 1000);
}

// The clock stepped back an hour while the plan's images were made (the
// delivery engine moved the outbox's waits already): recorded at the
// reading after the step, the delay and the approval deadline count from
// it, not from the plan's hour-ahead reading (they would wait an hour more).
BOOST_AUTO_TEST_CASE(a_plan_recorded_after_a_step_back_waits_from_the_recording) {
  constexpr std::int64_t kHourMs = 3'600'000;
  TargetConfig delayed = make_target("delayed");
  delayed.delay = std::chrono::seconds(90);
  TargetConfig held = make_target("held");
  held.approval.required = true;
  held.approval.timeout = std::chrono::minutes(30);
  int ids = 0;
  Announcer announcer = make_announcer(make_config({delayed, held}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  upsert(catalog, make_post("n1", kNow - 60));

  AnnouncementPlan plan = announcer.plan_changes(catalog, {PostEdit{"n1", std::nullopt}}, at(kNow), *store);
  announcer.make_images(plan);
  check_ok(announcer.record(plan, *store, kNowMs - kHourMs));
  BOOST_TEST((*store).next_due("delayed").value_or(-1) == kNowMs - kHourMs + 90'000);
  std::vector<Delivery> waiting = (*store).awaiting_approval("n1", "held");
  BOOST_REQUIRE_EQUAL(waiting.size(), 1u);
  BOOST_TEST(waiting[0].approval_deadline_ms == kNowMs - kHourMs + 30 * 60'000);
  BOOST_TEST(waiting[0].not_before_ms == kNowMs - kHourMs);
}

BOOST_AUTO_TEST_CASE(future_post_coming_due_is_announced_by_changes) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Post future = make_post("f", kNow + 60);
  Catalog catalog = catalog_of({make_post("a", kNow - 10), future});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  // Still in the future: nothing recorded, nothing written.
  Announcement early = announcer.changes(catalog, {PostEdit{"f", future}}, at(kNow + 30), *store);
  check_nothing_announced(early);
  BOOST_TEST(unseen(*store, {"f"}) == (Strings{"f"}), boost::test_tools::per_element());

  Announcement due = announcer.changes(catalog, {PostEdit{"f", future}}, at(kNow + 60), *store);
  check_ok(due);
  BOOST_TEST(due.new_posts == 1u);
  BOOST_TEST(due.deliveries == 1u);
  BOOST_TEST(due.recorded == 0u);
  BOOST_TEST(due.targets == (Strings{"hook"}), boost::test_tools::per_element());
  BOOST_TEST(summary(*store) == (Strings{"hook post.published f"}), boost::test_tools::per_element());
  BOOST_TEST(unseen(*store, {"f"}).empty());

  // Coming due again (a rescan) announces nothing more.
  Announcement twice = announcer.changes(catalog, {PostEdit{"f", future}}, at(kNow + 90), *store);
  check_nothing_announced(twice);
  BOOST_TEST(summary(*store).size() == 1u);
}

BOOST_AUTO_TEST_CASE(first_start_cutoff_records_older_posts_and_announces_later_ones) {
  Config config = make_config({make_target("hook")});
  config.delivery.first_start = FirstStartPolicy::kCutoff;
  config.delivery.cutoff = at(kNow - 100);
  int ids = 0;
  Announcer announcer = make_announcer(config, &ids);
  Catalog catalog = catalog_of({make_post("old", kNow - 200), make_post("edge", kNow - 100),
                                make_post("new", kNow - 50), make_post("future", kNow + 50)});
  Store store;

  Announcement a = announcer.full_pass(catalog, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.recorded == 1u);
  BOOST_TEST(a.new_posts == 2u);  // a post dated at the cutoff is not before it
  BOOST_TEST(a.deliveries == 2u);
  BOOST_TEST(a.targets == (Strings{"hook"}), boost::test_tools::per_element());
  BOOST_TEST((*store).has_baseline());
  BOOST_TEST(unseen(*store, {"old", "edge", "new", "future"}) == (Strings{"future"}),
             boost::test_tools::per_element());
  BOOST_TEST(claimed_posts(*store, "hook") == (Strings{"edge", "new"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(second_full_pass_announces_only_unseen_posts_oldest_first) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Catalog catalog = catalog_of({make_post("a", kNow - 1000)});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  upsert(catalog, make_post("newer", kNow + 50));
  upsert(catalog, make_post("older", kNow - 5000));  // back-dated
  upsert(catalog, make_post("mid-b", kNow + 20));
  upsert(catalog, make_post("mid-a", kNow + 30));
  upsert(catalog, draft(make_post("d", kNow)));
  upsert(catalog, make_post("future", kNow + 1000));

  Announcement a = announcer.full_pass(catalog, at(kNow + 100), *store);
  check_ok(a);
  BOOST_TEST(a.recorded == 0u);
  BOOST_TEST(a.new_posts == 4u);
  BOOST_TEST(a.deliveries == 4u);
  BOOST_TEST(a.targets == (Strings{"hook"}), boost::test_tools::per_element());
  BOOST_TEST(unseen(*store, {"a", "newer", "older", "mid-a", "mid-b", "d", "future"}) ==
                 (Strings{"d", "future"}),
             boost::test_tools::per_element());
  BOOST_TEST(claimed_posts(*store, "hook") == (Strings{"older", "mid-b", "mid-a", "newer"}),
             boost::test_tools::per_element());
  // Message ids are built in announcement order, one per delivery.
  BOOST_TEST(ids == 4);

  Announcement again = announcer.full_pass(catalog, at(kNow + 100), *store);
  check_nothing_announced(again);
}

BOOST_AUTO_TEST_CASE(new_post_gets_one_published_delivery_per_target) {
  TargetConfig fast = make_target("fast");
  TargetConfig slow = make_target("slow");
  slow.delay = std::chrono::seconds(600);
  slow.wait_for_url = true;
  int ids = 0;
  Announcer announcer = make_announcer(make_config({fast, slow}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  // Back-dated: the delay still counts from the announcement.
  upsert(catalog, make_post("n1", kNow - 3600));
  Announcement a = announcer.changes(catalog, {PostEdit{"n1", std::nullopt}}, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.new_posts == 1u);
  BOOST_TEST(a.deliveries == 2u);
  BOOST_TEST(a.recorded == 0u);
  BOOST_TEST(a.targets == (Strings{"fast", "slow"}), boost::test_tools::per_element());
  BOOST_TEST(unseen(*store, {"n1"}).empty());
  BOOST_TEST((*store).find_post("n1")->url == "https://example.org/2023/11/14/post-n1/");

  BOOST_TEST(claim_all(*store, "slow", kNowMs + 599'999).empty());  // not due yet

  std::vector<Delivery> f = claim_all(*store, "fast", kNowMs);
  BOOST_REQUIRE_EQUAL(f.size(), 1u);
  BOOST_TEST(f[0].post_id == "n1");
  BOOST_TEST(f[0].event == "post.published");
  BOOST_TEST(f[0].payload == "post.published:n1");
  BOOST_TEST(f[0].message_id == "msg-1");
  BOOST_TEST(f[0].post_date_ms == (kNow - 3600) * 1000);
  BOOST_TEST(f[0].not_before_ms == kNowMs);
  BOOST_TEST(f[0].check_url == "");

  std::vector<Delivery> s = claim_all(*store, "slow", kNowMs + 600'000);
  BOOST_REQUIRE_EQUAL(s.size(), 1u);
  BOOST_TEST(s[0].post_id == "n1");
  BOOST_TEST(s[0].event == "post.published");
  BOOST_TEST(s[0].payload == "post.published:n1");
  BOOST_TEST(s[0].message_id == "msg-2");
  BOOST_TEST(s[0].check_url == "https://example.org/2023/11/14/post-n1/");

  // Recorded once: a re-save announces nothing.
  Announcement resave = announcer.changes(catalog, {PostEdit{"n1", *catalog.find("n1")}}, at(kNow + 5), *store);
  check_nothing_announced(resave);
}

// The images are made between planning and recording (the site thread
// holds no outbox lock then): the plan has none, make_images() adds them
// (none for a deletion), record() stores them with their deliveries.
BOOST_AUTO_TEST_CASE(images_are_made_after_the_plan_and_recorded_with_it) {
  int ids = 0;
  int made = 0;
  Config config = make_config({make_target("hook")});
  config.targets[0].post_deleted = true;
  Announcer announcer(
      config, [](const TargetConfig&, const Post& post, DeliveryEvent, const Timestamp&) { return post.id; },
      [&ids] { return "msg-" + std::to_string(++ids); },
      [&made](const TargetConfig& target, const Post& post) {
        ++made;
        DeliveryImage image;
        image.media_type = "image/jpeg";
        image.bytes = target.name + ":" + post.id;
        return std::optional<DeliveryImage>(image);
      });
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  upsert(catalog, make_post("n1", kNow - 60));

  AnnouncementPlan plan = announcer.plan_changes(catalog, {PostEdit{"n1", std::nullopt}}, at(kNow), *store);
  BOOST_REQUIRE_EQUAL(plan.deliveries.size(), 1u);
  BOOST_TEST(!plan.deliveries[0].image.has_value());
  BOOST_TEST(made == 0);
  announcer.make_images(plan);
  BOOST_TEST(made == 1);
  check_ok(announcer.record(plan, *store, kNowMs));
  std::vector<Delivery> claimed = claim_all(*store, "hook", kNowMs);
  BOOST_REQUIRE_EQUAL(claimed.size(), 1u);
  BOOST_REQUIRE(claimed[0].image.has_value());
  BOOST_TEST(claimed[0].image->bytes == "hook:n1");

  Post before = *catalog.find("n1");
  BOOST_REQUIRE(catalog.remove_path(before.source_path));
  AnnouncementPlan removal = announcer.plan_changes(catalog, {PostEdit{"n1", before}}, at(kNow + 5), *store);
  BOOST_REQUIRE_EQUAL(removal.deliveries.size(), 1u);
  announcer.make_images(removal);
  BOOST_TEST(made == 1);
  BOOST_TEST(!removal.deliveries[0].image.has_value());
}

BOOST_AUTO_TEST_CASE(delivery_and_record_of) {
  TargetConfig t = make_target("hook");
  t.delay = std::chrono::seconds(90);
  t.wait_for_url = true;
  Config config = make_config({t});
  config.content.rules.permalink = "/:section/:id/";
  int ids = 41;
  Announcer announcer = make_announcer(config, &ids);
  Post p = make_post("77", kNow - 10, "Obras Públicas");

  NewDelivery d = announcer.delivery(t, p, DeliveryEvent::updated, at(kNow));
  BOOST_TEST(d.post_id == "77");
  BOOST_TEST(d.target == "hook");
  BOOST_TEST(d.event == "post.updated");
  BOOST_TEST(d.message_id == "msg-42");
  BOOST_TEST(d.payload == "post.updated:77");
  BOOST_TEST(d.post_date_ms == (kNow - 10) * 1000);
  BOOST_TEST(d.not_before_ms == kNowMs + 90'000);
  BOOST_TEST(d.check_url == "https://example.org/obras-publicas/77/");

  NewDelivery deleted = announcer.delivery(t, p, DeliveryEvent::deleted, at(kNow));
  BOOST_TEST(deleted.message_id == "msg-43");
  BOOST_TEST(deleted.check_url == "");  // a deleted post's URL never answers 200

  OutboxPost r = announcer.record_of(p);
  BOOST_TEST(r.id == "77");
  BOOST_TEST(r.title == "Título 77");
  BOOST_TEST(r.url == "https://example.org/obras-publicas/77/");
  BOOST_TEST(r.source_path == "posts/77.md");
  BOOST_TEST(r.date_ms == (kNow - 10) * 1000);
}

BOOST_AUTO_TEST_CASE(edit_of_recorded_post_sends_updated_only_when_asked_and_changed) {
  TargetConfig plain = make_target("plain");
  TargetConfig updates = make_target("updates");
  updates.post_updated = true;
  TargetConfig culture = make_target("culture");  // wants updates, filters the post out
  culture.post_updated = true;
  culture.sections = {"cultura"};
  int ids = 0;
  Announcer announcer = make_announcer(make_config({plain, updates, culture}), &ids);
  Post before = make_post("a", kNow - 100);
  Catalog catalog = catalog_of({before});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  // Same content (a re-save): nothing.
  Announcement same = announcer.changes(catalog, {PostEdit{"a", before}}, at(kNow), *store);
  check_ok(same);
  BOOST_TEST(same.deliveries == 0u);
  BOOST_TEST((*store).counts().empty());

  Post after = before;
  after.title = "Título corregido";
  upsert(catalog, after);
  Announcement edited = announcer.changes(catalog, {PostEdit{"a", before}}, at(kNow + 5), *store);
  check_ok(edited);
  BOOST_TEST(edited.new_posts == 0u);
  BOOST_TEST(edited.deliveries == 1u);
  BOOST_TEST(edited.targets == (Strings{"updates"}), boost::test_tools::per_element());
  BOOST_TEST(summary(*store) == (Strings{"updates post.updated a"}), boost::test_tools::per_element());
  std::vector<Delivery> u = claim_all(*store, "updates");
  BOOST_REQUIRE_EQUAL(u.size(), 1u);
  BOOST_TEST(u[0].payload == "post.updated:a");
  BOOST_TEST(u[0].not_before_ms == (kNow + 5) * 1000);
  // The record follows the edit (herald list shows the new title).
  BOOST_TEST((*store).find_post("a")->title == "Título corregido");
}

// The deliveries of an edit carry the version announced, those of a
// deletion the version deleted (NewDelivery::change: a shared outbox
// records each once for the cluster); a new post's carry none.
BOOST_AUTO_TEST_CASE(edits_and_deletions_carry_the_version_they_announce) {
  TargetConfig updates = make_target("updates");
  updates.post_updated = true;
  updates.post_deleted = true;
  TargetConfig deletes = make_target("deletes");
  deletes.post_deleted = true;
  int ids = 0;
  Announcer announcer = make_announcer(make_config({updates, deletes}), &ids);
  Post a = make_post("a", kNow - 100), b = make_post("b", kNow - 50);
  Catalog catalog = catalog_of({a, b});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  Post edited = a;
  edited.title = "Título corregido";
  upsert(catalog, edited);
  BOOST_REQUIRE(catalog.remove_path(b.source_path));
  Post c = make_post("c", kNow - 10);
  upsert(catalog, c);
  AnnouncementPlan plan =
      announcer.plan_changes(catalog, {PostEdit{"a", a}, PostEdit{"b", b}, PostEdit{"c", std::nullopt}}, at(kNow),
                             *store);
  check_ok(plan.result);
  std::vector<std::string> got;
  for (const NewDelivery& d : plan.deliveries) {
    const std::string version = d.change == post_signature(edited) ? "edited"
                                : d.change == post_signature(b)    ? "b"
                                                                   : d.change;
    got.push_back(d.target + " " + d.event + " " + d.post_id + " " + version);
  }
  BOOST_TEST(got == (Strings{"updates post.updated a edited", "updates post.deleted b b", "deletes post.deleted b b",
                             "updates post.published c ", "deletes post.published c "}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(edit_without_post_updated_targets_announces_nothing) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Post before = make_post("a", kNow - 100);
  Catalog catalog = catalog_of({before});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  Post after = before;
  after.tags = {"Agua"};
  upsert(catalog, after);
  Announcement a = announcer.changes(catalog, {PostEdit{"a", before}}, at(kNow), *store);
  check_nothing_announced(a);
  BOOST_TEST((*store).counts().empty());
  BOOST_TEST(ids == 0);
}

BOOST_AUTO_TEST_CASE(rename_only_announces_nothing_even_with_post_updated) {
  TargetConfig updates = make_target("updates");
  updates.post_updated = true;
  updates.post_deleted = true;
  int ids = 0;
  Announcer announcer = make_announcer(make_config({updates}), &ids);
  Post before = make_post("a", kNow - 100);
  Catalog catalog = catalog_of({before});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  Post renamed = before;
  renamed.source_path = "archivo/2023/a.md";
  BOOST_REQUIRE(catalog.remove_path(before.source_path));
  upsert(catalog, renamed);
  Announcement a = announcer.changes(catalog, {PostEdit{"a", before}}, at(kNow), *store);
  check_nothing_announced(a);
  BOOST_TEST((*store).counts().empty());
  BOOST_TEST((*store).find_post("a")->source_path == "archivo/2023/a.md");
}

BOOST_AUTO_TEST_CASE(removal_sends_deleted_only_to_targets_that_ask) {
  TargetConfig keep = make_target("keep");
  keep.post_updated = true;
  TargetConfig deletes = make_target("deletes");
  deletes.post_deleted = true;
  deletes.wait_for_url = true;
  deletes.delay = std::chrono::seconds(30);
  int ids = 0;
  Announcer announcer = make_announcer(make_config({keep, deletes}), &ids);
  Post gone = make_post("gone", kNow - 100);
  Post hidden = make_post("hidden", kNow - 50);
  Catalog catalog = catalog_of({gone, hidden});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  BOOST_REQUIRE(catalog.remove_path(gone.source_path));
  upsert(catalog, draft(hidden));  // unpublished: gone from the site too
  Announcement a =
      announcer.changes(catalog, {PostEdit{"gone", gone}, PostEdit{"hidden", hidden}}, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.new_posts == 0u);
  BOOST_TEST(a.deliveries == 2u);
  BOOST_TEST(a.targets == (Strings{"deletes"}), boost::test_tools::per_element());
  BOOST_TEST(summary(*store) == (Strings{"deletes post.deleted gone", "deletes post.deleted hidden"}),
             boost::test_tools::per_element());
  std::vector<Delivery> d = claim_all(*store, "deletes");
  BOOST_REQUIRE_EQUAL(d.size(), 2u);
  BOOST_TEST(d[0].post_id == "gone");
  BOOST_TEST(d[0].payload == "post.deleted:gone");
  BOOST_TEST(d[0].check_url == "");
  BOOST_TEST(d[0].not_before_ms == kNowMs + 30'000);
}

BOOST_AUTO_TEST_CASE(removal_of_a_never_recorded_post_sends_nothing) {
  TargetConfig deletes = make_target("deletes");
  deletes.post_deleted = true;
  int ids = 0;
  Announcer announcer = make_announcer(make_config({deletes}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  Post future = make_post("f", kNow + 100);  // never announced: its removal is no news
  Announcement a = announcer.changes(catalog, {PostEdit{"f", future}}, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.deliveries == 0u);
  BOOST_TEST((*store).counts().empty());
}

BOOST_AUTO_TEST_CASE(draft_of_a_new_post_flipped_to_published_is_announced) {
  int ids = 0;
  Announcer announcer = make_announcer(make_config({make_target("hook")}), &ids);
  Post d = draft(make_post("d", kNow - 100));
  Catalog catalog = catalog_of({make_post("a", kNow - 200), d});
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  // Saving the draft again: nothing.
  Announcement still = announcer.changes(catalog, {PostEdit{"d", d}}, at(kNow), *store);
  check_ok(still);
  BOOST_TEST(still.new_posts == 0u);
  BOOST_TEST(unseen(*store, {"d"}) == (Strings{"d"}), boost::test_tools::per_element());

  Post published = d;
  published.draft = false;
  upsert(catalog, published);
  Announcement a = announcer.changes(catalog, {PostEdit{"d", d}}, at(kNow + 10), *store);
  check_ok(a);
  BOOST_TEST(a.new_posts == 1u);
  BOOST_TEST(a.deliveries == 1u);
  BOOST_TEST(summary(*store) == (Strings{"hook post.published d"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(filters_decide_which_targets_get_a_new_post) {
  TargetConfig obras = make_target("obras");
  obras.sections = {"obras-publicas"};
  TargetConfig agua = make_target("agua");
  agua.tags = {"agua-potable"};
  TargetConfig all = make_target("all");
  int ids = 0;
  Announcer announcer = make_announcer(make_config({obras, agua, all}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  upsert(catalog, make_post("p1", kNow - 10, "Obras Públicas", {"Agua Potable"}));
  upsert(catalog, make_post("p2", kNow - 20, "Cultura"));
  upsert(catalog, make_post("p3", kNow - 30, "", {"agua potable"}));
  // Edits listed newest first: announced oldest first.
  Announcement a = announcer.changes(
      catalog, {PostEdit{"p1", std::nullopt}, PostEdit{"p2", std::nullopt}, PostEdit{"p3", std::nullopt}},
      at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.new_posts == 3u);
  BOOST_TEST(a.deliveries == 6u);
  // In order of first delivery: p3 (agua, all), then p1 (obras).
  BOOST_TEST(a.targets == (Strings{"agua", "all", "obras"}), boost::test_tools::per_element());
  BOOST_TEST(claimed_posts(*store, "obras") == (Strings{"p1"}), boost::test_tools::per_element());
  BOOST_TEST(claimed_posts(*store, "agua") == (Strings{"p3", "p1"}), boost::test_tools::per_element());
  BOOST_TEST(claimed_posts(*store, "all") == (Strings{"p3", "p2", "p1"}), boost::test_tools::per_element());
}

// approval: {required: true, sections: [...]}: only the posts the filter
// matches wait for an editor; the target's others are due as usual.
BOOST_AUTO_TEST_CASE(approval_filters_hold_only_the_posts_they_match) {
  TargetConfig toot = make_target("toot");
  toot.approval.required = true;
  toot.approval.sections = {"politica"};
  int ids = 0;
  Announcer announcer = make_announcer(make_config({toot}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));
  upsert(catalog, make_post("p1", kNow - 10, "Política"));
  upsert(catalog, make_post("p2", kNow - 20, "Cultura"));
  check_ok(announcer.changes(catalog, {PostEdit{"p1", std::nullopt}, PostEdit{"p2", std::nullopt}}, at(kNow),
                             *store));
  BOOST_TEST((*store).awaiting_approval("p1", "toot").size() == 1u);
  BOOST_TEST((*store).awaiting_approval("p2", "toot").empty());
  BOOST_TEST(claimed_posts(*store, "toot") == (Strings{"p2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(post_no_target_wants_is_recorded_without_deliveries) {
  TargetConfig obras = make_target("obras");
  obras.sections = {"obras-publicas"};
  int ids = 0;
  Announcer announcer = make_announcer(make_config({obras}), &ids);
  Catalog catalog;
  Store store;
  check_ok(announcer.full_pass(catalog, at(kNow), *store));

  upsert(catalog, make_post("c", kNow - 10, "Cultura"));
  Announcement a = announcer.full_pass(catalog, at(kNow), *store);
  check_ok(a);
  BOOST_TEST(a.new_posts == 1u);
  BOOST_TEST(a.deliveries == 0u);
  BOOST_TEST(a.targets.empty());
  BOOST_TEST(unseen(*store, {"c"}).empty());
  BOOST_TEST((*store).counts().empty());
}

BOOST_AUTO_TEST_CASE(content_differs_on_what_readers_see_not_the_file) {
  Post a = make_post("a", kNow, "Noticias", {"Agua"});
  a.summary = "Resumen";
  a.image = Image{"/img/a.jpg", "Una obra"};
  a.fields.set("destacado", "true");
  BOOST_TEST(!post_content_differs(a, a));

  Post moved = a;
  moved.source_path = "otra/carpeta/a.md";
  moved.body_line = 12;
  BOOST_TEST(!post_content_differs(a, moved));
  // PostEdit::before carries no body (site_state.h): the body never counts.
  Post no_body = a;
  no_body.body = "Texto nuevo";
  BOOST_TEST(!post_content_differs(a, no_body));

  auto differs = [&](auto change) {
    Post b = a;
    change(b);
    return post_content_differs(a, b);
  };
  BOOST_TEST(differs([](Post& p) { p.title = "Otro"; }));
  BOOST_TEST(differs([](Post& p) { p.date = at(kNow + 1); }));
  BOOST_TEST(differs([](Post& p) { p.date.offset_minutes = -360; }));
  BOOST_TEST(differs([](Post& p) { p.updated = at(kNow + 60); }));
  BOOST_TEST(differs([](Post& p) { p.author = "Ana"; }));
  BOOST_TEST(differs([](Post& p) { p.summary = ""; }));
  BOOST_TEST(differs([](Post& p) { p.section = "Cultura"; }));
  BOOST_TEST(differs([](Post& p) { p.tags = {"Agua", "Luz"}; }));
  BOOST_TEST(differs([](Post& p) { p.image->alt = "Otra"; }));
  BOOST_TEST(differs([](Post& p) { p.image->url = "/img/b.jpg"; }));
  BOOST_TEST(differs([](Post& p) { p.image.reset(); }));
  BOOST_TEST(differs([](Post& p) { p.guid = "urn:x"; }));
  BOOST_TEST(differs([](Post& p) { p.set_slug("otro"); }));
  BOOST_TEST(differs([](Post& p) { p.fields.set("destacado", "false"); }));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
