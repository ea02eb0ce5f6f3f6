#include "daemon/targets/redaction.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

const std::string kEllipsis = "\xE2\x80\xA6";

BOOST_AUTO_TEST_SUITE(redaction)

BOOST_AUTO_TEST_CASE(urls_keep_scheme_and_host) {
  BOOST_TEST(shown_url("https://hooks.example.com/services/T0/B0/XXXX") ==
             "https://hooks.example.com/" + kEllipsis);
  BOOST_TEST(shown_url("https://api.telegram.org/bot123:ABC/sendMessage") ==
             "https://api.telegram.org/" + kEllipsis);
  BOOST_TEST(shown_url("http://127.0.0.1:8080/?token=x") == "http://127.0.0.1:8080/" + kEllipsis);
  BOOST_TEST(shown_url("https://user:pass@example.com/") == "https://example.com/" + kEllipsis);
  BOOST_TEST(shown_url("https://example.com/") == "https://example.com/");
  BOOST_TEST(shown_url("https://example.com") == "https://example.com/");
  BOOST_TEST(shown_url("not a url") == kEllipsis);
}

BOOST_AUTO_TEST_CASE(every_occurrence_is_replaced) {
  Redactor r;
  r.add_url("https://hooks.example.com/hook/s3cr3t?sig=abc");
  r.add_secret("s3cr3t");
  BOOST_TEST(r.apply("POST https://hooks.example.com/hook/s3cr3t?sig=abc failed; "
                     "retrying https://hooks.example.com/hook/s3cr3t?sig=abc") ==
             "POST https://hooks.example.com/" + kEllipsis + " failed; retrying https://hooks.example.com/" +
                 kEllipsis);
  // Its secret parts alone (http_error_text.h redact_url).
  BOOST_TEST(r.apply("GET /hook/s3cr3t?sig=abc HTTP/1.1") == "GET [redacted] HTTP/1.1");
  BOOST_TEST(r.apply("key s3cr3t, again s3cr3t") == "key [redacted], again [redacted]");
  BOOST_TEST(r.apply("nothing to hide") == "nothing to hide");
}

BOOST_AUTO_TEST_CASE(longer_secrets_go_first) {
  Redactor r;
  r.add_secret("abc");
  r.add_secret("xxabcxx");
  BOOST_TEST(r.apply("xxabcxx abc") == "[redacted] [redacted]");
}

BOOST_AUTO_TEST_CASE(empty_values_are_ignored) {
  Redactor r;
  r.add_secret("");
  r.add_url("");
  BOOST_TEST(r.apply("text") == "text");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
