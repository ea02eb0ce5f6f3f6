#include "daemon/targets/chat/slack_driver.h"

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/slack_payload.h"
#include "daemon/targets/chat/slack_response.h"

namespace herald {
namespace {

class SlackDriver : public ChatDriver {
 public:
  using ChatDriver::ChatDriver;

 protected:
  Result<HttpRequest> build(const SnapshotFields& post, const Delivery& /*delivery*/) const override {
    Result<std::string> body = slack_body(post, text(), target());
    if (!body.ok()) return body.status();
    return json_request("POST", target().url, std::move(*body));
  }

  ChatReply read(const HttpResponse& response) const override { return read_slack_response(response); }
};

}  // namespace

DriverResult make_slack_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* /*state*/, const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kSlackLinkTemplate);
  if (!text.ok()) return text.status();
  Redactor redactor;
  redactor.add_url(target.url);
  return DriverResult(std::make_unique<SlackDriver>(
      target, config, std::move(*text), std::move(redactor), inputs.random,
      target.as<SlackSettings>().after_timeout.retry_ambiguous));
}

}  // namespace herald
