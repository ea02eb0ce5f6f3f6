#include "feeds/media_type.h"

#include <array>

namespace herald {
namespace {

bool ends_with_ci(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  std::string_view tail = name.substr(name.size() - suffix.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    char c = tail[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

struct Rule {
  std::string_view suffix;
  MediaType type;
};

constexpr MediaType kRss{"application/rss+xml; charset=utf-8", true, true};
constexpr MediaType kAtom{"application/atom+xml; charset=utf-8", true, true};
constexpr MediaType kJsonFeed{"application/feed+json; charset=utf-8", true, true};

// First match wins: the feed names come before the generic ".xml".
constexpr std::array kRules{
    Rule{"rss.xml", kRss},
    Rule{"atom.xml", kAtom},
    Rule{".json", {"application/json; charset=utf-8", true, false}},
    Rule{".xml", {"application/xml; charset=utf-8", true, false}},
    Rule{".xsl", {"text/xsl; charset=utf-8", true, false}},
    Rule{".html", {"text/html; charset=utf-8", true, false}},
    Rule{".htm", {"text/html; charset=utf-8", true, false}},
    Rule{".txt", {"text/plain; charset=utf-8", true, false}},
    Rule{".css", {"text/css; charset=utf-8", true, false}},
    Rule{".svg", {"image/svg+xml", true, false}},
    Rule{".png", {"image/png", false, false}},
    Rule{".jpg", {"image/jpeg", false, false}},
    Rule{".jpeg", {"image/jpeg", false, false}},
    Rule{".gif", {"image/gif", false, false}},
    Rule{".webp", {"image/webp", false, false}},
    Rule{".avif", {"image/avif", false, false}},
    Rule{".ico", {"image/vnd.microsoft.icon", false, false}},
};

}  // namespace

MediaType media_type_for(std::string_view file_name, const FeedFileNames& feeds) {
  if (file_name == feeds.rss) return kRss;
  if (file_name == feeds.atom) return kAtom;
  if (file_name == feeds.json) return kJsonFeed;
  for (const Rule& rule : kRules) {
    if (ends_with_ci(file_name, rule.suffix)) return rule.type;
  }
  return {"application/octet-stream", false, false};
}

}  // namespace herald
