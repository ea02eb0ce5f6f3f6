#include "daemon/serve/http_request_framing.h"

#include <algorithm>
#include <array>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <string_view>

namespace herald {
namespace {

namespace http = boost::beast::http;

// IANA's HTTP Transfer Coding Registry.
constexpr std::array<std::string_view, 6> kKnownCodings = {"chunked",  "compress", "deflate",
                                                           "gzip",     "x-compress", "x-gzip"};

bool known_coding(boost::beast::string_view name) {
  return std::any_of(kKnownCodings.begin(), kKnownCodings.end(), [&](std::string_view known) {
    return boost::beast::iequals(name, boost::beast::string_view(known.data(), known.size()));
  });
}

// 501 when a field names an unknown coding, else 400 (a body either way,
// or a list Beast cannot read).
unsigned transfer_encoding_status(const IncomingRequest& request) {
  auto [begin, end] = request.equal_range(http::field::transfer_encoding);
  for (auto it = begin; it != end; ++it) {
    for (const auto& coding : http::ext_list(it->value())) {
      if (!known_coding(coding.first)) return 501;
    }
  }
  return 400;
}

}  // namespace

unsigned request_framing_status(const IncomingRequest& request,
                                std::optional<std::uint64_t> content_length) {
  if (request.find(http::field::transfer_encoding) != request.end()) {
    return transfer_encoding_status(request);
  }
  bool get_or_head = request.method() == http::verb::get || request.method() == http::verb::head;
  if (get_or_head && content_length.value_or(0) > 0) return 400;
  return 0;
}

}  // namespace herald
