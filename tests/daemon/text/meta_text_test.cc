// Instagram's and Threads' text rules (text_length.h): Threads counts an
// emoji by its UTF-8 bytes and every other character as one; an Instagram
// caption holds at most 2,200 UTF-16 units and 30 hashtags, and fitting
// drops hashtags past the 30th, never cutting a URL.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "daemon/text/text_fit.h"
#include "daemon/text/text_length.h"

namespace herald {
namespace {

const std::string kLongUrl =
    "https://noticias.example.org/noticias/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema-"
    "y-otros-temas-de-la-administracion-municipal-en-ciudad-juarez-chihuahua/";

Result<FittedText> fitted(const TemplateInput& in, std::size_t max, TextCounter count) {
  TemplateError error;
  std::optional<TextTemplate> tmpl = TextTemplate::compile("{title}\n\n{summary}\n\n{url}\n\n{hashtags}", &error);
  BOOST_TEST_REQUIRE(tmpl.has_value(), error.to_string());
  TextLimits limits;
  limits.max_length = max;
  limits.count = std::move(count);
  return fit_text(*tmpl, in, limits, escape_none);
}

BOOST_AUTO_TEST_SUITE(meta_text)

BOOST_AUTO_TEST_CASE(threads_counts_emoji_by_their_bytes_and_letters_as_one) {
  BOOST_TEST(count_threads("Capacitación") == 12u);
  BOOST_TEST(count_threads("ñandú") == 5u);
  BOOST_TEST(count_threads("👍") == 4u);
  BOOST_TEST(count_threads("❤️") == 6u);                    // U+2764 U+FE0F: 3 + 3
  BOOST_TEST(count_threads("👨‍👩‍👧") == 18u);             // three people and two joiners
  BOOST_TEST(count_threads("🇲🇽") == 8u);                    // two regional indicators
  BOOST_TEST(count_threads("¡Hola! 👍🏽") == 15u);           // 7 + 4 + 4 (skin tone)
}

BOOST_AUTO_TEST_CASE(an_instagram_caption_with_more_than_30_hashtags_fits_no_limit) {
  std::string caption = "Obra pública";
  for (int i = 0; i < 30; ++i) caption += " #Etiqueta" + std::to_string(i);
  BOOST_TEST(count_hashtags(caption) == 30u);
  BOOST_TEST(count_instagram_caption(caption) == count_utf16_units(caption));
  caption += " #Una_más";
  BOOST_TEST(count_hashtags(caption) == 31u);
  BOOST_TEST(count_instagram_caption(caption) > kInstagramCaptionMax);
  BOOST_TEST(count_hashtags("#Local " + kLongUrl + "#ancla") == 1u);  // '#' in a URL is no hashtag
}

// (The configuration allows at most 30 hashtags of the post's own; this is
// the safety net for hashtags a template or a summary adds.)
BOOST_AUTO_TEST_CASE(fitting_keeps_30_hashtags_and_the_url) {
  TemplateInput in;
  in.title = "Capacitación en educación vial para niñas y niños 🚸";
  in.summary = "El diplomado tiene como objetivo fortalecer las capacidades del personal.";
  in.url = kLongUrl;
  for (int i = 0; i < 40; ++i) in.hashtags.push_back("#Etiqueta" + std::to_string(i));
  Result<FittedText> caption = fitted(in, kInstagramCaptionMax, count_instagram_caption);
  BOOST_TEST_REQUIRE(caption.ok(), caption.error());
  BOOST_TEST(count_hashtags(caption->text) == 30u);
  BOOST_TEST(caption->hashtags_dropped == 10u);
  BOOST_TEST(caption->text.find(kLongUrl) != std::string::npos);
  BOOST_TEST(caption->text.rfind("Capacitación", 0) == 0, caption->text);
}

BOOST_AUTO_TEST_CASE(a_threads_text_is_fitted_to_500_as_threads_counts_never_cutting_the_url) {
  TemplateInput in;
  for (int i = 0; i < 40; ++i) in.title += "Señal 🚦 ";
  for (int i = 0; i < 80; ++i) in.summary += "corazón ❤️ ";
  in.url = kLongUrl;
  in.hashtags = {"#Local", "#Educación"};
  Result<FittedText> text = fitted(in, kThreadsTextMax, count_threads);
  BOOST_TEST_REQUIRE(text.ok(), text.error());
  BOOST_TEST(count_threads(text->text) <= 500u);
  BOOST_TEST(count_graphemes(text->text) < 500u);  // emoji weigh more than one
  BOOST_TEST(text->text.find("\n\n" + kLongUrl + "\n\n") != std::string::npos, text->text);
  BOOST_TEST(text->summary_shortened);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
