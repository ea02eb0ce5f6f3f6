#include "daemon/targets/linkedin/linkedin_driver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <utility>

#include <boost/json.hpp>

#include "daemon/targets/json_exchange.h"
#include "daemon/targets/linkedin/linkedin_answer.h"
#include "daemon/targets/linkedin/linkedin_requests.h"
#include "daemon/targets/post_text.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/request_outcomes.h"
#include "daemon/targets/retry_hints.h"
#include "daemon/targets/retry_policy.h"

namespace herald {
namespace {

// The default commentary: the article card below it carries the link.
constexpr std::string_view kLinkedInTemplate = "{title}\n\n{summary}\n\n{hashtags}";

class LinkedInDriver : public TargetDriver {
 public:
  LinkedInDriver(const TargetConfig& target, const Config& config, PostText text, const DriverInputs& inputs)
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
    Result<LinkedInArticle> article = this->article(delivery);
    if (!article.ok()) return article.status();
    std::vector<HttpRequest> requests;
    if (const DeliveryImage* image = usable_image(delivery)) {
      requests.push_back(linkedin_initialize_upload_request(account()));
      requests.push_back(linkedin_upload_request(account(), "<uploadUrl from initializeUpload>", image->bytes,
                                                 image->media_type, true));
      article->thumbnail = "<image URN from initializeUpload>";
      article->thumbnail_alt = image->alt;
    }
    requests.push_back(linkedin_post_request(account(), *article));
    return requests;
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

  // --- for attempts ---
  const std::string& name() const { return target_.name; }
  const LinkedInSettings& settings() const { return target_.as<LinkedInSettings>(); }
  LinkedInAccount account() const {
    return {target_.url, settings().author, settings().access_token, settings().api_version};
  }

  // The article of `delivery` without its thumbnail; failed (redacted) when
  // the payload is unreadable, the event is not post.published or the
  // commentary cannot fit.
  Result<LinkedInArticle> article(const Delivery& delivery) const {
    if (parse_delivery_event(delivery.event) != DeliveryEvent::published) {
      return Result<LinkedInArticle>::failed("linkedin targets announce new posts only; " + delivery.event +
                                             " is not sent");
    }
    Result<SnapshotFields> post = SnapshotFields::parse(delivery.payload);
    if (!post.ok()) return Result<LinkedInArticle>::failed(redactor_.apply(post.error()));
    TextLimits limits;
    limits.max_length = kLinkedInCommentaryMax;
    limits.count = count_utf16_units;
    Result<std::string> commentary = text_.fit(*post, limits, escape_little_text);
    if (!commentary.ok()) return commentary.status();
    LinkedInArticle article;
    article.commentary = std::move(*commentary);
    article.source = post->url;
    article.title = post->title;
    article.description = post->summary;
    return article;
  }

  // The image variant to upload with `delivery`; nullptr when there is none
  // (or the target sends none).
  const DeliveryImage* usable_image(const Delivery& delivery) const {
    if (!settings().text.attach_image || !delivery.image || !delivery.image->has_variant()) return nullptr;
    return &*delivery.image;
  }

  // Until when LinkedIn's quota is spent (0: it is not).
  std::int64_t quiet_until_ms() const { return quiet_until_ms_; }

  // A 429: wait until Retry-After when given, else the next 00:00 UTC.
  DeliveryOutcome quota_spent(const HttpResponse& response, const std::string& what, std::int64_t now_ms) {
    std::optional<std::int64_t> hint = server_retry_at_ms(429, response.headers, std::nullopt, now_ms);
    quiet_until_ms_ = std::max(quiet_until_ms_, hint ? *hint : next_utc_midnight_ms(now_ms));
    return wait_for_quota(what + ": LinkedIn's quota for the page or the app is spent (HTTP 429)", now_ms);
  }
  DeliveryOutcome wait_for_quota(const std::string& why, std::int64_t now_ms) const {
    return lane_wait_outcome(quiet_until_ms_, why + "; waiting", now_ms, redactor_);
  }

  DeliveryOutcome by_status(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                            std::int64_t now_ms) const {
    return failed_request_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }
  DeliveryOutcome dead(const HttpResponse& response, const std::string& why, bool stops_target) const {
    return refused_request_outcome(response, why, redactor_, stops_target);
  }

  // The outcome of an answer every LinkedIn request may get: 401, 403,
  // 426, 429; nullopt for any other.
  std::optional<DeliveryOutcome> account_refusal(const HttpResponse& response, const std::string& what,
                                                 std::int64_t now_ms) {
    std::string said = read_linkedin_error(response.body).describe();
    std::string detail = "HTTP " + std::to_string(response.status) + (said.empty() ? "" : ", " + said);
    std::string then = ", run herald reload, then herald retry --target " + name();
    switch (response.status) {
      case 401:
        return dead(response,
                    what + ": LinkedIn refused the access token (" + detail +
                        "): it expired (tokens last 60 days) or was revoked; sign in again with the app "
                        "(docs/targets.md, LinkedIn), put the new token in access_token or access_token_file" +
                        then,
                    true);
      case 403:
        return dead(response,
                    what + ": LinkedIn refused the page's permission (" + detail +
                        "): the member who authorized herald needs an administrator role on the page and the "
                        "token the w_organization_social scope; authorize again (docs/targets.md, LinkedIn), "
                        "install the new token" + then,
                    true);
      case 426:
        return dead(response,
                    what + ": LinkedIn no longer serves api_version " + settings().api_version + " (" + detail +
                        "): set api_version to a current version (YYYYMM, LinkedIn's versioning page lists them)" +
                        then,
                    true);
      case 429: return quota_spent(response, what, now_ms);
      default: return std::nullopt;
    }
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

class LinkedInAttempt : public DeliveryAttempt {
 public:
  LinkedInAttempt(LinkedInDriver& driver, Delivery delivery) : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t now_ms) override {
    Result<LinkedInArticle> article = driver_.article(delivery_);
    if (!article.ok()) return AttemptStep::done(dead_outcome(article.error()));
    article_ = std::move(*article);
    if (now_ms < driver_.quiet_until_ms()) {
      return AttemptStep::done(driver_.wait_for_quota("POST /rest/posts: an earlier answer said the quota is spent",
                                                      now_ms));
    }
    if (delivery_.image && !delivery_.image->has_variant() && !delivery_.image->note.empty()) {
      image_note_ = "posted without the thumbnail: " + driver_.redact(delivery_.image->note);
    } else if (!delivery_.image && driver_.settings().text.attach_image &&
               !json_member(delivery_.payload, {"image"}).empty()) {
      image_note_ = "posted without the thumbnail: no variant of the image was made for this delivery";
    }
    // An earlier attempt may have posted: look before posting again.
    if (may_have_posted(delivery_)) return look_up();
    return upload_or_post();
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    switch (stage_) {
      case Stage::look_up: return on_look_up(response, now_ms);
      case Stage::initialize: return on_initialize(response, now_ms);
      case Stage::upload: return on_upload(response, now_ms);
      case Stage::post: break;
    }
    return on_post(response, now_ms);
  }

 private:
  enum class Stage { look_up, initialize, upload, post };

  AttemptStep look_up() {
    stage_ = Stage::look_up;
    return AttemptStep::send(linkedin_recent_posts_request(driver_.account()));
  }
  AttemptStep upload_or_post() {
    if (driver_.usable_image(delivery_) == nullptr) return post();
    stage_ = Stage::initialize;
    return AttemptStep::send(linkedin_initialize_upload_request(driver_.account()));
  }
  AttemptStep post() {
    stage_ = Stage::post;
    return AttemptStep::send(linkedin_post_request(driver_.account(), article_));
  }

  // The look-up cannot tell whether the post is there: after_timeout decides.
  AttemptStep on_look_up(const HttpResponse& response, std::int64_t now_ms) {
    const std::string what = "looking for the post on the page";
    if (response.status == 200) {
      std::string urn = find_linkedin_post(response.body, article_.source);
      if (!urn.empty()) {
        spdlog::info("post {} -> {}: found on the page as {} (an earlier attempt posted it)", delivery_.post_id,
                     driver_.name(), urn);
        return sent(response, urn);
      }
      if (duplicate_) {
        return AttemptStep::done(driver_.dead(
            response, "LinkedIn refused the post as a duplicate, and the page's latest posts do not carry it", false));
      }
      return upload_or_post();
    }
    if (response.status == 401 || response.status == 429) {
      return AttemptStep::done(*driver_.account_refusal(response, what, now_ms));
    }
    if (response.status == 0 || response.status >= 500) {
      return AttemptStep::done(driver_.by_status(response, delivery_, what, now_ms));
    }
    std::string said = read_linkedin_error(response.body).describe();
    std::string why = "HTTP " + std::to_string(response.status) + (said.empty() ? "" : ", " + said);
    if (!driver_.settings().after_timeout.retry_ambiguous) {
      return AttemptStep::done(driver_.dead(response,
                                            "an earlier attempt may have posted it and the page's posts cannot be "
                                            "read (" + why + "); not retried (after_timeout: give_up)",
                                            false));
    }
    spdlog::warn("post {} -> {}: the page's posts cannot be read ({}); posting again (after_timeout: retry)",
                 delivery_.post_id, driver_.name(), driver_.redact(why));
    return upload_or_post();
  }

  AttemptStep on_initialize(const HttpResponse& response, std::int64_t now_ms) {
    const std::string what = "POST /rest/images";
    LinkedInUpload upload = response.status == 200 ? read_linkedin_upload(response.body) : LinkedInUpload{};
    if (upload.ok()) {
      image_urn_ = upload.image;
      const DeliveryImage& image = *delivery_.image;
      stage_ = Stage::upload;
      LinkedInAccount account = driver_.account();
      return AttemptStep::send(linkedin_upload_request(account, upload.upload_url, image.bytes, image.media_type,
                                                       linkedin_upload_takes_token(account, upload.upload_url)));
    }
    if (std::optional<DeliveryOutcome> refused = driver_.account_refusal(response, what, now_ms)) {
      return AttemptStep::done(std::move(*refused));
    }
    if (response.status == 0 || response.status >= 500) {
      return AttemptStep::done(driver_.by_status(response, delivery_, what, now_ms));
    }
    return without_image("initializeUpload refused it (HTTP " + std::to_string(response.status) + ")");
  }

  AttemptStep on_upload(const HttpResponse& response, std::int64_t now_ms) {
    if (response.status >= 200 && response.status < 300) {
      article_.thumbnail = image_urn_;
      article_.thumbnail_alt = delivery_.image->alt;
      return post();
    }
    if (response.status == 401) return AttemptStep::done(*driver_.account_refusal(response, "PUT image", now_ms));
    if (response.status == 0 || response.status >= 500) {
      return AttemptStep::done(driver_.by_status(response, delivery_, "PUT image", now_ms));
    }
    return without_image("its upload was refused (HTTP " + std::to_string(response.status) + ")");
  }

  AttemptStep without_image(const std::string& why) {
    spdlog::warn("post {} -> {}: posting without the thumbnail: {}", delivery_.post_id, driver_.name(),
                 driver_.redact(why));
    image_note_ = "posted without the thumbnail: " + driver_.redact(why);
    return post();
  }

  AttemptStep on_post(const HttpResponse& response, std::int64_t now_ms) {
    const std::string what = "POST /rest/posts";
    if (response.status >= 200 && response.status < 300) return sent(response, response.header("x-restli-id"));
    if (std::optional<DeliveryOutcome> refused = driver_.account_refusal(response, what, now_ms)) {
      return AttemptStep::done(std::move(*refused));
    }
    LinkedInError error = read_linkedin_error(response.body);
    if (response.status == 422 || response.status == 409) {
      std::string urn = duplicate_post_urn(error);
      if (!urn.empty()) {
        // Most likely ours, made by an attempt whose answer was lost.
        spdlog::info("post {} -> {}: LinkedIn says it duplicates {}; recorded as that post", delivery_.post_id,
                     driver_.name(), urn);
        return sent(response, urn);
      }
      if (error.code == "DUPLICATE_POST" && !duplicate_) {
        duplicate_ = true;
        return look_up();
      }
    }
    if (response.status == 400 || response.status == 422) {
      return AttemptStep::done(driver_.dead(
          response, what + ": LinkedIn refused the post (HTTP " + std::to_string(response.status) +
                        (error.describe().empty() ? "" : ", " + error.describe()) + ")",
          false));
    }
    return AttemptStep::done(driver_.by_status(response, delivery_, what, now_ms));
  }

  AttemptStep sent(const HttpResponse& response, const std::string& urn) {
    DeliveryOutcome outcome = sent_outcome(response.status, urn, urn.empty() ? "" : linkedin_post_url(urn));
    outcome.error = image_note_;
    return AttemptStep::done(std::move(outcome));
  }

  LinkedInDriver& driver_;
  Delivery delivery_;
  Stage stage_ = Stage::post;
  LinkedInArticle article_;
  std::string image_urn_;
  std::string image_note_;  // why the article went without its thumbnail (the sent outcome's note)
  bool duplicate_ = false;  // LinkedIn called the post a duplicate without naming the original
};

std::unique_ptr<DeliveryAttempt> LinkedInDriver::attempt(const Delivery& delivery) {
  return std::make_unique<LinkedInAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_linkedin_driver(const TargetConfig& target, const Config& config, const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kLinkedInTemplate);
  if (!text.ok()) return text.status();
  return DriverResult(std::make_unique<LinkedInDriver>(target, config, std::move(*text), inputs));
}

}  // namespace herald
