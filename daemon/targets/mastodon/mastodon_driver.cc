#include "daemon/targets/mastodon/mastodon_driver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "daemon/targets/mastodon/mastodon_limits.h"
#include "daemon/targets/mastodon/mastodon_requests.h"
#include "daemon/targets/post_image.h"
#include "daemon/targets/mastodon/mastodon_response.h"
#include "daemon/targets/mastodon/mastodon_status.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/retry_policy.h"
#include "daemon/text/post_snapshot.h"
#include "feeds/media_type.h"

namespace herald {
namespace {

constexpr std::int64_t kFirstPollMs = 1000;
constexpr std::int64_t kMaxPollWaitMs = 10000;
constexpr std::int64_t kMaxProcessingMs = 60000;
constexpr const char* kMediaIdPlaceholder = "<media id>";

class MastodonDriver : public TargetDriver {
 public:
  MastodonDriver(const TargetConfig& target, const Config& config, TargetStateStore* state,
                 TextTemplate tmpl, UniformRandom random)
      : target_(target),
        config_(config),
        state_(state),
        template_(std::move(tmpl)),
        language_(mastodon_language(target, config)),
        policy_(retry_policy_for(target, config.delivery)),
        random_(std::move(random)) {
    redactor_ = target_redactor(target);
    if (state_) {
      if (std::optional<std::string> saved = state_->load(target.name)) {
        limits_ = read_mastodon_limits_state(*saved);
      }
    }
  }

  std::string payload(const Post& post, DeliveryEvent /*event*/,
                      const Timestamp& /*now*/) const override {
    return boost::json::serialize(post_snapshot(post, config_));
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t /*now_ms*/) override {
    Result<SnapshotFields> post = read_post(delivery);
    if (!post.ok()) return post.status();
    MastodonLimits limits = limits_.value_or(MastodonLimits{});
    Result<std::string> text = status_text(*post, limits);
    if (!text.ok()) return text.status();
    std::vector<HttpRequest> requests{mastodon_instance_request(target_, 2)};
    std::vector<std::string> media_ids;
    if (Result<HttpRequest> fetch = image_request(post->image, limits); wants_image(*post, limits) && fetch.ok()) {
      requests.push_back(*fetch);
      MastodonImage image;
      image.filename = mastodon_image_filename(post->image);
      image.content_type = std::string(media_type_for(image.filename).content_type);
      requests.push_back(mastodon_media_request(target_, image, post->image_alt));
      media_ids.push_back(kMediaIdPlaceholder);
    }
    requests.push_back(status_request(*text, media_ids, delivery));
    return requests;
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

  // --- for attempts ---
  const TargetConfig& target() const { return target_; }

  Result<SnapshotFields> read_post(const Delivery& delivery) const {
    if (parse_delivery_event(delivery.event) != DeliveryEvent::published) {
      return Result<SnapshotFields>::failed("mastodon targets announce new posts only; " +
                                            delivery.event + " is not sent");
    }
    Result<SnapshotFields> post = SnapshotFields::parse(delivery.payload);
    if (!post.ok()) return Result<SnapshotFields>::failed(redactor_.apply(post.error()));
    return post;
  }

  Result<std::string> status_text(const SnapshotFields& post, const MastodonLimits& limits) const {
    Result<std::string> text = mastodon_status_text(template_, post, target_, limits, language_);
    if (!text.ok()) return Result<std::string>::failed("the status cannot be made: " + text.error());
    return text;
  }

  Result<HttpRequest> image_request(const std::string& url, const MastodonLimits& limits) const {
    return post_image_request(url, post_image_policy(config_), limits.image_size_limit);
  }

  bool wants_image(const SnapshotFields& post, const MastodonLimits& limits) const {
    return target_.as<MastodonSettings>().text.attach_image && !post.image.empty() && limits.max_media_attachments > 0;
  }

  HttpRequest status_request(const std::string& text, const std::vector<std::string>& media_ids,
                             const Delivery& delivery) const {
    return mastodon_status_request(target_, mastodon_status_body(text, target_, language_, media_ids),
                                   delivery.message_id);
  }

  // Fresh cached limits, if any.
  std::optional<MastodonLimits> fresh_limits(std::int64_t now_ms) const {
    if (limits_ && limits_->fresh(now_ms)) return limits_;
    return std::nullopt;
  }

  void remember(const MastodonLimits& limits) {
    limits_ = limits;
    if (state_) state_->save(target_.name, mastodon_limits_state(limits));
  }

  MastodonReplyContext context(int attempts, std::int64_t now_ms) const {
    return MastodonReplyContext{attempts, policy_, now_ms, random_, redactor_};
  }

 private:
  TargetConfig target_;
  Config config_;
  TargetStateStore* state_;
  TextTemplate template_;
  std::string language_;
  RetryPolicy policy_;
  Redactor redactor_;
  UniformRandom random_;
  std::optional<MastodonLimits> limits_;
};

class MastodonAttempt : public DeliveryAttempt {
 public:
  MastodonAttempt(MastodonDriver& driver, Delivery delivery)
      : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t now_ms) override {
    Result<SnapshotFields> post = driver_.read_post(delivery_);
    if (!post.ok()) return AttemptStep::done(dead_outcome(post.error()));
    post_ = std::move(*post);
    if (std::optional<MastodonLimits> cached = driver_.fresh_limits(now_ms)) {
      limits_ = *cached;
      return after_limits(now_ms);
    }
    stage_ = Stage::instance_v2;
    return AttemptStep::send(mastodon_instance_request(driver_.target(), 2));
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    switch (stage_) {
      case Stage::instance_v2:
      case Stage::instance_v1: return on_instance(response, now_ms);
      case Stage::image: return on_image(response, now_ms);
      case Stage::upload:
      case Stage::poll: return on_media(response, now_ms);
      case Stage::status: break;
    }
    DeliveryOutcome outcome = mastodon_status_outcome(response, context(now_ms));
    if (outcome.kind == DeliveryOutcome::Kind::sent) outcome.error = image_note_;
    return AttemptStep::done(std::move(outcome));
  }

 private:
  enum class Stage { instance_v2, instance_v1, image, upload, poll, status };

  MastodonReplyContext context(std::int64_t now_ms) const {
    return driver_.context(delivery_.attempts, now_ms);
  }

  AttemptStep on_instance(const HttpResponse& response, std::int64_t now_ms) {
    if (response.status == 404 && stage_ == Stage::instance_v2) {
      stage_ = Stage::instance_v1;
      return AttemptStep::send(mastodon_instance_request(driver_.target(), 1));
    }
    if (response.status == 0 || response.status == 429 || response.status >= 500) {
      DeliveryOutcome outcome = mastodon_status_outcome(response, context(now_ms));
      return AttemptStep::done(std::move(outcome));
    }
    Result<MastodonLimits> limits = Result<MastodonLimits>::failed("HTTP " + std::to_string(response.status));
    if (response.status == 200) limits = parse_mastodon_instance(response.body, now_ms);
    if (limits.ok()) {
      driver_.remember(*limits);
      limits_ = *limits;
    } else {
      spdlog::warn("target {}: the server's limits could not be read ({}); using Mastodon's defaults",
                   driver_.target().name, driver_.redact(limits.error()));
    }
    return after_limits(now_ms);
  }

  AttemptStep after_limits(std::int64_t now_ms) {
    // The variant the image step made when the delivery was recorded: the same bytes every attempt.
    if (driver_.wants_image(*post_, limits_) && delivery_.image) {
      const DeliveryImage& image = *delivery_.image;
      if (!image.has_variant()) return text_only(image.note, now_ms);
      std::string filename = "image." + image.media_type.substr(image.media_type.find('/') + 1);
      return upload(image.bytes, image.media_type, filename, image.alt, now_ms);
    }
    if (driver_.wants_image(*post_, limits_)) {
      Result<HttpRequest> fetch = driver_.image_request(post_->image, limits_);
      if (!fetch.ok()) return text_only("the image " + post_->image + ": " + fetch.error(), now_ms);
      stage_ = Stage::image;
      return AttemptStep::send(*fetch);
    }
    return send_status(now_ms);
  }

  AttemptStep on_image(const HttpResponse& response, std::int64_t now_ms) {
    std::string why;
    std::string filename = mastodon_image_filename(post_->image);
    std::string type = response.header("content-type");
    if (type.empty()) type = std::string(media_type_for(filename).content_type);
    if (response.status != 200) {
      return text_only("the image " + post_->image + " could not be fetched (" +
                           (response.status ? "HTTP " + std::to_string(response.status) : response.error) + ")",
                       now_ms);
    }
    return upload(response.body, type.substr(0, type.find(';')), filename, post_->image_alt, now_ms);
  }

  // Uploads `bytes` when the server's limits take them, else posts without them.
  AttemptStep upload(const std::string& bytes, const std::string& type, const std::string& filename,
                     const std::string& alt, std::int64_t now_ms) {
    std::string why;
    if (bytes.size() > limits_.image_size_limit) {
      why = "the image " + post_->image + " is larger than the server's limit of " +
            std::to_string(limits_.image_size_limit) + " bytes";
    } else if (!limits_.accepts(type)) {
      why = "the server does not accept images of type '" + type + "' (" + post_->image + ")";
    }
    if (!why.empty()) return text_only(why, now_ms);
    stage_ = Stage::upload;
    return AttemptStep::send(mastodon_media_request(driver_.target(), MastodonImage{bytes, type, filename}, alt));
  }

  AttemptStep on_media(const HttpResponse& response, std::int64_t now_ms) {
    bool polling = stage_ == Stage::poll;
    MastodonMediaReply reply = mastodon_media_reply(response, polling, context(now_ms));
    switch (reply.kind) {
      case MastodonMediaReply::Kind::ready:
        if (!reply.id.empty()) media_id_ = reply.id;
        media_ids_ = {media_id_};
        return send_status(now_ms);
      case MastodonMediaReply::Kind::processing:
        return poll(reply.id, polling, now_ms);
      case MastodonMediaReply::Kind::rejected:
        return text_only(reply.reason, now_ms);
      case MastodonMediaReply::Kind::failed:
        break;
    }
    return AttemptStep::done(std::move(reply.outcome));
  }

  AttemptStep poll(const std::string& id, bool polling, std::int64_t now_ms) {
    if (!polling) {
      media_id_ = id;
      stage_ = Stage::poll;
      processing_since_ms_ = now_ms;
      poll_wait_ms_ = kFirstPollMs;
    } else if (now_ms - processing_since_ms_ >= kMaxProcessingMs) {
      DeliveryOutcome outcome;
      outcome.kind = DeliveryOutcome::Kind::retry;
      outcome.at_ms = now_ms;
      outcome.retry_at_ms = now_ms + context(now_ms).policy.backoff_initial.count();
      outcome.http_status = 206;
      outcome.error = "the server was still processing the image after " +
                      std::to_string(kMaxProcessingMs / 1000) + " s";
      return AttemptStep::done(std::move(outcome));
    } else {
      poll_wait_ms_ = std::min(poll_wait_ms_ * 2, kMaxPollWaitMs);
    }
    return AttemptStep::send(mastodon_media_poll_request(driver_.target(), media_id_), now_ms + poll_wait_ms_);
  }

  AttemptStep text_only(const std::string& why, std::int64_t now_ms) {
    spdlog::warn("post {} -> {}: posting without the image: {}", delivery_.post_id,
                 driver_.target().name, driver_.redact(why));
    image_note_ = "posted without the image: " + driver_.redact(why);
    media_ids_.clear();
    return send_status(now_ms);
  }

  AttemptStep send_status(std::int64_t /*now_ms*/) {
    Result<std::string> text = driver_.status_text(*post_, limits_);
    if (!text.ok()) return AttemptStep::done(dead_outcome(driver_.redact(text.error())));
    stage_ = Stage::status;
    return AttemptStep::send(driver_.status_request(*text, media_ids_, delivery_));
  }

  MastodonDriver& driver_;
  Delivery delivery_;
  std::optional<SnapshotFields> post_;
  MastodonLimits limits_;
  Stage stage_ = Stage::status;
  std::string media_id_;
  std::vector<std::string> media_ids_;
  std::string image_note_;  // why the status went without the image (the sent outcome's note)
  std::int64_t processing_since_ms_ = 0;
  std::int64_t poll_wait_ms_ = kFirstPollMs;
};

std::unique_ptr<DeliveryAttempt> MastodonDriver::attempt(const Delivery& delivery) {
  return std::make_unique<MastodonAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_mastodon_driver(const TargetConfig& target, const Config& config,
                                  TargetStateStore* state, const DriverInputs& inputs) {
  Result<TextTemplate> tmpl = target_template(target, kMastodonTemplate);
  if (!tmpl.ok()) return tmpl.status();
  return DriverResult(std::make_unique<MastodonDriver>(target, config, state, std::move(*tmpl), inputs.random));
}

}  // namespace herald
