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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
