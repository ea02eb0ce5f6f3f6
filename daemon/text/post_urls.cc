#include "daemon/text/post_urls.h"

#include "feeds/entry_builder.h"
#include "feeds/html_sanitizer.h"

namespace herald {

std::string post_public_url(const Post& post, const Config& config) {
  return post_url(post, config.site.url, config.content.rules.permalink);
}

std::string post_image_url(const Post& post, const std::string& post_url) {
  if (!post.image || post.image->url.empty()) return "";
  return resolve_url(post_url, post.image->url);
}

}  // namespace herald
