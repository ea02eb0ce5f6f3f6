// JSON Feed 1.1 writer: see feed_writers.h and shared/docs/feeds.md. Keys
// are inserted in a fixed order (boost::json::object keeps insertion order),
// so equal Feeds serialise to equal bytes. `icon` and `favicon` are square
// images in JSON Feed, so both come from the site icon (the wide logo only
// stands in for `icon` when there is no icon).
#include <string>

#include <boost/json.hpp>

#include "feeds/feed_writers.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

constexpr const char* kVersion = "https://jsonfeed.org/version/1.1";

void put(boost::json::object& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = safe_utf8(value);
}

boost::json::array authors(const std::string& name) {
  return boost::json::array{boost::json::object{{"name", safe_utf8(name)}}};
}

// The section first, then the tags, without repeating a name.
boost::json::array tags(const FeedEntry& entry) {
  boost::json::array result;
  auto add = [&result](const std::string& name) {
    boost::json::string value(safe_utf8(name));
    if (value.empty()) return;
    for (const boost::json::value& seen : result) {
      if (seen.as_string() == value) return;
    }
    result.emplace_back(std::move(value));
  };
  add(entry.section);
  for (const std::string& tag : entry.tags) add(tag);
  return result;
}

boost::json::object item(const Feed& feed, const FeedEntry& entry) {
  boost::json::object object;
  object["id"] = safe_utf8(entry.id);
  put(object, "url", entry.url);
  object["title"] = safe_utf8(entry.title);
  // Every item needs content_html or content_text.
  if (feed.full_content && !entry.content_html.empty()) {
    object["content_html"] = safe_utf8(entry.content_html);
  } else {
    object["content_text"] = safe_utf8(entry.summary);
  }
  put(object, "summary", entry.summary);
  put(object, "image", entry.image_url);
  object["date_published"] = entry.published.rfc3339();
  object["date_modified"] = entry.updated.rfc3339();
  object["authors"] = authors(entry_author(feed, entry));
  boost::json::array names = tags(entry);
  if (!names.empty()) object["tags"] = std::move(names);
  return object;
}

boost::json::array hubs(const Feed& feed) {
  boost::json::array result;
  for (const std::string& hub : feed.hubs) {
    result.emplace_back(boost::json::object{{"type", "WebSub"}, {"url", safe_utf8(hub)}});
  }
  return result;
}

}  // namespace

std::string write_json_feed(const Feed& feed) {
  boost::json::object root;
  root["version"] = kVersion;
  root["title"] = safe_utf8(feed.title);
  put(root, "home_page_url", feed.home_url);
  put(root, "feed_url", feed.url_of(FeedFormat::json));
  put(root, "description", feed.description);
  put(root, "language", feed.language);
  put(root, "icon", feed.icon_url.empty() ? feed.logo_url : feed.icon_url);
  put(root, "favicon", feed.icon_url);
  if (!feed.author.empty()) root["authors"] = authors(feed.author);
  if (!feed.hubs.empty()) root["hubs"] = hubs(feed);
  boost::json::array items;
  for (const FeedEntry& entry : feed.entries) items.emplace_back(item(feed, entry));
  root["items"] = std::move(items);
  std::string bytes = boost::json::serialize(root);
  bytes += '\n';
  return bytes;
}

}  // namespace herald
