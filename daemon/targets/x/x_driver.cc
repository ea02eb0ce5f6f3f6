#include "daemon/targets/x/x_driver.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <optional>
#include <utility>

#include "daemon/targets/json_exchange.h"
#include "daemon/targets/post_text.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_hints.h"
#include "daemon/targets/request_outcomes.h"
#include "daemon/targets/retry_policy.h"
#include "daemon/targets/x/x_media.h"
#include "daemon/targets/x/x_oauth.h"
#include "daemon/targets/x/x_progress.h"
#include "daemon/text/post_snapshot.h"

namespace herald {
namespace {

namespace json = boost::json;

HttpRequest bearer_request(std::string method, std::string url, const std::string& access) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.headers.emplace_back("authorization", "Bearer " + access);
  return request;
}

// The id of the account's recent post whose links include `url`; "" when none.
std::string find_post_with_url(const std::string& body, const std::string& url) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  const json::value* data = !ec && parsed.is_object() ? parsed.get_object().if_contains("data") : nullptr;
  if (data == nullptr || !data->is_array()) return "";
  for (const json::value& post : data->get_array()) {
    const json::value* urls = post.is_object() ? post.get_object().if_contains("entities") : nullptr;
    urls = urls && urls->is_object() ? urls->get_object().if_contains("urls") : nullptr;
    if (urls == nullptr || !urls->is_array()) continue;
    for (const json::value& link : urls->get_array()) {
      const json::value* expanded = link.is_object() ? link.get_object().if_contains("expanded_url") : nullptr;
      if (expanded && expanded->is_string() && expanded->get_string() == url) {
        return json_member(json::serialize(post), {"id"});
      }
    }
  }
  return "";
}

class XDriver : public TargetDriver {
 public:
  XDriver(const TargetConfig& target, const Config& config, TargetStateStore* state, PostText text,
          const DriverInputs& inputs)
      : target_(target),
        config_(config),
        state_(state),
        text_(std::move(text)),
        policy_(retry_policy_for(target, config.delivery)),
        random_(inputs.random),
        redactor_(target_redactor(target)) {
    tokens_ = read_x_tokens(state_ ? state_->load(target.name) : std::nullopt, settings().refresh_token);
    remember(tokens_);
  }

  std::string payload(const Post& post, DeliveryEvent /*event*/, const Timestamp& /*now*/) const override {
    return json::serialize(post_snapshot(post, config_));
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t now_ms) override {
    Result<std::string> text = tweet_text(delivery);
    if (!text.ok()) return text.status();
    std::vector<HttpRequest> requests;
    std::string access = tokens_.access_token;
    if (!tokens_.fresh(now_ms)) {
      requests.push_back(refresh_request());
      access = "<access_token from the refresh>";
    }
    std::string media_id;
    if (wants_image(delivery) && delivery.image->has_variant()) {
      media_id = "<media id from the upload>";
      requests.push_back(x_upload_request(target_.url, access, *delivery.image));
      if (!delivery.image->alt.empty()) {
        requests.push_back(x_alt_text_request(target_.url, access, media_id, delivery.image->alt));
      }
    }
    requests.push_back(tweet_request(access, *text, media_id));
    return requests;
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

  // --- for attempts ---
  const XSettings& settings() const { return target_.as<XSettings>(); }
  const TargetConfig& target() const { return target_; }
  const XTokens& tokens() const { return tokens_; }
  RenewalGate& gate() { return gate_; }
  const std::optional<DeliveryOutcome>& renewal_failure() const { return renewal_failure_; }
  void set_renewal_failure(std::optional<DeliveryOutcome> outcome) { renewal_failure_ = std::move(outcome); }

  // The post's text as X gets it; failed (redacted) when the payload is
  // unreadable, the event is not post.published or the text cannot fit.
  Result<std::string> tweet_text(const Delivery& delivery) const {
    if (parse_delivery_event(delivery.event) != DeliveryEvent::published) {
      return Result<std::string>::failed("x targets announce new posts only; " + delivery.event + " is not sent");
    }
    Result<SnapshotFields> post = SnapshotFields::parse(delivery.payload);
    if (!post.ok()) return Result<std::string>::failed(redactor_.apply(post.error()));
    TextLimits limits;
    limits.max_length = kXMaxWeightedLength;
    limits.count = count_x_weighted;
    return text_.fit(*post, limits, escape_none);
  }

  // Whether the delivery's image goes with the post (the image step made
  // one, or said why it could not: DeliveryImage::note).
  bool wants_image(const Delivery& delivery) const { return settings().text.attach_image && delivery.image; }

  const std::string& post_url(const Delivery& delivery) {
    url_ = json_member(delivery.payload, {"url"});
    return url_;
  }

  HttpRequest refresh_request() const {
    return x_refresh_request(target_.url, settings().client_id, settings().client_secret, tokens_.refresh_token);
  }
  HttpRequest tweet_request(const std::string& access, const std::string& text, const std::string& media_id) const {
    HttpRequest request = json_request("POST", target_.url + "/2/tweets", x_tweet_body(text, media_id));
    request.headers.emplace_back("authorization", "Bearer " + access);
    return request;
  }
  HttpRequest me_request() const { return bearer_request("GET", target_.url + "/2/users/me", tokens_.access_token); }
  HttpRequest recent_posts_request() const {
    return bearer_request("GET",
                          target_.url + "/2/users/" + tokens_.user_id + "/tweets?max_results=10&tweet.fields=entities",
                          tokens_.access_token);
  }

  // Saves the chain BEFORE anything uses it (x_oauth.h).
  void save(const XTokens& tokens) {
    tokens_ = tokens;
    remember(tokens_);
    if (state_) state_->save(target_.name, x_tokens_state(tokens_));
  }
  XProgress load_progress(std::int64_t delivery_id) const {
    return read_x_progress(state_ ? state_->load_progress(delivery_id) : std::nullopt);
  }
  void save_progress(std::int64_t delivery_id, const XProgress& progress) const {
    if (state_) state_->save_progress(delivery_id, x_progress_text(progress));
  }
  void forget_access(const std::string& used) {
    if (tokens_.access_token == used) tokens_.expires_at_ms = 0;
  }

  DeliveryOutcome retry(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                        std::int64_t now_ms) const {
    return failed_request_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }
  DeliveryOutcome dead(const HttpResponse& response, const std::string& why) const {
    return refused_request_outcome(response, why, redactor_);
  }
  // A 429: retried at x-rate-limit-reset (epoch seconds) at the latest;
  // http_status 429 pauses the account's lane.
  DeliveryOutcome wait_for_reset(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                                 std::int64_t now_ms) const {
    DeliveryOutcome outcome = retry(response, delivery, what, now_ms);
    const std::string* reset = find_header(response.headers, "x-rate-limit-reset");
    if (reset) {
      if (std::optional<std::int64_t> at = header_instant_ms(*reset, now_ms, true)) {
        outcome.retry_at_ms = std::max(outcome.retry_at_ms, *at);
      }
    }
    return outcome;
  }
  // A 401 after a renewal or a 403: the account refuses herald `what`;
  // dead, and the target is stopped.
  DeliveryOutcome refused(const HttpResponse& response, const std::string& what, const std::string& fix) const {
    DeliveryOutcome outcome = dead(response, "X refused " + what + " (HTTP " + std::to_string(response.status) +
                                                 ": " + json_member(response.body, {"detail"}) + "); " + fix);
    outcome.target_refused = true;
    return outcome;
  }
  void warn(const Delivery& delivery, const std::string& what) const {
    spdlog::warn("post {} -> {}: {}", delivery.post_id, target_.name, redactor_.apply(what));
  }

 private:
  void remember(const XTokens& tokens) {
    redactor_.add_secret(tokens.refresh_token);
    redactor_.add_secret(tokens.access_token);
  }

  TargetConfig target_;
  Config config_;
  TargetStateStore* state_;
  PostText text_;
  RetryPolicy policy_;
  UniformRandom random_;
  Redactor redactor_;
  XTokens tokens_;
  RenewalGate gate_;
  std::optional<DeliveryOutcome> renewal_failure_;
  std::string url_;
};

class XAttempt : public DeliveryAttempt {
 public:
  XAttempt(XDriver& driver, Delivery delivery) : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t now_ms) override {
    Result<std::string> text = driver_.tweet_text(delivery_);
    if (!text.ok()) return AttemptStep::done(dead_outcome(text.error()));
    text_ = std::move(*text);
    url_ = driver_.post_url(delivery_);
    // An earlier attempt may have posted: look before posting again.
    look_up_ = may_have_posted(delivery_);
    if (driver_.wants_image(delivery_)) {
      if (delivery_.image->has_variant()) {
        image_ = &*delivery_.image;
        progress_ = driver_.load_progress(delivery_.id);  // an earlier attempt's upload
      } else {
        without_image(delivery_.image->note);
      }
    }
    return with_token(now_ms);
  }

  AttemptStep resume(std::int64_t now_ms) override {
    if (driver_.tokens().fresh(now_ms)) return proceed(now_ms);
    if (const std::optional<DeliveryOutcome>& failure = driver_.renewal_failure()) return AttemptStep::done(*failure);
    return with_token(now_ms);
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    switch (stage_) {
      case Stage::refresh: return on_refresh(response, now_ms);
      case Stage::me: return on_me(response, now_ms);
      case Stage::recent: return on_recent(response, now_ms);
      case Stage::upload: return on_upload(response, now_ms);
      case Stage::alt_text: return on_alt_text(response, now_ms);
      case Stage::tweet: break;
    }
    return on_tweet(response, now_ms);
  }

 private:
  enum class Stage { refresh, me, recent, upload, alt_text, tweet };

  const std::string& name() const { return driver_.target().name; }

  AttemptStep with_token(std::int64_t now_ms) {
    if (driver_.tokens().fresh(now_ms)) return proceed(now_ms);
    if (driver_.gate().busy()) return AttemptStep::wait(driver_.gate());
    renewal_.begin(driver_.gate());
    ++renewals_;
    stage_ = Stage::refresh;
    return AttemptStep::send(driver_.refresh_request());
  }

  // The next request: the look-up, the image's upload and alt text (each
  // once per media id: kept in the delivery's progress), the post.
  AttemptStep proceed(std::int64_t now_ms) {
    used_access_ = driver_.tokens().access_token;
    const std::string& api = driver_.target().url;
    if (look_up_) {
      stage_ = driver_.tokens().user_id.empty() ? Stage::me : Stage::recent;
      return AttemptStep::send(stage_ == Stage::me ? driver_.me_request() : driver_.recent_posts_request());
    }
    if (image_ && !progress_.usable(now_ms)) {
      stage_ = Stage::upload;
      return AttemptStep::send(x_upload_request(api, used_access_, *image_));
    }
    if (image_ && !progress_.described && !image_->alt.empty()) {
      stage_ = Stage::alt_text;
      return AttemptStep::send(x_alt_text_request(api, used_access_, progress_.media_id, image_->alt));
    }
    stage_ = Stage::tweet;
    return AttemptStep::send(driver_.tweet_request(used_access_, text_, image_ ? progress_.media_id : ""));
  }

  AttemptStep on_refresh(const HttpResponse& response, std::int64_t now_ms) {
    XTokenAnswer answer = read_x_token_answer(response, driver_.tokens(), now_ms);
    if (answer.reply == XTokenReply::renewed) {
      driver_.save(answer.tokens);  // durable before the new access token is used
      spdlog::info("target {}: access token renewed; the rotated refresh token is saved", name());
      driver_.set_renewal_failure(std::nullopt);
      renewal_.end();
      return proceed(now_ms);
    }
    DeliveryOutcome outcome;
    if (answer.reply == XTokenReply::refused) {
      outcome = driver_.dead(response, "X refused the refresh token (" + answer.detail +
                                           "): authorize herald again for the account (docs/targets.md, X), "
                                           "put the new refresh token in refresh_token or refresh_token_file, "
                                           "run herald reload, then herald retry --target " + name());
      outcome.target_refused = true;
    } else {
      outcome = driver_.retry(response, delivery_, "token refresh", now_ms);
    }
    driver_.set_renewal_failure(outcome);
    renewal_.end();
    return AttemptStep::done(std::move(outcome));
  }

  AttemptStep on_me(const HttpResponse& response, std::int64_t now_ms) {
    std::string id = response.status == 200 ? json_member(response.body, {"data", "id"}) : "";
    if (id.empty()) return look_up_failed(response, now_ms);
    XTokens tokens = driver_.tokens();
    tokens.user_id = id;
    driver_.save(tokens);
    stage_ = Stage::recent;
    return AttemptStep::send(driver_.recent_posts_request());
  }

  AttemptStep on_recent(const HttpResponse& response, std::int64_t now_ms) {
    if (response.status != 200) return look_up_failed(response, now_ms);
    std::string id = find_post_with_url(response.body, url_);
    look_up_ = false;
    if (id.empty() && !duplicate_.empty()) {
      return AttemptStep::done(driver_.dead(
          response, "X says the post is a duplicate (" + duplicate_ + "), and the account's recent posts do not "
                                                                      "link it"));
    }
    if (id.empty()) return proceed(now_ms);
    spdlog::info("post {} -> {}: found on the account as {} (an earlier attempt posted it)", delivery_.post_id,
                 name(), id);
    return sent(response, id);
  }

  // The look-up cannot tell whether the post is there: after_timeout
  // decides (a 401 first renews the token once and looks again).
  AttemptStep look_up_failed(const HttpResponse& response, std::int64_t now_ms) {
    if (response.status == 401 && renewals_ == 0) {
      driver_.forget_access(used_access_);
      return with_token(now_ms);
    }
    if (response.status == 429 || response.status == 0 || response.status >= 500) {
      return AttemptStep::done(driver_.retry(response, delivery_, "looking for the post on the account", now_ms));
    }
    if (!driver_.settings().after_timeout.retry_ambiguous) {
      return AttemptStep::done(driver_.dead(
          response, "an earlier attempt may have posted it and the account's posts cannot be read (HTTP " +
                        std::to_string(response.status) + "); not retried (after_timeout: give_up)"));
    }
    spdlog::warn("post {} -> {}: the account's posts cannot be read (HTTP {}); posting again (after_timeout: retry)",
                 delivery_.post_id, name(), response.status);
    look_up_ = false;
    return proceed(now_ms);
  }

  AttemptStep on_upload(const HttpResponse& response, std::int64_t now_ms) {
    if (std::optional<XUploaded> uploaded = read_x_upload(response, now_ms)) {
      progress_ = XProgress{uploaded->media_id, uploaded->expires_ms, false};
      driver_.save_progress(delivery_.id, progress_);  // a retry or a restart posts this media
      return proceed(now_ms);
    }
    return media_failed(response, "POST /2/media/upload", now_ms);
  }

  AttemptStep on_alt_text(const HttpResponse& response, std::int64_t now_ms) {
    if (response.status == 200 || response.status == 201) {
      progress_.described = true;
      driver_.save_progress(delivery_.id, progress_);
      return proceed(now_ms);
    }
    return media_failed(response, "POST /2/media/metadata", now_ms);
  }

  // The upload or the alt text failed: 401, 403 and 429 as for the post;
  // 5xx and no answer retry the delivery; else X refused the image (posted
  // without it) or its alt text (posted without one).
  AttemptStep media_failed(const HttpResponse& response, const std::string& what, std::int64_t now_ms) {
    const int status = response.status;
    if (status == 401 && renewals_ == 0) {
      driver_.forget_access(used_access_);
      return with_token(now_ms);
    }
    if (status == 401 || status == 403) {
      return AttemptStep::done(driver_.refused(
          response, stage_ == Stage::upload ? "the image upload" : "the image's alt text",
          "authorize herald again with the media.write scope (docs/targets.md, X), or set image: false"));
    }
    if (status == 429) return AttemptStep::done(driver_.wait_for_reset(response, delivery_, what, now_ms));
    if (status == 0 || status >= 500) return AttemptStep::done(driver_.retry(response, delivery_, what, now_ms));
    std::string why = "X refused " + std::string(stage_ == Stage::upload ? "the image" : "its alt text") +
                      " (HTTP " + std::to_string(status) + ": " + json_member(response.body, {"detail"}) + ")";
    if (stage_ == Stage::upload) {
      without_image(why);
    } else {
      driver_.warn(delivery_, "posting the image without alt text: " + why);
      note_ = driver_.redact("posted without alt text: " + why);
      progress_.described = true;  // not asked again in this attempt
    }
    return proceed(now_ms);
  }

  void without_image(const std::string& why) {
    driver_.warn(delivery_, "posting without the image: " + why);
    note_ = driver_.redact("posted without the image: " + why);
    image_ = nullptr;
  }

  AttemptStep on_tweet(const HttpResponse& response, std::int64_t now_ms) {
    const int status = response.status;
    if (status == 200 || status == 201) {
      std::string id = json_member(response.body, {"data", "id"});
      if (!id.empty()) return sent(response, id);
    }
    if (status == 401 && renewals_ == 0) {
      driver_.forget_access(used_access_);
      return with_token(now_ms);
    }
    std::string detail = json_member(response.body, {"detail"});
    if (status == 429) return AttemptStep::done(driver_.wait_for_reset(response, delivery_, "POST /2/tweets", now_ms));
    if (status == 403 && detail.find("duplicate") != std::string::npos) {
      // Most likely ours, posted by a request whose answer was lost (libcurl
      // sends again on a fresh connection when a reused one dies): look.
      duplicate_ = detail;
      look_up_ = true;
      return proceed(now_ms);
    }
    if (status == 401 || status == 403) {
      return AttemptStep::done(
          driver_.refused(response, "the post", "check the app's permissions (tweet.write)"));
    }
    if (status == 400 && image_) driver_.save_progress(delivery_.id, XProgress{});  // a later retry uploads anew
    return AttemptStep::done(driver_.retry(response, delivery_, "POST /2/tweets", now_ms));
  }

  AttemptStep sent(const HttpResponse& response, const std::string& id) {
    DeliveryOutcome outcome = sent_outcome(response.status, id, "https://x.com/i/status/" + id);
    outcome.error = note_;
    return AttemptStep::done(std::move(outcome));
  }

  XDriver& driver_;
  Delivery delivery_;
  Stage stage_ = Stage::tweet;
  std::string text_;
  std::string url_;
  std::string used_access_;
  bool look_up_ = false;
  std::string duplicate_;  // X's word when it called the post a duplicate
  int renewals_ = 0;
  RenewalTicket renewal_;
  const DeliveryImage* image_ = nullptr;  // the variant posted with it; null: none
  XProgress progress_;                    // its upload, as far as it got
  std::string note_;                      // what went without (the sent outcome's note)
};

std::unique_ptr<DeliveryAttempt> XDriver::attempt(const Delivery& delivery) {
  return std::make_unique<XAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_x_driver(const TargetConfig& target, const Config& config, TargetStateStore* state,
                           const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kXTemplate);
  if (!text.ok()) return text.status();
  return DriverResult(std::make_unique<XDriver>(target, config, state, std::move(*text), inputs));
}

}  // namespace herald
