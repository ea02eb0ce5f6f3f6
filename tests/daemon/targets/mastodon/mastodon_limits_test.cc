#include "daemon/targets/mastodon/mastodon_limits.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace herald {
namespace {

MastodonLimits parsed(const std::string& body, std::int64_t now_ms = 5) {
  Result<MastodonLimits> limits = parse_mastodon_instance(body, now_ms);
  BOOST_TEST_REQUIRE(limits.ok(), limits.error());
  return *limits;
}

BOOST_AUTO_TEST_SUITE(mastodon_limits)

BOOST_AUTO_TEST_CASE(v2_configuration_is_read) {
  MastodonLimits limits = parsed(
      R"({"domain":"mastodon.example","configuration":{"urls":{},"statuses":{"max_characters":120,)"
      R"("max_media_attachments":2,"characters_reserved_per_url":30},)"
      R"("media_attachments":{"supported_mime_types":["image/jpeg","image/png"],)"
      R"("image_size_limit":1048576,"image_matrix_limit":16777216}}})",
      42);
  BOOST_TEST(limits.max_characters == 120u);
  BOOST_TEST(limits.max_media_attachments == 2u);
  BOOST_TEST(limits.characters_reserved_per_url == 30u);
  BOOST_TEST(limits.image_size_limit == 1048576u);
  BOOST_TEST(limits.supported_mime_types == (std::vector<std::string>{"image/jpeg", "image/png"}));
  BOOST_TEST(limits.fetched_ms == 42);
}

BOOST_AUTO_TEST_CASE(missing_or_odd_values_keep_the_defaults) {
  MastodonLimits limits = parsed(R"({"configuration":{"statuses":{"max_characters":0,)"
                                 R"("characters_reserved_per_url":"23"}}})");
  BOOST_TEST(limits.max_characters == 500u);
  BOOST_TEST(limits.max_media_attachments == 4u);
  BOOST_TEST(limits.characters_reserved_per_url == 23u);
  BOOST_TEST(limits.image_size_limit == 16u * 1024 * 1024);
  BOOST_TEST(limits.supported_mime_types.empty());
}

BOOST_AUTO_TEST_CASE(v1_max_toot_chars_is_read) {
  BOOST_TEST(parsed(R"({"uri":"pleroma.example","max_toot_chars":5000})").max_characters == 5000u);
  // configuration wins over the older member.
  BOOST_TEST(parsed(R"({"max_toot_chars":5000,"configuration":{"statuses":{"max_characters":600}}})")
                 .max_characters == 600u);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_a_json_object_is_an_error) {
  Result<MastodonLimits> html = parse_mastodon_instance("<html>", 0);
  BOOST_TEST(!html.ok());
  BOOST_TEST(html.error().rfind("instance: not JSON: ", 0) == 0);
  Result<MastodonLimits> array = parse_mastodon_instance("[1]", 0);
  BOOST_TEST(!array.ok());
  BOOST_TEST(array.error() == "instance: not an object");
}

BOOST_AUTO_TEST_CASE(state_round_trips) {
  MastodonLimits limits;
  limits.max_characters = 1000;
  limits.characters_reserved_per_url = 25;
  limits.image_size_limit = 2000000;
  limits.supported_mime_types = {"image/png"};
  limits.fetched_ms = 1700000000123;
  std::optional<MastodonLimits> back = read_mastodon_limits_state(mastodon_limits_state(limits));
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST(back->max_characters == 1000u);
  BOOST_TEST(back->max_media_attachments == 4u);
  BOOST_TEST(back->characters_reserved_per_url == 25u);
  BOOST_TEST(back->image_size_limit == 2000000u);
  BOOST_TEST(back->supported_mime_types == limits.supported_mime_types);
  BOOST_TEST(back->fetched_ms == 1700000000123);
  BOOST_TEST(!read_mastodon_limits_state("nonsense").has_value());
  BOOST_TEST(!read_mastodon_limits_state("{}").has_value());
}

BOOST_AUTO_TEST_CASE(freshness_lasts_a_day) {
  MastodonLimits limits;
  limits.fetched_ms = 1000;
  BOOST_TEST(limits.fresh(1000 + kMastodonLimitsMaxAgeMs - 1));
  BOOST_TEST(!limits.fresh(1000 + kMastodonLimitsMaxAgeMs));
}

BOOST_AUTO_TEST_CASE(accepted_image_types) {
  MastodonLimits limits;
  BOOST_TEST(limits.accepts("image/webp"));
  BOOST_TEST(!limits.accepts("text/html; charset=utf-8"));
  BOOST_TEST(!limits.accepts(""));
  limits.supported_mime_types = {"image/jpeg", "image/png"};
  BOOST_TEST(limits.accepts("Image/PNG; q=1"));
  BOOST_TEST(!limits.accepts("image/webp"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
