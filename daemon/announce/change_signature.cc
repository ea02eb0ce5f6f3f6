#include "daemon/announce/change_signature.h"

#include <boost/json.hpp>

#include "daemon/base/file_stamp.h"

namespace herald {
namespace {

boost::json::object timestamp(const Timestamp& t) {
  return {{"s", t.unix_seconds}, {"offset", t.offset_minutes}};
}

}  // namespace

// Boost.JSON writes the fields, one object with fixed keys (post_content_differs' list).
std::string post_signature(const Post& post) {
  boost::json::object fields;
  for (const auto& [key, value] : post.fields) fields[key] = value;
  boost::json::array tags(post.tags.begin(), post.tags.end());
  boost::json::value image = nullptr;
  if (post.image) image = boost::json::object{{"url", post.image->url}, {"alt", post.image_alt()}};
  boost::json::object seen{{"id", post.id},           {"guid", post.guid.str()},
                           {"title", post.title},     {"date", timestamp(post.date)},
                           {"author", post.author.str()},   {"summary", post.summary},
                           {"section", post.section}, {"tags", std::move(tags)},
                           {"image", std::move(image)}, {"draft", post.draft},
                           {"slug", post.slug()},       {"fields", std::move(fields)}};
  seen["updated"] = post.updated ? boost::json::value(timestamp(*post.updated)) : boost::json::value(nullptr);
  return content_hash(boost::json::serialize(seen));
}

}  // namespace herald
