#include "daemon/base/malloc_tuning.h"

#include <cstring>
#include <memory>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/support/log_capture.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(malloc_tuning)

// The sanitizers bring their own allocator (CMakeLists.txt).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

BOOST_AUTO_TEST_CASE(herald_links_tcmalloc_unless_sanitized) {
  BOOST_TEST(std::string(allocator_name()) == (kSanitized ? "glibc" : "tcmalloc"));
}

// The allocator that counts is the one malloc and new reach: were glibc's
// still first in the link order, tcmalloc would count nothing of this.
BOOST_AUTO_TEST_CASE(the_allocator_counted_is_the_one_new_reaches) {
  if (kSanitized) return;
  constexpr std::size_t kBlock = 64 << 20;
  std::size_t before = heap_bytes_in_use();
  auto block = std::make_unique<char[]>(kBlock);
  std::memset(block.get(), 1, kBlock);
  BOOST_TEST(heap_bytes_in_use() >= before + kBlock);
  block.reset();
  BOOST_TEST(heap_bytes_in_use() < before + kBlock);
}

BOOST_AUTO_TEST_CASE(releasing_free_memory_says_how_long_it_took_and_what_is_in_use) {
  test::LogCapture log(spdlog::level::debug);
  release_free_memory();
  std::string said = log.out.str();
  BOOST_TEST(said.rfind("debug: free memory released in ", 0) == 0, said);
  BOOST_TEST(said.find(" ms; ") != std::string::npos, said);
  BOOST_TEST(said.find(" MiB in use") != std::string::npos, said);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
