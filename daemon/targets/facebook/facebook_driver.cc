#include "daemon/targets/facebook/facebook_driver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/targets/graph_answer.h"
#include "daemon/targets/json_exchange.h"
#include "daemon/targets/post_text.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/request_outcomes.h"
#include "daemon/targets/retry_policy.h"

namespace herald {
namespace {

// The default message (text_template.h has the other networks'): the link
// goes beside it, and Facebook's card shows it.
constexpr std::string_view kFacebookTemplate = "{title}\n\n{summary}\n\n{hashtags}";
constexpr std::string_view kLookUpFields = "id,permalink_url,message,created_time,attachments{url,unshimmed_url}";

class FacebookDriver : public TargetDriver {
 public:
  FacebookDriver(const TargetConfig& target, const Config& config, PostText text, const DriverInputs& inputs)
      : target_(target),
        config_(config),
        text_(std::move(text)),
        policy_(retry_policy_for(target, config.delivery)),
        random_(inputs.random),
        redactor_(target_redactor(target)) {}

  std::string payload(const Post& post, DeliveryEvent /*event*/, const Timestamp& /*now*/) const override {
    return boost::json::serialize(post_snapshot(post, config_));
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t /*now_ms*/) override {
    Result<SnapshotFields> post = snapshot(delivery);
    if (!post.ok()) return post.status();
    Result<std::string> message = this->message(*post);
    if (!message.ok()) return message.status();
    return std::vector<HttpRequest>{feed_request(*message, post->url)};
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

  // --- for attempts ---
  const std::string& name() const { return target_.name; }
  const FacebookSettings& settings() const { return target_.as<FacebookSettings>(); }

  // The stored post; failed (redacted) when the payload is unreadable or
  // the event is not post.published.
  Result<SnapshotFields> snapshot(const Delivery& delivery) const {
    if (parse_delivery_event(delivery.event) != DeliveryEvent::published) {
      return Result<SnapshotFields>::failed("facebook targets announce new posts only; " + delivery.event +
                                            " is not sent");
    }
    Result<SnapshotFields> post = SnapshotFields::parse(delivery.payload);
    if (!post.ok()) return Result<SnapshotFields>::failed(redactor_.apply(post.error()));
    return post;
  }
  Result<std::string> message(const SnapshotFields& post) const {
    TextLimits limits;
    limits.max_length = kFacebookMessageMax;
    limits.count = count_utf16_units;
    return text_.fit(post, limits, escape_none);
  }

  std::string page_url(std::string_view edge) const {
    return target_.url + "/" + settings().api_version + "/" + settings().page_id + "/" + std::string(edge);
  }
  HttpRequest feed_request(const std::string& message, const std::string& link) const {
    HttpRequest request = form_request("POST", page_url("feed"), {{"message", message}, {"link", link}});
    request.headers.emplace_back("authorization", "Bearer " + settings().token);
    return request;
  }
  HttpRequest posts_request() const {
    boost::urls::url url(page_url("posts"));
    url.params().append({"fields", kLookUpFields});
    url.params().append({"limit", "25"});
    HttpRequest request;
    request.method = "GET";
    request.url = std::string(url.buffer());
    request.headers.emplace_back("authorization", "Bearer " + settings().token);
    return request;
  }

  // Until when the Page's calls are limited (0: they are not).
  std::int64_t quiet_until_ms() const { return quiet_until_ms_; }
  // Notes the usage `response` reports.
  void note_usage(const HttpResponse& response, std::int64_t now_ms) {
    GraphUsage usage = read_graph_usage(response.headers);
    if (usage.regain_ms > 0) quiet_until_ms_ = std::max(quiet_until_ms_, now_ms + usage.regain_ms);
  }

  // A throttle (`error`, or a wait of our own when `error` is null): retry
  // no sooner than the usage headers allow, http_status 429 so the engine
  // pauses the lane; later attempts wait until then without calling.
  DeliveryOutcome throttled(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                            const std::string& why, std::int64_t now_ms) {
    HttpResponse limited = response;
    limited.status = 429;
    DeliveryOutcome outcome = failed_request_outcome(limited, delivery, what, policy_, now_ms, random_, redactor_);
    if (outcome.kind != DeliveryOutcome::Kind::retry) return outcome;
    outcome.retry_at_ms = std::max({outcome.retry_at_ms, quiet_until_ms_,
                                    now_ms + read_graph_usage(response.headers).regain_ms});
    quiet_until_ms_ = outcome.retry_at_ms;
    outcome.error = redactor_.apply(what + ": Facebook limits the Page's calls (" + why + "); waiting");
    return outcome;
  }
  // A retry whatever the HTTP status said (a Graph error that passes).
  DeliveryOutcome retry(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                        std::int64_t now_ms) const {
    return passing_failure_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }
  // The outcome of the retry policy for the HTTP status.
  DeliveryOutcome by_status(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                            std::int64_t now_ms) const {
    return failed_request_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }
  DeliveryOutcome dead(const HttpResponse& response, const std::string& why, bool stops_target) const {
    return refused_request_outcome(response, why, redactor_, stops_target);
  }
  // Dead with what the operator must do about the token.
  DeliveryOutcome token_refused(const HttpResponse& response, const GraphError& error) const {
    std::string reason = graph_token_reason(error.subcode);
    return dead(response,
                "Facebook refused the Page token (" + error.describe() + (reason.empty() ? "" : "; " + reason) +
                    "): get a new Page token (docs/targets.md, Facebook), put it in token or token_file, "
                    "run herald reload, then herald retry --target " + name(),
                true);
  }

 private:
  TargetConfig target_;
  Config config_;
  PostText text_;
  RetryPolicy policy_;
  UniformRandom random_;
  Redactor redactor_;
  std::int64_t quiet_until_ms_ = 0;
};

class FacebookAttempt : public DeliveryAttempt {
 public:
  FacebookAttempt(FacebookDriver& driver, Delivery delivery) : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t now_ms) override {
    Result<SnapshotFields> post = driver_.snapshot(delivery_);
    if (!post.ok()) return AttemptStep::done(dead_outcome(post.error()));
    Result<std::string> message = driver_.message(*post);
    if (!message.ok()) return AttemptStep::done(dead_outcome(message.error()));
    message_ = std::move(*message);
    url_ = post->url;
    if (now_ms < driver_.quiet_until_ms()) {
      HttpResponse none;
      return AttemptStep::done(
          driver_.throttled(none, delivery_, "POST feed", "an earlier answer asked to wait", now_ms));
    }
    // An earlier attempt may have posted: look before posting again.
    if (may_have_posted(delivery_)) return look_up();
    return post_feed();
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    driver_.note_usage(response, now_ms);
    return stage_ == Stage::look_up ? on_posts(response, now_ms) : on_feed(response, now_ms);
  }

 private:
  enum class Stage { look_up, feed };

  AttemptStep look_up() {
    stage_ = Stage::look_up;
    return AttemptStep::send(driver_.posts_request());
  }
  AttemptStep post_feed() {
    stage_ = Stage::feed;
    return AttemptStep::send(driver_.feed_request(message_, url_));
  }

  AttemptStep on_posts(const HttpResponse& response, std::int64_t now_ms) {
    GraphError error = read_graph_error(response.body);
    if (response.status == 200) {
      GraphPost found = find_graph_post(response.body, url_);
      if (found.id.empty()) {
        if (duplicate_) {
          return AttemptStep::done(driver_.dead(
              response, "Facebook refused the post as a duplicate of the Page's last post, which is not it", false));
        }
        return post_feed();
      }
      spdlog::info("post {} -> {}: found on the Page as {} (an earlier attempt posted it)", delivery_.post_id,
                   driver_.name(), found.id);
      return sent(response, found.id, found.permalink_url);
    }
    if (error.kind == GraphErrorClass::token) return AttemptStep::done(driver_.token_refused(response, error));
    if (error.kind == GraphErrorClass::throttled) {
      return AttemptStep::done(driver_.throttled(response, delivery_, "GET posts", error.describe(), now_ms));
    }
    if (response.status == 0 || response.status == 429 || response.status >= 500) {
      return AttemptStep::done(driver_.by_status(response, delivery_, "looking for the post on the Page", now_ms));
    }
    // The look-up cannot tell whether the post is there: after_timeout decides.
    std::string why = "HTTP " + std::to_string(response.status) + (error.code ? ", " + error.describe() : "");
    if (!driver_.settings().after_timeout.retry_ambiguous) {
      return AttemptStep::done(driver_.dead(response,
                                            "an earlier attempt may have posted it and the Page's posts cannot be "
                                            "read (" + why + "); not retried (after_timeout: give_up)",
                                            false));
    }
    spdlog::warn("post {} -> {}: the Page's posts cannot be read ({}); posting again (after_timeout: retry)",
                 delivery_.post_id, driver_.name(), driver_.redact(why));
    return post_feed();
  }

  AttemptStep on_feed(const HttpResponse& response, std::int64_t now_ms) {
    GraphError error = read_graph_error(response.body);
    std::string id = response.status == 200 ? json_member(response.body, {"id"}) : "";
    if (!id.empty()) return sent(response, id, "");
    const std::string what = "POST feed";
    if (error.fbtrace_id.size() > 0) {
      spdlog::info("post {} -> {}: Facebook error {} (fbtrace_id {})", delivery_.post_id, driver_.name(),
                   driver_.redact(error.describe()), error.fbtrace_id);
    }
    switch (error.kind) {
      case GraphErrorClass::token: return AttemptStep::done(driver_.token_refused(response, error));
      case GraphErrorClass::throttled:
        return AttemptStep::done(driver_.throttled(response, delivery_, what, error.describe(), now_ms));
      case GraphErrorClass::permission:
        return AttemptStep::done(driver_.dead(
            response,
            "Facebook refused the post for a missing permission (" + error.describe() +
                "): grant pages_manage_posts and pages_read_engagement for the Page again, install the new token "
                "(docs/targets.md, Facebook), then herald retry --target " + driver_.name(),
            true));
      case GraphErrorClass::invalid:
        return AttemptStep::done(driver_.dead(response, "Facebook refused the post (" + error.describe() + ")", false));
      case GraphErrorClass::duplicate:
        // Identical to the Page's last post: most likely ours, posted by an
        // attempt whose answer was lost. Look before giving up.
        duplicate_ = true;
        return look_up();
      case GraphErrorClass::link: {
        DeliveryOutcome outcome = driver_.retry(response, delivery_, what, now_ms);
        if (outcome.kind == DeliveryOutcome::Kind::retry) {
          outcome.error = driver_.redact(what + ": Facebook could not read the article's link yet (" +
                                         error.describe() + ")");
        }
        return AttemptStep::done(std::move(outcome));
      }
      case GraphErrorClass::other:
        if (response.status < 500 && (error.code == 1 || error.code == 2 || error.code == 368)) {
          return AttemptStep::done(driver_.retry(response, delivery_, what, now_ms));
        }
        break;
      case GraphErrorClass::none: break;
    }
    DeliveryOutcome outcome = driver_.by_status(response, delivery_, what, now_ms);
    if (outcome.kind == DeliveryOutcome::Kind::dead && error.code != 0) {
      outcome.error = driver_.redact(what + ": Facebook refused the post (HTTP " + std::to_string(response.status) +
                                     ", " + error.describe() + ")");
    }
    return AttemptStep::done(std::move(outcome));
  }

  AttemptStep sent(const HttpResponse& response, const std::string& id, const std::string& permalink) {
    return AttemptStep::done(
        sent_outcome(response.status, id, permalink.empty() ? "https://www.facebook.com/" + id : permalink));
  }

  FacebookDriver& driver_;
  Delivery delivery_;
  Stage stage_ = Stage::feed;
  std::string message_;
  std::string url_;
  bool duplicate_ = false;
};

std::unique_ptr<DeliveryAttempt> FacebookDriver::attempt(const Delivery& delivery) {
  return std::make_unique<FacebookAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_facebook_driver(const TargetConfig& target, const Config& config, const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kFacebookTemplate);
  if (!text.ok()) return text.status();
  return DriverResult(std::make_unique<FacebookDriver>(target, config, std::move(*text), inputs));
}

}  // namespace herald
