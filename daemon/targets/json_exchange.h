// Small readings and makings of HTTP exchanges every JSON network shares
// (the chat family, Facebook, X): a member of a JSON answer, a JSON
// request, and whether a failed request may have reached the network.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "daemon/targets/http_exchange.h"

namespace herald {

// The member at `path` of the JSON object in `body` as text (strings as
// they are, integers in decimal); "" when absent, of another kind, or the
// body is not JSON.
std::string json_member(std::string_view body, std::initializer_list<std::string_view> path);

// A JSON request: method, url, body, content-type application/json.
HttpRequest json_request(std::string method, std::string url, std::string body);

// Whether the request of a failed attempt may have reached the network
// (no status, and not an error that happens before sending: no
// connection, no name resolution, a cancelled shutdown).
bool is_ambiguous(const HttpResponse& response);

}  // namespace herald
