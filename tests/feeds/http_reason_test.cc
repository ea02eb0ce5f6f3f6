#include "feeds/http_reason.h"

#include <boost/beast/http/status.hpp>
#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(http_reason)

BOOST_AUTO_TEST_CASE(registered_codes_have_their_phrase) {
  BOOST_TEST(http_reason_phrase(410) == "Gone");
  BOOST_TEST(http_reason_phrase(429) == "Too Many Requests");
  BOOST_TEST(http_reason_phrase(425) == "");
  BOOST_TEST(http_reason_phrase(0) == "");
  BOOST_TEST(http_reason_phrase(-1) == "");
}

// The server's responses name statuses through Beast: both say the same.
BOOST_AUTO_TEST_CASE(the_same_phrases_as_the_server) {
  namespace http = boost::beast::http;
  for (unsigned code = 0; code < 1000; ++code) {
    http::status status = http::int_to_status(code);
    std::string_view beast;
    if (status != http::status::unknown) {
      auto phrase = http::obsolete_reason(status);
      beast = std::string_view(phrase.data(), phrase.size());
    }
    BOOST_TEST(http_reason_phrase(static_cast<int>(code)) == beast, "status " << code);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
