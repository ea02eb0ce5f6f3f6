#include "feeds/site_renderer.h"

#include <sys/resource.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "catalog_churn.h"
#include "feeds/head_snippet.h"

namespace herald {
namespace {

using Files = std::map<std::string, std::string>;

SiteConfig site_config() {
  SiteConfig site;
  site.title = "Noticias";
  site.url = "https://example.org/";
  site.description = "Noticias del municipio";
  site.language = "es-MX";
  site.author = "Ayuntamiento";
  return site;
}

// Small limits so changes push posts in and out of feeds; tag feeds carry
// summaries only and skip RSS, so families differ.
FeedsConfig feeds_config() {
  FeedsConfig f;
  f.sections.dir = "secciones/{slug}/";
  f.tags.dir = "etiquetas/{slug}/";
  f.main.limit = 8;
  f.sections.limit = 4;
  f.tags.limit = 3;
  f.tags.content = FeedContent::summary;
  f.tags.formats = {FeedFormat::atom, FeedFormat::json};
  // Archives and sitemaps have tests of their own (below).
  f.main.archive = false;
  f.sitemap = false;
  f.news_sitemap = false;
  return f;
}

// feeds_config() with the archives of the main and section feeds, and the sitemaps.
FeedsConfig archived_config() {
  FeedsConfig f = feeds_config();
  f.main.archive = true;
  f.sections.archive = true;
  f.tags.archive = true;
  f.sitemap = true;
  f.news_sitemap = true;
  return f;
}

Files as_files(const std::vector<OutputFile>& files) {
  Files out;
  for (const OutputFile& f : files) out[f.path] = f.bytes;
  return out;
}

void apply_update(const FeedUpdate& update, Files& files) {
  for (const std::string& path : update.deleted) files.erase(path);
  for (const OutputFile& f : update.files) files[f.path] = f.bytes;
}

void check_same(const Files& incremental, const Files& full) {
  std::vector<std::string> have, want;
  for (const auto& [path, bytes] : incremental) have.push_back(path);
  for (const auto& [path, bytes] : full) want.push_back(path);
  BOOST_TEST(have == want, boost::test_tools::per_element());
  for (const auto& [path, bytes] : full) {
    auto it = incremental.find(path);
    BOOST_CHECK_MESSAGE(it == incremental.end() || it->second == bytes, path << " differs");
  }
}

// Posts listed by some feed at `now`.
std::size_t listed_posts(const Catalog& c, const FeedsConfig& f, const Timestamp& now) {
  std::set<const Post*> listed;
  for (const PlannedFeed& p : plan_feeds(c, f, now)) listed.insert(p.posts.begin(), p.posts.end());
  return listed.size();
}

Post make_post(const std::string& id, std::int64_t when, std::vector<std::string> tags) {
  Post p;
  p.source_path = id + ".md";
  p.id = id;
  p.title = "Noticia " + id;
  p.summary = "Resumen " + id;
  p.set_slug("noticia-" + id);
  p.date = Timestamp{when, -360};
  p.section = "Local";
  p.tags = std::move(tags);
  p.body = "Cuerpo **" + id + "**";
  return p;
}

// A post of the benchmark site, shaped like make_corpus.py's: ten sections,
// 0-4 of a few hundred tags, dates spread over eleven years in id order.
class BenchSite {
 public:
  static constexpr std::int64_t kStart = 1420120800;  // 2015-01-01T08:00-06:00
  static constexpr std::int64_t kSpan = 362'000'000;  // to mid 2026

  explicit BenchSite(int posts) : posts_(posts) {}

  Post post(int number, std::int64_t date) {
    static const std::vector<std::string> kSections = {
        "Local", "Estado", "Seguridad", "Deportes", "Cultura", "Economía",
        "Salud", "Educación", "Obras Públicas", "Medio Ambiente"};
    Post p;
    p.id = std::to_string(100000 + number);
    p.source_path = "_posts/" + p.id + ".md";
    p.title = "Capacita IMM a su personal sobre violencia extrema " + p.id;
    p.summary = "Como parte de la capacitación constante, el Instituto Municipal " + p.id;
    p.date = Timestamp{date, -360};
    p.section = kSections[roll(10)];
    for (int n = roll(5); n > 0; --n) {
      std::string tag = "etiqueta número " + std::to_string(roll(300));
      if (std::find(p.tags.begin(), p.tags.end(), tag) == p.tags.end()) p.tags.push_back(tag);
    }
    p.image = Image{"/assets/images/" + p.id + ".jpg", "Foto " + p.id};
    p.set_slug("noticia-" + p.id);
    p.author = "Gobierno Municipal";
    return p;  // no body: the daemon keeps bodies on disk
  }

  std::int64_t date_of(int number) { return kStart + kSpan / posts_ * number + roll(3600); }
  int roll(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  // About 2 KB of Markdown, made from the id (what the daemon would read).
  static std::optional<std::string> body(const Post& post) {
    std::string text;
    for (int paragraph = 0; paragraph < 6; ++paragraph) {
      text += "Como parte de la **capacitación** constante a fin de mejorar los servicios de "
              "atención, el gobierno municipal a través del [instituto](/ver/" + post.id +
              "/) brinda un programa de *interseccionalidad* e interculturalidad en la "
              "ciudad; participan personas de distintas áreas.\n\n";
    }
    return text;
  }

 private:
  int posts_;
  std::mt19937 rng_{2026};
};

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(site_renderer)

// Runs a batch's tasks last to first and counts them: a runner may use
// any order, so the bytes must not depend on it.
struct ReversedRunner {
  std::size_t* tasks;
  void operator()(std::size_t count, const Task& task) const {
    for (std::size_t i = count; i-- > 0;) task(i);
    *tasks += count;
  }
};

BOOST_AUTO_TEST_CASE(task_order_changes_no_byte_nor_file_order) {
  SiteConfig site = site_config();
  FeedsConfig f = feeds_config();
  PostRules rules;
  Catalog c;
  testing::CatalogChurn churn(11, Timestamp{1500, 0}, true);
  churn.fill(c, f, 200);
  std::size_t tasks = 0;
  std::vector<OutputFile> serial = render_site(c, site, rules, f, churn.now());
  std::vector<OutputFile> reversed =
      render_site(c, site, rules, f, churn.now(), ReversedRunner{&tasks});
  BOOST_TEST_REQUIRE(reversed.size() == serial.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    BOOST_TEST(reversed[i].path == serial[i].path);
    BOOST_TEST(reversed[i].bytes == serial[i].bytes);
  }
  BOOST_TEST(tasks > 0u);

  SiteRenderer renderer(site, rules, f);
  Files files;
  renderer.render_all(c, churn.now(), [&files](OutputFile file) { files[file.path] = file.bytes; },
                      ReversedRunner{&tasks});
  for (int step = 0; step < 100; ++step) {
    testing::CatalogChurn::Change change = churn.step(c, f);
    for (const std::string& id : change.ids) renderer.forget(id);
    apply_update(renderer.render(c, change.keys, churn.now(), ReversedRunner{&tasks}, change.months), files);
    BOOST_TEST_CONTEXT("step " << step) {
      check_same(files, as_files(render_site(c, site, rules, f, churn.now())));
      BOOST_TEST(renderer.cached_entries() == listed_posts(c, f, churn.now()));
    }
  }
}

BOOST_AUTO_TEST_CASE(incremental_render_matches_render_all_after_random_changes) {
  SiteConfig site = site_config();
  FeedsConfig f = feeds_config();
  PostRules rules;
  Catalog c;
  testing::CatalogChurn churn(7, Timestamp{1500, 0}, true);
  churn.fill(c, f, 300);
  SiteRenderer renderer(site, rules, f);
  Files files = as_files(renderer.render_all(c, churn.now()));
  check_same(files, as_files(render_site(c, site, rules, f, churn.now())));
  for (int step = 0; step < 300; ++step) {
    testing::CatalogChurn::Change change = churn.step(c, f);
    for (const std::string& id : change.ids) renderer.forget(id);
    FeedUpdate update = renderer.render(c, change.keys, churn.now(), run_serially, change.months);
    for (const OutputFile& file : update.files) BOOST_TEST(file.path != kStylesheetFile);
    apply_update(update, files);
    BOOST_TEST_CONTEXT("step " << step) {
      check_same(files, as_files(render_site(c, site, rules, f, churn.now())));
      // Bounded: exactly the posts the feeds list (every body is readable).
      BOOST_TEST(renderer.cached_entries() == listed_posts(c, f, churn.now()));
    }
  }
}

BOOST_AUTO_TEST_CASE(entries_are_never_stale_without_forget_and_bodies_come_from_the_source) {
  SiteConfig site = site_config();
  FeedsConfig f = feeds_config();
  f.tags.content = FeedContent::full;
  Catalog c;
  testing::CatalogChurn churn(11, Timestamp{1500, 0}, false);
  // Bodies live outside the catalog; every 7th post's file has vanished.
  BodySource source = [&churn](const Post& post) -> std::optional<std::string> {
    if (std::stoi(post.id) % 7 == 0) return std::nullopt;
    return churn.bodies().at(post.id);
  };
  churn.fill(c, f, 250);
  SiteRenderer renderer(site, PostRules(), f, source);
  Files files = as_files(renderer.render_all(c, churn.now()));
  for (int step = 0; step < 300; ++step) {
    testing::CatalogChurn::Change change = churn.step(c, f);  // and no forget()
    apply_update(renderer.render(c, change.keys, churn.now(), run_serially, change.months), files);
    BOOST_TEST_CONTEXT("step " << step) {
      check_same(files, as_files(SiteRenderer(site, PostRules(), f, source).render_all(c, churn.now())));
      BOOST_TEST(renderer.cached_entries() <= listed_posts(c, f, churn.now()));
    }
  }
}

BOOST_AUTO_TEST_CASE(an_edit_is_rendered_even_when_forget_is_not_called) {
  FeedsConfig f = feeds_config();
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, {})));
  SiteRenderer renderer(site_config(), PostRules(), f);
  Files files = as_files(renderer.render_all(c, Timestamp{500, 0}));
  BOOST_TEST(files["rss.xml"].find("Cuerpo <strong>1</strong>") != std::string::npos);
  Post edited = make_post("1", 100, {});
  edited.title = "Título nuevo";
  edited.body = "Cuerpo *editado*";
  BOOST_TEST(!c.upsert(edited));
  apply_update(renderer.render(c, feed_keys(edited, f), Timestamp{500, 0}), files);
  BOOST_TEST(files["rss.xml"].find("Título nuevo") != std::string::npos);
  BOOST_TEST(files["rss.xml"].find("Cuerpo <em>editado</em>") != std::string::npos);
  BOOST_TEST(files["rss.xml"].find("Noticia 1") == std::string::npos);
  BOOST_TEST(renderer.cached_entries() == 1u);
  renderer.forget("1");
  BOOST_TEST(renderer.cached_entries() == 0u);
}

BOOST_AUTO_TEST_CASE(body_source_is_asked_once_and_only_for_posts_full_content_feeds_list) {
  FeedsConfig f = feeds_config();
  f.main.limit = 2;
  f.sections.enabled = false;
  f.tags.limit = 10;  // summary only: lists every post, needs no body
  Catalog c;
  for (int i = 1; i <= 5; ++i) BOOST_TEST(!c.upsert(make_post(std::to_string(i), 100 * i, {"agua"})));
  std::map<std::string, int> calls;
  std::map<std::string, std::string> bodies = {{"4", "Cuarto"}, {"5", "Quinto"}};
  SiteRenderer renderer(site_config(), PostRules(), f,
                        [&](const Post& post) -> std::optional<std::string> {
                          ++calls[post.id];
                          auto it = bodies.find(post.id);
                          if (it == bodies.end()) return std::nullopt;
                          return it->second;
                        });
  Timestamp now{1000, 0};
  Files files = as_files(renderer.render_all(c, now));
  BOOST_TEST((calls == std::map<std::string, int>{{"4", 1}, {"5", 1}}));
  BOOST_TEST(files["rss.xml"].find("<p>Quinto</p>") != std::string::npos);
  BOOST_TEST(renderer.cached_entries() == 5u);  // the tag feed lists all five
  renderer.render_all(c, now);
  BOOST_TEST((calls == std::map<std::string, int>{{"4", 1}, {"5", 1}}));  // cached

  // Post 5's file vanished: its entry has the summary only and is not cached.
  bodies.erase("5");
  Post edited = make_post("5", 500, {"agua"});
  BOOST_TEST(!c.upsert(edited));
  renderer.forget("5");
  apply_update(renderer.render(c, feed_keys(edited, f), now), files);
  BOOST_TEST(calls["5"] == 2);
  BOOST_TEST(files["rss.xml"].find("Quinto") == std::string::npos);
  BOOST_TEST(files["rss.xml"].find("Resumen 5") != std::string::npos);
  // Cached for the summary-only tag feed, never as the main feed's entry.
  BOOST_TEST(renderer.cached_entries() == 5u);
  renderer.render(c, {{FeedKind::main, ""}}, now);
  BOOST_TEST(calls["5"] == 3);
  BOOST_TEST(calls.count("1") == 0u);
}

BOOST_AUTO_TEST_CASE(feeds_left_without_posts_are_reported_deleted) {
  FeedsConfig f = feeds_config();
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, {"agua"})));
  BOOST_TEST(!c.upsert(make_post("2", 200, {})));
  SiteRenderer renderer(site_config(), PostRules(), f);
  Timestamp now{1000, 0};
  renderer.render_all(c, now);
  std::vector<FeedKey> keys = feed_keys(*c.find("1"), f);
  BOOST_TEST(c.remove_path("1.md").has_value());
  FeedUpdate update = renderer.render(c, keys, now);
  BOOST_TEST(update.deleted ==
                 (std::vector<std::string>{"etiquetas/agua/atom.xml", "etiquetas/agua/feed.json",
                                           "etiquetas/agua/feed.html"}),
             boost::test_tools::per_element());
  std::vector<std::string> paths;
  for (const OutputFile& file : update.files) paths.push_back(file.path);
  BOOST_TEST(paths == (std::vector<std::string>{"rss.xml", "atom.xml", "feed.json", "feed.html",
                                                "secciones/local/rss.xml",
                                                "secciones/local/atom.xml",
                                                "secciones/local/feed.json",
                                                "secciones/local/feed.html", kHeadSnippetFile,
                                                kFeedsIndexFile}),
             boost::test_tools::per_element());
  BOOST_TEST(renderer.cached_entries() == 1u);
  f.tags.enabled = false;
  SiteRenderer without_tags(site_config(), PostRules(), f);
  FeedUpdate nothing = without_tags.render(c, {{FeedKind::tag, "agua"}}, now);
  BOOST_TEST(nothing.files.empty());
  BOOST_TEST(nothing.deleted.empty());
}

BOOST_AUTO_TEST_CASE(the_head_snippet_lists_every_feed_and_follows_the_set_of_feeds) {
  FeedsConfig f = feeds_config();
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, {"Agua & \"Drenaje\""})));
  SiteRenderer renderer(site_config(), PostRules(), f);
  Timestamp now{1000, 0};
  Files files = as_files(renderer.render_all(c, now));
  BOOST_TEST(files.at(kHeadSnippetFile) ==
             "<!-- The site's feeds, written by herald: include this file in <head>. -->\n"
             "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Noticias (RSS)\" "
             "href=\"https://example.org/rss.xml\"/>\n"
             "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Noticias (Atom)\" "
             "href=\"https://example.org/atom.xml\"/>\n"
             "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Noticias (JSON Feed)\" "
             "href=\"https://example.org/feed.json\"/>\n"
             "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Noticias: Local (RSS)\" "
             "href=\"https://example.org/secciones/local/rss.xml\"/>\n"
             "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Noticias: Local (Atom)\" "
             "href=\"https://example.org/secciones/local/atom.xml\"/>\n"
             "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Noticias: Local (JSON Feed)\" "
             "href=\"https://example.org/secciones/local/feed.json\"/>\n"
             "<link rel=\"alternate\" type=\"application/atom+xml\" "
             "title=\"Noticias: Agua &amp; &quot;Drenaje&quot; (Atom)\" "
             "href=\"https://example.org/etiquetas/agua-drenaje/atom.xml\"/>\n"
             "<link rel=\"alternate\" type=\"application/feed+json\" "
             "title=\"Noticias: Agua &amp; &quot;Drenaje&quot; (JSON Feed)\" "
             "href=\"https://example.org/etiquetas/agua-drenaje/feed.json\"/>\n");
  // The feeds page lists the same feeds, in the site's language.
  const std::string& page = files.at(kFeedsIndexFile);
  BOOST_TEST(page.starts_with("<!DOCTYPE html>\n<html lang=\"es-MX\">"));
  BOOST_TEST(page.find("<title>Canales de noticias de Noticias</title>") != std::string::npos);
  BOOST_TEST(page.find("<a href=\"https://example.org/etiquetas/agua-drenaje/feed.json\" "
                       "type=\"application/feed+json\">JSON Feed</a>") != std::string::npos);
  BOOST_TEST(page.find("<span>Noticias: Agua &amp; \"Drenaje\"</span>") != std::string::npos);
  // A post in the same feeds leaves the snippet as it was: not written again.
  BOOST_TEST(!c.upsert(make_post("2", 200, {"Agua & \"Drenaje\""})));
  FeedUpdate same = renderer.render(c, feed_keys(*c.find("2"), f), now);
  for (const OutputFile& file : same.files) {
    BOOST_TEST(file.path != kHeadSnippetFile);
    BOOST_TEST(file.path != kFeedsIndexFile);
  }
  apply_update(same, files);
  // A new tag feed is added to it; a feed gone is taken out.
  BOOST_TEST(!c.upsert(make_post("3", 300, {"Obras"})));
  FeedUpdate added = renderer.render(c, feed_keys(*c.find("3"), f), now);
  apply_update(added, files);
  BOOST_TEST(files.at(kHeadSnippetFile).find("etiquetas/obras/atom.xml") != std::string::npos);
  std::vector<FeedKey> keys = feed_keys(*c.find("3"), f);
  BOOST_TEST(c.remove_path("3.md").has_value());
  apply_update(renderer.render(c, keys, now), files);
  BOOST_TEST(files.at(kHeadSnippetFile).find("etiquetas/obras/") == std::string::npos);
  check_same(files, as_files(render_site(c, site_config(), PostRules(), f, now)));
}

BOOST_AUTO_TEST_CASE(feeds_whose_posts_did_not_change_are_not_rendered_again) {
  FeedsConfig f = feeds_config();
  f.main.limit = 1;
  f.sections.limit = 1;
  f.tags.enabled = false;
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, {})));
  BOOST_TEST(!c.upsert(make_post("2", 200, {})));
  SiteRenderer renderer(site_config(), PostRules(), f);
  Timestamp now{1000, 0};
  renderer.render_all(c, now);
  Post old = make_post("1", 100, {});
  old.title = "Editado";  // listed by no feed: nothing to write
  BOOST_TEST(!c.upsert(old));
  FeedUpdate update = renderer.render(c, feed_keys(old, f), now);
  BOOST_TEST(update.files.empty());
  BOOST_TEST(update.deleted.empty());
  BOOST_TEST(update.unchanged ==
                 (std::vector<std::string>{"rss.xml", "atom.xml", "feed.json", "feed.html",
                                           "secciones/local/rss.xml", "secciones/local/atom.xml",
                                           "secciones/local/feed.json", "secciones/local/feed.html"}),
             boost::test_tools::per_element());
  Post newest = make_post("2", 200, {});
  newest.title = "Nuevo título";
  BOOST_TEST(!c.upsert(newest));  // same date, new revision: rendered
  BOOST_TEST(renderer.render(c, feed_keys(newest, f), now).files.size() == 8u);
}

BOOST_AUTO_TEST_CASE(each_feed_has_its_page_unless_pages_are_off) {
  FeedsConfig f = feeds_config();
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("1", 100, {"agua"})));
  SiteConfig site = site_config();
  site.timezone = "Asia/Kolkata";
  Files files = as_files(render_site(c, site, PostRules(), f, Timestamp{1000, 0}));
  for (const char* dir : {"", "secciones/local/", "etiquetas/agua/"}) {
    const std::string& page = files.at(std::string(dir) + "feed.html");
    BOOST_TEST(page.starts_with("<!DOCTYPE html>"));
    BOOST_TEST(page.find("value=\"" + site.url + dir + (*dir == 'e' ? "atom.xml" : "rss.xml") +
                         "\"") != std::string::npos);
  }
  // Dates in the site's zone: post 1 is dated 100 s after the epoch.
  BOOST_TEST(files.at("feed.html").find(">1 de enero de 1970, 05:31 (UTC+05:30)<") != std::string::npos);
  f.pages = false;
  f.page_file = "index.html";
  for (const auto& [path, bytes] : as_files(render_site(c, site, PostRules(), f, Timestamp{1000, 0}))) {
    BOOST_TEST((!path.ends_with(".html") || path == kHeadSnippetFile || path == kFeedsIndexFile), path);
  }
  f.pages = true;
  BOOST_TEST(as_files(render_site(c, site, PostRules(), f, Timestamp{1000, 0})).contains("secciones/local/index.html"));
}

// Figures for the daemon: 100,000 posts, then 1,000 single-post changes
// (new post, edit, delete in turn), each followed by render(affected keys).
// Run with --run_test=site_renderer/bench_incremental_render.
BOOST_AUTO_TEST_CASE(bench_incremental_render, *boost::unit_test::disabled()) {
  using Clock = std::chrono::steady_clock;
  auto ms_since = [](Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };
  constexpr int kPosts = 100000;
  FeedsConfig f;  // defaults: 50 entries, full content, three formats
  f.sections.dir = "secciones/{slug}/";
  f.tags.dir = "etiquetas/{slug}/";
  BenchSite bench(kPosts);
  Catalog c;
  auto start = Clock::now();
  for (int i = 0; i < kPosts; ++i) BOOST_REQUIRE(!c.upsert(bench.post(i, bench.date_of(i))));
  double fill_ms = ms_since(start);
  Timestamp now{BenchSite::kStart + BenchSite::kSpan + 86400, 0};
  SiteRenderer renderer(site_config(), PostRules(), f, &BenchSite::body);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  long catalog_rss = usage.ru_maxrss / 1024;
  start = Clock::now();
  std::size_t files = 0;
  renderer.render_all(c, now, [&files](OutputFile) { ++files; });
  double all_ms = ms_since(start);

  std::vector<double> render_ms, change_ms, cpu_ms;
  std::vector<double> kind_cpu_ms[3];  // new post, edit, delete
  std::size_t written = 0;
  int next = kPosts;
  for (int change = 0; change < 1000; ++change) {
    auto change_start = Clock::now();
    std::vector<FeedKey> keys;
    std::string id;
    if (change % 3 == 0) {  // a new post, the newest of the site
      Post post = bench.post(next++, now.unix_seconds - 60);
      keys = feed_keys(post, f);
      id = post.id;
      BOOST_REQUIRE(!c.upsert(std::move(post)));
    } else {
      const Post* old = c.find(std::to_string(100000 + bench.roll(next)));
      if (old == nullptr) continue;  // deleted earlier
      keys = feed_keys(*old, f);
      id = old->id;
      if (change % 3 == 1) {  // an edit: new title and tags
        Post post = bench.post(std::stoi(id) - 100000, old->date.unix_seconds);
        post.title += " (editado)";
        for (FeedKey& key : feed_keys(post, f)) keys.push_back(std::move(key));
        BOOST_REQUIRE(!c.upsert(std::move(post)));
      } else {
        c.remove_path(old->source_path);
      }
    }
    renderer.forget(id);
    auto render_start = Clock::now();
    std::clock_t cpu_start = std::clock();
    FeedUpdate update = renderer.render(c, keys, now);
    cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    kind_cpu_ms[change % 3].push_back(cpu_ms.back());
    render_ms.push_back(ms_since(render_start));
    change_ms.push_back(ms_since(change_start));
    written += update.files.size();
  }
  getrusage(RUSAGE_SELF, &usage);
  std::cout << "posts " << c.size() << ", catalog fill " << fill_ms << " ms, render_all " << all_ms
            << " ms (" << files << " files), cached entries " << renderer.cached_entries() << "\n"
            << render_ms.size() << " changes, " << written << " files written: render median "
            << percentile(render_ms, 0.5) << " ms, p99 " << percentile(render_ms, 0.99)
            << " ms, max " << percentile(render_ms, 1.0) << " ms; render CPU median "
            << percentile(cpu_ms, 0.5) << " ms, p99 " << percentile(cpu_ms, 0.99)
            << " ms; catalog+render median "
            << percentile(change_ms, 0.5) << " ms, p99 " << percentile(change_ms, 0.99) << " ms\n"
            << "render CPU median by kind: new post " << percentile(kind_cpu_ms[0], 0.5)
            << " ms, edit " << percentile(kind_cpu_ms[1], 0.5) << " ms, delete "
            << percentile(kind_cpu_ms[2], 0.5) << " ms\n"
            << "peak RSS " << catalog_rss << " MiB after the catalog, " << usage.ru_maxrss / 1024
            << " MiB at the end\n";
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(site_archives)

// Dates in steps of ten days over five and a half years: months come and go,
// posts move between neighbouring months, the news sitemap's two days change.
BOOST_AUTO_TEST_CASE(incremental_archives_and_sitemaps_match_a_full_render) {
  SiteConfig site = site_config();
  FeedsConfig f = archived_config();
  PostRules rules;
  Catalog c;
  testing::CatalogChurn churn(5, Timestamp{1000 * 86400, 0}, true, 86400);
  churn.fill(c, f, 150);
  // Images have sizes: the subscription feeds' entries carry them, the
  // archive's never (an entry leaving the newest N changes no archive).
  ImageSizeSource sizes = [](const Image& image) -> std::optional<std::uint64_t> {
    return image.url.size() * 1000;
  };
  SiteRenderer renderer(site, rules, f, nullptr, sizes);
  Files files;
  renderer.render_all(c, churn.now(), [&files](OutputFile file) { files[file.path] = file.bytes; });
  BOOST_TEST(files.count("archive/1971/04.xml") == 1u);
  BOOST_TEST(files.count("sitemaps/1971-04.xml") == 1u);
  for (int step = 0; step < 300; ++step) {
    testing::CatalogChurn::Change change = churn.step(c, f);
    for (const std::string& id : change.ids) renderer.forget(id);
    apply_update(renderer.render(c, change.keys, churn.now(), run_serially, change.months), files);
    BOOST_TEST_CONTEXT("step " << step) {
      check_same(files, as_files(render_site(c, site, rules, f, churn.now(), run_serially, sizes)));
    }
  }
  BOOST_TEST(files["rss.xml"].find("<enclosure url=") != std::string::npos);
  for (const auto& [path, bytes] : files) {
    if (path.find("archive/") != std::string::npos) BOOST_TEST(bytes.find("length=") == std::string::npos, path);
  }
}

BOOST_AUTO_TEST_CASE(archives_and_sitemaps_are_the_same_bytes_whatever_the_task_order) {
  Catalog c;
  FeedsConfig f = archived_config();
  testing::CatalogChurn churn(9, Timestamp{1000 * 86400, 0}, true, 86400);
  churn.fill(c, f, 200);
  std::size_t tasks = 0;
  std::vector<OutputFile> serial = render_site(c, site_config(), PostRules(), f, churn.now());
  std::vector<OutputFile> reversed =
      render_site(c, site_config(), PostRules(), f, churn.now(), site_renderer::ReversedRunner{&tasks});
  BOOST_TEST_REQUIRE(reversed.size() == serial.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    BOOST_TEST(reversed[i].path == serial[i].path);
    BOOST_TEST(reversed[i].bytes == serial[i].bytes);
  }
  BOOST_TEST(tasks > 0u);
}

BOOST_AUTO_TEST_CASE(a_new_post_touches_the_subscription_feeds_and_its_month_only) {
  FeedsConfig f = archived_config();
  f.tags.enabled = false;
  Catalog c;
  constexpr std::int64_t kDay = 86400;
  for (int i = 0; i < 40; ++i) {
    Post p = make_post(std::to_string(i), 1'600'000'000 + i * 5 * kDay, {});
    p.site_offset_minutes = -360;
    BOOST_TEST(!c.upsert(p));
  }
  Timestamp now{1'600'000'000 + 400 * kDay, 0};
  SiteRenderer renderer(site_config(), PostRules(), f);
  Files files;
  renderer.render_all(c, now, [&files](OutputFile file) { files[file.path] = file.bytes; });
  // The newest post (39) is of 2021-03 (local); the new one of the same month.
  Post added = make_post("new", 1'600'000'000 + 39 * 5 * kDay + 3600, {});
  added.site_offset_minutes = -360;
  BOOST_TEST(archive_month(added) == 202103);
  BOOST_TEST(!c.upsert(added));
  FeedUpdate update = renderer.render(c, feed_keys(added, f), now, run_serially, {202103});
  std::vector<std::string> paths;
  for (const OutputFile& file : update.files) paths.push_back(file.path);
  BOOST_TEST(paths == (std::vector<std::string>{"rss.xml", "atom.xml", "feed.json", "feed.html",
                                                "secciones/local/rss.xml",
                                                "secciones/local/atom.xml",
                                                "secciones/local/feed.json",
                                                "secciones/local/feed.html",
                                                "archive/2021/03.xml",
                                                "secciones/local/archive/2021/03.xml",
                                                "sitemaps/2021-03.xml", kSitemapIndexFile}),
             boost::test_tools::per_element());
  BOOST_TEST(update.deleted.empty());
  // The month before is looked at (its next-archive link) but unchanged.
  BOOST_TEST(std::count(update.unchanged.begin(), update.unchanged.end(), "archive/2021/02.xml") == 1);
  apply_update(update, files);
  // The subscription feed links the newest month; it links its neighbour and the feed.
  BOOST_TEST(files["atom.xml"].find("<link rel=\"prev-archive\" type=\"application/atom+xml\" "
                                    "href=\"https://example.org/archive/2021/03.xml\" />") !=
             std::string::npos);
  const std::string& month = files["archive/2021/03.xml"];
  BOOST_TEST(month.find("<fh:archive />") != std::string::npos);
  BOOST_TEST(month.find("rel=\"current\" type=\"application/atom+xml\" "
                        "href=\"https://example.org/atom.xml\"") != std::string::npos);
  BOOST_TEST(month.find("rel=\"prev-archive\" type=\"application/atom+xml\" "
                        "href=\"https://example.org/archive/2021/02.xml\"") != std::string::npos);
  BOOST_TEST(month.find("next-archive") == std::string::npos);
  BOOST_TEST(month.find("<content") == std::string::npos);  // summaries only

  // A post of a new month: the month before gains its next-archive link.
  Post april = make_post("april", 1'617'235'200 + 3 * kDay, {});  // 2021-04-04
  april.site_offset_minutes = -360;
  BOOST_TEST(!c.upsert(april));
  update = renderer.render(c, feed_keys(april, f), now, run_serially, {archive_month(april)});
  paths.clear();
  for (const OutputFile& file : update.files) paths.push_back(file.path);
  BOOST_TEST(std::count(paths.begin(), paths.end(), "archive/2021/03.xml") == 1);
  BOOST_TEST(std::count(paths.begin(), paths.end(), "archive/2021/04.xml") == 1);
  BOOST_TEST(std::count(paths.begin(), paths.end(), "archive/2021/02.xml") == 0);
}

BOOST_AUTO_TEST_CASE(a_month_of_the_site_zone_holds_the_posts_of_its_local_dates) {
  // 2021-03-01T03:00Z is still February in Chihuahua (UTC-6) and March in UTC.
  Post p = make_post("edge", 1'614'567'600, {});
  p.site_offset_minutes = -360;
  BOOST_TEST(archive_month(p) == 202102);
  p.site_offset_minutes = 0;
  BOOST_TEST(archive_month(p) == 202103);
  BOOST_TEST(archive_path("secciones/local/", 202103) == "secciones/local/archive/2021/03.xml");
}

BOOST_AUTO_TEST_CASE(a_feed_without_atom_keeps_no_archive) {
  FeedFamilyConfig family;
  family.archive = true;
  family.formats = {FeedFormat::rss, FeedFormat::json};
  BOOST_TEST(!archives_enabled(family));
  family.formats.push_back(FeedFormat::atom);
  BOOST_TEST(archives_enabled(family));
  family.enabled = false;
  BOOST_TEST(!archives_enabled(family));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
