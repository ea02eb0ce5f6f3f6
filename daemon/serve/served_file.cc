#include "daemon/serve/served_file.h"

#include <openssl/evp.h>
#include <zlib.h>

#include "daemon/serve/http_negotiation.h"

namespace herald {
namespace {

// The first 128 bits of SHA-256, in lowercase hex.
std::string content_hash(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace

std::string gzip_compress(std::string_view bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&zs, bytes.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::shared_ptr<ServedFile> make_served_file(std::string bytes, MediaType type, std::time_t mtime,
                                             UniqueFd source) {
  auto file = std::make_shared<ServedFile>();
  file->type = type;
  std::string hash = content_hash(bytes);
  file->etag = "\"" + hash + "\"";
  file->gzip_etag = "\"" + hash + "-gz\"";
  file->mtime = mtime;
  file->last_modified = format_http_date(mtime);
  if (file->type.compressible && bytes.size() < (1u << 30)) {
    std::string gz = gzip_compress(bytes);
    if (!gz.empty() && gz.size() < bytes.size()) {
      file->gzip = std::make_shared<const std::string>(std::move(gz));
    }
  }
  file->bytes = std::make_shared<const std::string>(std::move(bytes));
  if (source.valid()) file->source = std::make_shared<const UniqueFd>(std::move(source));
  return file;
}

}  // namespace herald
