// Small readings and makings of HTTP exchanges every JSON network shares
// (the chat family, Facebook, X): a member of a JSON answer, a JSON or
// form request, and whether a failed request may have reached the network.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/targets/delivery.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

// The member at `path` of the JSON object in `body` as text (strings as
// they are, integers in decimal); "" when absent, of another kind, or the
// body is not JSON.
std::string json_member(std::string_view body, std::initializer_list<std::string_view> path);

// A JSON request: method, url, body, content-type application/json.
HttpRequest json_request(std::string method, std::string url, std::string body);

// A form request: method, url, `fields` in order as
// application/x-www-form-urlencoded (Facebook's Graph API, X's OAuth).
HttpRequest form_request(std::string method, std::string url,
                         const std::vector<std::pair<std::string_view, std::string_view>>& fields);

// Whether an earlier attempt of `delivery` may have posted it: it is not
// the first attempt and the last one got no answer (status 0) or a 5xx.
// A network without idempotency looks for the post before sending again.
bool may_have_posted(const Delivery& delivery);

// The outcome of a post the network made: its id and public URL, the
// status of the answer that told (a look-up's, when it found the post).
DeliveryOutcome sent_outcome(int http_status, std::string remote_id, std::string remote_url);

// Whether the request of a failed attempt may have reached the network
// (no status, and not an error that happens before sending: no
// connection, no name resolution, a cancelled shutdown).
bool is_ambiguous(const HttpResponse& response);

}  // namespace herald
