#include "daemon/text/text_template.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace herald {
namespace {

TemplateInput seed_input() {
  TemplateInput input;
  input.title = "Capacita IMM a su personal sobre violencia extrema";
  input.url = "https://noticias.example.mx/2021/08/10/capacita-imm/";
  input.summary = "El diplomado tiene como objetivo la profesionalización del personal.";
  input.section = "Local";
  input.date = "10 de agosto de 2021";
  input.tags = "IMM, capacitación";
  input.image_alt = "Personal del IMM en el diplomado";
  input.hashtags = {"#Local", "#IMM", "#capacitación"};
  input.fields = {{"municipio", "Chihuahua"}, {"front", "false"}};
  return input;
}

TextTemplate compiled(std::string_view text) {
  TemplateError error;
  std::optional<TextTemplate> tmpl = TextTemplate::compile(text, &error);
  BOOST_TEST_REQUIRE(tmpl.has_value(), error.to_string());
  return *tmpl;
}

TemplateError compile_error(std::string_view text) {
  TemplateError error;
  BOOST_TEST(!TextTemplate::compile(text, &error).has_value());
  return error;
}

BOOST_AUTO_TEST_SUITE(text_template)

BOOST_AUTO_TEST_CASE(default_template_renders_the_seed) {
  BOOST_TEST(compiled(kDefaultTemplate).render(seed_input()) ==
             "Capacita IMM a su personal sobre violencia extrema\n\n"
             "El diplomado tiene como objetivo la profesionalización del personal.\n\n"
             "https://noticias.example.mx/2021/08/10/capacita-imm/\n\n"
             "#Local #IMM #capacitación");
}

BOOST_AUTO_TEST_CASE(empty_values_leave_no_hole) {
  TemplateInput input = seed_input();
  input.summary = "";
  input.hashtags.clear();
  BOOST_TEST(compiled(kDefaultTemplate).render(input) ==
             "Capacita IMM a su personal sobre violencia extrema\n\n"
             "https://noticias.example.mx/2021/08/10/capacita-imm/");
  BOOST_TEST(compiled("{hashtags} {title} {summary}").render(input) ==
             "Capacita IMM a su personal sobre violencia extrema");
}

BOOST_AUTO_TEST_CASE(every_name_and_front_matter_fields) {
  TextTemplate tmpl = compiled(
      "[{section}] {title} ({date})\n{tags} | {image_alt} | {municipio} | {sin_valor}|\n{url}");
  BOOST_TEST(tmpl.render(seed_input()) ==
             "[Local] Capacita IMM a su personal sobre violencia extrema (10 de agosto de 2021)\n"
             "IMM, capacitación | Personal del IMM en el diplomado | Chihuahua | |\n"
             "https://noticias.example.mx/2021/08/10/capacita-imm/");
  std::vector<std::string> names = {"section", "title", "date",      "tags",
                                    "image_alt", "municipio", "sin_valor", "url"};
  BOOST_TEST(tmpl.names() == names, boost::test_tools::per_element());
  BOOST_TEST(tmpl.uses("municipio"));
  BOOST_TEST(!tmpl.uses("summary"));
}

BOOST_AUTO_TEST_CASE(names_listed_once_in_first_use_order) {
  std::vector<std::string> names = {"url", "title"};
  BOOST_TEST(compiled("{url} {title} {url}").names() == names, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(select_on_a_value) {
  TextTemplate tmpl = compiled("{section, select, Local {📍 {title}} other {{section}: {title}}}");
  TemplateInput input = seed_input();
  input.title = "Obra";
  BOOST_TEST(tmpl.render(input) == "📍 Obra");
  input.section = "Deportes";
  BOOST_TEST(tmpl.render(input) == "Deportes: Obra");
}

BOOST_AUTO_TEST_CASE(spanish_punctuation_and_apostrophes) {
  TemplateInput input = seed_input();
  input.title = "¿Qué pasó? ¡Sí!";
  BOOST_TEST(compiled("¡Nuevo! {title} — l'info").render(input) == "¡Nuevo! ¿Qué pasó? ¡Sí! — l'info");
  BOOST_TEST(compiled("'{title}' y d''{title}").render(input) == "{title} y d'¿Qué pasó? ¡Sí!");
}

BOOST_AUTO_TEST_CASE(little_text_escapes_reserved_characters_outside_urls_and_hashtags) {
  BOOST_TEST(escape_little_text("Obras (2ª etapa) [aviso] <b> @alcaldía #1 a*b_c~d|e{f}g\\h") ==
             "Obras \\(2ª etapa\\) \\[aviso\\] \\<b\\> \\@alcaldía \\#1 a\\*b\\_c\\~d\\|e\\{f\\}g\\\\h");
  BOOST_TEST(escape_little_text("#Capacitación #IgualdadDeGénero") == "#Capacitación #IgualdadDeGénero");
  BOOST_TEST(escape_little_text("Lee https://noticias.example.mx/a_b/(c) ya (hoy) 🇲🇽") ==
             "Lee https://noticias.example.mx/a_b/(c) ya \\(hoy\\) 🇲🇽");
  BOOST_TEST(escape_little_text("") == "");
}

BOOST_AUTO_TEST_CASE(escapers_touch_values_not_the_template) {
  TemplateInput input = seed_input();
  input.title = "Agua & drenaje <obras> \"2021\" 'ya'";
  TextTemplate tmpl = compiled("<b>{title}</b>");
  BOOST_TEST(tmpl.render(input) == "<b>Agua & drenaje <obras> \"2021\" 'ya'</b>");
  BOOST_TEST(tmpl.render(input, escape_html) ==
             "<b>Agua &amp; drenaje &lt;obras&gt; &quot;2021&quot; 'ya'</b>");
  BOOST_TEST(tmpl.render(input, escape_slack) ==
             "<b>Agua &amp; drenaje &lt;obras&gt; \"2021\" 'ya'</b>");
  BOOST_TEST(escape_none("a&b") == "a&b");
}

BOOST_AUTO_TEST_CASE(tidy_collapses_blank_lines_and_trims) {
  BOOST_TEST(tidy_rendered_text("\n \n  a  \n\n\n \t\n b\t\n\n") == "a\n\n b");
  BOOST_TEST(tidy_rendered_text("a\nb\n\nc") == "a\nb\n\nc");
  BOOST_TEST(tidy_rendered_text(" \n\t\n") == "");
}

BOOST_AUTO_TEST_CASE(syntax_errors_say_where_and_what) {
  TemplateError e = compile_error("{title}\nHola {summary");
  BOOST_TEST(e.to_string() == "line 2, column 6: unmatched '{': close every argument with '}'");
  BOOST_TEST(e.offset == 13u);
  e = compile_error("{title} '{' {summary");  // the quoted { is text
  BOOST_TEST(e.to_string() == "line 1, column 13: unmatched '{': close every argument with '}'");

  e = compile_error("Título: {0}");
  BOOST_TEST(e.to_string() == "line 1, column 10: argument {0}: use a name such as {title}");
  BOOST_TEST(e.offset == 10u);  // "Título: {" is 10 bytes (í is 2)

  e = compile_error("{title, number}");
  BOOST_TEST(e.to_string() ==
             "line 1, column 2: argument {title}: only {title} and {title, select, ...} are supported");

  e = compile_error("ñ {}");  // ICU points at what is wrong: the missing name
  BOOST_TEST(e.to_string() == "line 1, column 4: bad argument: write {name} or {name, select, ...}");

  e = compile_error("{título con espacios}");
  BOOST_TEST(e.to_string() == "line 1, column 2: bad argument: write {name} or {name, select, ...}");
}

BOOST_AUTO_TEST_CASE(long_date_in_the_language) {
  BOOST_TEST(long_date("2021-08-10T16:17:00-06:00") == "10 de agosto de 2021");
  // 23:30 at -06:00 is already the 30th in UTC: the post's own offset counts.
  BOOST_TEST(long_date("2026-11-29T23:30:00-06:00", "es-MX") == "29 de noviembre de 2026");
  BOOST_TEST(long_date("2026-11-29T23:30:00-06:00", "") == "29 de noviembre de 2026");
  BOOST_TEST(long_date("2021-08-10T16:17:00Z", "en") == "August 10, 2021");
  BOOST_TEST(long_date("ayer") == "");
}

BOOST_AUTO_TEST_CASE(input_from_a_snapshot) {
  SnapshotFields post;
  post.title = "Obra";
  post.url = "https://x.mx/obra/";
  post.summary = "Resumen";
  post.date = "2026-11-29T10:00:00-06:00";
  post.section = "local";
  post.section_name = "Local";
  post.tags = {"IMM", "capacitación"};
  post.image_alt = "Foto";
  post.fields = {{"municipio", "Chihuahua"}};
  TemplateInput input = template_input(post, {"#Local"});
  BOOST_TEST(input.title == "Obra");
  BOOST_TEST(input.url == "https://x.mx/obra/");
  BOOST_TEST(input.summary == "Resumen");
  BOOST_TEST(input.section == "Local");
  BOOST_TEST(input.date == "29 de noviembre de 2026");
  BOOST_TEST(input.tags == "IMM, capacitación");
  BOOST_TEST(input.image_alt == "Foto");
  BOOST_TEST(input.hashtags == std::vector<std::string>{"#Local"}, boost::test_tools::per_element());
  BOOST_TEST(input.fields.at("municipio") == "Chihuahua");
  post.section_name = "";
  BOOST_TEST(template_input(post, {}).section == "local");
}

BOOST_AUTO_TEST_CASE(defaults_compile) {
  for (std::string_view text : {kDefaultTemplate, kMastodonTemplate, kBlueskyTemplate,
                                kDiscordTemplate, kSlackTemplate, kTelegramTemplate,
                                kMatrixTemplate}) {
    TemplateError error;
    BOOST_TEST(TextTemplate::compile(text, &error).has_value(), std::string(text));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
