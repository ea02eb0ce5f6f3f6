// What a homeserver's answer to a send means ({"event_id"} or
// {"errcode", "error"}):
//
//   2xx                    posted: remote_id event_id, remote_url
//                          https://matrix.to/#/<roomId>/<event_id>
//   429 M_LIMIT_EXCEEDED   wait Retry-After or retry_after_ms
//   401 M_UNKNOWN_TOKEN    dead: the access token is refused
//   403 M_FORBIDDEN        dead: the bot may not post in the room
//   other 4xx dead with the errcode and error; 5xx retry (retry_policy.h)
#pragma once

#include <string>

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

ChatReply read_matrix_response(const HttpResponse& response, const std::string& room_id);

}  // namespace herald
