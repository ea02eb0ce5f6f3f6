#include "daemon/site/post_record.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

Post full_post() {
  Post p;
  p.source_path = "_posts/2021/2021-08-10-capacita.md";
  p.id = "39172";
  p.guid = "urn:uuid:1234";
  p.title = "Capacita \"IMM\" a su personal 🎉 <&>";
  p.date = Timestamp{1628633820, -360};
  p.updated = Timestamp{1628640000, 120};
  p.author = "Dirección de Comunicación";
  p.summary = "Línea uno\nlínea dos\ttab \\ barra";
  p.section = "Economía";
  p.tags = {"IMM", "C++ & más", "niñez"};
  p.image = Image{"/uploads/2021/a b.png", "Texto \"alt\""};
  p.draft = true;
  p.set_slug("capacita-3.0");
  p.title_slug = "Capacita-3.0";
  p.site_offset_minutes = -360;
  p.body = "not stored";
  p.body_line = 17;
  p.fields = {{"title", "Capacita"}, {"news_id", "39172"}, {"front", "true"}, {"ñ", "😀"}, {"", "empty key"}};
  return p;
}

void check_equal(const Post& a, const Post& b) {
  BOOST_TEST(a.source_path == b.source_path);
  BOOST_TEST(a.id == b.id);
  BOOST_TEST(a.guid == b.guid);
  BOOST_TEST(a.title == b.title);
  BOOST_TEST(a.date.unix_seconds == b.date.unix_seconds);
  BOOST_TEST(a.date.offset_minutes == b.date.offset_minutes);
  BOOST_TEST(a.updated.has_value() == b.updated.has_value());
  if (a.updated && b.updated) {
    BOOST_TEST(a.updated->unix_seconds == b.updated->unix_seconds);
    BOOST_TEST(a.updated->offset_minutes == b.updated->offset_minutes);
  }
  BOOST_TEST(a.author == b.author);
  BOOST_TEST(a.summary == b.summary);
  BOOST_TEST(a.section == b.section);
  BOOST_TEST(a.tags == b.tags, boost::test_tools::per_element());
  BOOST_TEST(a.image.has_value() == b.image.has_value());
  if (a.image && b.image) {
    BOOST_TEST(a.image->url == b.image->url);
    BOOST_TEST(a.image_alt() == b.image_alt());
  }
  BOOST_TEST(a.draft == b.draft);
  BOOST_TEST(a.slug() == b.slug());
  BOOST_TEST(a.title_slug == b.title_slug);
  BOOST_TEST(a.site_offset_minutes == b.site_offset_minutes);
  BOOST_TEST(a.body_line == b.body_line);
  BOOST_TEST((a.fields == b.fields));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(post_record)

BOOST_AUTO_TEST_CASE(round_trips_every_field_but_the_body) {
  Post p = full_post();
  Result<Post> back = decode_post_record(encode_post_record(p), p.source_path);
  BOOST_REQUIRE_MESSAGE(back.ok(), back.error());
  BOOST_TEST(back->body.empty());
  check_equal(p, *back);
}

BOOST_AUTO_TEST_CASE(round_trips_absent_optionals_and_empty_collections) {
  Post p;
  p.source_path = "a.md";
  p.id = "a";
  p.title = "A";
  p.date = Timestamp{-86400, 0};  // before 1970
  Result<Post> back = decode_post_record(encode_post_record(p), "a.md");
  BOOST_REQUIRE_MESSAGE(back.ok(), back.error());
  check_equal(p, *back);
}

BOOST_AUTO_TEST_CASE(a_title_slug_equal_to_the_slug_is_kept_once) {
  // Records of an older herald hold both; the post keeps the text once.
  Post p = full_post();
  p.title_slug = std::string(p.slug());
  Result<Post> back = decode_post_record(encode_post_record(p), p.source_path);
  BOOST_REQUIRE_MESSAGE(back.ok(), back.error());
  BOOST_TEST(back->title_slug.empty());
  BOOST_TEST(back->jekyll_title_slug() == "capacita-3.0");
}

BOOST_AUTO_TEST_CASE(a_slug_that_is_the_file_names_is_read_back_from_the_path) {
  Post p = full_post();
  p.set_slug("capacita");
  BOOST_TEST(p.slug_is_file_name);
  Result<Post> back = decode_post_record(encode_post_record(p), p.source_path);
  BOOST_REQUIRE_MESSAGE(back.ok(), back.error());
  BOOST_TEST(back->slug() == "capacita");
  BOOST_TEST(back->slug_is_file_name);
  BOOST_TEST(back->slug_text.empty());
}

BOOST_AUTO_TEST_CASE(an_image_alt_equal_to_the_title_is_kept_once) {
  Post p = full_post();
  p.image->alt = p.title;
  Result<Post> back = decode_post_record(encode_post_record(p), p.source_path);
  BOOST_REQUIRE_MESSAGE(back.ok(), back.error());
  BOOST_TEST(back->image->alt.empty());
  BOOST_TEST(back->image->alt_is_title);
  BOOST_TEST(back->image_alt() == p.title);
  // The record holds the alt itself: the same bytes either way.
  BOOST_TEST(encode_post_record(*back) == encode_post_record(p));
}

BOOST_AUTO_TEST_CASE(record_leads_with_its_version_and_omits_body) {
  std::string bytes = encode_post_record(full_post());
  BOOST_TEST(bytes.rfind("[3,", 0) == 0u);
  BOOST_TEST(bytes.find("not stored") == std::string::npos);
  BOOST_TEST(bytes.find("_posts/") == std::string::npos);  // the path is the store's key
}

BOOST_AUTO_TEST_CASE(refuses_other_versions_and_damaged_records) {
  std::string bytes = encode_post_record(full_post());
  std::string other_version = "[1" + bytes.substr(2);
  BOOST_TEST(decode_post_record(other_version, "a.md").error() == "a post record of another version");
  BOOST_TEST(decode_post_record(bytes.substr(0, bytes.size() - 1), "a.md").error() == "not a post record");
  BOOST_TEST(decode_post_record("{}", "a.md").error() == "not a post record");
  BOOST_TEST(decode_post_record("[3,2,3]", "a.md").error() == "not a post record");
  BOOST_TEST(decode_post_record("[3,5,\"\",\"t\",[0,0],null,\"\",\"\",\"\",[],null,false,\"s\",1,{},\"S\",0]", "a.md").error() == "a text field is not a string");
  BOOST_TEST(decode_post_record("[3,\"i\",\"\",\"t\",[0],null,\"\",\"\",\"\",[],null,false,\"s\",1,{},\"S\",0]", "a.md").error() == "a date is not [seconds, offset]");
  BOOST_TEST(decode_post_record("[3,\"i\",\"\",\"t\",[0,0],null,\"\",\"\",\"\",[],null,false,\"s\",1,{},\"S\",0]", "a.md").ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
