// AT Protocol TIDs (timestamp identifiers), the record keys of Bluesky
// posts: 13 characters of the base32-sortable alphabet
// "234567abcdefghijklmnopqrstuvwxyz" spelling a 64-bit number, most
// significant first: 0 (top bit), 53 bits of Unix microseconds, 10 bits of
// clock id. Later TIDs sort after earlier ones as plain strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace herald {

inline constexpr std::int64_t kTidMaxMicros = (std::int64_t{1} << 53) - 1;
inline constexpr unsigned kTidMaxClockId = 1023;

// The TID of `unix_micros` (0..kTidMaxMicros) and `clock_id` (0..1023);
// out-of-range values are masked to their bits.
std::string make_tid(std::int64_t unix_micros, unsigned clock_id);

// Whether `text` is a TID: 13 characters of the alphabet, the first one of
// "234567abcdefghij" (top bit clear).
bool is_tid(std::string_view text);

// Makes TIDs that only grow: each one at least a microsecond after the
// previous one (the clock may stand still or step back), with a clock id
// fixed per generator. One thread.
class TidGenerator {
 public:
  explicit TidGenerator(unsigned clock_id) : clock_id_(clock_id & kTidMaxClockId) {}
  std::string next(std::int64_t unix_micros);

 private:
  unsigned clock_id_;
  std::int64_t last_ = -1;
};

}  // namespace herald
