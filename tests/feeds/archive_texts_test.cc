// ArchiveTexts and write_archive_month: a month's document written from the
// texts of its unchanged entries is write_atom's, and only the entries whose
// revision changed (or all, when the feed's context changed) are built again.
#include "feeds/archive_texts.h"

#include <boost/test/unit_test.hpp>

#include "feeds/feed_writers.h"
#include "tests/feeds/dated_post.h"

namespace herald {
namespace {

using testing::dated_post;

Feed head() {
  Feed feed;
  feed.id = "tag:example.org,2024:feed";
  feed.title = "Noticias";
  feed.author = "Ayuntamiento";
  feed.home_url = "https://example.org/";
  feed.archive = true;
  feed.full_content = false;
  feed.section_scheme = "https://example.org/sections/";
  feed.tag_scheme = "https://example.org/tags/";
  return feed;
}

// Builds entries and counts how many it built.
struct Maker {
  int built = 0;
  FeedEntry operator()(const Post& p) {
    ++built;
    FeedEntry entry;
    entry.id = "tag:example.org,2024:news/" + p.id;
    entry.title = p.title;
    entry.url = "https://example.org/" + std::string(p.slug()) + "/";
    entry.published = entry.updated = p.date;
    entry.summary = "Resumen de " + p.title;
    return entry;
  }
};

// What write_atom gives with every entry built.
std::string whole(Feed feed, const std::vector<const Post*>& posts) {
  Maker maker;
  for (const Post* p : posts) feed.entries.push_back(maker(*p));
  return write_atom(feed);
}

std::vector<const Post*> listed(const Catalog& catalog, const std::vector<std::string>& ids) {
  std::vector<const Post*> posts;
  for (const std::string& id : ids) posts.push_back(catalog.find(id));
  return posts;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(archive_texts)

BOOST_AUTO_TEST_CASE(unchanged_entries_are_not_built_again) {
  Catalog catalog;
  for (const auto& [id, when] : {std::pair{"a", 300}, {"b", 200}, {"c", 100}}) {
    BOOST_REQUIRE(!catalog.upsert(dated_post(id, when)));
  }
  ArchiveTexts texts;
  ArchiveTexts::Month& month = texts.month(FeedKey{}, 202401);
  Maker maker;
  auto make = [&maker](const Post& p) { return maker(p); };
  std::vector<const Post*> posts = listed(catalog, {"a", "b", "c"});
  BOOST_TEST(write_archive_month(head(), posts, catalog, month, make) == whole(head(), posts));
  BOOST_TEST(maker.built == 3);

  // A new post, newest: only it is built; the head's updated is its date.
  BOOST_REQUIRE(!catalog.upsert(dated_post("d", 400)));
  posts = listed(catalog, {"d", "a", "b", "c"});
  std::string written = write_archive_month(head(), posts, catalog, month, make);
  BOOST_TEST(written == whole(head(), posts));
  BOOST_TEST(maker.built == 4);
  BOOST_TEST(written.find("<updated>1970-01-01T00:06:40Z</updated>") != std::string::npos);

  // An edit gives the post a new revision: it alone is built again.
  Post edited = dated_post("b", 200);
  edited.title = "Noticia b, corregida";
  BOOST_REQUIRE(!catalog.upsert(edited));
  posts = listed(catalog, {"d", "a", "b", "c"});
  written = write_archive_month(head(), posts, catalog, month, make);
  BOOST_TEST(written == whole(head(), posts));
  BOOST_TEST(written.find("Noticia b, corregida") != std::string::npos);
  BOOST_TEST(maker.built == 5);

  // A post that left the month leaves its text behind.
  posts = listed(catalog, {"d", "b", "c"});
  BOOST_TEST(write_archive_month(head(), posts, catalog, month, make) == whole(head(), posts));
  BOOST_TEST(month.by_id.size() == 3u);
  BOOST_TEST(maker.built == 5);
}

BOOST_AUTO_TEST_CASE(a_feed_whose_author_or_title_changed_builds_every_entry_again) {
  Catalog catalog;
  BOOST_REQUIRE(!catalog.upsert(dated_post("a", 100)));
  BOOST_REQUIRE(!catalog.upsert(dated_post("b", 200)));
  ArchiveTexts texts;
  ArchiveTexts::Month& month = texts.month(FeedKey{}, 202401);
  Maker maker;
  auto make = [&maker](const Post& p) { return maker(p); };
  std::vector<const Post*> posts = listed(catalog, {"b", "a"});
  write_archive_month(head(), posts, catalog, month, make);
  Feed renamed = head();
  renamed.author.clear();  // entries then name the feed's title
  renamed.title = "Noticias del municipio";
  std::string written = write_archive_month(renamed, posts, catalog, month, make);
  BOOST_TEST(maker.built == 4);
  BOOST_TEST(written == whole(renamed, posts));
  BOOST_TEST(written.find("<name>Noticias del municipio</name>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_months_go_first) {
  ArchiveTexts texts;
  for (ArchiveMonth m = 202401; m <= 202406; ++m) texts.month(FeedKey{}, m).by_id["x"];
  texts.month(FeedKey{}, 202401);  // used again: the newest use
  texts.trim();
  BOOST_TEST(texts.months() == ArchiveTexts::kMonthsKept);
  BOOST_TEST(texts.month(FeedKey{}, 202401).by_id.size() == 1u);  // kept
  BOOST_TEST(texts.month(FeedKey{}, 202406).by_id.size() == 1u);
  BOOST_TEST(texts.month(FeedKey{}, 202402).by_id.empty());  // dropped, made again empty
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
