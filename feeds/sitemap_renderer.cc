#include "feeds/sitemap_renderer.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "feeds/entry_builder.h"
#include "feeds/html_sanitizer.h"
#include "feeds/sitemap_writer.h"

namespace herald {
namespace {

constexpr std::int64_t kNewsWindowSeconds = 2 * 24 * 3600;
const FeedKey kEveryPost{FeedKind::main, ""};

Timestamp last_change(const Post& post) {
  return post.updated ? std::max(*post.updated, post.date) : post.date;
}

// What a list of posts' sitemap depends on: their ids and revisions.
std::size_t posts_signature(const Catalog& catalog, const std::vector<const Post*>& posts) {
  std::string text;
  for (const Post* post : posts) {
    text += post->id;
    text += ' ';
    text += std::to_string(catalog.held_revision(*post));
    text += '\n';
  }
  return std::hash<std::string>()(text);
}

}  // namespace

SitemapRenderer::SitemapRenderer(SiteConfig site, std::string permalink, FeedsConfig feeds)
    : site_(std::move(site)), permalink_(std::move(permalink)), feeds_(std::move(feeds)) {}

std::string SitemapRenderer::month_path(ArchiveMonth month, std::size_t part) {
  char name[24];
  std::snprintf(name, sizeof name, "sitemaps/%04d-%02d", month / 100, month % 100);
  return name + (part <= 1 ? std::string() : "-" + std::to_string(part)) + ".xml";
}

void SitemapRenderer::render_all(const Catalog& catalog, const Timestamp& now, const FileSink& sink,
                                 const TaskRunner& run) {
  months_.clear();
  urls_.clear();
  news_rendered_ = false;
  if (feeds_.sitemap) {
    std::vector<std::pair<ArchiveMonth, std::vector<const Post*>>> months;
    for (auto& month : posts_by_month(catalog, kEveryPost, now)) months.push_back(std::move(month));
    constexpr std::size_t kMonthsPerBatch = 16;  // a few months' files in memory at once
    for (std::size_t first = 0; first < months.size(); first += kMonthsPerBatch) {
      std::size_t count = std::min(kMonthsPerBatch, months.size() - first);
      std::vector<RenderedMonth> rendered(count);
      run(count, [&](std::size_t i) {
        const std::vector<const Post*>& posts = months[first + i].second;
        rendered[i] = render_month(catalog, months[first + i].first, posts, posts_signature(catalog, posts), nullptr);
      });
      for (std::size_t i = 0; i < count; ++i) {
        months_[months[first + i].first] = rendered[i].record;
        for (OutputFile& file : rendered[i].files) sink(std::move(file));
      }
    }
    sink(index_file());
  }
  render_news(catalog, now, sink);
}

void SitemapRenderer::render(const Catalog& catalog, const std::vector<ArchiveMonth>& months,
                             const Timestamp& now, FeedUpdate& update) {
  FileSink sink = [&update](OutputFile file) { update.files.push_back(std::move(file)); };
  if (feeds_.sitemap) {
    bool index_changed = false;
    for (ArchiveMonth month : std::set<ArchiveMonth>(months.begin(), months.end())) {
      std::vector<const Post*> posts = month_posts(catalog, kEveryPost, month, now);
      auto last = months_.find(month);
      std::size_t had_parts = last == months_.end() ? 0 : last->second.parts;
      if (posts.empty()) {
        for (std::size_t part = 1; part <= std::max<std::size_t>(had_parts, 1); ++part) {
          update.deleted.push_back(month_path(month, part));
        }
        index_changed = index_changed || last != months_.end();
        if (last != months_.end()) months_.erase(last);
        continue;
      }
      const std::size_t signature = posts_signature(catalog, posts);
      if (last != months_.end() && last->second.signature == signature) {
        update.unchanged.push_back(month_path(month, 1));
        continue;
      }
      Month before = last == months_.end() ? Month{} : last->second;
      MonthUrls& urls = urls_.use(month);
      RenderedMonth rendered = render_month(catalog, month, posts, signature, &urls);
      for (OutputFile& file : rendered.files) sink(std::move(file));
      const Month& after = months_[month] = rendered.record;
      for (std::size_t part = after.parts + 1; part <= before.parts; ++part) {
        update.deleted.push_back(month_path(month, part));
      }
      index_changed = index_changed || before.parts != after.parts || before.lastmod != after.lastmod;
    }
    if (index_changed) sink(index_file());
    urls_.trim();
  }
  render_news(catalog, now, sink);
}

SitemapRenderer::RenderedMonth SitemapRenderer::render_month(const Catalog& catalog, ArchiveMonth month,
                                                            const std::vector<const Post*>& posts,
                                                            std::size_t signature, MonthUrls* known) const {
  RenderedMonth out;
  Month& record = out.record;
  record.signature = signature;
  std::unordered_map<std::string, MonthUrls::Url> kept;  // this render's URLs, for the next one
  if (known) kept.reserve(posts.size());
  auto url_of = [&](const Post& post) {
    if (!known) return post_url(post, site_.url, permalink_);
    const std::uint64_t revision = catalog.held_revision(post);
    auto last = known->by_id.find(post.id);
    std::string loc = last != known->by_id.end() && last->second.revision == revision
                          ? std::move(last->second.loc)
                          : post_url(post, site_.url, permalink_);
    kept.emplace(post.id, MonthUrls::Url{revision, loc});
    return loc;
  };
  record.parts = (posts.size() + kMaxSitemapUrls - 1) / kMaxSitemapUrls;
  record.lastmod = Timestamp{};
  // Oldest first, so the posts a new one adds go at the end of the last part.
  std::vector<SitemapUrl> urls;
  std::size_t part = 1;
  for (auto it = posts.rbegin(); it != posts.rend(); ++it) {
    const Post& post = **it;
    urls.push_back({url_of(post), last_change(post)});
    record.lastmod = std::max(record.lastmod, urls.back().lastmod);
    if (urls.size() == kMaxSitemapUrls) {
      out.files.push_back({month_path(month, part++), write_sitemap(urls)});
      urls.clear();
    }
  }
  if (!urls.empty()) out.files.push_back({month_path(month, part), write_sitemap(urls)});
  if (known) known->by_id = std::move(kept);
  return out;
}

OutputFile SitemapRenderer::index_file() const {
  std::vector<SitemapUrl> sitemaps;
  for (const auto& [month, record] : months_) {
    for (std::size_t part = 1; part <= record.parts; ++part) {
      sitemaps.push_back({resolve_url(site_.url, month_path(month, part)), record.lastmod});
    }
  }
  return {kSitemapIndexFile, write_sitemap_index(sitemaps)};
}

void SitemapRenderer::render_news(const Catalog& catalog, const Timestamp& now, const FileSink& sink) {
  if (!feeds_.news_sitemap) return;
  std::vector<const Post*> posts =
      catalog.between(kEveryPost, now, now.unix_seconds - kNewsWindowSeconds, now.unix_seconds + 1);
  if (posts.size() > kMaxNewsUrls) posts.resize(kMaxNewsUrls);
  news_expiry_.reset();
  if (!posts.empty()) news_expiry_ = Timestamp{posts.back()->date.unix_seconds + kNewsWindowSeconds + 1, 0};
  std::size_t signature = posts_signature(catalog, posts);
  if (news_rendered_ && signature == news_signature_) return;
  std::vector<NewsArticle> articles;
  articles.reserve(posts.size());
  for (const Post* post : posts) {
    articles.push_back({post_url(*post, site_.url, permalink_), post->title, post->date});
  }
  sink({kNewsSitemapFile, write_news_sitemap(site_.title, site_.language, articles)});
  news_signature_ = signature;
  news_rendered_ = true;
}

}  // namespace herald
