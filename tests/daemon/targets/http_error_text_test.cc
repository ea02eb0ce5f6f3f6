#include "daemon/targets/http_error_text.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(http_error_text)

BOOST_AUTO_TEST_CASE(redacts_the_whole_url_and_its_parts) {
  const std::string url = "https://user:pa55word@hooks.example.com/services/T0K3N123/B2?key=v4lue5ecret&x=1#frag";
  BOOST_TEST(redact_url("failed for " + url + " now", url) == "failed for [redacted] now");
  BOOST_TEST(redact_url("GET /services/T0K3N123/B2?key=v4lue5ecret&x=1 failed", url) ==
             "GET [redacted] failed");
  BOOST_TEST(redact_url("path /services/T0K3N123/B2 query key=v4lue5ecret&x=1", url) ==
             "path [redacted] query [redacted]");
  BOOST_TEST(redact_url("segment T0K3N123 value v4lue5ecret", url) ==
             "segment [redacted] value [redacted]");
  BOOST_TEST(redact_url("login user:pa55word", url) == "login [redacted]");
  BOOST_TEST(redact_url("host hooks.example.com port 443", url) == "host hooks.example.com port 443");
}

BOOST_AUTO_TEST_CASE(redacts_decoded_forms) {
  const std::string url = "https://h.example/a%20b/secret%2Dtoken";
  BOOST_TEST(redact_url("path /a b/secret-token", url) == "path [redacted]");
  BOOST_TEST(redact_url("token secret-token", url) == "token [redacted]");
}

BOOST_AUTO_TEST_CASE(a_root_path_is_not_redacted) {
  const std::string url = "http://127.0.0.1:8080/";
  BOOST_TEST(redact_url("Failed to connect to 127.0.0.1 port 8080: a/b", url) ==
             "Failed to connect to 127.0.0.1 port 8080: a/b");
}

BOOST_AUTO_TEST_CASE(error_text_joins_what_and_detail) {
  const std::string url = "https://hooks.example.com/T0K3N-abcdef";
  BOOST_TEST(transfer_error_text("Timeout was reached", "", url) == "Timeout was reached");
  BOOST_TEST(transfer_error_text("SSL connect error", "bad record for /T0K3N-abcdef", url) ==
             "SSL connect error: bad record for [redacted]");
}

BOOST_AUTO_TEST_CASE(an_unparsable_url_drops_the_detail) {
  BOOST_TEST(transfer_error_text("URL using bad/illegal format or missing URL", "near /x y?z", "ht tp:/x y?z") ==
             "URL using bad/illegal format or missing URL");
  BOOST_TEST(redact_url("bad ht tp:/x y?z", "ht tp:/x y?z") == "bad [redacted]");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
