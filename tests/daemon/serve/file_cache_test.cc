#include "daemon/serve/file_cache.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

BOOST_AUTO_TEST_SUITE(file_cache)

BOOST_AUTO_TEST_CASE(caches_within_the_bound_and_forgets_on_invalidate) {
  TempDir dir;
  for (const char* name : {"a.bin", "b.bin", "c.bin"}) test::write_file(dir / name, std::string(1000, 'x'));
  FileCache cache(dir.path(), 2600, 1 << 20, 256);
  FileLookup a = cache.lookup(parse_request_path("/a.bin"));
  BOOST_TEST(a.status == 200u);
  BOOST_TEST(cache.lookup(parse_request_path("/a.bin")).file == a.file);  // a hit: same object
  cache.lookup(parse_request_path("/b.bin"));
  BOOST_TEST(cache.cached_bytes() <= 2600u);
  cache.lookup(parse_request_path("/c.bin"));  // evicts a, the least recently used
  BOOST_TEST(cache.cached_bytes() <= 2600u);
  BOOST_TEST(cache.lookup(parse_request_path("/a.bin")).file != a.file);
  std::size_t before = cache.cached_bytes();
  cache.invalidate("a.bin");
  BOOST_TEST(cache.cached_bytes() < before);
}

BOOST_AUTO_TEST_CASE(large_files_are_served_uncached_or_refused) {
  TempDir dir;
  test::write_file(dir / "big.bin", std::string(5000, 'x'));
  FileCache small(dir.path(), 1000, 1 << 20, 256);
  BOOST_TEST(small.lookup(parse_request_path("/big.bin")).file->bytes->size() == 5000u);
  BOOST_TEST(small.cached_bytes() == 0u);
  FileCache strict(dir.path(), 1 << 20, 4999, 256);
  BOOST_TEST(strict.lookup(parse_request_path("/big.bin")).status == 500u);
}

BOOST_AUTO_TEST_CASE(missing_root_is_404_until_it_appears) {
  TempDir dir;
  FileCache cache(dir / "out", 1 << 20, 1 << 20, 256);
  BOOST_TEST(cache.lookup(parse_request_path("/rss.xml")).status == 404u);
  test::write_file(dir / "out/rss.xml", "feed");
  BOOST_TEST(cache.lookup(parse_request_path("/rss.xml")).status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
