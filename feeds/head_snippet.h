// The site's <head> snippet: one <link rel="alternate"> per format of every
// feed (main first, then sections and tags, as FeedKey orders them), written
// as `feeds-head.html` at the output root so a site announces its feeds by
// including one file (Jekyll: {% include_relative %} or a copy into
// _includes; any server-side include). Pure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "feeds/feed.h"
#include "feeds/feed_key.h"

namespace herald {

// Name of the snippet file, at the root of the output directory.
inline constexpr const char* kHeadSnippetFile = "feeds-head.html";

// The <link> lines of one feed titled `title` ("Noticias (RSS)"), one per
// entry of `links`, each ending with "\n"; attribute values escaped by
// pugixml.
std::string feed_head_links(const std::string& title, const std::vector<FeedLink>& links);

// The whole snippet: a comment naming herald, then the lines of each feed
// in key order.
std::string head_snippet(const std::map<FeedKey, std::string>& links_by_feed);

}  // namespace herald
