// Edit distance and the "did you mean" message.
#include "config/suggestion.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(suggestion)

BOOST_AUTO_TEST_CASE(edit_distance_counts_single_character_edits) {
  BOOST_TEST(edit_distance("", "") == 0u);
  BOOST_TEST(edit_distance("title", "title") == 0u);
  BOOST_TEST(edit_distance("titel", "title") == 2u);
  BOOST_TEST(edit_distance("tite", "title") == 1u);
  BOOST_TEST(edit_distance("", "url") == 3u);
  BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
}

BOOST_AUTO_TEST_CASE(closest_name_within_two_edits) {
  std::vector<std::string> keys = {"title", "url", "author"};
  BOOST_TEST(closest_name("titel", keys) == "title");
  BOOST_TEST(closest_name("uri", keys) == "url");
  BOOST_TEST(closest_name("autor", keys) == "author");
  BOOST_TEST(closest_name("colour", keys) == "");
}

BOOST_AUTO_TEST_CASE(message_with_and_without_suggestion) {
  std::vector<std::string> formats = {"rss", "atom", "json"};
  BOOST_TEST(unknown_name_message("format", "jsn", "", formats) ==
             "unknown format 'jsn'; did you mean 'json'? (expected one of: rss, atom, json)");
  BOOST_TEST(unknown_name_message("key", "rs", " in 'feeds'", formats) ==
             "unknown key 'rs' in 'feeds'; did you mean 'rss'? (expected one of: rss, atom, "
             "json)");
  BOOST_TEST(unknown_name_message("key", "html", " in 'feeds'", formats) ==
             "unknown key 'html' in 'feeds' (expected one of: rss, atom, json)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
