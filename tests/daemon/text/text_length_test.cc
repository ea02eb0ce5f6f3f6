#include "daemon/text/text_length.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace herald {
namespace {

const std::string kFamily = "👨‍👩‍👧‍👦";  // 4 emoji joined by 3 ZWJ
const std::string kMexico = "🇲🇽";        // two regional indicators
const std::string kSeedUrl =
    "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";

BOOST_AUTO_TEST_SUITE(text_length)

BOOST_AUTO_TEST_CASE(graphemes_of_spanish_text) {
  BOOST_TEST(count_graphemes("") == 0u);
  BOOST_TEST(count_graphemes("árbol") == 5u);
  BOOST_TEST(count_graphemes("¿Qué? ¡Sí! Pingüino, niño, acción") == 33u);
  BOOST_TEST(count_graphemes("n\xCC\x83" "a") == 2u);  // n + combining tilde is one
  BOOST_TEST(count_graphemes("a\r\nb") == 3u);          // CR LF is one
}

BOOST_AUTO_TEST_CASE(graphemes_of_emoji) {
  BOOST_TEST(count_graphemes("👍") == 1u);
  BOOST_TEST(count_graphemes("👍🏽") == 1u);  // skin tone modifier
  BOOST_TEST(count_graphemes(kFamily) == 1u);
  BOOST_TEST(count_graphemes(kMexico) == 1u);
  BOOST_TEST(count_graphemes(kMexico + "🇪🇸") == 2u);
  BOOST_TEST(count_graphemes("👩‍⚖️ Jueza") == 7u);
}

BOOST_AUTO_TEST_CASE(utf16_units_and_bytes) {
  BOOST_TEST(count_utf16_units("acción") == 6u);
  BOOST_TEST(count_utf16_units(kMexico) == 4u);
  BOOST_TEST(count_utf16_units(kFamily) == 11u);
  BOOST_TEST(count_utf8_bytes("acción") == 7u);
  BOOST_TEST(count_utf8_bytes(kMexico) == 8u);
  BOOST_TEST(count_utf8_bytes(kFamily) == 25u);
}

BOOST_AUTO_TEST_CASE(mastodon_counts_every_url_as_23) {
  BOOST_TEST(count_mastodon("Lee " + kSeedUrl + " ya") == 4 + 23 + 3u);
  BOOST_TEST(count_mastodon("http://a.mx") == 23u);  // short ones too
  BOOST_TEST(count_mastodon("a http://a.mx b https://b.mx/ñ") == 2 + 23 + 3 + 23u);
  BOOST_TEST(count_mastodon("Más en " + kSeedUrl + ".") == 7 + 23 + 1u);  // final '.' is text
  BOOST_TEST(count_mastodon("¡Únete! " + kMexico + " " + kSeedUrl) == 8 + 1 + 1 + 23u);
  BOOST_TEST(count_mastodon("sin enlaces, niño") == 17u);
}

BOOST_AUTO_TEST_CASE(mastodon_counts_the_spoiler_and_the_server_url_length) {
  BOOST_TEST(count_mastodon("Lee " + kSeedUrl, "Violencia") == 4 + 23 + 9u);
  BOOST_TEST(count_mastodon("Lee " + kSeedUrl, "", 30) == 4 + 30u);
}

BOOST_AUTO_TEST_CASE(x_spanish_letters_weigh_one) {
  BOOST_TEST(count_x_weighted("") == 0u);
  BOOST_TEST(count_x_weighted("¿Qué? ¡Sí! Pingüino, niño, acción") == 33u);
  BOOST_TEST(count_x_weighted("n\xCC\x83" "a") == 2u);  // NFC first: ñ is one code point
  BOOST_TEST(count_x_weighted("“comillas” — guion") == 18u);  // U+201C/D and U+2014 weigh 1
}

BOOST_AUTO_TEST_CASE(x_other_scripts_weigh_two) {
  BOOST_TEST(count_x_weighted("東京") == 4u);
  BOOST_TEST(count_x_weighted("…") == 2u);  // U+2026 is past U+201F
}

BOOST_AUTO_TEST_CASE(x_emoji_sequences_weigh_two) {
  BOOST_TEST(count_x_weighted("👍") == 2u);
  BOOST_TEST(count_x_weighted("👍🏽") == 2u);
  BOOST_TEST(count_x_weighted(kFamily) == 2u);
  BOOST_TEST(count_x_weighted(kMexico) == 2u);
  BOOST_TEST(count_x_weighted(kMexico + "🇪🇸") == 4u);
  BOOST_TEST(count_x_weighted("👩‍⚖️ Jueza") == 2 + 6u);
  BOOST_TEST(count_x_weighted("1️⃣ ©") == 2 + 1 + 1u);  // a keycap is emoji, a bare © is text
}

BOOST_AUTO_TEST_CASE(x_every_url_weighs_23) {
  BOOST_TEST(count_x_weighted("Lee " + kSeedUrl + " ya") == 4 + 23 + 3u);
  BOOST_TEST(count_x_weighted("http://a.mx") == 23u);
  BOOST_TEST(count_x_weighted("¡Únete! " + kMexico + " " + kSeedUrl) == 8 + 2 + 1 + 23u);
  std::string long_url = "https://noticias.example.mx/" + std::string(400, 'a');
  BOOST_TEST(count_x_weighted(long_url + " " + long_url) == 23 + 1 + 23u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
