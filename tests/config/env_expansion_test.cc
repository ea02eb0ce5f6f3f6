// Environment expansion rules, with a fake environment.
#include "config/env_expansion.h"

#include <map>

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

EnvLookup fake_environment() {
  static const std::map<std::string, std::string> kVariables = {{"TOKEN", "s3cr3t"},
                                                                {"EMPTY", ""}};
  return [](const std::string& name) -> std::optional<std::string> {
    auto found = kVariables.find(name);
    if (found == kVariables.end()) return std::nullopt;
    return found->second;
  };
}

std::string expanded(std::string_view text) {
  Expansion result = expand_environment(text, fake_environment());
  BOOST_TEST(result.error == "");
  return result.text;
}

std::string error_of(std::string_view text) {
  return expand_environment(text, fake_environment()).error;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(env_expansion)

BOOST_AUTO_TEST_CASE(variables_are_replaced) {
  BOOST_TEST(expanded("Bearer ${TOKEN}") == "Bearer s3cr3t");
  BOOST_TEST(expanded("${TOKEN}${TOKEN}") == "s3cr3ts3cr3t");
  BOOST_TEST(expanded("[${EMPTY}]") == "[]");
}

BOOST_AUTO_TEST_CASE(text_without_variables_is_kept) {
  BOOST_TEST(expanded("") == "");
  BOOST_TEST(expanded("costs $5 {TOKEN} $") == "costs $5 {TOKEN} $");
}

BOOST_AUTO_TEST_CASE(double_dollar_escapes) {
  BOOST_TEST(expanded("$${TOKEN}") == "${TOKEN}");
  // Scanned left to right: the first "$" is plain, then "$${" is the escape.
  BOOST_TEST(expanded("$$${TOKEN}") == "$${TOKEN}");
}

BOOST_AUTO_TEST_CASE(errors) {
  BOOST_TEST(error_of("${NOPE}") ==
             "uses ${NOPE}, but the environment variable NOPE is not set; set it, or write $${ "
             "for a literal '${'");
  BOOST_TEST(error_of("${}") ==
             "has '${}', which is not a variable name; use letters, digits and '_', or write "
             "$${ for a literal '${'");
  BOOST_TEST(error_of("${1A}") ==
             "has '${1A}', which is not a variable name; use letters, digits and '_', or write "
             "$${ for a literal '${'");
  BOOST_TEST(error_of("x ${TOKEN") ==
             "has '${' without a closing '}'; write ${NAME}, or $${ for a literal '${'");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
