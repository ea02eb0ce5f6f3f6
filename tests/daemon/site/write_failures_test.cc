#include "daemon/site/write_failures.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(write_failures)

BOOST_AUTO_TEST_CASE(one_line_per_cause_with_its_count_and_first_file) {
  std::vector<std::string> errors = {
      "cannot write /out/rss.xml: No space left on device",
      "cannot write /out/atom.xml: No space left on device",
      "cannot delete /out/tags/a/rss.xml: Permission denied",
      "cannot write /out/feed.json: No space left on device",
  };
  BOOST_TEST(summarize_write_errors(errors) ==
             "4 feed files could not be written: No space left on device (3, first: cannot "
             "write /out/rss.xml: No space left on device); Permission denied (1, first: cannot "
             "delete /out/tags/a/rss.xml: Permission denied). The feeds served are the last ones "
             "written; herald retries with backoff");
}

BOOST_AUTO_TEST_CASE(a_message_of_another_shape_is_its_own_cause) {
  BOOST_TEST(summarize_write_errors({"the feeds would take 2 MiB"}) ==
             "1 feed file could not be written: the feeds would take 2 MiB (1, first: the feeds "
             "would take 2 MiB). The feeds served are the last ones written; herald retries with "
             "backoff");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
