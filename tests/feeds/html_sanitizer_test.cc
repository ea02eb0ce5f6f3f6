#include "feeds/html_sanitizer.h"

#include <boost/test/unit_test.hpp>
#include <pugixml.hpp>
#include <pthread.h>

#include <string>

#include "feeds/markdown.h"

namespace herald {
namespace {

constexpr std::string_view kBase = "https://example.org/noticias/2021/08/10/slug/";

std::string sanitize(std::string_view html) { return sanitize_html(html, kBase); }

// What the feed writers do with the output: embed it in an element.
bool well_formed_inside_div(const std::string& fragment) {
  pugi::xml_document document;
  std::string xml = "<div>" + fragment + "</div>";
  return document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
}

BOOST_AUTO_TEST_SUITE(html_sanitizer)

BOOST_AUTO_TEST_CASE(seed_post_last_line_end_to_end) {
  std::string markdown =
      "Para más información sobre la labor del Instituto, comunicarse a través de la página de "
      "Facebook del IMM: https://www.facebook.com/www.immujereschihuahua.org.  ";
  BOOST_TEST(sanitize(markdown_to_html(markdown)) ==
             "<p>Para más información sobre la labor del Instituto, comunicarse a través de la "
             "página de Facebook del IMM: "
             "<a href=\"https://www.facebook.com/www.immujereschihuahua.org\">"
             "https://www.facebook.com/www.immujereschihuahua.org</a>.</p>\n");
}

BOOST_AUTO_TEST_CASE(table_kept) {
  BOOST_TEST(sanitize(markdown_to_html("| a | b |\n|---|:-:|\n| 1 | 2 |\n")) ==
             "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"center\">b</th>\n</tr>\n</thead>\n"
             "<tbody>\n<tr>\n<td>1</td>\n<td align=\"center\">2</td>\n</tr>\n</tbody>\n</table>\n");
}

BOOST_AUTO_TEST_CASE(relative_urls_resolved_against_the_post) {
  BOOST_TEST(sanitize(markdown_to_html("[a](/x/y) ![i](img.png)")) ==
             "<p><a href=\"https://example.org/x/y\">a</a> "
             "<img src=\"https://example.org/noticias/2021/08/10/slug/img.png\" alt=\"i\"/></p>\n");
  BOOST_TEST(sanitize("<a href=\"#nota\">n</a>") ==
             "<a href=\"https://example.org/noticias/2021/08/10/slug/#nota\">n</a>");
  BOOST_TEST(sanitize("<blockquote cite=\"../fuente\">c</blockquote>") ==
             "<blockquote cite=\"https://example.org/noticias/2021/08/10/fuente\">c</blockquote>");
  BOOST_TEST(sanitize("<video src=\"v.mp4\" poster=\"/p.jpg\" controls></video>") ==
             "<video src=\"https://example.org/noticias/2021/08/10/slug/v.mp4\" "
             "poster=\"https://example.org/p.jpg\" controls=\"\"></video>");
}

BOOST_AUTO_TEST_CASE(srcset_candidates_resolved) {
  BOOST_TEST(sanitize("<picture><source srcset=\"a.png 1x, /b.png 2x\"><img src=a.png></picture>") ==
             "<picture><source srcset=\"https://example.org/noticias/2021/08/10/slug/a.png 1x, "
             "https://example.org/b.png 2x\"/>"
             "<img src=\"https://example.org/noticias/2021/08/10/slug/a.png\"/></picture>");
  BOOST_TEST(sanitize("<img srcset=\"a.png 1x, javascript:alert(1) 2x\">") == "<img/>");
}

BOOST_AUTO_TEST_CASE(scripts_and_embeds_dropped_with_content) {
  BOOST_TEST(sanitize("a<script>alert(1)</script>b") == "ab");
  BOOST_TEST(sanitize("a<iframe src=\"https://evil.example/\">x</iframe>b") == "ab");
  BOOST_TEST(sanitize("a<style>p{color:red}</style>b") == "ab");
  BOOST_TEST(sanitize("a<svg onload=alert(1)><a href=\"/x\">x</a></svg>b") == "ab");
  BOOST_TEST(sanitize("a<object data=x>o</object><form><input><button>b</button></form>c") == "ac");
  BOOST_TEST(sanitize("a<math><mi>x</mi></math><noscript>n</noscript><template>t</template>b") ==
             "ab");
}

BOOST_AUTO_TEST_CASE(event_handlers_and_styles_dropped) {
  BOOST_TEST(sanitize("<img src=x onerror=alert(1)>") ==
             "<img src=\"https://example.org/noticias/2021/08/10/slug/x\"/>");
  BOOST_TEST(sanitize("<p class=\"c\" id=\"i\" style=\"color:red\" onclick=\"f()\" lang=\"es\">t</p>") ==
             "<p lang=\"es\">t</p>");
}

BOOST_AUTO_TEST_CASE(script_urls_dropped) {
  BOOST_TEST(sanitize("<a href=\"javascript:alert(1)\">x</a>") == "<a>x</a>");
  BOOST_TEST(sanitize("<a href=\" JaVaScRiPt:alert(1)\">x</a>") == "<a>x</a>");
  BOOST_TEST(sanitize("<a href=\"jav&#x09;ascript:alert(1)\">x</a>") == "<a>x</a>");
  BOOST_TEST(sanitize("<a href=\"java\x01script:alert(1)\">x</a>") == "<a>x</a>");
  BOOST_TEST(sanitize("<a href=\"javascript&colon;alert(1)\">x</a>") == "<a>x</a>");
  BOOST_TEST(sanitize("<img src=\"data:text/html,x\">") == "<img/>");
}

BOOST_AUTO_TEST_CASE(safe_schemes_kept) {
  BOOST_TEST(sanitize("<a href=\"mailto:imm@example.org\">m</a><a href=\"tel:+526144102305\">t</a>") ==
             "<a href=\"mailto:imm@example.org\">m</a><a href=\"tel:+526144102305\">t</a>");
  BOOST_TEST(sanitize("<img src=\"data:image/png;base64,iVBORw0KGgo=\">") ==
             "<img src=\"data:image/png;base64,iVBORw0KGgo=\"/>");
  BOOST_TEST(sanitize("<a href=\"https://example.org/pá gina\">p</a>") ==
             "<a href=\"https://example.org/p%C3%A1%20gina\">p</a>");
}

BOOST_AUTO_TEST_CASE(safe_markup_kept) {
  BOOST_TEST(sanitize("<strong>fuerte</strong><br><em>é</em><hr>") ==
             "<strong>fuerte</strong><br/><em>é</em><hr/>");
}

BOOST_AUTO_TEST_CASE(unknown_elements_unwrapped_comments_dropped) {
  BOOST_TEST(sanitize("<!DOCTYPE html><x-card>a<b>b</b></x-card><font>c</font><!-- nota -->") ==
             "a<b>b</b>c");
}

BOOST_AUTO_TEST_CASE(empty_elements_keep_their_end_tag) {
  BOOST_TEST(sanitize("<p></p><div></div><a href=\"/\"></a><td></td>") ==
             "<p></p><div></div><a href=\"https://example.org/\"></a>");
}

BOOST_AUTO_TEST_CASE(xml_forbidden_characters_removed) {
  BOOST_TEST(sanitize("<p>a\x1d" "b\xEF\xBF\xBE" "c</p>") == "<p>abc</p>");
  BOOST_TEST(sanitize("<p title=\"x\x1dy\">a&#x1d;b&#xfffe;c</p>") == "<p title=\"xy\">abc</p>");
}

BOOST_AUTO_TEST_CASE(cdata_end_in_text_stays_well_formed) {
  std::string out = sanitize("<p>a ]]> b</p>");
  BOOST_TEST(out == "<p>a ]]&gt; b</p>");
  BOOST_TEST(well_formed_inside_div(out));
}

BOOST_AUTO_TEST_CASE(spanish_text_stays_utf8) {
  BOOST_TEST(sanitize("<p>Atención en situación, niños &amp; “comillas”</p>") ==
             "<p>Atención en situación, niños &amp; “comillas”</p>");
  BOOST_TEST(sanitize("<p>&aacute;&ntilde;</p>") == "<p>áñ</p>");
}

BOOST_AUTO_TEST_CASE(preformatted_whitespace_kept) {
  BOOST_TEST(sanitize(markdown_to_html("```\n  a  b\n\n\tc\n```\n")) ==
             "<pre><code>  a  b\n\n\tc\n</code></pre>\n");
  BOOST_TEST(sanitize("<pre>\n\n x</pre><pre>\ny</pre>") == "<pre>\n\n x</pre><pre>y</pre>");
}

BOOST_AUTO_TEST_CASE(hostile_input_is_well_formed_xml) {
  std::string out = sanitize(
      "<p>x<b><i>y</p></b><table><td>z<tr>q</table><a href='\"'>&lt;&amp;</a><img alt=\"<&>\" "
      "title='\"'>\x1d<![CDATA[x]]><?php ?></p></div></body></html><p>after");
  BOOST_TEST(well_formed_inside_div(out), out);
}

// The walk uses no stack per level: 4,000 nested elements (the most the
// Markdown budgets let through is about that) sanitise on a 512 KiB stack,
// where a recursive walk needs several times that.
BOOST_AUTO_TEST_CASE(deep_nesting_walks_without_recursion) {
  constexpr int kDepth = 4000;
  std::string html;
  for (int i = 0; i < kDepth; ++i) html += "<blockquote>";
  html += "a";
  struct Job {
    std::string_view html;
    std::string out;
  } job{html, ""};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    j->out = sanitize_html(j->html, kBase);
    return nullptr;
  };
  BOOST_TEST_REQUIRE(pthread_create(&thread, &attr, run, &job) == 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  std::string expected;
  for (int i = 0; i < kDepth; ++i) expected += "<blockquote>";
  expected += "a";
  for (int i = 0; i < kDepth; ++i) expected += "</blockquote>";
  BOOST_TEST(job.out == expected);
}

BOOST_AUTO_TEST_CASE(resolve_url_against_base) {
  BOOST_TEST(resolve_url(kBase, "/x/y") == "https://example.org/x/y");
  BOOST_TEST(resolve_url(kBase, "img.png") == "https://example.org/noticias/2021/08/10/slug/img.png");
  BOOST_TEST(resolve_url("https://example.org", "uploads/a b.png") ==
             "https://example.org/uploads/a%20b.png");
  BOOST_TEST(resolve_url(kBase, "https://other.example/a") == "https://other.example/a");
  BOOST_TEST(resolve_url(kBase, " /x\n") == "https://example.org/x");
  BOOST_TEST(resolve_url("not a url", "/x") == "/x");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
