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
  BOOST_TEST(squash_whitespace("uno") == "uno");
  BOOST_TEST(squash_whitespace("\xE2\x80\x83" "Día\xE2\x80\x83 de\r\nMuertos ") == "Día de Muertos");
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

// Expected values printed by Debian's Jekyll 4.3.1 (Jekyll::Utils.slugify).
BOOST_AUTO_TEST_CASE(jekyll_slugify_as_jekyll_does) {
  auto plain = [](std::string_view text) { return jekyll_slugify(text, JekyllSlugMode::kDefault, false); };
  auto pretty = [](std::string_view text) { return jekyll_slugify(text, JekyllSlugMode::kPretty, true); };
  BOOST_TEST(plain("Storage") == "storage");
  BOOST_TEST(pretty("Storage") == "Storage");
  BOOST_TEST(plain("Jekyll 3.0 Released") == "jekyll-3-0-released");
  BOOST_TEST(pretty("Jekyll 3.0 Released") == "Jekyll-3.0-Released");
  BOOST_TEST(plain("Nueva-Ciclovía") == "nueva-ciclovía");
  BOOST_TEST(plain("  ¡Día de Muertos!! ") == "día-de-muertos");
  BOOST_TEST(pretty("  ¡Día de Muertos!! ") == "Día-de-Muertos!!");
  BOOST_TEST(plain("C++ & más (2021)") == "c-más-2021");
  BOOST_TEST(pretty("C++ & más (2021)") == "C++-&-más-(2021)");
  BOOST_TEST(plain("Niñez 🎉") == "niñez");
  BOOST_TEST(plain("ÉXITO_total") == "éxito-total");
  BOOST_TEST(pretty("ÉXITO_total") == "ÉXITO_total");
  BOOST_TEST(pretty("a--b..c") == "a-b..c");
  BOOST_TEST(plain("🎉") == "");
  BOOST_TEST(lower_case("ÉXITO Economía") == "éxito economía");
}

// ASCII text takes a path without ICU: each ASCII character between two
// kept ones is treated as the Unicode path treats it between two accented
// letters.
BOOST_AUTO_TEST_CASE(jekyll_slugify_reads_ascii_as_the_unicode_path_does) {
  for (int code = 1; code < 0x80; ++code) {
    char c = static_cast<char>(code);
    for (JekyllSlugMode mode : {JekyllSlugMode::kDefault, JekyllSlugMode::kPretty}) {
      for (bool cased : {false, true}) {
        std::string unicode = jekyll_slugify(std::string("á") + c + "á", mode, cased);
        std::string ascii = jekyll_slugify(std::string("a") + c + "a", mode, cased);
        BOOST_REQUIRE(unicode.size() == ascii.size() + 2);  // "á" is 2 bytes where "a" is 1
        std::string middle = unicode.substr(2, unicode.size() - 4);
        BOOST_TEST(ascii == "a" + middle + "a", "character " << code);
      }
    }
  }
  BOOST_TEST(jekyll_slugify("--Hola, Mundo!--", JekyllSlugMode::kDefault, false) == "hola-mundo");
  BOOST_TEST(jekyll_slugify("--Hola, Mundo!--", JekyllSlugMode::kPretty, true) == "Hola,-Mundo!");
  BOOST_TEST(jekyll_slugify("---", JekyllSlugMode::kDefault, false) == "");
}

BOOST_AUTO_TEST_CASE(feed_slugs_never_vanish_for_a_visible_name) {
  BOOST_TEST(feed_slug("Obras Públicas") == "obras-publicas");
  // Emoji only: the characters' Unicode names (a variation selector and a
  // joiner are invisible and skipped).
  BOOST_TEST(feed_slug("🎉") == "party-popper");
  BOOST_TEST(feed_slug("❤\xEF\xB8\x8F ✅") == "heavy-black-heart-white-heavy-check-mark");
  BOOST_TEST(feed_slug("🎉🎉🎉🎉🎉🎉🎉🎉").size() <= 60u);
  BOOST_TEST(feed_slug("🎉🎉🎉🎉🎉🎉🎉🎉").starts_with("party-popper-party-popper"));
  BOOST_TEST(!feed_slug("🎉🎉🎉🎉🎉🎉🎉🎉").ends_with("-"));
  BOOST_TEST(feed_slug("  ") == "");
  BOOST_TEST(feed_slug("") == "");
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

// Byte-at-a-time references for the word-at-a-time fast paths.
std::size_t reference_find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                      : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    auto b1 = static_cast<unsigned char>(text[i + 1 < text.size() ? i + 1 : i]);
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
        (b == 0xF4 && b1 > 0x8F)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::string reference_strip_ascii(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if ((b >= 0x20 && b != 0x7F) || b == '\t' || b == '\n' || b == '\r') out += c;
  }
  return out;
}

BOOST_AUTO_TEST_CASE(fast_paths_agree_around_word_boundaries) {
  for (std::size_t size : {0u, 1u, 7u, 8u, 9u, 15u, 16u, 17u}) {
    std::string clean(size, 'a');
    BOOST_TEST(find_invalid_utf8(clean) == std::string_view::npos);
    BOOST_TEST(find_xml_forbidden(clean) == std::string_view::npos);
    BOOST_TEST(strip_xml_forbidden(clean) == clean);
    for (std::size_t at = 0; at < size; ++at) {
      std::string with_control = clean;
      with_control[at] = '\x01';
      BOOST_TEST(find_xml_forbidden(with_control) == at);
      BOOST_TEST(strip_xml_forbidden(with_control) == std::string(size - 1, 'a'));
      std::string with_bad = clean;
      with_bad[at] = '\xFF';
      BOOST_TEST(find_invalid_utf8(with_bad) == at);
    }
  }
}

BOOST_AUTO_TEST_CASE(fast_paths_match_a_reference_at_every_position_of_17_bytes) {
  const std::string base = "The quick\tbrown\nf";  // 17 bytes, TAB and LF kept
  BOOST_TEST(base.size() == 17u);
  const std::vector<std::string> inserts = {
      std::string(1, '\0'), "\x01", "\x08", "\x0B", "\x0C", "\x1F", "\x7F", " ", "\t", "\r", "\n"};
  for (std::size_t at = 0; at < base.size(); ++at) {
    for (const std::string& insert : inserts) {
      std::string text = base;
      text[at] = insert[0];
      std::string expected = reference_strip_ascii(text);
      BOOST_TEST(strip_xml_forbidden(text) == expected, "control at " << at);
      std::size_t first = find_xml_forbidden(text);
      BOOST_TEST((first == std::string_view::npos) == (expected == text), "control at " << at);
      if (first != std::string_view::npos) BOOST_TEST(first == at);
    }
    for (const char* bad : {"\x80", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                            "\xC3\xA1", "\xE2\x82\xAC", "\xF0\x9F\x8E\x89"}) {
      std::string text = base.substr(0, at) + bad + base.substr(at);
      BOOST_TEST(find_invalid_utf8(text) == reference_find_invalid_utf8(text), "byte at " << at);
      // One find_xml_forbidden pass also stops at the first ill-formed
      // sequence (the feed writers rely on it: xml_writer_util.cc).
      BOOST_TEST(find_xml_forbidden(text) == reference_find_invalid_utf8(text), "byte at " << at);
    }
    // Forbidden code points that are not ASCII: U+FFFE, U+FFFF, the C1 controls.
    for (const char* forbidden : {"\xEF\xBF\xBE", "\xC2\x80", "\xC2\x85", "\xC2\x9F"}) {
      std::string text = base.substr(0, at) + forbidden + base.substr(at);
      BOOST_TEST(find_xml_forbidden(text) == at);
      BOOST_TEST(strip_xml_forbidden(text) == base);
    }
    BOOST_TEST(find_xml_forbidden(base.substr(0, at) + "\xC2\xA0\xC2\xBF" + base.substr(at)) ==
               std::string_view::npos);  // NBSP and ¿ stay
    BOOST_TEST(find_xml_forbidden(base.substr(0, at) + "é" + base.substr(at)) ==
               std::string_view::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
