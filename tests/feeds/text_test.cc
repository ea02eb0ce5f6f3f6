#include "feeds/text.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(find_invalid_utf8_accepts_valid_text) {
  BOOST_TEST(find_invalid_utf8("") == std::string_view::npos);
  BOOST_TEST(find_invalid_utf8("capacitación 🎉 €") == std::string_view::npos);
  BOOST_TEST(find_invalid_utf8("\xEF\xBF\xBF") == std::string_view::npos);  // U+FFFF is valid UTF-8
}

BOOST_AUTO_TEST_CASE(find_invalid_utf8_finds_first_bad_byte) {
  BOOST_TEST(find_invalid_utf8("ab\xFF") == 2u);
  BOOST_TEST(find_invalid_utf8("á\xC3") == 2u);               // truncated sequence
  BOOST_TEST(find_invalid_utf8("x\xC0\xAF") == 1u);           // overlong '/'
  BOOST_TEST(find_invalid_utf8("\xED\xA0\x80") == 0u);        // surrogate U+D800
  BOOST_TEST(find_invalid_utf8("ok\xF4\x90\x80\x80") == 2u);  // above U+10FFFF
  BOOST_TEST(find_invalid_utf8("\x80") == 0u);                // lone continuation
}

BOOST_AUTO_TEST_CASE(strip_xml_forbidden_keeps_tab_newline_cr) {
  BOOST_TEST(strip_xml_forbidden("a\x1D" "b\x01\tc\nd\re\xEF\xBF\xBE" "f\xEF\xBF\xBF") ==
             "ab\tc\nd\ref");
  BOOST_TEST(strip_xml_forbidden("Economía 🎉") == "Economía 🎉");
}

BOOST_AUTO_TEST_CASE(trim_removes_ascii_and_unicode_whitespace) {
  BOOST_TEST(trim("  \t hola \n") == "hola");
  BOOST_TEST(trim("\xC2\xA0\xE3\x80\x80mundo\xE2\x80\x83") == "mundo");  // NBSP, ideographic, em space
  BOOST_TEST(trim("a  b") == "a  b");
  BOOST_TEST(trim("   ") == "");
}

BOOST_AUTO_TEST_CASE(squash_whitespace_collapses_runs) {
  BOOST_TEST(squash_whitespace("  uno \n\n dos\t\ttres  ") == "uno dos tres");
  BOOST_TEST(squash_whitespace("a\xC2\xA0\xC2\xA0" "b") == "a b");
  BOOST_TEST(squash_whitespace(" \n ") == "");
}

BOOST_AUTO_TEST_CASE(slugify_folds_accents_and_separators) {
  BOOST_TEST(slugify("Economía") == "economia");
  BOOST_TEST(slugify("Capacita IMM a su personal sobre violencia extrema") ==
             "capacita-imm-a-su-personal-sobre-violencia-extrema");
  BOOST_TEST(slugify("  Día de Muertos!! ") == "dia-de-muertos");
  BOOST_TEST(slugify("C++ & más") == "c-mas");
  BOOST_TEST(slugify("Niñez 🎉") == "ninez");
  BOOST_TEST(slugify("Straße Æon") == "strasse-aeon");
  BOOST_TEST(slugify("Москва") == "moskva");
  BOOST_TEST(slugify("🎉 ✅") == "");
  BOOST_TEST(slugify("") == "");
}

BOOST_AUTO_TEST_CASE(slugify_is_safe_on_two_threads) {
  std::vector<std::string> results(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&results, t] {
      std::string last;
      for (int i = 0; i < 200; ++i) last = slugify("Пример Æ educación " + std::to_string(i));
      results[t] = last;
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(results[0] == "primer-ae-educacion-199");
  BOOST_TEST(results[1] == "primer-ae-educacion-199");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
