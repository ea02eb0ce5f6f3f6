#include "daemon/targets/webhook/webhook_payload.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <utility>
#include <vector>

#include "daemon/text/post_urls.h"
#include "feeds/feed_key.h"
#include "feeds/feed_planner.h"
#include "feeds/html_sanitizer.h"
#include "feeds/text.h"

namespace herald {
namespace {

// Indexed by FeedFormat (rss, atom, json): the names the configuration uses.
constexpr std::array<const char*, 3> kFormatNames = {"rss", "atom", "json"};

// {"rss": url, "atom": url, "json": url} for the formats `key`'s family writes.
boost::json::object feed_urls(const FeedKey& key, const Config& config) {
  const std::vector<FeedFormat>& formats = family_config(config.feeds, key.kind).formats;
  std::vector<std::string> paths = feed_paths(key, config.feeds);  // in `formats` order
  boost::json::object urls;
  for (std::size_t i = 0; i < formats.size() && i < paths.size(); ++i) {
    const char* name = kFormatNames.at(static_cast<std::size_t>(formats[i]));
    urls[name] = resolve_url(config.site.url, paths[i]);
  }
  return urls;
}

boost::json::value string_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::string(text);
}

// The feeds of `post` (feed_keys decides which exist), keyed as in the header.
void add_feeds(const Post& post, const Config& config, boost::json::object& data) {
  std::vector<FeedKey> keys = feed_keys(post, config.feeds);
  auto has = [&keys](const FeedKey& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  FeedKey main{FeedKind::main, ""};
  data["feeds"] = has(main) ? feed_urls(main, config) : boost::json::object{};
  FeedKey section{FeedKind::section, feed_slug(post.section)};
  data["section_feeds"] = has(section) ? boost::json::value(feed_urls(section, config))
                                       : boost::json::value(nullptr);
  boost::json::array tag_feeds;
  std::vector<std::string> slugs_done;  // "Economía" and "economia" share a feed
  for (const std::string& tag : post.tags) {
    FeedKey key{FeedKind::tag, feed_slug(tag)};
    bool done = std::find(slugs_done.begin(), slugs_done.end(), key.slug) != slugs_done.end();
    if (!has(key) || done) continue;
    slugs_done.push_back(key.slug);
    boost::json::object feed{{"tag", tag}};
    for (auto& [format, url] : feed_urls(key, config)) feed[format] = std::move(url);
    tag_feeds.push_back(std::move(feed));
  }
  data["tag_feeds"] = std::move(tag_feeds);
}

boost::json::object post_data(const Post& post, const Config& config, const std::string& url) {
  boost::json::object data;
  data["id"] = post.id;
  data["title"] = post.title;
  data["url"] = url;
  data["summary"] = post.summary;
  data["date"] = post.date.rfc3339();
  data["section"] = string_or_null(post.section);
  boost::json::array tags;
  for (const std::string& tag : post.tags) tags.emplace_back(tag);
  data["tags"] = std::move(tags);
  std::string image = post_image_url(post, url);
  bool has_image = !image.empty();
  data["image"] = has_image ? boost::json::value(image) : boost::json::value(nullptr);
  data["image_alt"] = has_image ? boost::json::value(post.image_alt()) : boost::json::value(nullptr);
  add_feeds(post, config, data);
  return data;
}

}  // namespace

std::string webhook_payload(DeliveryEvent event, const Post& post, const Config& config,
                            std::int64_t event_unix_seconds) {
  std::string url = post_public_url(post, config);
  boost::json::object body;
  body["type"] = delivery_event_name(event);
  body["timestamp"] = Timestamp{event_unix_seconds, 0}.rfc3339();
  if (event == DeliveryEvent::deleted) {
    body["data"] = boost::json::object{{"id", post.id}, {"url", url}, {"title", post.title}};
  } else {
    body["data"] = post_data(post, config, url);
  }
  return boost::json::serialize(body);
}

}  // namespace herald
