#include "feeds/string_util.h"

#include <boost/url/parse.hpp>

namespace herald {

std::optional<std::string> url_host(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return std::nullopt;
  return std::string(parsed->encoded_host());
}

}  // namespace herald
