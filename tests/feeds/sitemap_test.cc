// Sitemaps: the writers' documents (sitemaps.org 0.9, Google News), the news
// sitemap's language, and SitemapRenderer's months, parts and news window.
#include <boost/test/unit_test.hpp>

#include "feeds/sitemap_renderer.h"
#include "feeds/sitemap_writer.h"
#include "tests/feeds/dated_post.h"

namespace herald {
namespace {

using testing::dated_post;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

SiteConfig site() {
  SiteConfig s;
  s.title = "Noticias & más";
  s.url = "https://example.org/";
  s.language = "es-MX";
  return s;
}

std::map<std::string, std::string> as_map(const FeedUpdate& update) {
  std::map<std::string, std::string> out;
  for (const OutputFile& file : update.files) out[file.path] = file.bytes;
  return out;
}

constexpr std::int64_t kJan2024 = 1704067200;  // 2024-01-01T00:00Z

}  // namespace

BOOST_AUTO_TEST_SUITE(sitemaps)

BOOST_AUTO_TEST_CASE(writers_make_the_protocols_documents) {
  std::string map = write_sitemap({{"https://example.org/a/", Timestamp{kJan2024, 0}},
                                   {"https://example.org/" + std::string(2100, 'x'), Timestamp{}}});
  BOOST_TEST(has(map, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
  BOOST_TEST(has(map, "<url>\n    <loc>https://example.org/a/</loc>\n    <lastmod>2024-01-01T00:00:00Z</lastmod>"));
  BOOST_TEST(count(map, "<url>") == 1u);  // a <loc> over 2,048 characters is left out
  std::string index = write_sitemap_index({{"https://example.org/sitemaps/2024-01.xml", Timestamp{kJan2024, -360}}});
  BOOST_TEST(has(index, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
  BOOST_TEST(has(index, "<lastmod>2023-12-31T18:00:00-06:00</lastmod>"));
  std::string news = write_news_sitemap("A & B", "es-MX", {{"https://example.org/a/", "T <1>", Timestamp{kJan2024, 0}}});
  BOOST_TEST(has(news, "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""));
  BOOST_TEST(has(news, "<news:name>A &amp; B</news:name>"));
  BOOST_TEST(has(news, "<news:language>es</news:language>"));
  BOOST_TEST(has(news, "<news:publication_date>2024-01-01T00:00:00Z</news:publication_date>"));
  BOOST_TEST(has(news, "<news:title>T &lt;1&gt;</news:title>"));
}

BOOST_AUTO_TEST_CASE(the_news_language_is_an_iso_639_code) {
  BOOST_TEST(news_language("es-MX") == "es");
  BOOST_TEST(news_language("EN") == "en");
  BOOST_TEST(news_language("nah-MX") == "nah");
  BOOST_TEST(news_language("zh-Hans-CN") == "zh-cn");
  BOOST_TEST(news_language("zh-TW") == "zh-tw");
  BOOST_TEST(news_language("zh-Hant") == "zh-tw");
  BOOST_TEST(news_language("zh-HK") == "zh-tw");
  BOOST_TEST(news_language("x-klingon") == "en");  // not a 2-3 letter code: the schema's pattern
}

BOOST_AUTO_TEST_CASE(a_month_past_fifty_thousand_posts_is_split_and_joined_again) {
  Catalog c;
  for (std::size_t i = 0; i < kMaxSitemapUrls + 1; ++i) {
    BOOST_TEST_REQUIRE(!c.upsert(dated_post(std::to_string(i), kJan2024 + static_cast<std::int64_t>(i))));
  }
  FeedsConfig feeds;
  feeds.news_sitemap = false;
  SitemapRenderer renderer(site(), "/:year/:slug/", feeds);
  std::map<std::string, std::string> files;
  Timestamp now{kJan2024 + 40 * 86400, 0};
  renderer.render_all(c, now, [&files](OutputFile file) { files[file.path] = file.bytes; });
  BOOST_TEST(files.size() == 3u);
  BOOST_TEST(count(files["sitemaps/2024-01.xml"], "<url>") == kMaxSitemapUrls);
  BOOST_TEST(count(files["sitemaps/2024-01-2.xml"], "<url>") == 1u);
  BOOST_TEST(has(files["sitemaps/2024-01-2.xml"], "https://example.org/2024/n-50000/"));  // the newest last
  BOOST_TEST(has(files[kSitemapIndexFile], "https://example.org/sitemaps/2024-01-2.xml"));

  // One post gone: one part again; the second is deleted and leaves the index.
  BOOST_TEST(c.remove_path("7.md").has_value());
  FeedUpdate update;
  renderer.render(c, {202401}, now, update);
  std::map<std::string, std::string> written = as_map(update);
  BOOST_TEST(written.size() == 2u);
  BOOST_TEST(count(written["sitemaps/2024-01.xml"], "<url>") == kMaxSitemapUrls);
  BOOST_TEST(!has(written[kSitemapIndexFile], "2024-01-2.xml"));
  BOOST_TEST(update.deleted == std::vector<std::string>{"sitemaps/2024-01-2.xml"});
}

// The URLs a change renders are kept for its month: a later change of that
// month reuses those whose post is unchanged and computes the others, and
// an edit that moves a post's URL shows in the month's sitemap at once.
BOOST_AUTO_TEST_CASE(a_months_urls_follow_every_edit_across_changes) {
  Catalog c;
  for (int i = 0; i < 5; ++i) BOOST_TEST_REQUIRE(!c.upsert(dated_post(std::to_string(i), kJan2024 + i * 3600)));
  FeedsConfig feeds;
  feeds.news_sitemap = false;
  SitemapRenderer renderer(site(), "/:year/:slug/", feeds);
  std::map<std::string, std::string> files;
  const Timestamp now{kJan2024 + 40 * 86400, 0};
  renderer.render_all(c, now, [&files](OutputFile file) { files[file.path] = file.bytes; });
  BOOST_TEST(has(files["sitemaps/2024-01.xml"], "https://example.org/2024/n-2/"));
  auto change = [&] {
    FeedUpdate update;
    renderer.render(c, {202401}, now, update);
    std::map<std::string, std::string> written = as_map(update);
    BOOST_REQUIRE(written.count("sitemaps/2024-01.xml") == 1u);
    return written["sitemaps/2024-01.xml"];
  };
  Post renamed = dated_post("2", kJan2024 + 2 * 3600);
  renamed.set_slug("renombrada");
  BOOST_TEST_REQUIRE(!c.upsert(renamed));
  std::string month = change();
  BOOST_TEST(has(month, "https://example.org/2024/renombrada/"));
  BOOST_TEST(!has(month, "n-2/"));
  BOOST_TEST(has(month, "https://example.org/2024/n-4/"));
  BOOST_TEST_REQUIRE(!c.upsert(dated_post("5", kJan2024 + 5 * 3600)));
  month = change();
  BOOST_TEST(count(month, "<url>") == 6u);
  BOOST_TEST(has(month, "https://example.org/2024/renombrada/"));
  BOOST_TEST(has(month, "https://example.org/2024/n-5/"));
  renamed.set_slug("otra-vez");
  BOOST_TEST_REQUIRE(!c.upsert(renamed));
  month = change();
  BOOST_TEST(has(month, "https://example.org/2024/otra-vez/"));
  BOOST_TEST(!has(month, "renombrada"));
  // The same bytes as a full render of the catalog as it is now.
  std::map<std::string, std::string> full;
  SitemapRenderer fresh(site(), "/:year/:slug/", feeds);
  fresh.render_all(c, now, [&full](OutputFile file) { full[file.path] = file.bytes; });
  BOOST_TEST(month == full["sitemaps/2024-01.xml"]);
}

BOOST_AUTO_TEST_CASE(the_news_sitemap_lists_the_last_two_days_and_changes_only_with_them) {
  Catalog c;
  Timestamp now{kJan2024 + 10 * 86400, 0};
  BOOST_TEST(!c.upsert(dated_post("old", now.unix_seconds - 2 * 86400 - 1)));
  BOOST_TEST(!c.upsert(dated_post("two-days", now.unix_seconds - 2 * 86400)));
  BOOST_TEST(!c.upsert(dated_post("today", now.unix_seconds - 60)));
  BOOST_TEST(!c.upsert(dated_post("tomorrow", now.unix_seconds + 86400)));
  FeedsConfig feeds;
  feeds.sitemap = false;
  SitemapRenderer renderer(site(), "/:slug/", feeds);
  std::map<std::string, std::string> files;
  renderer.render_all(c, now, [&files](OutputFile file) { files[file.path] = file.bytes; });
  BOOST_TEST(files.size() == 1u);
  const std::string& news = files[kNewsSitemapFile];
  BOOST_TEST(count(news, "<url>") == 2u);
  BOOST_TEST(news.find("n-today") < news.find("n-two-days"));
  BOOST_TEST(!has(news, "n-old"));
  BOOST_TEST(!has(news, "n-tomorrow"));
  FeedUpdate same;
  renderer.render(c, {}, now, same);
  BOOST_TEST(same.files.empty());  // the same list: not written again
  // "two-days" leaves the window a second from now: the renderer says when.
  BOOST_TEST((renderer.news_expiry() == Timestamp{now.unix_seconds + 1, 0}));
  FeedUpdate later;
  renderer.render(c, {}, Timestamp{now.unix_seconds + 1, 0}, later);
  BOOST_REQUIRE(later.files.size() == 1u);  // "two-days" turned two days old
  BOOST_TEST(count(later.files[0].bytes, "<url>") == 1u);
  BOOST_TEST((renderer.news_expiry() == Timestamp{now.unix_seconds - 60 + 2 * 86400 + 1, 0}));
  FeedUpdate empty;
  renderer.render(c, {}, Timestamp{now.unix_seconds + 4 * 86400, 0}, empty);
  BOOST_TEST(!renderer.news_expiry());  // nothing listed: nothing to expire
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
