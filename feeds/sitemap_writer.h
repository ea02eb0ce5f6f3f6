// Sitemaps for search engines (sitemaps.org protocol 0.9, Google's News
// extension), built with pugixml like the feeds. Pure: each is a function of
// the values passed.
//
// Limits of the protocol the caller keeps: at most 50,000 URLs per sitemap
// (kMaxSitemapUrls) and 1,000 per news sitemap; a <loc> longer than 2,048
// characters is left out by the writers (the schema refuses it).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feeds/timestamp.h"

namespace herald {

inline constexpr std::size_t kMaxSitemapUrls = 50'000;
inline constexpr std::size_t kMaxNewsUrls = 1'000;

struct SitemapUrl {
  std::string loc;   // absolute URL
  Timestamp lastmod;
};

// <urlset> with a <url><loc/><lastmod/></url> per element, in order.
std::string write_sitemap(const std::vector<SitemapUrl>& urls);

// <sitemapindex> with a <sitemap><loc/><lastmod/></sitemap> per element.
std::string write_sitemap_index(const std::vector<SitemapUrl>& sitemaps);

struct NewsArticle {
  std::string loc;
  std::string title;
  Timestamp published;
};

// A Google News sitemap: each article with the publication's name and
// language (news_language), its publication date and title.
std::string write_news_sitemap(const std::string& publication, const std::string& language,
                               const std::vector<NewsArticle>& articles);

// The language a news sitemap names: the ISO 639 code of a BCP 47 tag
// ("es-MX" → "es"), except Chinese: "zh-cn" (Simplified) or "zh-tw"
// (Traditional: zh-TW, zh-HK, zh-MO, zh-Hant).
std::string news_language(const std::string& bcp47);

}  // namespace herald
