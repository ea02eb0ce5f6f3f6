#include "daemon/targets/chat/matrix_response.h"

#include "daemon/targets/retry_hints.h"

namespace herald {
namespace {

std::string advice(int status) {
  switch (status) {
    case 401: return "the homeserver refused the access token: check token";
    case 403: return "the bot may not post in the room: invite it or check room_id";
    case 404: return "no such room or endpoint: check url and room_id";
    default: return "the homeserver refused the message";
  }
}

}  // namespace

ChatReply read_matrix_response(const HttpResponse& response, const std::string& room_id) {
  ChatReply reply;
  const int status = response.status;
  if (status >= 200 && status < 300) {
    reply.posted = true;
    reply.remote_id = json_member(response.body, {"event_id"});
    if (!reply.remote_id.empty()) reply.remote_url = "https://matrix.to/#/" + room_id + "/" + reply.remote_id;
  } else if (status == 429) {
    reply.body_wait = body_retry_after(response.body);
  } else if (status >= 400 && status < 500 && status != 408) {
    std::string errcode = json_member(response.body, {"errcode"});
    std::string error = json_member(response.body, {"error"});
    std::string said = errcode.empty() ? error : (error.empty() ? errcode : errcode + ": " + error);
    reply.dead_reason = http_reason(status, advice(status) + (said.empty() ? "" : " (" + said + ")"));
  }
  return reply;
}

}  // namespace herald
