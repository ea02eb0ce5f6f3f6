// An indexnow target's keys: the defaults (endpoint, key location, batch),
// every value read, and each error's exact text and position (a bad key,
// an endpoint that is not https, a batch out of range, `events`), the key
// never repeated; the key files herald writes (config/indexnow_key.h).
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"
#include "config/indexnow_key.h"

namespace herald {
namespace {

// Three lines; what is appended starts on line 4.
const std::string kSite =
    "site: {title: T, url: https://example.org/blog/, author: A}\n"
    "content: {dir: content}\n"
    "output: {dir: public}\n";
const std::string kKey = "0123456789abcdef-KEY";

using Errors = std::vector<std::string>;

Errors errors_of(const std::string& text) {
  Errors out;
  for (const Diagnostic& error : parse_config(text, "/srv/h.yaml").errors) out.push_back(error.to_string());
  return out;
}

Config config_of(const std::string& text) {
  ConfigResult result = parse_config(text, "/srv/h.yaml");
  Errors errors;
  for (const Diagnostic& error : result.errors) errors.push_back(error.to_string());
  BOOST_TEST_REQUIRE(errors == Errors{}, boost::test_tools::per_element());
  return *result.config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(indexnow_section)

BOOST_AUTO_TEST_CASE(defaults_and_the_key_file) {
  Config config = config_of(kSite + "targets:\n  - {name: search, type: indexnow, key: " + kKey + "}\n");
  const TargetConfig& target = config.targets.at(0);
  BOOST_TEST(target.url == "https://api.indexnow.org/indexnow");
  const IndexNowSettings& settings = target.as<IndexNowSettings>();
  BOOST_TEST(settings.key == kKey);
  BOOST_TEST(settings.key_location == "");
  BOOST_TEST(settings.batch == 10000);
  BOOST_TEST(indexnow_key_location(config, settings) == "https://example.org/blog/" + kKey + ".txt");
  std::vector<OutputFile> files = indexnow_key_files(config);
  BOOST_TEST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].path == kKey + ".txt");
  BOOST_TEST(files[0].bytes == kKey);
}

BOOST_AUTO_TEST_CASE(every_key_read) {
  Config config = config_of(kSite +
                            "targets:\n"
                            "  - {name: bing, type: indexnow, endpoint: 'https://www.bing.com/indexnow', key: " + kKey +
                            ",\n     key_location: 'https://example.org/keys/k.txt', batch: 500}\n"
                            "  - {name: yandex, type: indexnow, endpoint: 'http://127.0.0.1:9/in', key: " + kKey + "}\n");
  const TargetConfig& bing = config.targets.at(0);
  BOOST_TEST(bing.url == "https://www.bing.com/indexnow");
  BOOST_TEST(bing.as<IndexNowSettings>().key_location == "https://example.org/keys/k.txt");
  BOOST_TEST(bing.as<IndexNowSettings>().batch == 500);
  BOOST_TEST(indexnow_key_location(config, bing.as<IndexNowSettings>()) == "https://example.org/keys/k.txt");
  BOOST_TEST(config.targets.at(1).url == "http://127.0.0.1:9/in");
  // One file for the key both targets share; none for the key published elsewhere.
  std::vector<OutputFile> files = indexnow_key_files(config);
  BOOST_TEST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].path == kKey + ".txt");
}

BOOST_AUTO_TEST_CASE(errors) {
  Errors errors = errors_of(kSite +
                            "targets:\n"
                            "  - {name: a, type: indexnow, key: short}\n"
                            "  - {name: b, type: indexnow, key: 'has spaces in it', endpoint: 'http://search.example/in'}\n"
                            "  - {name: c, type: indexnow, key: " + kKey + ", batch: 10001, events: [post.updated]}\n"
                            "  - {name: d, type: indexnow, endpoint: 'ftp://x/', key_location: nope}\n");
  BOOST_TEST(errors ==
                 (Errors{"/srv/h.yaml:5:36: error: 'targets[0].key' must be 8 to 128 characters among a-z, A-Z, "
                         "0-9 and '-' (IndexNow's rule; e.g. the output of `openssl rand -hex 16`), got 5 "
                         "character(s)",
                         "/srv/h.yaml:6:36: error: 'targets[1].key' must be 8 to 128 characters among a-z, A-Z, "
                         "0-9 and '-' (IndexNow's rule; e.g. the output of `openssl rand -hex 16`), got 16 "
                         "character(s) with others than those",
                         "/srv/h.yaml:6:66: error: 'targets[1].endpoint' is an http:// URL, but target 'b' has a "
                         "key that must not travel unencrypted; use https:// (http:// is allowed only to a "
                         "loopback host: 127.0.0.0/8, ::1 or localhost)",
                         "/srv/h.yaml:7:65: error: 'targets[2].batch' must be a whole number from 1 to 10000, got "
                         "'10001'",
                         "/srv/h.yaml:7:80: error: 'targets[2].events' is not read by indexnow targets: they "
                         "submit the URLs of new, edited and deleted posts; remove it",
                         "/srv/h.yaml:8:5: error: 'targets[3].key' is required; add key: ${INDEXNOW_KEY} or "
                         "key_file: NAME, 8 to 128 characters among a-z, A-Z, 0-9 and '-' (e.g. openssl rand "
                         "-hex 16)",
                         "/srv/h.yaml:8:41: error: 'targets[3].endpoint' must use http or https, not 'ftp'",
                         "/srv/h.yaml:8:67: error: 'targets[3].key_location' must be an absolute URL starting "
                         "with https:// or http://, e.g. https://hooks.example.org/herald"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(social_keys_are_unknown) {
  Errors errors = errors_of(kSite + "targets:\n  - {name: a, type: indexnow, key: " + kKey + ", template: x}\n");
  BOOST_TEST_REQUIRE(errors.size() == 1u);
  BOOST_TEST(errors[0].find("unknown key 'template' in 'targets[0]'") != std::string::npos, errors[0]);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
