#include "feeds/post_parser.h"

#include <boost/test/unit_test.hpp>

#include <string>

#include "feeds/markdown.h"
#include "feeds/time_zone.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

PostRules seed_rules() {
  PostRules rules;
  rules.fields.id = "news_id";
  return rules;
}

const TimeZone& chihuahua() {
  static const TimeZone zone = *TimeZone::load("America/Chihuahua");
  return zone;
}

Post parse_ok(std::string_view path, std::string_view bytes, const PostRules& rules = seed_rules(),
              const TimeZone& zone = chihuahua()) {
  PostParseResult r = parse_post(path, bytes, rules, zone);
  BOOST_TEST_REQUIRE(r.post.has_value(), (r.error ? r.error->to_string() : "no post"));
  BOOST_TEST(!r.error.has_value());
  return *r.post;
}

std::string parse_error(std::string_view path, std::string_view bytes,
                        const PostRules& rules = seed_rules()) {
  PostParseResult r = parse_post(path, bytes, rules, chihuahua());
  BOOST_TEST_REQUIRE(r.error.has_value());
  BOOST_TEST(!r.post.has_value());
  return r.error->to_string();
}

const char* kMinimal =
    "---\n"
    "title: Hola\n"
    "date: 2021-08-10T16:17:00-06:00\n"
    "news_id: 7\n"
    "---\n"
    "Body\n";

BOOST_AUTO_TEST_SUITE(post_parser)

BOOST_AUTO_TEST_CASE(seed_post) {
  std::string bytes = test::read_file(test::seed_post_path());
  Post post = parse_ok("000_cd72f1639913488c.txt", bytes);
  BOOST_TEST(post.source_path == "000_cd72f1639913488c.txt");
  BOOST_TEST(post.title == "Capacita IMM a su personal sobre violencia extrema");
  BOOST_TEST(post.date.unix_seconds == 1628633820);
  BOOST_TEST(post.date.offset_minutes == -360);
  BOOST_TEST(post.date.rfc3339() == "2021-08-10T16:17:00-06:00");
  BOOST_TEST(!post.updated.has_value());
  BOOST_TEST(post.tags == (std::vector<std::string>{"IMM", "capacitación"}));
  BOOST_TEST(post.author == "");
  BOOST_TEST(post.summary ==
             "El diplomado tiene como objetivo establecer un proceso de profesionalización y "
             "actualización en temas relacionados con la aplicación de diagnósticos para "
             "determinar la problemática de las víctimas de violencia familiar y de género, así "
             "como derechos humanos de las mujeres");
  BOOST_TEST_REQUIRE(post.image.has_value());
  BOOST_TEST(post.image->url == "/uploads/2021/images-unnamed.png");
  BOOST_TEST(post.image_alt() == "Capacita IMM a su personal sobre violencia extrema");
  // The alt repeats the title: kept once.
  BOOST_TEST(post.image->alt_is_title);
  BOOST_TEST(post.image->alt.empty());
  BOOST_TEST(post.section == "Local");
  BOOST_TEST(post.id == "186509");
  BOOST_TEST(post.guid == "");
  BOOST_TEST(!post.draft);
  BOOST_TEST(post.slug() == "capacita-imm-a-su-personal-sobre-violencia-extrema");
  BOOST_TEST(!post.fields.contains("video"));
  BOOST_TEST(!post.fields.contains("audio"));
  BOOST_TEST(!post.fields.contains("author"));
  BOOST_TEST(post.fields.at("front") == "false");
  // Mapped fields live in their members only.
  BOOST_TEST(!post.fields.contains("news_id"));
  BOOST_TEST(!post.fields.contains("title"));
  BOOST_TEST(!post.fields.contains("description"));
  BOOST_TEST(!post.fields.contains("alt"));
  BOOST_TEST(post.fields.at("layout") == "post");
  BOOST_TEST(post.body_line == 21);
  BOOST_TEST(post.body.str().starts_with("\nComo parte de la capacitación constante"));
  BOOST_TEST(post.body.str().ends_with("www.immujereschihuahua.org.  "));
}

BOOST_AUTO_TEST_CASE(bom_and_crlf) {
  std::string crlf;
  for (char c : std::string(kMinimal)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  Post post = parse_ok("a.md", "\xEF\xBB\xBF" + crlf);
  BOOST_TEST(post.title == "Hola");
  BOOST_TEST(post.id == "7");
  BOOST_TEST(post.body == "Body\n");
  BOOST_TEST(post.body_line == 6);
}

BOOST_AUTO_TEST_CASE(jekyll_date_form_and_updated) {
  Post post = parse_ok("a.md",
                       "---\ntitle: x\ndate: 2021-08-10 16:17:00 -0600\n"
                       "last_modified_at: 2021-08-11\nnews_id: 1\n---\n");
  BOOST_TEST(post.date.unix_seconds == 1628633820);
  BOOST_TEST_REQUIRE(post.updated.has_value());
  BOOST_TEST(post.updated->rfc3339() == "2021-08-11T00:00:00-06:00");
  BOOST_TEST(post.body == "");
}

BOOST_AUTO_TEST_CASE(date_only_in_the_site_zone) {
  Post post = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n---\n");
  BOOST_TEST(post.date.rfc3339() == "2021-08-10T00:00:00-06:00");
  Post winter = parse_ok("a.md", "---\ntitle: x\ndate: 2021-01-10 09:30\nnews_id: 1\n---\n");
  BOOST_TEST(winter.date.rfc3339() == "2021-01-10T09:30:00-07:00");
}

BOOST_AUTO_TEST_CASE(date_slug_and_identity_from_a_jekyll_file_name) {
  PostRules rules;  // identity from the file name
  Post post = parse_ok("_posts/2021/2021-08-10-Nueva-Ciclovía.md", "---\ntitle: Otra cosa\n---\nx",
                       rules);
  BOOST_TEST(post.date.rfc3339() == "2021-08-10T00:00:00-06:00");
  BOOST_TEST(post.slug() == "nueva-ciclovía");  // Jekyll's :slug keeps letters of any script
  BOOST_TEST(post.jekyll_title_slug() == "Nueva-Ciclovía");
  BOOST_TEST(post.id == "2021-08-10-Nueva-Ciclovía");
  BOOST_TEST(post.source_path == "_posts/2021/2021-08-10-Nueva-Ciclovía.md");
}

BOOST_AUTO_TEST_CASE(front_matter_slug_wins) {
  Post post = parse_ok("2021-08-10-file-slug.md",
                       "---\ntitle: T\nslug: Mi Slug\nnews_id: 1\n---\n");
  BOOST_TEST(post.slug() == "mi-slug");
  BOOST_TEST(post.jekyll_title_slug() == "Mi-Slug");
  Post from_id = parse_ok("a.md", "---\ntitle: \"🎉\"\ndate: 2021-08-10\nnews_id: 42\n---\n");
  BOOST_TEST(from_id.slug() == "42");
  BOOST_TEST(from_id.jekyll_title_slug() == "42");
}

BOOST_AUTO_TEST_CASE(jekyll_file_name_slugs_keep_case_and_dots) {
  // Jekyll: 2015-11-15-Storage.markdown is /Storage/ under :title; the
  // trailing dots of a name are dropped; "3.0" stays under :title.
  Post storage = parse_ok("_posts/2015-11-15-Storage.markdown", "---\ntitle: x\nnews_id: 1\n---\n");
  BOOST_TEST(storage.slug() == "storage");
  BOOST_TEST(storage.jekyll_title_slug() == "Storage");
  Post version = parse_ok("_posts/2016-10-06-Jekyll-3.0...md", "---\ntitle: x\nnews_id: 1\n---\n");
  BOOST_TEST(version.slug() == "jekyll-3-0");
  BOOST_TEST(version.jekyll_title_slug() == "Jekyll-3.0");
  // Without a Jekyll name or a slug: the title, folded to ASCII, for both.
  Post titled = parse_ok("a.md", "---\ntitle: Día de Muertos\ndate: 2021-08-10\nnews_id: 1\n---\n");
  BOOST_TEST(titled.slug() == "dia-de-muertos");
  BOOST_TEST(titled.jekyll_title_slug() == "dia-de-muertos");
  BOOST_TEST(titled.title_slug.empty());  // the same text is kept once
}

BOOST_AUTO_TEST_CASE(a_slug_that_is_the_file_names_is_read_from_the_path_not_copied) {
  Post post = parse_ok("_posts/2019/2019-07-03-inaugura-a-su-personal-39172.md",
                       "---\ntitle: Inaugura\nnews_id: 39172\n---\n");
  BOOST_TEST(post.slug() == "inaugura-a-su-personal-39172");
  BOOST_TEST(post.slug_is_file_name);
  BOOST_TEST(post.slug_text.empty());  // no copy
  // Cased, or from front matter, or the file name's with trailing dots: kept.
  Post cased = parse_ok("_posts/2021-08-10-Nueva-Ciclovia.md", "---\ntitle: x\nnews_id: 1\n---\n");
  BOOST_TEST(cased.slug() == "nueva-ciclovia");
  BOOST_TEST(!cased.slug_is_file_name);
  Post given = parse_ok("_posts/2021-08-10-file-slug.md", "---\ntitle: x\nslug: otro\nnews_id: 1\n---\n");
  BOOST_TEST(given.slug() == "otro");
  BOOST_TEST(!given.slug_is_file_name);
  Post dots = parse_ok("_posts/2021-08-10-fin...md", "---\ntitle: x\nnews_id: 1\n---\n");
  BOOST_TEST(dots.slug() == "fin");
  BOOST_TEST(!dots.slug_is_file_name);
  // A copy reads the same slug; setting another keeps it.
  Post copy = post;
  BOOST_TEST(copy.slug() == "inaugura-a-su-personal-39172");
  copy.set_slug("otra-cosa");
  BOOST_TEST(copy.slug() == "otra-cosa");
  copy.set_slug("inaugura-a-su-personal-39172");
  BOOST_TEST(copy.slug_is_file_name);
}

BOOST_AUTO_TEST_CASE(without_a_description_the_excerpt_is_the_summary) {
  // Jekyll's excerpt: the first paragraph, as plain text.
  Post post = parse_ok("a.md",
                       "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n---\n\n\n"
                       "El **IMM** capacitó a su [personal](https://imm.example/) <b>hoy</b>.\n"
                       "Segunda línea.\n\nOtro párrafo.\n");
  BOOST_TEST(post.summary == "El IMM capacitó a su personal hoy. Segunda línea.");
  PostRules rules = seed_rules();
  rules.excerpt_separator = "<!--more-->";
  Post more = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n---\nUno.\n\nDos.<!--more-->Tres.\n",
                       rules);
  BOOST_TEST(more.summary == "Uno. Dos.");
  // The post's own separator wins; a description is never replaced.
  Post own = parse_ok("a.md",
                      "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\nexcerpt_separator: \"~~\"\n---\n"
                      "Uno.\n\nDos.~~Tres.\n");
  BOOST_TEST(own.summary == "Uno. Dos.");
  Post described = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\ndescription: Resumen\n---\nUno.\n");
  BOOST_TEST(described.summary == "Resumen");
  // A long first paragraph is cut at a space.
  std::string words;
  for (int i = 0; i < 200; ++i) words += "palabra ";
  Post longer = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n---\n" + words + "\n");
  BOOST_TEST(longer.summary.size() <= kMaxExcerptChars + 2);
  BOOST_TEST(longer.summary.ends_with("palabra\u2026"));
}

BOOST_AUTO_TEST_CASE(the_site_zone_offset_at_the_date_is_kept_for_permalinks) {
  Post post = parse_ok("a.md", "---\ntitle: x\ndate: 2013-05-06 02:12:52 +0200\nnews_id: 1\n---\n");
  BOOST_TEST(post.date.offset_minutes == 120);          // shown as written
  BOOST_TEST(post.site_offset_minutes == -360);          // Chihuahua, May 2013 (MDT)
}

BOOST_AUTO_TEST_CASE(tags_as_comma_separated_text) {
  Post post = parse_ok("a.md",
                       "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n"
                       "tags: \" agua, JMAS,, agua ,nil\"\n---\n");
  BOOST_TEST(post.tags == (std::vector<std::string>{"agua", "JMAS", "nil"}));
  Post list = parse_ok("a.md",
                       "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n"
                       "tags: [a, ~, nil, ' a ', b, [c], '']\n---\n");
  BOOST_TEST(list.tags == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(published_false_and_draft_true) {
  BOOST_TEST(parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\npublished: false\n---\n")
                 .draft);
  BOOST_TEST(parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\ndraft: true\n---\n")
                 .draft);
  BOOST_TEST(!parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\npublished: true\n---\n")
                  .draft);
}

BOOST_AUTO_TEST_CASE(guid_override_first_present_key) {
  Post post = parse_ok("a.md",
                       "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\nguid: nil\n"
                       "id: \"tag:old.example,2010:news/1\"\n---\n");
  BOOST_TEST(post.guid == "tag:old.example,2010:news/1");
}

BOOST_AUTO_TEST_CASE(image_map_and_text_cleaning) {
  Post post = parse_ok("a.md",
                       "---\ntitle: \"  Dos\\n  líneas \\u001D \"\ndate: 2021-08-10\nnews_id: 1\n"
                       "image:\n  path: /a.png\n  alt: \"Un  perro\"\nalt: ignored\n"
                       "author: \" Ana \"\n---\n");
  BOOST_TEST(post.title == "Dos líneas");
  BOOST_TEST(post.author == "Ana");
  BOOST_TEST_REQUIRE(post.image.has_value());
  BOOST_TEST(post.image->url == "/a.png");
  BOOST_TEST(post.image->alt == "Un perro");
  BOOST_TEST(!post.image->alt_is_title);
  BOOST_TEST(post.image_alt() == "Un perro");
  Post no_image = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\nimage: nil\nalt: y\n---\n");
  BOOST_TEST(!no_image.image.has_value());
}

BOOST_AUTO_TEST_CASE(closing_dots_and_empty_front_matter) {
  Post post = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n...\ntext");
  BOOST_TEST(post.body == "text");
  BOOST_TEST(parse_error("a.md", "---\n---\nbody") == "a.md:1:1: error: no title; add a 'title:' field");
}

BOOST_AUTO_TEST_CASE(error_yaml_syntax) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\ntags: [a, b\ndate: 2021-08-10\n---\n") ==
             "p.md:4:5: error: invalid YAML: did not find expected ',' or ']' (while parsing a "
             "flow sequence started at line 3, column 7); check the quotes, colons and "
             "indentation on this line and the one before");
  BOOST_TEST(parse_error("p.md", "---\ntitle: 'a' b\n---\n") ==
             "p.md:2:12: error: invalid YAML: did not find expected key (while parsing a block "
             "mapping started at line 2, column 1); check the quotes, colons and indentation on "
             "this line and the one before");
  BOOST_TEST(parse_error("p.md", "---\ntítulo: á: b\n---\n") ==
             "p.md:2:10: error: invalid YAML: mapping values are not allowed in this context; "
             "check the quotes, colons and indentation on this line and the one before");  // columns count characters
}

BOOST_AUTO_TEST_CASE(error_undefined_alias) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\ntags: [*nope]\n---\n") ==
             "p.md:3:8: error: invalid YAML: the alias '*nope' names no anchor defined before it; "
             "define '&nope' first or write the value out");
}

BOOST_AUTO_TEST_CASE(control_characters_are_read_as_before) {
  // YAML forbids them and libyaml refuses them; yaml-cpp read them, and the
  // text cleaning drops them from every field, so such posts still read.
  // DEL and the C1 controls go the same way (the W3C validator flags them).
  Post post = parse_ok("a.md", "---\ntitle: \"Uno\x1D dos\x7F\xC2\x9B\"\ndate: 2021-08-10\nnews_id: 1\n"
                               "x: \x01\ntags: [a\x02" "b]\n---\n");
  BOOST_TEST(post.title == "Uno dos");
  BOOST_TEST(post.tags == (std::vector<std::string>{"ab"}));
  BOOST_TEST(post.fields.at("x") == "");
  BOOST_TEST(parse_error("p.md", "---\ntitle: \x01x\ndate: [\n---\n") ==
             "p.md:4:1: error: invalid YAML: did not find expected node content; check the quotes, "
             "colons and indentation on this line and the one before");
}

BOOST_AUTO_TEST_CASE(booleans_read_as_yaml_cpp_did) {
  auto draft = [](const std::string& published) {
    return parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\npublished: " +
                                published + "\n---\n")
        .draft;
  };
  for (const char* no : {"false", "False", "FALSE", "no", "n", "Off", "'false'"}) {
    BOOST_TEST(draft(no), no);
  }
  for (const char* other : {"true", "yes", "fAlse", "0", "nil", "[false]"}) {
    BOOST_TEST(!draft(other), other);
  }
}

BOOST_AUTO_TEST_CASE(only_the_first_document_is_read) {
  Post post = parse_ok("a.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: 1\n--- x\n[\n---\n");
  BOOST_TEST(post.title == "x");
}

BOOST_AUTO_TEST_CASE(aliases_share_their_anchor) {
  Post post = parse_ok("a.md", "---\ntitle: &t Hola\ndescription: *t\ndate: 2021-08-10\n"
                               "news_id: 1\ntags: &l [a, b]\nkeywords: *l\n---\n");
  BOOST_TEST(post.summary == "Hola");
  BOOST_TEST(post.tags == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(error_not_a_map) {
  BOOST_TEST(parse_error("p.md", "---\n- a\n- b\n---\n") ==
             "p.md:2:1: error: front matter is not a set of fields; write one 'key: value' per "
             "line");
}

BOOST_AUTO_TEST_CASE(error_no_title) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: nil\ndate: 2021-08-10\nnews_id: 1\n---\n") ==
             "p.md:1:1: error: no title; add a 'title:' field");
}

BOOST_AUTO_TEST_CASE(error_no_date) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\nnews_id: 1\n---\n") ==
             "p.md:1:1: error: no date; add a 'date:' field such as 2021-08-10T16:17:00-06:00");
}

BOOST_AUTO_TEST_CASE(error_bad_date) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\ndate:   ayer\nnews_id: 1\n---\n") ==
             "p.md:3:9: error: field 'date': 'ayer' is not a date; write "
             "2021-08-10T16:17:00-06:00, 2021-08-10 16:17:00 -0600, 2021-08-10 16:17 or "
             "2021-08-10");
  BOOST_TEST(parse_error("p.md",
                         "---\ntitle: x\ndate: 2021-08-10\nlast_modified_at: 2021-13-45\n---\n") ==
             "p.md:4:19: error: field 'last_modified_at': '2021-13-45' is not a date; write "
             "2021-08-10T16:17:00-06:00, 2021-08-10 16:17:00 -0600, 2021-08-10 16:17 or "
             "2021-08-10");
}

BOOST_AUTO_TEST_CASE(error_no_identity) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: nil\n---\n") ==
             "p.md:1:1: error: no identity; add 'news_id:' with the post's permanent id "
             "(content.fields.id)");
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\ndate: 2021-08-10\nnews_id: [1]\n---\n") ==
             "p.md:4:10: error: field 'news_id' is a list or map; give it a single value");
}

BOOST_AUTO_TEST_CASE(error_invalid_utf8) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: Económ\xED" "a\n---\n") ==
             "p.md:2:14: error: invalid UTF-8 (byte 0xED); save the file as UTF-8");
}

BOOST_AUTO_TEST_CASE(error_binary) {
  BOOST_TEST(parse_error("p.md", std::string("---\ntitle: x\n\0\n---\n", 18)) ==
             "p.md: error: binary file (NUL byte at line 3); only UTF-8 text posts are read");
}

BOOST_AUTO_TEST_CASE(error_alias_bomb) {
  std::string bomb = "---\ntitle: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" +
            prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
  }
  bomb += "---\n";
  BOOST_TEST(parse_error("p.md", bomb) ==
             "p.md:3:38: error: front matter expands to more than 10000 values (repeated "
             "aliases?); write the fields out without '*' aliases or raise "
             "content.max_front_matter_nodes");
}

BOOST_AUTO_TEST_CASE(error_deep_nesting) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\nx: " + std::string(100000, '[') + "\n---\n") ==
             "p.md:3:36: error: front matter nests deeper than 32 levels; flatten the fields");
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\nx: " + std::string(100000, '{') + "\n---\n") ==
             "p.md:3:36: error: front matter nests deeper than 32 levels; flatten the fields");
  std::string dashes = "---\ntitle: x\nx:\n";
  for (int i = 0; i < 40; ++i) dashes += "- ";
  dashes += "deep\n---\n";
  BOOST_TEST(parse_error("p.md", dashes) ==
             "p.md:4:65: error: front matter nests deeper than 32 levels; flatten the fields");
  // Brackets in quoted text and comments are not nesting.
  parse_ok("p.md", "---\ntitle: \"" + std::string(50, '[') + "\"\ndate: 2021-08-10 # " +
                       std::string(50, '{') + "\nnews_id: 1\n---\n");
}

BOOST_AUTO_TEST_CASE(error_huge_file) {
  PostRules rules = seed_rules();
  rules.max_bytes = 20;
  BOOST_TEST(parse_error("p.md", kMinimal, rules) ==
             "p.md: error: file is 68 bytes, larger than the limit of 20 bytes; raise "
             "content.max_bytes or split the post");
}

BOOST_AUTO_TEST_CASE(error_no_front_matter) {
  BOOST_TEST(parse_error("p.md", "title: x\n") ==
             "p.md:1:1: error: no front matter; start the file with a line '---', the YAML "
             "fields, and another '---'");
  BOOST_TEST(parse_error("p.md", "") ==
             "p.md:1:1: error: no front matter; start the file with a line '---', the YAML "
             "fields, and another '---'");
}

BOOST_AUTO_TEST_CASE(error_unterminated_front_matter) {
  BOOST_TEST(parse_error("p.md", "---\ntitle: x\n\nbody\n") ==
             "p.md:1:1: error: front matter opened at line 1 is never closed; end it with a "
             "line '---' before the text");
}

BOOST_AUTO_TEST_CASE(liquid_left_as_text_is_a_warning_at_its_line_and_column) {
  PostRules rules = seed_rules();
  const std::string text = "---\nnews_id: 7\ntitle: Con Liquid\ndate: 2024-01-10\n---\n"
                           "Primera línea.\n\nAñadió {% include pie.html %} aquí.\n";
  PostParseResult r = parse_post("_posts/liquid.md", text, rules, chihuahua());
  BOOST_TEST_REQUIRE(r.post.has_value());
  BOOST_TEST_REQUIRE(r.warnings.size() == 1u);
  BOOST_TEST(r.warnings[0].to_string() ==
             "_posts/liquid.md:8:8: warning: '{% include pie.html %}' is left as text: herald renders the "
             "Liquid tags raw, comment, highlight, link and post_url (see docs/posts.md)");
  // The excerpt renders what it can: no tag text in the summary.
  BOOST_TEST(parse_ok("p.md", "---\nnews_id: 8\ntitle: T\ndate: 2024-01-10\n---\n"
                              "{% comment %}nota{% endcomment %}Hola {{ page.title }}.\n", rules)
                 .summary == "Hola T.");
  rules.liquid = false;  // content.liquid: false
  PostParseResult off = parse_post("_posts/liquid.md", text, rules, chihuahua());
  BOOST_TEST(off.warnings.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
