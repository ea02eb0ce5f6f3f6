#include "feeds/log_text.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(log_text)

BOOST_AUTO_TEST_CASE(plain_text_and_utf8_are_kept) {
  BOOST_TEST(escape_log_text("") == "");
  BOOST_TEST(escape_log_text("delivery to 'blog' failed: 500 capacitación 🎉 €") ==
             "delivery to 'blog' failed: 500 capacitación 🎉 €");
  BOOST_TEST(escape_log_text("C:\\path \\n stays") == "C:\\path \\n stays");
}

BOOST_AUTO_TEST_CASE(line_breaks_and_controls_are_escaped) {
  BOOST_TEST(escape_log_text("error\n2026-01-01 00:00:00.000 info forged") ==
             "error\\n2026-01-01 00:00:00.000 info forged");
  BOOST_TEST(escape_log_text("a\r\nb\tc") == "a\\r\\nb\\tc");
  BOOST_TEST(escape_log_text("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  BOOST_TEST(escape_log_text(std::string_view("nul\0bell\a del\x7f", 14)) ==
             "nul\\x00bell\\x07 del\\x7f");
}

BOOST_AUTO_TEST_CASE(c1_controls_and_invalid_utf8_are_escaped_per_byte) {
  BOOST_TEST(escape_log_text("csi\xC2\x9B" "2J nel\xC2\x85") == "csi\\xc2\\x9b2J nel\\xc2\\x85");
  BOOST_TEST(escape_log_text("bad\xFF\xFE end") == "bad\\xff\\xfe end");
  BOOST_TEST(escape_log_text("cut \xC3") == "cut \\xc3");
  BOOST_TEST(escape_log_text("\xC2\xA0nbsp") == "\xC2\xA0nbsp");  // U+00A0 is not a control
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
