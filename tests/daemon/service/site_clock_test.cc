// The site's clock across wall-clock steps (NTP correcting it by an hour
// either way): SiteClock alone, then driving a real SiteState as the site
// thread does: nothing published is pulled back or announced again, and no
// scheduled post is skipped.
#include "daemon/service/site_clock.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "daemon/site/site_state.h"
#include "tests/daemon/site/fake_site_files.h"

namespace herald {
namespace {

constexpr std::int64_t kT = 1'893'456'000;  // 2030-01-01T00:00:00Z: the scheduled post
constexpr std::int64_t kHour = 3600;

Config utc_site() {
  ConfigResult result = parse_config(
      "site: {title: T, url: https://example.org, author: A, timezone: UTC}\n"
      "content: {dir: content, fields: {id: post_id}}\n"
      "output: {dir: public}\n",
      "/site/herald.yaml");
  BOOST_TEST_REQUIRE(result.errors.empty());
  return *result.config;
}

std::string post_text(const std::string& id, const std::string& date) {
  return "---\npost_id: " + id + "\ntitle: \"Noticia " + id + "\"\ndate: " + date + "\n---\nCuerpo.\n";
}

std::vector<std::string> ids_of(const ChangeReport& report) {
  std::vector<std::string> out;
  for (const PostEdit& edit : report.post_edits) out.push_back(edit.id);
  return out;
}

using Ids = std::vector<std::string>;

// A site whose clock the test steps: "old" published long ago, "s" due at kT.
struct SteppedSite {
  std::int64_t wall = kT - 600;
  SiteClock clock{[this] { return Timestamp{wall, 0}; }};
  test::FakeSiteFiles files;
  Config config = utc_site();
  SiteState state{config, nullptr, files};

  SteppedSite() {
    write("old.md", post_text("old", "2021-08-10T16:17:00Z"));
    write("s.md", post_text("s", "2030-01-01T00:00:00Z"));
    state.load(clock.now());
  }
  void write(const std::string& name, const std::string& text) {
    files.put(config.content.dir + "/" + name, text);
  }
  bool main_feed_has(const std::string& id) const {
    return files.bytes(config.output.dir + "/rss.xml").find("Noticia " + id + "<") != std::string::npos;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(site_clock)

BOOST_AUTO_TEST_CASE(never_goes_back_and_follows_a_step_forward) {
  std::int64_t wall = kT;
  SiteClock clock([&wall] { return Timestamp{wall, 0}; });
  BOOST_TEST(clock.now().unix_seconds == kT);
  wall = kT - kHour;  // stepped back
  BOOST_TEST(clock.now().unix_seconds == kT);
  wall = kT - kHour + 1800;
  BOOST_TEST(clock.now().unix_seconds == kT);
  wall = kT + 1;  // passed it again
  BOOST_TEST(clock.now().unix_seconds == kT + 1);
  wall = kT + 1 + kHour;  // stepped forward
  BOOST_TEST(clock.now().unix_seconds == kT + 1 + kHour);
}

BOOST_AUTO_TEST_CASE(a_step_back_keeps_a_published_post_and_announces_nothing_again) {
  SteppedSite site;
  BOOST_TEST(!site.main_feed_has("s"));
  site.wall = kT + 60;
  ChangeReport published = site.state.publish_due(site.clock.now());
  BOOST_TEST(ids_of(published) == (Ids{"s"}), boost::test_tools::per_element());
  BOOST_TEST(site.main_feed_has("s"));

  // An hour back; then an unrelated post arrives and the feeds are rendered.
  site.wall = kT + 60 - kHour;
  site.write("b.md", post_text("b", "2021-08-11T16:17:00Z"));
  ChangeReport change = site.state.apply({"b.md"}, site.clock.now());
  BOOST_TEST(ids_of(change) == (Ids{"b"}), boost::test_tools::per_element());
  BOOST_TEST(site.main_feed_has("s"));
  BOOST_TEST(site.main_feed_has("b"));
  BOOST_TEST(site.state.counts(site.clock.now()).scheduled == 0u);

  // The scheduler's next look, at any time in that hour: nothing new.
  site.wall = kT + 30 - 1800;
  BOOST_TEST(ids_of(site.state.publish_due(site.clock.now())).empty());
  // No post left to publish: the next wake-up is the news sitemap's, when
  // "s" turns two days old.
  BOOST_TEST(site.state.next_scheduled(site.clock.now())->unix_seconds == kT + 2 * 86400 + 1);
  BOOST_TEST(site.main_feed_has("s"));
}

BOOST_AUTO_TEST_CASE(a_step_forward_publishes_each_post_now_due_once) {
  SteppedSite site;
  site.write("t.md", post_text("t", "2030-01-01T00:30:00Z"));
  site.state.apply({"t.md"}, site.clock.now());
  BOOST_TEST(!site.main_feed_has("t"));
  BOOST_TEST(site.state.next_scheduled(site.clock.now())->unix_seconds == kT);

  site.wall += kHour;  // kT + 50 min: both due
  ChangeReport published = site.state.publish_due(site.clock.now());
  BOOST_TEST(ids_of(published) == (Ids{"s", "t"}), boost::test_tools::per_element());
  BOOST_TEST(site.main_feed_has("s"));
  BOOST_TEST(site.main_feed_has("t"));
  BOOST_TEST(ids_of(site.state.publish_due(site.clock.now())).empty());
  BOOST_TEST(site.state.next_scheduled(site.clock.now())->unix_seconds == kT + 2 * 86400 + 1);  // the news sitemap's
}

// A scheduled post is not skipped when the clock steps back before its
// time: it is published when the wall clock reaches it.
BOOST_AUTO_TEST_CASE(a_step_back_before_a_posts_time_publishes_it_when_the_clock_gets_there) {
  SteppedSite site;
  site.wall = kT - 60 - kHour;  // an hour back, a minute before s by the old clock
  BOOST_TEST(ids_of(site.state.publish_due(site.clock.now())).empty());
  BOOST_TEST(site.state.next_scheduled(site.clock.now())->unix_seconds == kT);
  site.wall = kT;
  BOOST_TEST(ids_of(site.state.publish_due(site.clock.now())) == (Ids{"s"}), boost::test_tools::per_element());
  BOOST_TEST(site.main_feed_has("s"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
