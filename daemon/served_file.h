// One file of the output directory loaded for serving: its bytes, an optional
// gzip variant, and the validators derived from them. Immutable once built,
// shared between the cache and responses in flight.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/media_type.h"

namespace herald {

struct ServedFile {
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> gzip;  // null unless compressible and smaller
  std::string etag;                          // "\"<32 hex of SHA-256>\""
  std::string gzip_etag;                     // "\"<32 hex of SHA-256>-gz\""
  std::time_t mtime = 0;
  std::string last_modified;                 // HTTP-date of mtime
  MediaType type;
};

// Hashes and (for compressible types) gzips `bytes`. `name` is the file name
// that decides the media type.
std::shared_ptr<const ServedFile> make_served_file(std::string bytes, std::string_view name,
                                                   std::time_t mtime);

// gzip (RFC 1952) of `bytes` at the best compression level.
std::string gzip_compress(std::string_view bytes);

}  // namespace herald
