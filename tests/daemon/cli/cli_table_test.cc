#include "daemon/cli/cli_table.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(cli_table)

BOOST_AUTO_TEST_CASE(width_counts_columns_not_bytes) {
  BOOST_TEST(display_width("") == 0u);
  BOOST_TEST(display_width("hook") == 4u);
  BOOST_TEST(display_width("Inauguración") == 12u);           // precomposed ó: 2 bytes, 1 column
  BOOST_TEST(display_width("Inauguraci\xCC\x81on") == 12u);   // i + combining acute: 1 column
  BOOST_TEST(display_width("東京") == 4u);                    // wide
  BOOST_TEST(display_width("a\xFFz") == 3u);                  // an invalid byte: one column
}

BOOST_AUTO_TEST_CASE(fit_width_cuts_on_columns_with_an_ellipsis) {
  BOOST_TEST(fit_width("Año nuevo", 20) == "Año nuevo");
  BOOST_TEST(fit_width("Año nuevo", 9) == "Año nuevo");
  BOOST_TEST(fit_width("Año nuevo", 5) == "Año …");
  BOOST_TEST(display_width(fit_width("Año nuevo", 5)) == 5u);
  BOOST_TEST(fit_width("東京タワー", 5) == "東京…");
  BOOST_TEST(fit_width("line\nbreak\ttab", 40) == "line break tab");
}

BOOST_AUTO_TEST_CASE(columns_align_on_display_width) {
  TextTable table({"TITLE", "SENT", "URL"});
  table.align_right(1);
  table.add_row({"Inauguración", "5", "https://a/"});
  table.add_row({"Obras", "1200", "https://b/"});
  table.add_row({"x"});
  BOOST_TEST(table.render() ==
             "TITLE         SENT  URL\n"
             "Inauguración     5  https://a/\n"
             "Obras         1200  https://b/\n"
             "x\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
