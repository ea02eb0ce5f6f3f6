#include "feeds/feed_planner.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>

#include "catalog_churn.h"
#include "feeds/text.h"

namespace herald {
namespace {

Post make_post(const std::string& id, std::int64_t when, const std::string& section,
               std::vector<std::string> tags) {
  Post p;
  p.source_path = id + ".md";
  p.id = id;
  p.title = "Post " + id;
  p.date = Timestamp{when, 0};
  p.section = section;
  p.tags = std::move(tags);
  return p;
}

FeedsConfig feeds_config() {
  FeedsConfig f;
  f.sections.dir = "secciones/{slug}/";
  f.tags.dir = "etiquetas/{slug}/";
  f.main.limit = 2;
  f.sections.limit = 50;
  f.tags.limit = 50;
  return f;
}

std::vector<std::string> ids(const PlannedFeed& feed) {
  std::vector<std::string> out;
  for (const Post* p : feed.posts) out.push_back(p->id);
  return out;
}

// The planner as it was before the catalog had indexes: sort every
// published post, walk them newest first, the last spelling seen names the
// feed. The indexed planner must agree with it exactly.
struct ReferenceFeed {
  FeedKind kind;
  std::string name;
  std::string slug;
  std::vector<std::string> ids;
  bool operator==(const ReferenceFeed&) const = default;
};

std::ostream& operator<<(std::ostream& out, const ReferenceFeed& f) {
  out << static_cast<int>(f.kind) << " " << f.slug << " '" << f.name << "':";
  for (const std::string& id : f.ids) out << " " << id;
  return out;
}

}  // namespace

// Boost.Test prints values of failed checks; it looks in the type's namespace.
std::ostream& operator<<(std::ostream& out, const FeedKey& key) {
  return out << static_cast<int>(key.kind) << ":" << key.slug;
}

namespace {

std::vector<ReferenceFeed> reference_plan(const std::map<std::string, Post>& by_path,
                                          const FeedsConfig& f, const Timestamp& now) {
  std::vector<const Post*> posts;
  for (const auto& [path, post] : by_path) {
    if (!post.draft && post.date <= now) posts.push_back(&post);
  }
  std::sort(posts.begin(), posts.end(), [](const Post* a, const Post* b) {
    if (a->date.unix_seconds != b->date.unix_seconds) return a->date.unix_seconds > b->date.unix_seconds;
    return a->id < b->id;
  });
  std::vector<ReferenceFeed> out;
  if (f.main.enabled) {
    ReferenceFeed main{FeedKind::main, "", "", {}};
    for (const Post* p : posts) {
      if (main.ids.size() < static_cast<std::size_t>(f.main.limit)) main.ids.push_back(p->id);
    }
    out.push_back(main);
  }
  std::map<std::string, ReferenceFeed> sections, tags;
  auto add = [](std::map<std::string, ReferenceFeed>& family, FeedKind kind, int limit,
                const std::string& name, const Post* p) {
    std::string slug = feed_slug(name);
    if (slug.empty()) return;
    ReferenceFeed& feed = family[slug];
    feed.kind = kind;
    feed.slug = slug;
    feed.name = name;
    if (!feed.ids.empty() && feed.ids.back() == p->id) return;
    if (feed.ids.size() < static_cast<std::size_t>(limit)) feed.ids.push_back(p->id);
  };
  for (const Post* p : posts) {
    if (f.sections.enabled) add(sections, FeedKind::section, f.sections.limit, p->section, p);
    if (f.tags.enabled) {
      for (const std::string& tag : p->tags) add(tags, FeedKind::tag, f.tags.limit, tag, p);
    }
  }
  for (auto& [slug, feed] : sections) out.push_back(feed);
  for (auto& [slug, feed] : tags) out.push_back(feed);
  return out;
}

std::vector<ReferenceFeed> as_reference(const std::vector<PlannedFeed>& plan) {
  std::vector<ReferenceFeed> out;
  for (const PlannedFeed& p : plan) out.push_back({p.kind, p.name, p.slug, ids(p)});
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(feed_planner)

BOOST_AUTO_TEST_CASE(main_sections_and_tags_in_stable_order) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, "Economía", {"IMM", "capacitación"})));
  BOOST_TEST(!c.upsert(make_post("2", 200, "economia", {"imm"})));
  BOOST_TEST(!c.upsert(make_post("3", 300, "Obras Públicas", {"C++ & más", "!!!"})));
  BOOST_TEST(!c.upsert(make_post("4", 900, "Local", {})));
  FeedsConfig f = feeds_config();
  std::vector<PlannedFeed> plan = plan_feeds(c, f, Timestamp{500, 0});

  std::vector<std::string> dirs;
  for (const PlannedFeed& p : plan) dirs.push_back(p.dir);
  BOOST_TEST(dirs == (std::vector<std::string>{"", "secciones/economia/", "secciones/obras-publicas/",
                                               "etiquetas/c-mas/", "etiquetas/capacitacion/",
                                               "etiquetas/imm/"}),
             boost::test_tools::per_element());
  BOOST_TEST(ids(plan[0]) == (std::vector<std::string>{"3", "2"}));  // limit 2, future post 4 out
  BOOST_TEST(plan[1].name == "Economía");  // the oldest post's spelling names the feed
  BOOST_TEST(plan[1].slug == "economia");
  BOOST_TEST(ids(plan[1]) == (std::vector<std::string>{"2", "1"}));
  BOOST_TEST(plan[5].name == "IMM");
  BOOST_TEST(ids(plan[5]) == (std::vector<std::string>{"2", "1"}));
  BOOST_TEST(feed_path(plan[1], f, FeedFormat::atom) == "secciones/economia/atom.xml");
  BOOST_TEST(feed_path(plan[0], f, FeedFormat::json) == "feed.json");
}

BOOST_AUTO_TEST_CASE(tags_that_share_a_slug_list_a_post_once) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, "", {"Agua", "agua"})));
  std::vector<PlannedFeed> plan = plan_feeds(c, feeds_config(), Timestamp{500, 0});
  BOOST_REQUIRE(plan.size() == 2u);
  BOOST_TEST(plan[1].slug == "agua");
  BOOST_TEST(ids(plan[1]) == (std::vector<std::string>{"1"}));
}

BOOST_AUTO_TEST_CASE(disabled_families_and_limits) {
  Catalog c;
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(!c.upsert(make_post(std::to_string(i), 100 + i, "Local", {"agua"})));
  }
  FeedsConfig f = feeds_config();
  f.tags.enabled = false;
  f.sections.limit = 3;
  std::vector<PlannedFeed> plan = plan_feeds(c, f, Timestamp{500, 0});
  BOOST_REQUIRE(plan.size() == 2u);
  BOOST_TEST((plan[1].kind == FeedKind::section));
  BOOST_TEST(ids(plan[1]) == (std::vector<std::string>{"4", "3", "2"}));
}

BOOST_AUTO_TEST_CASE(plan_feed_plans_one_feed_or_says_it_does_not_exist) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, "Economía", {"Agua"})));
  BOOST_TEST(!c.upsert(make_post("2", 900, "Local", {"agua"})));
  FeedsConfig f = feeds_config();
  Timestamp now{500, 0};
  std::optional<PlannedFeed> agua = plan_feed(c, f, {FeedKind::tag, "agua"}, now);
  BOOST_REQUIRE(agua);
  BOOST_TEST(agua->name == "Agua");
  BOOST_TEST(agua->dir == "etiquetas/agua/");
  BOOST_TEST(ids(*agua) == (std::vector<std::string>{"1"}));
  BOOST_TEST((agua->key() == FeedKey{FeedKind::tag, "agua"}));
  BOOST_TEST(!plan_feed(c, f, {FeedKind::section, "local"}, now).has_value());  // only a future post
  BOOST_TEST(plan_feed(c, f, {FeedKind::section, "local"}, Timestamp{900, 0}).has_value());
  BOOST_TEST(!plan_feed(c, f, {FeedKind::section, "missing"}, now).has_value());
  std::optional<PlannedFeed> main = plan_feed(Catalog(), f, {FeedKind::main, ""}, now);
  BOOST_REQUIRE(main);  // the main feed exists even when empty
  BOOST_TEST(main->posts.empty());
  f.tags.enabled = false;
  BOOST_TEST(!plan_feed(c, f, {FeedKind::tag, "agua"}, now).has_value());
}

BOOST_AUTO_TEST_CASE(feed_keys_are_the_feeds_a_post_appears_in) {
  FeedsConfig f = feeds_config();
  Post p = make_post("1", 100, "Economía", {"Agua", "agua", "!!!", "IMM"});
  BOOST_TEST(feed_keys(p, f) == (std::vector<FeedKey>{{FeedKind::main, ""},
                                                      {FeedKind::section, "economia"},
                                                      {FeedKind::tag, "agua"},
                                                      {FeedKind::tag, "imm"}}),
             boost::test_tools::per_element());
  f.sections.enabled = false;
  f.main.enabled = false;
  BOOST_TEST(feed_keys(p, f) ==
                 (std::vector<FeedKey>{{FeedKind::tag, "agua"}, {FeedKind::tag, "imm"}}),
             boost::test_tools::per_element());
  p.draft = true;
  BOOST_TEST(feed_keys(p, f).empty());
  f = feeds_config();
  BOOST_TEST(feed_keys(make_post("2", 100, "", {}), f) ==
                 (std::vector<FeedKey>{{FeedKind::main, ""}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(feed_paths_name_every_format_of_the_family) {
  FeedsConfig f = feeds_config();
  f.tags.formats = {FeedFormat::atom, FeedFormat::json};
  BOOST_TEST(feed_paths({FeedKind::tag, "agua"}, f) ==
                 (std::vector<std::string>{"etiquetas/agua/atom.xml", "etiquetas/agua/feed.json"}),
             boost::test_tools::per_element());
  BOOST_TEST(feed_paths({FeedKind::main, ""}, f) ==
                 (std::vector<std::string>{"rss.xml", "atom.xml", "feed.json"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(indexed_plan_matches_a_full_sort_after_random_changes) {
  FeedsConfig f = feeds_config();
  f.main.limit = 7;
  f.sections.limit = 4;
  f.tags.limit = 3;
  Catalog c;
  testing::CatalogChurn churn(20261129, Timestamp{1500, 0}, true);
  churn.fill(c, f, 300);
  for (int step = 0; step < 400; ++step) {
    churn.step(c, f);
    BOOST_TEST_CONTEXT("step " << step) {
      BOOST_TEST(as_reference(plan_feeds(c, f, churn.now())) ==
                     reference_plan(churn.posts(), f, churn.now()),
                 boost::test_tools::per_element());
    }
  }
  f.tags.limit = -1;  // no limit
  BOOST_TEST(as_reference(plan_feeds(c, f, churn.now())) ==
                 reference_plan(churn.posts(), f, churn.now()),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
