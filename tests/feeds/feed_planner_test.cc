#include "feeds/feed_planner.h"

#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
