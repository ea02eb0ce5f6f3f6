// The public URLs of a post as every announcement shows them: the post's
// absolute URL (permalink pattern under site.url, as in the feeds) and its
// image resolved against that URL (as in the feeds' entries). One place, so
// the webhook payload and the social snapshots never disagree.
#pragma once

#include <string>

#include "config/config.h"
#include "feeds/post.h"

namespace herald {

// Absolute public URL of `post`.
std::string post_public_url(const Post& post, const Config& config);

// Absolute URL of the post's image resolved against `post_url`; "" when the
// post has no image.
std::string post_image_url(const Post& post, const std::string& post_url);

}  // namespace herald
