#include "daemon/base/file_stamp.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <span>
#include <utility>

namespace herald {
namespace {

// Two lower-case hex digits a byte.
std::string lower_hex(std::span<const unsigned char> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * bytes.size(), '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    hex[2 * i] = kHex[bytes[i] >> 4];
    hex[2 * i + 1] = kHex[bytes[i] & 0xf];
  }
  return hex;
}

int hex_digit(char c) {  // lower case, as lower_hex writes
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::int64_t to_ns(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Fetched once: OpenSSL 3's implicit fetch in EVP_sha256() costs a lookup per
// call.
const EVP_MD* sha256() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

FileStamp stamp_of(const struct stat& st) {
  FileStamp stamp;
  stamp.dev = st.st_dev;
  stamp.ino = st.st_ino;
  stamp.size = st.st_size;
  stamp.mtime_ns = to_ns(st.st_mtim);
  stamp.ctime_ns = to_ns(st.st_ctim);
  return stamp;
}

}  // namespace

Result<FileStamp> stamp_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Result<FileStamp>::failed(std::strerror(errno));
  return stamp_of(st);
}

Result<FileStamp> stamp_file_at(int dir_fd, const char* name) {
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, 0) != 0) return Result<FileStamp>::failed(std::strerror(errno));
  return stamp_of(st);
}

std::int64_t stamp_clock_now_ns() {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return to_ns(now);
}

std::string content_hash(std::string_view bytes) { return PackedHash::of(bytes).hex(); }

ContentHasher::ContentHasher() : context_(EVP_MD_CTX_new()) {
  if (context_ != nullptr && (sha256() == nullptr || EVP_DigestInit_ex(context_, sha256(), nullptr) != 1)) {
    EVP_MD_CTX_free(context_);
    context_ = nullptr;
  }
}

ContentHasher::~ContentHasher() { EVP_MD_CTX_free(context_); }

void ContentHasher::add(std::string_view bytes) {
  if (context_ != nullptr && EVP_DigestUpdate(context_, bytes.data(), bytes.size()) != 1) {
    EVP_MD_CTX_free(context_);
    context_ = nullptr;
  }
}

std::string ContentHasher::finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  bool done = context_ != nullptr && EVP_DigestFinal_ex(context_, digest, &length) == 1 && length == 32;
  EVP_MD_CTX_free(std::exchange(context_, nullptr));
  // None when it failed (never seen): "" matches no digest, as PackedHash's none.
  return done ? lower_hex({digest, length}) : std::string();
}

StampVerdict judge_stamp(const FileStamp& stored, std::int64_t stamped_at_ns,
                         const FileStamp& current, std::int64_t racy_window_ns) {
  if (!(stored == current)) return StampVerdict::reuse_if_hash_matches;
  std::int64_t last_change = std::max(stored.mtime_ns, stored.ctime_ns);
  if (last_change > stamped_at_ns - racy_window_ns) return StampVerdict::reuse_if_hash_matches;
  return StampVerdict::reuse;
}

PackedHash PackedHash::of(std::string_view bytes) {
  PackedHash packed;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (sha256() && EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256(), nullptr) == 1 &&
      length == packed.bytes_.size()) {
    std::copy(digest, digest + length, packed.bytes_.begin());
  }
  return packed;  // none when it failed (never seen): it matches no stored hash
}

PackedHash::PackedHash(std::string_view hex) {
  std::array<unsigned char, 32> bytes{};
  if (hex.size() != 2 * bytes.size()) return;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    int high = hex_digit(hex[2 * i]);
    int low = hex_digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) return;
    bytes[i] = static_cast<unsigned char>(high << 4 | low);
  }
  bytes_ = bytes;  // whole or not at all: a half-read text is none
}

std::string PackedHash::hex() const { return present() ? lower_hex(bytes_) : std::string(); }

}  // namespace herald
