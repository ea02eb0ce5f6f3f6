// What a site shows of its feeds outside the feeds themselves, both made
// from the same cards (one per feed: its title and its formats' URLs, main
// first, then sections and tags, as FeedKey orders them). Pure.
//
// - `feeds-head.html`: one <link rel="alternate"> per format of every feed,
//   for a site to include in its pages' <head>.
// - `feeds.html`: a page listing every feed with its formats, in the site's
//   language (Spanish or English); `herald run` answers `GET /` with it
//   when the output has no index.html.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "feeds/feed.h"
#include "feeds/feed_key.h"
#include "feeds/feed_settings.h"

namespace herald {

// Names of the files, at the root of the output directory.
inline constexpr const char* kHeadSnippetFile = "feeds-head.html";
inline constexpr const char* kFeedsIndexFile = "feeds.html";

struct FeedCard {
  std::string title;
  std::vector<FeedLink> links;  // in the family's format order
  bool operator==(const FeedCard&) const = default;
};
using FeedCards = std::map<FeedKey, FeedCard>;

std::string head_snippet(const FeedCards& feeds);
std::string feeds_index_page(const FeedCards& feeds, const SiteConfig& site);

}  // namespace herald
