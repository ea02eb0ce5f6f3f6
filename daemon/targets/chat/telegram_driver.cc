#include "daemon/targets/chat/telegram_driver.h"

#include <spdlog/spdlog.h>

#include "daemon/targets/chat/chat_driver.h"
#include "daemon/targets/chat/telegram_payload.h"
#include "daemon/targets/chat/telegram_response.h"

namespace herald {
namespace {

class TelegramDriver : public ChatDriver {
 public:
  using ChatDriver::ChatDriver;

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  // sendPhoto when it can be made, else sendMessage.
  Result<HttpRequest> build(const SnapshotFields& post, const Delivery& /*delivery*/) const override {
    Result<std::string> photo = telegram_photo_body(post, text(), target());
    if (photo.ok()) return method_request("sendPhoto", std::move(*photo));
    return message(post);
  }

  Result<HttpRequest> message(const SnapshotFields& post) const {
    Result<std::string> body = telegram_message_body(post, text(), target());
    if (!body.ok()) return body.status();
    return method_request("sendMessage", std::move(*body));
  }

  ChatReply read(const HttpResponse& response) const override { return read_telegram_response(response); }

  using ChatDriver::outcome;
  using ChatDriver::redactor;
  using ChatDriver::stored_post;

 private:
  Result<HttpRequest> method_request(std::string_view method, std::string body) const {
    std::optional<std::string> url = telegram_method_url(target().url, target().as<TelegramSettings>().token, method);
    if (!url) return Result<HttpRequest>::failed("target " + target().name + ": the Bot API url does not parse");
    return json_request("POST", std::move(*url), std::move(body));
  }
};

// sendPhoto, then sendMessage when the photo is refused; or sendMessage.
class TelegramAttempt : public DeliveryAttempt {
 public:
  TelegramAttempt(const TelegramDriver& driver, Delivery delivery)
      : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t /*now_ms*/) override {
    Result<SnapshotFields> post = driver_.stored_post(delivery_);
    if (!post.ok()) return AttemptStep::done(dead_outcome(post.error()));
    post_ = std::move(*post);
    Result<HttpRequest> request = driver_.build(*post_, delivery_);
    if (!request.ok()) return AttemptStep::done(dead_outcome(driver_.redactor().apply(request.error())));
    photo_ = request->url.find("/sendPhoto") != std::string::npos;
    return AttemptStep::send(std::move(*request));
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    if (photo_ && telegram_photo_refused(response)) {
      photo_ = false;
      Result<HttpRequest> request = driver_.message(*post_);
      spdlog::warn("post {} -> {}: Telegram refused the photo ({}); sending the text without it",
                   delivery_.post_id, delivery_.target,
                   driver_.redactor().apply(json_member(response.body, {"description"})));
      if (!request.ok()) return AttemptStep::done(dead_outcome(driver_.redactor().apply(request.error())));
      return AttemptStep::send(std::move(*request));
    }
    return AttemptStep::done(driver_.outcome(response, driver_.read(response), delivery_, now_ms));
  }

 private:
  const TelegramDriver& driver_;
  Delivery delivery_;
  std::optional<SnapshotFields> post_;
  bool photo_ = false;
};

std::unique_ptr<DeliveryAttempt> TelegramDriver::attempt(const Delivery& delivery) {
  return std::make_unique<TelegramAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_telegram_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* /*state*/, const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kTelegramTemplate);
  if (!text.ok()) return text.status();
  const TelegramSettings& telegram = target.as<TelegramSettings>();
  Redactor redactor = target_redactor(target);
  if (auto url = telegram_method_url(target.url, telegram.token, "")) redactor.add_url(*url);
  return DriverResult(std::make_unique<TelegramDriver>(target, config, std::move(*text), std::move(redactor),
                                                       inputs.random, telegram.after_timeout.retry_ambiguous));
}

}  // namespace herald
