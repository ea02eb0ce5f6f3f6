#include "daemon/targets/bluesky/bluesky_tid.h"

namespace herald {
namespace {

constexpr std::string_view kAlphabet = "234567abcdefghijklmnopqrstuvwxyz";

}  // namespace

std::string make_tid(std::int64_t unix_micros, unsigned clock_id) {
  std::uint64_t value = (static_cast<std::uint64_t>(unix_micros) & static_cast<std::uint64_t>(kTidMaxMicros)) << 10 |
                        (clock_id & kTidMaxClockId);
  std::string tid(13, '2');
  for (int i = 12; i >= 0; --i) {
    tid[static_cast<std::size_t>(i)] = kAlphabet[value & 31];
    value >>= 5;
  }
  return tid;
}

bool is_tid(std::string_view text) {
  if (text.size() != 13) return false;
  for (char c : text) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return kAlphabet.find(text[0]) < 16;
}

std::string TidGenerator::next(std::int64_t unix_micros) {
  last_ = unix_micros > last_ ? unix_micros : last_ + 1;
  return make_tid(last_, clock_id_);
}

}  // namespace herald
