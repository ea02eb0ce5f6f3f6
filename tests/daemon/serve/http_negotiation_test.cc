#include "daemon/serve/http_negotiation.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(http_negotiation)

BOOST_AUTO_TEST_CASE(gzip_by_q_values) {
  BOOST_TEST(accepts_gzip("gzip"));
  BOOST_TEST(accepts_gzip("GZIP"));
  BOOST_TEST(accepts_gzip("deflate, gzip;q=0.001"));
  BOOST_TEST(accepts_gzip("*"));
  BOOST_TEST(accepts_gzip("br, *;q=0.1"));
  BOOST_TEST(accepts_gzip("gzip ; q=1.0"));
  BOOST_TEST(!accepts_gzip(""));
  BOOST_TEST(!accepts_gzip("identity"));
  BOOST_TEST(!accepts_gzip("gzip;q=0"));
  BOOST_TEST(!accepts_gzip("gzip;q=0.000"));
  BOOST_TEST(!accepts_gzip("*;q=1, gzip;q=0"));
  BOOST_TEST(!accepts_gzip("*;q=0"));
  BOOST_TEST(!accepts_gzip("gzip;q=abc"));
  BOOST_TEST(!accepts_gzip("gzip;q=2"));
}

BOOST_AUTO_TEST_CASE(html_only_when_it_beats_every_form_of_the_feed) {
  const char* rss = "application/rss+xml; charset=utf-8";
  // Chromium's and Firefox's navigations.
  BOOST_TEST(prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                          "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
                          rss));
  BOOST_TEST(prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", rss));
  BOOST_TEST(prefers_html("text/html", rss));
  BOOST_TEST(prefers_html("TEXT/HTML ; Q=1 , */* ; q=0.5", rss));
  BOOST_TEST(!prefers_html("text/*, */*;q=0.1", rss));  // text/xml too
  BOOST_TEST(prefers_html("text/html;level=1;q=0.9, application/*;q=0.8, text/xml;q=0.1", rss));
  BOOST_TEST(prefers_html("text/html; foo=\"a,b\", */*;q=0.5", rss));
  BOOST_TEST(prefers_html(",, text/html ,", rss));
  // No preference, or the feed's forms at least as wanted.
  BOOST_TEST(!prefers_html("", rss));
  BOOST_TEST(!prefers_html("*/*", rss));
  BOOST_TEST(!prefers_html("text/html, */*", rss));
  BOOST_TEST(!prefers_html("text/html;q=0.9, application/rss+xml", rss));
  BOOST_TEST(!prefers_html("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                           "text/xml;q=0.8, text/html;q=0.1",
                           rss));
  BOOST_TEST(!prefers_html("text/html, text/xml", rss));
  BOOST_TEST(!prefers_html("text/html, application/*", rss));
  BOOST_TEST(!prefers_html("text/*, text/xml", rss));
  BOOST_TEST(!prefers_html("text/html;q=0, */*", rss));
  BOOST_TEST(!prefers_html("text/html;q=0.5, */*;q=0.5", rss));
  BOOST_TEST(prefers_html("text/html, application/json", rss));
  BOOST_TEST(!prefers_html("text/html, application/json", "application/feed+json"));
  BOOST_TEST(!prefers_html("text/html, application/feed+json", "application/feed+json"));
  // Malformed: the feed.
  BOOST_TEST(!prefers_html("text/html, bogus", rss));
  BOOST_TEST(!prefers_html("text/html, /xml", rss));
  BOOST_TEST(!prefers_html("text/html, */xml", rss));
  BOOST_TEST(!prefers_html("text/h tml", rss));
  BOOST_TEST(!prefers_html("text/html; a=\"open", rss));
  BOOST_TEST(!prefers_html("text/html;q=2", rss));
  BOOST_TEST(!prefers_html("text/html", "bogus"));
}

BOOST_AUTO_TEST_CASE(if_none_match_uses_the_weak_comparison) {
  BOOST_TEST(none_match_fails("\"abc\"", "\"abc\""));
  BOOST_TEST(none_match_fails("W/\"abc\"", "\"abc\""));
  BOOST_TEST(none_match_fails("\"x\" , W/\"abc\",\"y\"", "\"abc\""));
  BOOST_TEST(none_match_fails("*", "\"abc\""));
  BOOST_TEST(!none_match_fails("\"abc-gz\"", "\"abc\""));
  BOOST_TEST(!none_match_fails("abc", "\"abc\""));
  BOOST_TEST(!none_match_fails("", "\"abc\""));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
