// Renders the whole set of feed files of a site from its catalog: every
// planned feed (feed_planner.h) in every configured format, plus the XSL
// stylesheet when enabled. Pure: the caller passes `now` and writes the
// files. Each post's entry is rendered once and shared by every feed that
// lists it.
#pragma once

#include <string>
#include <vector>

#include "feeds/catalog.h"
#include "feeds/feed_settings.h"
#include "feeds/post_rules.h"

namespace herald {

struct OutputFile {
  std::string path;   // relative to the output directory, '/' separated
  std::string bytes;
};

std::vector<OutputFile> render_site(const Catalog& catalog, const SiteConfig& site,
                                    const PostRules& rules, const FeedsConfig& feeds,
                                    const Timestamp& now);

// Name of the stylesheet file, at the root of the output directory.
inline constexpr const char* kStylesheetFile = "feed.xsl";

}  // namespace herald
