// Post record: a Post as compact bytes for the catalog store, and back.
//
// Every field except `body` (the daemon keeps no bodies in memory; it reads
// the file again when a feed needs one) and `source_path` (the store's key;
// decode takes it back). The bytes are a JSON array written and read with
// Boost.JSON, positional to stay small, led by kPostRecordVersion: a record
// of another version is refused, and the store drops all rows when the
// version it was written with differs (see catalog_store.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/post.h"
#include "feeds/status.h"

namespace herald {

// Bump on any change to the layout or meaning of the record.
// 2: Post::fields no longer repeats the mapped fields.
// 3: Jekyll's slugs (slug, title_slug) and the site zone's offset at the date.
inline constexpr int kPostRecordVersion = 3;

std::string encode_post_record(const Post& post);

// Rebuilds the post stored for `source_path` (body empty). The Result holds
// the post, or why `bytes` is not a record of this version ("a post record
// of another version").
Result<Post> decode_post_record(std::string_view bytes, const std::string& source_path);

}  // namespace herald
