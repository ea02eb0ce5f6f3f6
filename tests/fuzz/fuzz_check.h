// What a harness does when the code under test breaks a promise: it names
// the promise and the offending text on stderr, then abort()s, which
// libFuzzer reports as a crash and saves the input (crash-<sha1>).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace herald::fuzz {

[[noreturn]] inline void violation(std::string_view promise, std::string_view detail) {
  std::fprintf(stderr, "herald fuzz: %.*s\n--- offending text ---\n%.*s\n---\n",
               static_cast<int>(promise.size()), promise.data(), static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

inline void require(bool holds, std::string_view promise, std::string_view detail) {
  if (!holds) violation(promise, detail);
}

}  // namespace herald::fuzz
