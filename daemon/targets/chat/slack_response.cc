#include "daemon/targets/chat/slack_response.h"

#include "feeds/text.h"

namespace herald {
namespace {

constexpr std::size_t kCodeMax = 100;

// Slack's error code: the body's first line, trimmed and bounded.
std::string slack_code(const std::string& body) {
  std::string code = trim(body.substr(0, body.find('\n')));
  if (code.size() > kCodeMax || find_invalid_utf8(code) != std::string::npos) code.clear();
  return code;
}

std::string advice(int status) {
  switch (status) {
    case 403: return "an admin restricted this webhook";
    case 404: return "the channel or the webhook is gone: create a new webhook and update url";
    case 410: return "the channel is archived: unarchive it or create a webhook for another channel";
    default: return "fix the template or the target's settings";
  }
}

}  // namespace

ChatReply read_slack_response(const HttpResponse& response) {
  ChatReply reply;
  const int status = response.status;
  if (status >= 200 && status < 300) {
    reply.posted = true;
  } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
    std::string code = slack_code(response.body);
    reply.dead_reason = http_reason(status, "Slack refused the message" +
                                                (code.empty() ? "" : ": " + code) + " (" +
                                                advice(status) + ")");
  }
  return reply;
}

}  // namespace herald
