#include "daemon/text/text_fit.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

namespace herald {
namespace {

const std::string kUrl = "https://noticias.example.mx/a/";  // 30 characters

TextTemplate compiled(std::string_view text) {
  TemplateError error;
  std::optional<TextTemplate> tmpl = TextTemplate::compile(text, &error);
  BOOST_TEST_REQUIRE(tmpl.has_value(), error.to_string());
  return *tmpl;
}

TemplateInput input(std::string title, std::string summary, std::vector<std::string> hashtags) {
  TemplateInput in;
  in.title = std::move(title);
  in.summary = std::move(summary);
  in.url = kUrl;
  in.hashtags = std::move(hashtags);
  return in;
}

TextLimits graphemes(std::size_t max) {
  TextLimits limits;
  limits.max_length = max;
  return limits;
}

FittedText fit(std::string_view tmpl, const TemplateInput& in, const TextLimits& limits,
               const TextEscaper& escape = escape_none) {
  Result<FittedText> fitted = fit_text(compiled(tmpl), in, limits, escape);
  BOOST_TEST_REQUIRE(fitted.ok(), fitted.error());
  return *fitted;
}

std::string fit_error(std::string_view tmpl, const TemplateInput& in, const TextLimits& limits) {
  Result<FittedText> fitted = fit_text(compiled(tmpl), in, limits, escape_none);
  BOOST_TEST(!fitted.ok());
  return fitted.error();
}

BOOST_AUTO_TEST_SUITE(text_fit)

BOOST_AUTO_TEST_CASE(text_that_fits_is_unchanged) {
  FittedText f = fit(kDefaultTemplate, input("Capacita IMM", "Resumen breve.", {"#IMM"}), graphemes(500));
  BOOST_TEST(f.text == "Capacita IMM\n\nResumen breve.\n\n" + kUrl + "\n\n#IMM");
  BOOST_TEST(!f.shortened());
}

BOOST_AUTO_TEST_CASE(summary_cut_at_a_word_end_first) {
  // 12 + 2 + summary + 2 + 30 + 2 + 11: the summary gets 24.
  FittedText f = fit(kDefaultTemplate,
                     input("Capacita IMM", "El diplomado tiene como objetivo establecer un proceso",
                           {"#Local", "#IMM"}),
                     graphemes(83));
  BOOST_TEST(f.text == "Capacita IMM\n\nEl diplomado tiene como…\n\n" + kUrl + "\n\n#Local #IMM");
  BOOST_TEST(f.summary_shortened);
  BOOST_TEST(!f.title_shortened);
  BOOST_TEST(f.hashtags_dropped == 0u);
}

BOOST_AUTO_TEST_CASE(then_the_summary_goes_and_the_title_is_cut) {
  FittedText f = fit(kDefaultTemplate,
                     input("Capacita IMM a su personal sobre violencia extrema",
                           "El diplomado tiene como objetivo", {"#Local", "#IMM"}),
                     graphemes(70));
  BOOST_TEST(f.text == "Capacita IMM a su…\n\n" + kUrl + "\n\n#Local #IMM");
  BOOST_TEST(f.summary_shortened);
  BOOST_TEST(f.title_shortened);
  BOOST_TEST(f.hashtags_dropped == 0u);
}

BOOST_AUTO_TEST_CASE(then_hashtags_go_from_the_end_and_the_title_grows_back) {
  TemplateInput in = input("Capacita IMM a su personal sobre violencia extrema", "",
                           {"#Local", "#IMM", "#capacitación", "#EducaciónVial"});
  FittedText f = fit(kDefaultTemplate, in, graphemes(60));
  BOOST_TEST(f.text == "Capacita IMM a…\n\n" + kUrl + "\n\n#Local #IMM");
  BOOST_TEST(!f.summary_shortened);
  BOOST_TEST(f.title_shortened);
  BOOST_TEST(f.hashtags_dropped == 2u);
}

BOOST_AUTO_TEST_CASE(last_the_title_is_cut_inside_its_first_word_then_removed) {
  TemplateInput in = input("Capacita IMM a su personal", "Resumen", {"#Local"});
  FittedText f = fit(kDefaultTemplate, in, graphemes(35));
  BOOST_TEST(f.text == "Ca…\n\n" + kUrl);
  BOOST_TEST(f.hashtags_dropped == 1u);
  BOOST_TEST(fit(kDefaultTemplate, in, graphemes(31)).text == kUrl);
  BOOST_TEST(fit_error(kDefaultTemplate, in, graphemes(29)) ==
             "text too long even without title, summary and hashtags: 30, limit 29");
}

BOOST_AUTO_TEST_CASE(a_huge_literal_is_an_error) {
  TemplateInput in = input("Obra", "", {});
  BOOST_TEST(fit_error("Aviso importante del municipio: {title}", in, graphemes(10)) ==
             "text too long even without title, summary and hashtags: 31, limit 10");
  TextLimits bytes;
  bytes.max_bytes = 5;
  BOOST_TEST(fit_error("ñññ {title}", in, bytes) ==
             "text too long even without title, summary and hashtags: 6 bytes, limit 5 bytes");
}

BOOST_AUTO_TEST_CASE(mastodon_counter_counts_urls_as_23) {
  TextLimits limits;
  limits.max_length = 30;
  limits.count = [](std::string_view text) { return count_mastodon(text); };
  TemplateInput in = input("Obra", "", {});
  in.url = "https://noticias.example.mx/2021/08/10/capacita-imm-a-su-personal-sobre-violencia-extrema/";
  FittedText f = fit("{title}\n\n{url}", in, limits);  // 4 + 2 + 23
  BOOST_TEST(f.text == "Obra\n\n" + in.url);
  BOOST_TEST(!f.shortened());
}

BOOST_AUTO_TEST_CASE(byte_limit_with_accents) {
  TextLimits limits;
  limits.max_length = 300;
  limits.max_bytes = 33;
  // 31 graphemes but 44 bytes; "ñañañaña" is 8 graphemes, 12 bytes; two
  // words and "…" (3 bytes) would be 34.
  FittedText f = fit("{title}\n\n{summary}", input("Año", "ñañañaña ñañañaña ñañañaña", {}), limits);
  BOOST_TEST(f.text == "Año\n\nñañañaña…");
  BOOST_TEST(f.summary_shortened);
}

BOOST_AUTO_TEST_CASE(emoji_sequences_are_never_split) {
  std::string family = "👨‍👩‍👧‍👦";
  FittedText f = fit("{title}", input(family + family + family + family, "", {}), graphemes(3));
  BOOST_TEST(f.text == family + family + "…");
}

BOOST_AUTO_TEST_CASE(values_are_cut_before_escaping) {
  TemplateInput in = input("Agua & drenaje en la colonia Centro", "", {});
  in.url = "https://x.mx/a";
  FittedText f = fit("<b>{title}</b>\n\n{url}", in, graphemes(40), escape_html);
  BOOST_TEST(f.text == "<b>Agua &amp;…</b>\n\nhttps://x.mx/a");
}

BOOST_AUTO_TEST_CASE(ellipsis_after_a_url_is_spaced_and_punctuation_dropped) {
  BOOST_TEST(fit("{summary}", input("T", "Ver https://x.mx/a más detalles aquí", {}), graphemes(21)).text ==
             "Ver https://x.mx/a …");
  BOOST_TEST(fit("{summary}", input("T", "Uno, dos; tres.", {}), graphemes(9)).text == "Uno, dos…");
}

// X: Spanish letters weigh 1, a long URL 23, emoji 2; 280 in all.
BOOST_AUTO_TEST_CASE(x_weighted_fit_keeps_the_long_url_and_whole_hashtags) {
  TextLimits x;
  x.max_length = kXMaxWeightedLength;
  x.count = count_x_weighted;
  TemplateInput in = input("Capacita IMM a su personal sobre violencia extrema 🇲🇽",
                           std::string(40, 'a') + " " + "Diplomado con más de cien horas de "
                           "formación para servidoras y servidores públicos de la región",
                           {"#Capacitación", "#IgualdadDeGénero", "#ViolenciaExtrema",
                            "#MujeresLibresDeViolencia", "#Guanajuato", "#Municipio", "#Noticias",
                            "#DerechosHumanos", "#Acción", "#Niñez"});
  in.url = "https://noticias.example.mx/2021/08/10/" + std::string(300, 'x') + "/";
  FittedText f = fit(kDefaultTemplate, in, x);
  BOOST_TEST(count_x_weighted(f.text) <= 280u);
  BOOST_TEST(f.text.find(in.url) != std::string::npos);  // the URL whole
  BOOST_TEST(f.text.find("🇲🇽") != std::string::npos);
  for (const std::string& tag : in.hashtags) {  // each hashtag whole or absent
    std::size_t at = f.text.find(tag);
    if (at == std::string::npos) continue;
    std::size_t end = at + tag.size();
    BOOST_TEST((end == f.text.size() || f.text[end] == ' ' || f.text[end] == '\n'), tag);
  }
  // The same text counted as graphemes would have fitted more: weights matter.
  BOOST_TEST(f.shortened());
}

// CJK weighs 2 a character on X: a title of 60 two-character words (299
// weighted, 180 graphemes) is cut to fit.
BOOST_AUTO_TEST_CASE(x_weighted_fit_cuts_heavy_scripts_earlier) {
  TextLimits x;
  x.max_length = kXMaxWeightedLength;
  x.count = count_x_weighted;
  std::string title;
  for (int i = 0; i < 60; ++i) title += "東京 ";
  FittedText f = fit("{title} {url}", input(title, "", {}), x);
  BOOST_TEST(f.title_shortened);
  BOOST_TEST(count_x_weighted(f.text) <= 280u);
  BOOST_TEST(count_x_weighted(f.text) > 280u - 8);  // the longest that fits: one word less is 6
  BOOST_TEST(f.text.substr(f.text.size() - kUrl.size()) == kUrl);
}

BOOST_AUTO_TEST_CASE(no_limit_ever_cuts_a_url_or_a_hashtag) {
  TemplateInput in = input(
      "Capacita IMM a su personal",
      "Detalles en https://noticias.example.mx/2021/08/10/capacita-imm/ y #Capacitación para "
      "el personal 👩‍⚖️ del IMM, ¿cuándo? ¡Ya!",
      {"#Local", "#IMM", "#EducaciónVial"});
  const std::set<std::string> whole = {kUrl, "https://noticias.example.mx/2021/08/10/capacita-imm/",
                                       "Capacitación", "Local", "IMM", "EducaciónVial"};
  TextLimits mastodon;
  mastodon.count = [](std::string_view text) { return count_mastodon(text); };
  for (TextLimits limits : {graphemes(0), mastodon}) {
    for (std::size_t max = 1; max <= 200; ++max) {
      limits.max_length = max;
      Result<FittedText> f = fit_text(compiled(kDefaultTemplate), in, limits, escape_none);
      if (!f.ok()) continue;
      BOOST_TEST(limits.count(f->text) <= max);
      std::size_t urls = 0;
      for (std::size_t p = f->text.find("https://"); p != std::string::npos;
           p = f->text.find("https://", p + 1)) {
        ++urls;
      }
      std::size_t url_facets = 0;
      for (const TextFacet& facet : find_facets(f->text)) {
        BOOST_TEST(whole.count(facet.value) == 1u, "limit " << max << ": " << facet.value);
        if (facet.kind == TextFacet::Kind::link) ++url_facets;
      }
      BOOST_TEST(urls == url_facets, "limit " << max << ": " << f->text);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
