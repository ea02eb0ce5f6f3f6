#include "tests/support/loopback/slack_fake.h"

#include <boost/json.hpp>

namespace herald::test {
namespace {

constexpr const char* kPath = "/services/T0/B0/sLaCkSeCrEt0123456789";

bool has_text(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  return !ec && parsed.is_object() && parsed.as_object().contains("text");
}

}  // namespace

SlackFake::SlackFake(Mode mode) {
  receiver_.set_behavior([mode](const ReceivedRequest& request, int index) {
    if (request.target != kPath) return Reply::with_status(404, "no_service");
    switch (mode) {
      case Mode::archived: return Reply::with_status(410, "channel_is_archived");
      case Mode::not_found: return Reply::with_status(404, "channel_not_found");
      case Mode::prohibited: return Reply::with_status(403, "action_prohibited");
      case Mode::rate_limited_once:
        if (index == 0) {
          Reply reply = Reply::retry_after("1");
          reply.body = "rate_limited";
          return reply;
        }
        break;
      case Mode::ok: break;
    }
    if (!has_text(request.body)) return Reply::with_status(400, "invalid_payload");
    return Reply::with_status(200, "ok");
  });
}

std::string SlackFake::webhook_url() const { return receiver_.url(kPath); }

}  // namespace herald::test
