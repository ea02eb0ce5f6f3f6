// The daemon's sections tested on top of the smallest configuration that
// loads (3 lines, read as /srv/h.yaml, so an added section starts on line
// 4): the messages of a load, and the Config of one that must load.
#pragma once

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"

namespace herald::test {

inline const std::string kDaemonMinimal =
    "site: {title: T, url: https://example.org, author: A}\n"
    "content: {dir: content}\n"
    "output: {dir: public}\n";

inline std::vector<std::string> daemon_config_errors(const std::string& text,
                                                     TargetKeys keys = TargetKeys::everything) {
  std::vector<std::string> out;
  for (const Diagnostic& error : parse_config(text, "/srv/h.yaml", keys).errors) {
    out.push_back(error.to_string());
  }
  return out;
}

inline Config daemon_config(const std::string& text, TargetKeys keys = TargetKeys::everything) {
  ConfigResult result = parse_config(text, "/srv/h.yaml", keys);
  BOOST_TEST_REQUIRE(result.errors.empty(), (result.errors.empty() ? "" : result.errors[0].to_string()));
  return *result.config;
}

}  // namespace herald::test
