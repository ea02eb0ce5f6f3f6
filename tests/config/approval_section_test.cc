// A target's `approval:`: the word `required`, the mapping with its
// timeout and default, and each error's exact text.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"

namespace herald {
namespace {

const std::string kSite =
    "site: {title: T, url: https://example.org, author: A, timezone: America/Bogota}\n"
    "content: {dir: content}\n"
    "output: {dir: public}\n"
    "targets:\n"
    "  - name: toot\n"
    "    type: mastodon\n"
    "    url: https://mastodon.example\n"
    "    token: t\n";

std::vector<std::string> errors_of(const std::string& approval) {
  std::vector<std::string> out;
  for (const Diagnostic& e : parse_config(kSite + "    approval: " + approval + "\n", "/srv/h.yaml").errors) {
    out.push_back(e.to_string());
  }
  return out;
}

ApprovalConfig approval_of(const std::string& approval) {
  ConfigResult result = parse_config(kSite + (approval.empty() ? "" : "    approval: " + approval + "\n"), "/srv/h.yaml");
  BOOST_TEST_REQUIRE(result.errors.empty(), (result.errors.empty() ? "" : result.errors.front().to_string()));
  return result.config->targets.at(0).approval;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(approval_section)

BOOST_AUTO_TEST_CASE(the_word_and_the_mapping) {
  BOOST_TEST((approval_of("") == ApprovalConfig{}));
  BOOST_TEST((approval_of("required") == ApprovalConfig{true, std::chrono::milliseconds(0), ApprovalTimeout::reject}));
  BOOST_TEST((approval_of("{required: true, timeout: 24h}") ==
              ApprovalConfig{true, std::chrono::hours(24), ApprovalTimeout::reject}));
  BOOST_TEST((approval_of("{required: true, timeout: 90s, on_timeout: approve}") ==
              ApprovalConfig{true, std::chrono::seconds(90), ApprovalTimeout::approve}));
  BOOST_TEST((approval_of("{required: false}") == ApprovalConfig{}));
}

BOOST_AUTO_TEST_CASE(filters_make_approval_per_filter) {
  ApprovalConfig filtered =
      approval_of("{required: true, sections: [Política], tags: [Elecciones 2027], flag: revisar}");
  ApprovalConfig expected{true, std::chrono::milliseconds(0), ApprovalTimeout::reject};
  expected.sections = {"politica"};
  expected.tags = {"elecciones-2027"};
  expected.flag = "revisar";
  BOOST_TEST((filtered == expected));
  BOOST_TEST(errors_of("{sections: [politica]}") ==
             std::vector<std::string>{"/srv/h.yaml:9:26: error: 'targets[0].approval.sections' applies only when "
                                      "'required' is true; add required: true or remove it"});
}

BOOST_AUTO_TEST_CASE(errors_name_the_key_and_the_choices) {
  BOOST_TEST(errors_of("yes") ==
             std::vector<std::string>{"/srv/h.yaml:9:15: error: 'targets[0].approval' must be 'required' or a "
                                      "mapping {required: true, timeout: 24h, on_timeout: reject}, got 'yes'"});
  BOOST_TEST(errors_of("{required: true, on_timeout: later}") ==
             std::vector<std::string>{"/srv/h.yaml:9:44: error: 'targets[0].approval.on_timeout' must be reject "
                                      "or approve, got 'later'"});
  BOOST_TEST(errors_of("{timeout: 1h}") ==
             std::vector<std::string>{"/srv/h.yaml:9:25: error: 'targets[0].approval.timeout' applies only when "
                                      "'required' is true; add required: true or remove it"});
  BOOST_TEST(errors_of("{required: true, timeout: 10ms}").size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
