// One file of the output directory loaded for serving: its bytes, an optional
// gzip variant, the validators derived from them and, for large files, the
// descriptor they were read from (sendfile). Immutable once shared between
// the cache and responses in flight.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/base/unique_fd.h"
#include "feeds/media_type.h"

namespace herald {

struct ServedFile {
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> gzip;  // null unless compressible and smaller
  std::string etag;                          // "\"<32 hex of SHA-256>\""
  std::string gzip_etag;                     // "\"<32 hex of SHA-256>-gz\""
  std::time_t mtime = 0;
  std::string last_modified;                 // HTTP-date of mtime
  MediaType type;
  // The open file `bytes` were read from, or null. A file replaced by rename
  // keeps its old bytes behind this descriptor, so they match the ETag; the
  // server sends the plain body from it with sendfile(2) at offset 0.
  std::shared_ptr<const UniqueFd> source;
};

// Hashes and (for compressible types) gzips `bytes`; `source` (may be
// invalid) becomes `source`.
std::shared_ptr<ServedFile> make_served_file(std::string bytes, MediaType type, std::time_t mtime,
                                             UniqueFd source = UniqueFd());

// gzip (RFC 1952) of `bytes` at the best compression level.
std::string gzip_compress(std::string_view bytes);

}  // namespace herald
