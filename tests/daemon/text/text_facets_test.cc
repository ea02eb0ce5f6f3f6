#include "daemon/text/text_facets.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace herald {
namespace {

using Kind = TextFacet::Kind;

// "link <url>" / "tag <value>" for every facet, after checking that its byte
// range holds exactly the URL or "#" + tag.
std::vector<std::string> described(const std::string& text) {
  std::vector<std::string> out;
  for (const TextFacet& facet : find_facets(text)) {
    std::string bytes = text.substr(facet.byte_start, facet.byte_end - facet.byte_start);
    bool link = facet.kind == Kind::link;
    BOOST_TEST(bytes == (link ? facet.value : "#" + facet.value));
    out.push_back((link ? "link " : "tag ") + facet.value);
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(text_facets)

BOOST_AUTO_TEST_CASE(byte_offsets_count_utf8_bytes) {
  // ¡ (2) S (1) í (2) ! (1) space (1) = 7; #Niños = 7 bytes; space; URL 14 bytes.
  std::string text = "¡Sí! #Niños https://a.mx/b";
  std::vector<TextFacet> facets = find_facets(text);
  BOOST_TEST_REQUIRE(facets.size() == 2u);
  BOOST_TEST((facets[0].kind == Kind::tag));
  BOOST_TEST(facets[0].byte_start == 7u);
  BOOST_TEST(facets[0].byte_end == 14u);
  BOOST_TEST(facets[0].value == "Niños");
  BOOST_TEST((facets[1].kind == Kind::link));
  BOOST_TEST(facets[1].byte_start == 15u);
  BOOST_TEST(facets[1].byte_end == 29u);
  BOOST_TEST(facets[1].value == "https://a.mx/b");
}

BOOST_AUTO_TEST_CASE(seed_like_post_with_emoji) {
  std::string text =
      "Capacita IMM a su personal sobre violencia extrema 👩‍⚖️🇲🇽\n\n"
      "El diplomado… ¿Qué sigue? ¡Participa!\n\n"
      "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/\n\n"
      "#Local #IMM #capacitación #EducaciónVial";
  std::vector<std::string> expected = {
      "link https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/",
      "tag Local", "tag IMM", "tag capacitación", "tag EducaciónVial"};
  BOOST_TEST(described(text) == expected, boost::test_tools::per_element());
  std::vector<TextFacet> facets = find_facets(text);
  BOOST_TEST(facets.back().byte_start == text.find("#EducaciónVial"));
  BOOST_TEST(facets.back().byte_end == text.size());
}

BOOST_AUTO_TEST_CASE(url_extent) {
  std::vector<std::string> expected = {
      "link https://x.mx/a",                                       // final '.' left out
      "link https://es.wikipedia.org/wiki/Chihuahua_(estado)",     // balanced ')' kept
      "link https://x.mx/b",                                       // "…" left out
      "link https://x.mx/c",                                       // Slack <url|text>
      "link HTTPS://X.MX/D",
      "link https://es.wikipedia.org/wiki/Educación"};             // IRI path kept whole
  BOOST_TEST(described("Más en https://x.mx/a. (ver https://es.wikipedia.org/wiki/Chihuahua_(estado)) "
                       "https://x.mx/b… <https://x.mx/c|texto> HTTPS://X.MX/D "
                       "https://es.wikipedia.org/wiki/Educación") == expected,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(not_urls) {
  BOOST_TEST(find_urls("http:// sin host").empty());
  BOOST_TEST(find_urls("xhttps://a.mx pegado a una letra").empty());
  BOOST_TEST(find_urls("ftp://a.mx").empty());
  BOOST_TEST(find_urls("https://a b").size() == 1u);
  BOOST_TEST(find_urls("https://[::1/").empty());  // does not parse
}

BOOST_AUTO_TEST_CASE(hashtag_rules) {
  std::vector<std::string> expected = {"tag año_2021", "link https://x.mx/a#sec", "tag Ñu"};
  BOOST_TEST(described("#año_2021 foo#bar #2021 #_ # https://x.mx/a#sec (#no) #Ñu, fin") == expected,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(hashtags_over_64_graphemes_are_not_tags) {
  std::string tag64(64, 'a');
  BOOST_TEST(find_facets("#" + tag64).size() == 1u);
  BOOST_TEST(find_facets("#" + tag64 + "a").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
