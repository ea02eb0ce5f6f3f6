#include "feeds/markdown.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(markdown)

BOOST_AUTO_TEST_CASE(bare_url_links_without_the_final_period) {
  BOOST_TEST(markdown_to_html(
                 "Para más información sobre la labor del Instituto, comunicarse a través de la "
                 "página de Facebook del IMM: https://www.facebook.com/www.immujereschihuahua.org.  ") ==
             "<p>Para más información sobre la labor del Instituto, comunicarse a través de la "
             "página de Facebook del IMM: "
             "<a href=\"https://www.facebook.com/www.immujereschihuahua.org\">"
             "https://www.facebook.com/www.immujereschihuahua.org</a>.</p>\n");
}

BOOST_AUTO_TEST_CASE(bullet_character_lines_stay_paragraphs) {
  BOOST_TEST(markdown_to_html("•4-90-07-89 Jurídico gratuito\n\n"
                              "•4-10-23-05 Atención en situación de violencia\n") ==
             "<p>•4-90-07-89 Jurídico gratuito</p>\n"
             "<p>•4-10-23-05 Atención en situación de violencia</p>\n");
}

BOOST_AUTO_TEST_CASE(gfm_table) {
  BOOST_TEST(markdown_to_html("| Módulo | Horas |\n|---|--:|\n| Género | 20 |\n") ==
             "<table>\n<thead>\n<tr>\n<th>Módulo</th>\n<th align=\"right\">Horas</th>\n</tr>\n"
             "</thead>\n<tbody>\n<tr>\n<td>Género</td>\n<td align=\"right\">20</td>\n</tr>\n"
             "</tbody>\n</table>\n");
}

BOOST_AUTO_TEST_CASE(strikethrough) {
  BOOST_TEST(markdown_to_html("~~viejo~~ nuevo") == "<p><del>viejo</del> nuevo</p>\n");
}

BOOST_AUTO_TEST_CASE(no_smart_punctuation) {
  BOOST_TEST(markdown_to_html("\"cita\" -- 'x' ...") ==
             "<p>&quot;cita&quot; -- 'x' ...</p>\n");
}

BOOST_AUTO_TEST_CASE(raw_html_passes_through_for_the_sanitizer) {
  BOOST_TEST(markdown_to_html("a <strong>b</strong><br> <script>alert(1)</script>") ==
             "<p>a <strong>b</strong><br> <script>alert(1)</script></p>\n");
  BOOST_TEST(markdown_to_html("<iframe src=\"x\"></iframe>\n") == "<iframe src=\"x\"></iframe>\n");
}

BOOST_AUTO_TEST_CASE(relative_links_are_left_to_the_sanitizer) {
  BOOST_TEST(markdown_to_html("[a](/x/y) ![i](img.png)") ==
             "<p><a href=\"/x/y\">a</a> <img src=\"img.png\" alt=\"i\" /></p>\n");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_becomes_replacement_character) {
  BOOST_TEST(markdown_to_html("a\xff" "b") == "<p>a\xEF\xBF\xBD" "b</p>\n");
}

BOOST_AUTO_TEST_CASE(two_threads_render_the_same_output) {
  const std::string input = "~~x~~ www.example.org | a |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
  const std::string expected = markdown_to_html(input);
  std::vector<std::string> mismatches[2];
  auto work = [&](int id) {
    for (int i = 0; i < 300; ++i) {
      std::string html = markdown_to_html(input);
      if (html != expected) mismatches[id].push_back(html);
    }
  };
  std::thread first(work, 0);
  std::thread second(work, 1);
  first.join();
  second.join();
  BOOST_TEST(mismatches[0].empty());
  BOOST_TEST(mismatches[1].empty());
  BOOST_TEST(expected.find("<del>x</del>") != std::string::npos);
  BOOST_TEST(expected.find("<a href=\"http://www.example.org\">") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
