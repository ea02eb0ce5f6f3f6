#include "feeds/catalog.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

Post make_post(const std::string& path, const std::string& id, std::int64_t when) {
  Post p;
  p.source_path = path;
  p.id = id;
  p.title = "Post " + id;
  p.date = Timestamp{when, -360};
  return p;
}

Post tagged(const std::string& id, std::int64_t when, const std::string& section,
            std::vector<std::string> tags) {
  Post p = make_post(id + ".md", id, when);
  p.section = section;
  p.tags = std::move(tags);
  return p;
}

std::vector<std::string> ids(const std::vector<const Post*>& posts) {
  std::vector<std::string> out;
  for (const Post* p : posts) out.push_back(p->id);
  return out;
}

FeedKey main_feed() { return {FeedKind::main, ""}; }
FeedKey section_feed(const std::string& slug) { return {FeedKind::section, slug}; }
FeedKey tag_feed(const std::string& slug) { return {FeedKind::tag, slug}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(catalog)

BOOST_AUTO_TEST_CASE(published_is_newest_first_and_excludes_future_and_drafts) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  BOOST_TEST(!c.upsert(make_post("b.md", "2", 300)));
  BOOST_TEST(!c.upsert(make_post("c.md", "3", 200)));
  Post draft = make_post("d.md", "4", 150);
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  BOOST_TEST(!c.upsert(make_post("e.md", "5", 1000)));
  BOOST_TEST(ids(c.published(Timestamp{500, 0})) == (std::vector<std::string>{"2", "3", "1"}));
  BOOST_TEST(ids(c.scheduled(Timestamp{500, 0})) == (std::vector<std::string>{"5"}));
  BOOST_TEST(c.size() == 5u);
  // The counts agree with the lists, the draft in neither.
  for (std::int64_t at : {0, 100, 250, 500, 1000, 2000}) {
    BOOST_TEST(c.published_count(Timestamp{at, 0}) == c.published(Timestamp{at, 0}).size(), at);
    BOOST_TEST(c.scheduled_count(Timestamp{at, 0}) == c.scheduled(Timestamp{at, 0}).size(), at);
  }
}

BOOST_AUTO_TEST_CASE(a_moved_catalog_keeps_its_posts_and_finds_them_by_id_and_path) {
  Catalog from;
  BOOST_TEST(!from.upsert(make_post("_posts/a.md", "1", 100)));
  BOOST_TEST(!from.upsert(make_post("_posts/b.md", "2", 200)));
  Catalog moved(std::move(from));
  BOOST_TEST(from.size() == 0u);
  BOOST_TEST(from.find("1") == nullptr);
  BOOST_TEST(moved.size() == 2u);
  BOOST_TEST(moved.find("2")->source_path == "_posts/b.md");
  BOOST_TEST(moved.find_by_path("_posts/a.md")->id == "1");
  Catalog other;
  BOOST_TEST(!other.upsert(make_post("_posts/c.md", "3", 300)));
  other = std::move(moved);
  BOOST_TEST(other.size() == 2u);
  BOOST_TEST(other.find("3") == nullptr);
  BOOST_TEST(other.find_by_path("_posts/b.md")->id == "2");
  BOOST_TEST(other.published(Timestamp{1000, 0}).size() == 2u);
  // A path that changes hands keeps one record, found both ways.
  BOOST_TEST(!other.upsert(make_post("_posts/b.md", "9", 250)));
  BOOST_TEST(other.find("2") == nullptr);
  BOOST_TEST(other.find("9")->source_path == "_posts/b.md");
  BOOST_TEST(other.remove_path("_posts/b.md").value() == "9");
  BOOST_TEST(other.find_by_path("_posts/b.md") == nullptr);
  BOOST_TEST(other.size() == 1u);
}

BOOST_AUTO_TEST_CASE(equal_dates_are_ordered_by_id) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("z.md", "b", 100)));
  BOOST_TEST(!c.upsert(make_post("y.md", "a", 100)));
  BOOST_TEST(ids(c.published(Timestamp{100, 0})) == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(duplicate_id_from_another_file_is_refused) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("_posts/a.md", "186509", 100)));
  std::optional<Diagnostic> dup = c.upsert(make_post("_posts/b.md", "186509", 200));
  BOOST_REQUIRE(dup);
  BOOST_TEST(dup->to_string() ==
             "_posts/b.md: error: duplicate id '186509': _posts/a.md already has it; give one of "
             "the two posts another id");
  BOOST_TEST(c.find("186509")->source_path == "_posts/a.md");
  BOOST_TEST(c.find_by_path("_posts/b.md") == nullptr);
}

// feeds.max_feeds: 3 section and tag feeds. A post that would add a fourth
// is refused and changes nothing; a draft is in no feed and never refused;
// an edit that trades its only tag for a new one keeps the count.
BOOST_AUTO_TEST_CASE(feed_budget_refuses_the_post_that_would_pass_it) {
  FeedsConfig feeds;
  feeds.max_feeds = 3;
  Catalog c;
  c.limit_feeds(feeds);
  BOOST_TEST(!c.upsert(tagged("1", 100, "Local", {"a", "b"})));
  BOOST_TEST(!c.upsert(tagged("2", 200, "Local", {"a"})));
  std::optional<Diagnostic> over = c.upsert(tagged("3", 300, "Local", {"c", "d", "e"}));
  BOOST_REQUIRE(over);
  BOOST_TEST(over->to_string() ==
             "3.md: error: would add feeds for tag 'c' and 2 more to the site's 3 section and tag "
             "feeds, more than feeds.max_feeds (3); use sections and tags the site already has, "
             "or raise feeds.max_feeds");
  BOOST_TEST(c.find("3") == nullptr);
  BOOST_TEST(c.slugs(FeedKind::tag, Timestamp{1000, 0}) == (std::vector<std::string>{"a", "b"}));

  Post draft = tagged("4", 400, "Otra", {"x", "y"});
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  // Post 1 is the only one with tag b: renaming b to c keeps 3 feeds.
  BOOST_TEST(!c.upsert(tagged("1", 100, "Local", {"a", "c"})));
  BOOST_TEST(c.slugs(FeedKind::tag, Timestamp{1000, 0}) == (std::vector<std::string>{"a", "c"}));
  // Through apply too, which reports the refusal and changes nothing.
  CatalogChange change = c.apply("5.md", tagged("5", 500, "Nueva", {}), feeds);
  BOOST_REQUIRE(change.refused);
  BOOST_TEST(change.feeds.empty());
  BOOST_TEST(c.find("5") == nullptr);
  // Families turned off are not counted.
  feeds.sections.enabled = false;
  c.limit_feeds(feeds);
  BOOST_TEST(!c.apply("5.md", tagged("5", 500, "Nueva", {"z"}), feeds).refused);
}

BOOST_AUTO_TEST_CASE(rename_keeps_identity_and_edit_replaces) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("old.md", "7", 100)));
  // The file is renamed: the new path announces the same id after the old
  // path is forgotten.
  std::optional<std::string> removed = c.remove_path("old.md");
  BOOST_REQUIRE(removed);
  BOOST_TEST(*removed == "7");
  BOOST_TEST(!c.upsert(make_post("new.md", "7", 100)));
  Post edited = make_post("new.md", "7", 100);
  edited.title = "Edited";
  BOOST_TEST(!c.upsert(edited));
  BOOST_TEST(c.find("7")->title == "Edited");
  BOOST_TEST(c.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_file_that_changes_its_id_gives_the_old_one_up) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  BOOST_TEST(!c.upsert(make_post("a.md", "2", 100)));
  BOOST_TEST(c.find("1") == nullptr);
  BOOST_TEST(c.find_by_path("a.md")->id == "2");
  BOOST_TEST(!c.upsert(make_post("b.md", "1", 100)));
  BOOST_TEST(!c.remove_path("missing.md").has_value());
}

BOOST_AUTO_TEST_CASE(next_scheduled_is_the_earliest_future_non_draft) {
  Catalog c;
  BOOST_TEST(c.next_scheduled(Timestamp{0, 0}) == nullptr);
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  BOOST_TEST(!c.upsert(make_post("b.md", "2", 700)));
  BOOST_TEST(!c.upsert(make_post("c.md", "3", 600)));
  BOOST_TEST(!c.upsert(make_post("e.md", "5", 600)));
  Post draft = make_post("d.md", "4", 550);
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  // Earliest first; equal dates in the reverse of published() order.
  BOOST_TEST(c.next_scheduled(Timestamp{500, 0})->id == "5");
  BOOST_TEST(c.next_scheduled(Timestamp{600, 0})->id == "2");  // dated at now: published
  BOOST_TEST(c.next_scheduled(Timestamp{700, 0}) == nullptr);
  BOOST_TEST(c.next_scheduled(Timestamp{50, 0})->id == "1");
  BOOST_TEST(ids(c.scheduled(Timestamp{500, 0})) == (std::vector<std::string>{"5", "3", "2"}));
  BOOST_TEST(ids(c.due(Timestamp{100, 0}, Timestamp{600, 0})) ==
             (std::vector<std::string>{"5", "3"}));
  BOOST_TEST(ids(c.due(Timestamp{0, 0}, Timestamp{700, 0})) ==
             (std::vector<std::string>{"1", "5", "3", "2"}));
  BOOST_TEST(c.due(Timestamp{600, 0}, Timestamp{600, 0}).empty());
  BOOST_TEST(c.due(Timestamp{700, 0}, Timestamp{100, 0}).empty());
  BOOST_TEST(c.remove_path("e.md").has_value());
  BOOST_TEST(c.next_scheduled(Timestamp{500, 0})->id == "3");
}

BOOST_AUTO_TEST_CASE(newest_per_section_and_tag_in_published_order) {
  Catalog c;
  BOOST_TEST(!c.upsert(tagged("1", 100, "Economía", {"Agua", "agua", "IMM"})));
  BOOST_TEST(!c.upsert(tagged("2", 300, "economia", {"agua"})));
  BOOST_TEST(!c.upsert(tagged("3", 200, "Local", {"IMM"})));
  BOOST_TEST(!c.upsert(tagged("4", 900, "Economia", {"agua"})));  // future at 500
  Post draft = tagged("5", 150, "Economía", {"agua"});
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  Timestamp now{500, 0};
  BOOST_TEST(ids(c.newest({FeedKind::main, ""}, now, 10)) ==
             (std::vector<std::string>{"2", "3", "1"}));
  BOOST_TEST(ids(c.newest({FeedKind::main, ""}, now, 2)) == (std::vector<std::string>{"2", "3"}));
  BOOST_TEST(ids(c.newest({FeedKind::section, "economia"}, now, 10)) ==
             (std::vector<std::string>{"2", "1"}));
  // Post 1 has two tags with one slug: listed once.
  BOOST_TEST(ids(c.newest({FeedKind::tag, "agua"}, now, 10)) ==
             (std::vector<std::string>{"2", "1"}));
  BOOST_TEST(ids(c.newest({FeedKind::tag, "agua"}, Timestamp{1000, 0}, 1)) ==
             (std::vector<std::string>{"4"}));
  BOOST_TEST(c.newest({FeedKind::tag, "missing"}, now, 10).empty());
  BOOST_TEST(c.slugs(FeedKind::section, now) == (std::vector<std::string>{"economia", "local"}));
  BOOST_TEST(c.slugs(FeedKind::tag, now) == (std::vector<std::string>{"agua", "imm"}));
  BOOST_TEST(c.slugs(FeedKind::main, now).empty());
}

BOOST_AUTO_TEST_CASE(feeds_are_named_by_their_oldest_non_draft_post) {
  Catalog c;
  BOOST_TEST(!c.upsert(tagged("2", 300, "economia", {"agua"})));
  BOOST_TEST(c.feed_name({FeedKind::section, "economia"}) == "economia");
  BOOST_TEST(!c.upsert(tagged("1", 100, "Economía", {"Agua", "AGUA"})));
  BOOST_TEST(c.feed_name({FeedKind::section, "economia"}) == "Economía");
  BOOST_TEST(c.feed_name({FeedKind::tag, "agua"}) == "AGUA");  // the oldest post's last spelling
  Post draft = tagged("0", 50, "ECONOMIA", {"aGua"});
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));  // drafts never name a feed
  BOOST_TEST(c.feed_name({FeedKind::section, "economia"}) == "Economía");
  BOOST_TEST(!c.upsert(tagged("1", 400, "Economía", {"Agua", "AGUA"})));  // date edit
  BOOST_TEST(c.feed_name({FeedKind::section, "economia"}) == "economia");
  BOOST_TEST(c.remove_path("2.md").has_value());
  BOOST_TEST(c.feed_name({FeedKind::tag, "agua"}) == "AGUA");
  BOOST_TEST(c.remove_path("1.md").has_value());
  BOOST_TEST(c.feed_name({FeedKind::tag, "agua"}) == "");
  BOOST_TEST(c.feed_name({FeedKind::main, ""}) == "");
  BOOST_TEST(c.slugs(FeedKind::tag, Timestamp{1000, 0}).empty());  // empty indexes are dropped
}

BOOST_AUTO_TEST_CASE(has_published_needs_a_post_at_or_before_now) {
  Catalog c;
  BOOST_TEST(!c.has_published({FeedKind::main, ""}, Timestamp{500, 0}));
  BOOST_TEST(!c.upsert(tagged("1", 600, "Local", {})));
  BOOST_TEST(!c.has_published({FeedKind::section, "local"}, Timestamp{599, 0}));
  BOOST_TEST(c.has_published({FeedKind::section, "local"}, Timestamp{600, 0}));
  BOOST_TEST(c.has_published({FeedKind::main, ""}, Timestamp{600, 0}));
  BOOST_TEST(!c.has_published({FeedKind::tag, "local"}, Timestamp{600, 0}));
}

BOOST_AUTO_TEST_CASE(every_upsert_gives_a_new_revision) {
  Catalog c;
  BOOST_TEST(c.revision("1") == 0u);
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  std::uint64_t first = c.revision("1");
  BOOST_TEST(first != 0u);
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));  // same content, new revision
  std::uint64_t second = c.revision("1");
  BOOST_TEST(second != first);
  BOOST_TEST(c.remove_path("a.md").has_value());
  BOOST_TEST(c.revision("1") == 0u);
  BOOST_TEST(!c.upsert(make_post("b.md", "1", 100)));  // the id comes back: never an old number
  BOOST_TEST(c.revision("1") != first);
  BOOST_TEST(c.revision("1") != second);
  BOOST_TEST(c.upsert(make_post("c.md", "1", 100)).has_value());  // refused: no new revision
  BOOST_TEST(c.find("1")->source_path == "b.md");
}

BOOST_AUTO_TEST_CASE(a_held_post_knows_its_revision_without_a_lookup) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  BOOST_TEST(!c.upsert(make_post("b.md", "2", 200)));
  for (const Post* post : c.published(Timestamp{1000, 0})) {
    BOOST_TEST(c.held_revision(*post) == c.revision(post->id));
  }
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 150)));
  BOOST_TEST(c.held_revision(*c.find("1")) == c.revision("1"));
  BOOST_TEST(c.held_revision(*c.find_by_path("b.md")) == c.revision("2"));
}

BOOST_AUTO_TEST_CASE(a_post_that_becomes_a_draft_leaves_every_index) {
  Catalog c;
  BOOST_TEST(!c.upsert(tagged("1", 100, "Local", {"agua"})));
  Post draft = tagged("1", 100, "Local", {"agua"});
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  Timestamp now{500, 0};
  BOOST_TEST(c.published(now).empty());
  BOOST_TEST(c.slugs(FeedKind::section, now).empty());
  BOOST_TEST(c.slugs(FeedKind::tag, now).empty());
  BOOST_TEST(c.find("1")->draft);
  BOOST_TEST(c.remove_path("1.md").has_value());
  BOOST_TEST(c.size() == 0u);
}

BOOST_AUTO_TEST_CASE(apply_adds_a_post_and_names_its_feeds) {
  Catalog c;
  FeedsConfig feeds;
  CatalogChange added = c.apply("1.md", tagged("1", 100, "Local", {"Agua", "sol"}), feeds);
  BOOST_TEST(!added.refused);
  BOOST_TEST(!added.before);
  BOOST_REQUIRE(added.after != nullptr);
  BOOST_TEST(added.after == c.find("1"));
  BOOST_TEST(added.id_before() == "");
  BOOST_TEST(added.id_after() == "1");
  BOOST_TEST((added.feeds == std::vector<FeedKey>{main_feed(), section_feed("local"),
                                                   tag_feed("agua"), tag_feed("sol")}));
  BOOST_TEST(c.revision("1") != 0u);
}

BOOST_AUTO_TEST_CASE(apply_of_an_edit_gives_the_old_version_and_the_feeds_of_both) {
  Catalog c;
  FeedsConfig feeds;
  BOOST_TEST(!c.upsert(tagged("1", 100, "Local", {"agua"})));
  std::uint64_t first = c.revision("1");
  Post edited = tagged("1", 100, "Mundo", {"agua", "fuego"});
  edited.title = "Edited";
  CatalogChange change = c.apply("1.md", edited, feeds);
  BOOST_TEST(!change.refused);
  BOOST_REQUIRE(change.before);
  BOOST_TEST(change.before->section == "Local");
  BOOST_TEST(change.before->title == "Post 1");
  BOOST_TEST(change.id_after() == "1");
  BOOST_TEST(change.after->title == "Edited");
  BOOST_TEST((change.feeds == std::vector<FeedKey>{main_feed(), section_feed("local"),
                                                    section_feed("mundo"), tag_feed("agua"),
                                                    tag_feed("fuego")}));
  BOOST_TEST(c.revision("1") > first);
  BOOST_TEST((c.slugs(FeedKind::section, Timestamp{500, 0}) == std::vector<std::string>{"mundo"}));
}

BOOST_AUTO_TEST_CASE(apply_of_nothing_removes_what_the_path_held) {
  Catalog c;
  FeedsConfig feeds;
  BOOST_TEST(!c.upsert(tagged("1", 100, "Local", {"agua"})));
  CatalogChange gone = c.apply("1.md", std::nullopt, feeds);
  BOOST_REQUIRE(gone.before);
  BOOST_TEST(gone.id_before() == "1");
  BOOST_TEST(gone.after == nullptr);
  BOOST_TEST(gone.id_after() == "");
  BOOST_TEST((gone.feeds == std::vector<FeedKey>{main_feed(), section_feed("local"), tag_feed("agua")}));
  BOOST_TEST(c.size() == 0u);
  BOOST_TEST(c.find_by_path("1.md") == nullptr);
  BOOST_TEST(c.slugs(FeedKind::tag, Timestamp{500, 0}).empty());
  // A path that held nothing: nothing changes, nothing to render.
  CatalogChange again = c.apply("1.md", std::nullopt, feeds);
  BOOST_TEST(!again.before);
  BOOST_TEST(again.feeds.empty());
}

BOOST_AUTO_TEST_CASE(apply_of_a_new_id_gives_the_old_one_up) {
  Catalog c;
  FeedsConfig feeds;
  BOOST_TEST(!c.upsert(make_post("a.md", "old", 100)));
  CatalogChange change = c.apply("a.md", make_post("a.md", "new", 100), feeds);
  BOOST_TEST(change.id_before() == "old");
  BOOST_TEST(change.id_after() == "new");
  BOOST_TEST((change.feeds == std::vector<FeedKey>{main_feed()}));
  BOOST_TEST(c.find("old") == nullptr);
  BOOST_TEST(c.find_by_path("a.md")->id == "new");
  BOOST_TEST(c.size() == 1u);
}

BOOST_AUTO_TEST_CASE(apply_refuses_an_id_another_file_holds_and_changes_nothing) {
  Catalog c;
  FeedsConfig feeds;
  BOOST_TEST(!c.upsert(make_post("_posts/a.md", "186509", 100)));
  BOOST_TEST(!c.upsert(make_post("_posts/b.md", "b", 200)));
  std::uint64_t revision = c.revision("b");
  CatalogChange change = c.apply("_posts/b.md", make_post("_posts/b.md", "186509", 300), feeds);
  BOOST_REQUIRE(change.refused);
  BOOST_TEST(change.refused->to_string() ==
             "_posts/b.md: error: duplicate id '186509': _posts/a.md already has it; give one of "
             "the two posts another id");
  BOOST_TEST(!change.before);
  BOOST_TEST(change.after == nullptr);
  BOOST_TEST(change.feeds.empty());
  // b.md keeps the post it held; a.md keeps the id.
  BOOST_TEST(c.find_by_path("_posts/b.md")->id == "b");
  BOOST_TEST(c.revision("b") == revision);
  BOOST_TEST(c.find("186509")->source_path == "_posts/a.md");
}

BOOST_AUTO_TEST_CASE(apply_of_a_draft_renders_only_the_feeds_it_leaves) {
  Catalog c;
  FeedsConfig feeds;
  feeds.tags.enabled = false;
  BOOST_TEST(!c.upsert(tagged("1", 100, "Local", {"agua"})));
  Post draft = tagged("1", 100, "Local", {"agua"});
  draft.draft = true;
  CatalogChange change = c.apply("1.md", draft, feeds);
  BOOST_TEST((change.feeds == std::vector<FeedKey>{main_feed(), section_feed("local")}));
  BOOST_TEST(c.published(Timestamp{500, 0}).empty());
  BOOST_TEST(c.find("1")->draft);
}

BOOST_AUTO_TEST_CASE(a_range_of_dates_and_the_posts_around_it) {
  Catalog c;
  for (auto [id, when] : {std::pair{"a", 100}, {"b", 200}, {"c", 200}, {"d", 300}, {"e", 900}}) {
    BOOST_TEST(!c.upsert(tagged(id, when, "Local", {})));
  }
  Post draft = tagged("draft", 250, "Local", {});
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  Timestamp now{500, 0};  // e (900) is scheduled
  // [from, until), newest first, ties by id; drafts and scheduled posts never.
  BOOST_TEST(ids(c.between(main_feed(), now, 200, 301)) == (std::vector<std::string>{"d", "b", "c"}),
             boost::test_tools::per_element());
  BOOST_TEST(ids(c.between(main_feed(), now, 200, 300)) == (std::vector<std::string>{"b", "c"}),
             boost::test_tools::per_element());
  BOOST_TEST(c.between(main_feed(), now, 301, 2000).empty());
  BOOST_TEST(c.between(main_feed(), now, 300, 300).empty());
  BOOST_TEST(ids(c.between(section_feed("local"), now, 0, 150)) == std::vector<std::string>{"a"});
  BOOST_TEST(c.between(section_feed("none"), now, 0, 1000).empty());
  // The closest posts before and from an instant.
  BOOST_TEST(c.newest_before(main_feed(), now, 200)->id == "a");
  BOOST_TEST(c.newest_before(main_feed(), now, 201)->id == "b");
  BOOST_TEST(c.newest_before(main_feed(), now, 100) == nullptr);
  BOOST_TEST(c.newest_before(main_feed(), now, 5000)->id == "d");  // not the scheduled e
  BOOST_TEST(c.oldest_from(main_feed(), now, 101)->id == "c");     // of b and c, the later in order
  BOOST_TEST(c.oldest_from(main_feed(), now, 0)->id == "a");
  BOOST_TEST(c.oldest_from(main_feed(), now, 301) == nullptr);      // e is not published yet
  BOOST_TEST(c.oldest_from(main_feed(), Timestamp{1000, 0}, 301)->id == "e");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
