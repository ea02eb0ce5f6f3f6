#include "daemon/targets/bluesky/bluesky_driver.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "daemon/targets/bluesky/bluesky_record.h"
#include "daemon/targets/bluesky/bluesky_tid.h"
#include "daemon/targets/bluesky/bluesky_xrpc.h"
#include "daemon/targets/post_image.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/request_outcomes.h"
#include "daemon/targets/retry_policy.h"
#include "daemon/text/post_snapshot.h"
#include "feeds/media_type.h"

namespace herald {
namespace {

namespace json = boost::json;

constexpr int kMaxSessions = 3;  // new or refreshed sessions in one attempt

// A clock id drawn from `random` (uniform in [0, 1)).
unsigned random_clock_id(const UniformRandom& random) {
  return static_cast<unsigned>(random() * (kTidMaxClockId + 1)) & kTidMaxClockId;
}

// The image's media type: the answer's Content-Type when it is an image,
// else the one its file name says.
std::string image_type(const HttpResponse& response, const std::string& url) {
  std::string type = response.header("content-type");
  type = type.substr(0, type.find(';'));
  if (type.rfind("image/", 0) == 0) return type;
  std::string path = url.substr(0, url.find_first_of("?#"));
  return std::string(media_type_for(path.substr(path.rfind('/') + 1)).content_type);
}

class BlueskyDriver : public TargetDriver {
 public:
  BlueskyDriver(const TargetConfig& target, const Config& config, TargetStateStore* state, TextTemplate tmpl,
                const DriverInputs& inputs)
      : target_(target),
        config_(config),
        state_(state),
        template_(std::move(tmpl)),
        language_(bluesky_language(target, config)),
        policy_(retry_policy_for(target, config.delivery)),
        random_(inputs.random),
        wall_clock_us_(inputs.wall_clock_us),
        tids_(random_clock_id(random_)) {
    redactor_ = target_redactor(target);
    if (state_) {
      if (std::optional<std::string> saved = state_->load(target.name)) {
        if (std::optional<BlueskySession> session = read_bluesky_session_state(*saved, target.as<BlueskySettings>().identifier)) {
          remember(*session);
        }
      }
    }
  }

  std::string payload(const Post& post, DeliveryEvent /*event*/, const Timestamp& now) const override {
    Result<SnapshotFields> fields = SnapshotFields::read(post_snapshot(post, config_));
    if (!fields.ok()) return json::serialize(json::object{{"error", fields.error()}});
    std::string rkey = tids_.next(std::max(wall_clock_us_(), now.unix_seconds * 1000000));
    return bluesky_payload(*fields, template_, target_, language_, Timestamp{now.unix_seconds, 0}.rfc3339(), rkey);
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t /*now_ms*/) override {
    Result<BlueskyPayload> payload = read(delivery);
    if (!payload.ok()) return payload.status();
    std::vector<HttpRequest> requests;
    std::string access = session_.access_jwt;
    std::string did = session_.did;
    if (!session_.valid()) {
      requests.push_back(create_session_request());
      access = "<accessJwt from createSession>";
      did = "<did from createSession>";
    }
    std::optional<json::object> blob;
    if (Result<HttpRequest> fetch = image_request(payload->image_url);
        !payload->image_url.empty() && fetch.ok()) {
      requests.push_back(*fetch);
      std::string type = image_type(HttpResponse{}, payload->image_url);
      requests.push_back(bluesky_upload_blob_request(target_.url, access, "", type));
      blob = json::object{{"$type", "blob"},
                          {"ref", {{"$link", "<cid from uploadBlob>"}}},
                          {"mimeType", type},
                          {"size", 0}};
    }
    requests.push_back(bluesky_put_record_request(target_.url, access, did, payload->rkey,
                                                  bluesky_record(*payload, blob ? &*blob : nullptr)));
    return requests;
  }

  Result<HttpRequest> image_request(const std::string& url) const {
    return post_image_request(url, post_image_policy(config_), kBlueskyMaxImageBytes);
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

  // --- for attempts ---
  Result<BlueskyPayload> read(const Delivery& delivery) const {
    if (parse_delivery_event(delivery.event) != DeliveryEvent::published) {
      return Result<BlueskyPayload>::failed("bluesky targets announce new posts only; " +
                                            delivery.event + " is not sent");
    }
    Result<BlueskyPayload> payload = read_bluesky_payload(delivery.payload);
    if (!payload.ok()) return Result<BlueskyPayload>::failed(redactor_.apply(payload.error()));
    return payload;
  }

  const TargetConfig& target() const { return target_; }
  const BlueskySession& session() const { return session_; }

  HttpRequest create_session_request() const {
    return bluesky_create_session_request(target_.url, target_.as<BlueskySettings>().identifier,
                                          target_.as<BlueskySettings>().password);
  }

  void remember(const BlueskySession& session) {
    session_ = session;
    redactor_.add_secret(session.access_jwt);
    redactor_.add_secret(session.refresh_jwt);
  }

  void save(const BlueskySession& session) {
    remember(session);
    if (state_) state_->save(target_.name, bluesky_session_state(session, target_.as<BlueskySettings>().identifier));
  }

  void forget_session() { session_ = BlueskySession{}; }

  // One renewal of the session at a time (renewal_gate.h); what the last
  // one that failed ended with, for the attempts that waited for it.
  RenewalGate& gate() { return gate_; }
  const std::optional<DeliveryOutcome>& renewal_failure() const { return renewal_failure_; }
  void set_renewal_failure(std::optional<DeliveryOutcome> outcome) { renewal_failure_ = std::move(outcome); }

  // A retry (or dead past max_attempts) outcome for a failed request.
  DeliveryOutcome retry(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                        std::int64_t now_ms) const {
    return failed_request_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }

  DeliveryOutcome dead(const HttpResponse& response, const std::string& why) const {
    return refused_request_outcome(response, why, redactor_);
  }

 private:
  TargetConfig target_;
  Config config_;
  TargetStateStore* state_;
  TextTemplate template_;
  std::string language_;
  RetryPolicy policy_;
  UniformRandom random_;
  MicrosClock wall_clock_us_;
  Redactor redactor_;
  mutable TidGenerator tids_;
  BlueskySession session_;
  RenewalGate gate_;
  std::optional<DeliveryOutcome> renewal_failure_;
};

class BlueskyAttempt : public DeliveryAttempt {
 public:
  BlueskyAttempt(BlueskyDriver& driver, Delivery delivery) : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t /*now_ms*/) override {
    Result<BlueskyPayload> payload = driver_.read(delivery_);
    if (!payload.ok()) return AttemptStep::done(dead_outcome(payload.error()));
    payload_ = std::move(*payload);
    // The variant the image step made when the delivery was recorded: the same bytes every attempt.
    if (!payload_->image_url.empty() && delivery_.image) {
      const DeliveryImage& image = *delivery_.image;
      if (!image.has_variant()) return without_image(image.note);
      image_data_ = image.bytes;
      image_type_ = image.media_type;
      payload_->image_alt = image.alt;
      return authenticated(Stage::upload);
    }
    if (!payload_->image_url.empty()) {
      Result<HttpRequest> fetch = driver_.image_request(payload_->image_url);
      if (!fetch.ok()) return without_image(fetch.error());
      stage_ = Stage::image;
      return AttemptStep::send(*fetch);
    }
    return authenticated(Stage::put);
  }

  // The renewal this attempt waited for has ended: go on with its session,
  // or end as the renewal did.
  AttemptStep resume(std::int64_t /*now_ms*/) override {
    const BlueskySession& session = driver_.session();
    if (session.valid() && session.access_jwt != used_access_) return send(after_session_);
    if (const std::optional<DeliveryOutcome>& failure = driver_.renewal_failure()) {
      return AttemptStep::done(*failure);
    }
    return authenticated(after_session_);
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    switch (stage_) {
      case Stage::create_session: return on_create_session(response, now_ms);
      case Stage::refresh_session: return on_refresh_session(response, now_ms);
      case Stage::image: return on_image(response);
      case Stage::upload: return on_upload(response, now_ms);
      case Stage::put: break;
    }
    return on_put(response, now_ms);
  }

 private:
  enum class Stage { create_session, refresh_session, image, upload, put };

  const std::string& name() const { return driver_.target().name; }

  // `what` (upload or put) with a session, made first when there is none.
  AttemptStep authenticated(Stage what) {
    after_session_ = what;
    if (driver_.session().valid()) return send(what);
    if (driver_.gate().busy()) return AttemptStep::wait(driver_.gate());
    return create_session();
  }

  AttemptStep send(Stage what) {
    stage_ = what;
    const BlueskySession& session = driver_.session();
    const std::string& pds = driver_.target().url;
    used_access_ = session.access_jwt;
    if (what == Stage::upload) {
      return AttemptStep::send(bluesky_upload_blob_request(pds, session.access_jwt, image_data_, image_type_));
    }
    json::object record = bluesky_record(*payload_, blob_ ? &*blob_ : nullptr);
    return AttemptStep::send(bluesky_put_record_request(pds, session.access_jwt, session.did, payload_->rkey, record));
  }

  AttemptStep create_session() {
    ++sessions_;
    if (!renewal_.held()) renewal_.begin(driver_.gate());
    driver_.forget_session();
    stage_ = Stage::create_session;
    return AttemptStep::send(driver_.create_session_request());
  }

  AttemptStep refresh_session() {
    ++sessions_;
    if (!renewal_.held()) renewal_.begin(driver_.gate());
    stage_ = Stage::refresh_session;
    return AttemptStep::send(bluesky_refresh_session_request(driver_.target().url, driver_.session().refresh_jwt));
  }

  // The session of `what`'s request was refused or expired. Another
  // attempt may be renewing it (wait for that) or may have renewed it
  // since this request was sent (use the new one).
  AttemptStep session_failed(const HttpResponse& response, BlueskyReply reply, const char* nsid) {
    after_session_ = stage_;
    if (driver_.gate().busy()) return AttemptStep::wait(driver_.gate());
    if (driver_.session().valid() && driver_.session().access_jwt != used_access_) return send(after_session_);
    if (sessions_ >= kMaxSessions) {
      return AttemptStep::done(driver_.dead(response, std::string(nsid) + ": the PDS refused every new session: " +
                                                          bluesky_reply_text(response)));
    }
    if (reply == BlueskyReply::expired_token && !driver_.session().refresh_jwt.empty()) return refresh_session();
    return create_session();
  }

  AttemptStep on_session(const HttpResponse& response) {
    std::optional<BlueskySession> session = parse_bluesky_session(response.body);
    if (!session) {
      return renewal_failed(driver_.dead(response, "the PDS's session answer has no did or accessJwt"));
    }
    driver_.save(*session);
    spdlog::info("target {}: {} as {}", name(),
                 stage_ == Stage::refresh_session ? "session refreshed" : "logged in (new session)",
                 session->handle.empty() ? session->did : session->handle);
    driver_.set_renewal_failure(std::nullopt);
    renewal_.end();
    return send(after_session_);
  }

  // Ends this attempt's renewal with `outcome`, which the attempts that
  // waited for it end with too.
  AttemptStep renewal_failed(DeliveryOutcome outcome) {
    driver_.set_renewal_failure(outcome);
    renewal_.end();
    return AttemptStep::done(std::move(outcome));
  }

  AttemptStep on_create_session(const HttpResponse& response, std::int64_t now_ms) {
    BlueskyReply reply = classify_bluesky_reply(response);
    if (reply == BlueskyReply::ok) return on_session(response);
    if (reply == BlueskyReply::rate_limited || reply == BlueskyReply::transient) {
      return renewal_failed(driver_.retry(response, delivery_, "createSession", now_ms));
    }
    return renewal_failed(driver_.dead(
        response, "the PDS refused the identifier '" + driver_.target().as<BlueskySettings>().identifier +
                      "' and its app password (createSession: " + bluesky_reply_text(response) + ")"));
  }

  AttemptStep on_refresh_session(const HttpResponse& response, std::int64_t now_ms) {
    BlueskyReply reply = classify_bluesky_reply(response);
    if (reply == BlueskyReply::ok) return on_session(response);
    if (reply == BlueskyReply::rate_limited || reply == BlueskyReply::transient) {
      return renewal_failed(driver_.retry(response, delivery_, "refreshSession", now_ms));
    }
    spdlog::info("target {}: the session could not be refreshed ({}); creating a new one", name(),
                 driver_.redact(bluesky_reply_text(response)));
    if (sessions_ >= kMaxSessions) {
      return renewal_failed(driver_.dead(response, "refreshSession: " + bluesky_reply_text(response)));
    }
    return create_session();
  }

  AttemptStep on_image(const HttpResponse& response) {
    std::string why;
    if (response.status != 200) {
      why = "it could not be fetched (" + bluesky_reply_text(response) + ")";
    } else if (response.body.size() > kBlueskyMaxImageBytes) {
      why = "it is larger than " + std::to_string(kBlueskyMaxImageBytes) + " bytes";
    }
    if (!why.empty()) return without_image(why);
    image_data_ = response.body;
    image_type_ = image_type(response, payload_->image_url);
    return authenticated(Stage::upload);
  }

  AttemptStep on_upload(const HttpResponse& response, std::int64_t now_ms) {
    BlueskyReply reply = classify_bluesky_reply(response);
    switch (reply) {
      case BlueskyReply::ok: {
        boost::system::error_code ec;
        json::value body = json::parse(response.body, ec);
        const json::value* blob = !ec && body.is_object() ? body.as_object().if_contains("blob") : nullptr;
        if (!blob || !blob->is_object()) return without_image("uploadBlob answered without a blob");
        blob_ = blob->as_object();
        return send(Stage::put);
      }
      case BlueskyReply::expired_token:
      case BlueskyReply::auth_refused: return session_failed(response, reply, "uploadBlob");
      case BlueskyReply::rate_limited:
      case BlueskyReply::transient: return AttemptStep::done(driver_.retry(response, delivery_, "uploadBlob", now_ms));
      case BlueskyReply::invalid_swap:
      case BlueskyReply::refused: break;
    }
    return without_image("uploadBlob refused it (" + bluesky_reply_text(response) + ")");
  }

  AttemptStep without_image(const std::string& why) {
    spdlog::warn("post {} -> {}: posting without the image {}: {}", delivery_.post_id, name(),
                 payload_->image_url, driver_.redact(why));
    image_note_ = "posted without the image: " + driver_.redact(why);
    blob_.reset();
    return authenticated(Stage::put);
  }

  AttemptStep on_put(const HttpResponse& response, std::int64_t now_ms) {
    BlueskyReply reply = classify_bluesky_reply(response);
    switch (reply) {
      case BlueskyReply::ok:
        return sent(response);
      case BlueskyReply::invalid_swap:
        spdlog::info("post {} -> {}: record {} already exists (an earlier attempt made it)", delivery_.post_id,
                     name(), payload_->rkey);
        return sent(response);
      case BlueskyReply::expired_token:
      case BlueskyReply::auth_refused: return session_failed(response, reply, "putRecord");
      case BlueskyReply::rate_limited:
      case BlueskyReply::transient: return AttemptStep::done(driver_.retry(response, delivery_, "putRecord", now_ms));
      case BlueskyReply::refused: break;
    }
    return AttemptStep::done(driver_.dead(response, "the PDS refused the post (putRecord: " +
                                                        bluesky_reply_text(response) + ")"));
  }

  AttemptStep sent(const HttpResponse& response) {
    const BlueskySession& session = driver_.session();
    DeliveryOutcome outcome;
    outcome.kind = DeliveryOutcome::Kind::sent;
    outcome.http_status = response.status;
    outcome.remote_id = bluesky_at_uri(session.did, payload_->rkey);
    outcome.remote_url = bluesky_post_url(session.handle.empty() ? session.did : session.handle, payload_->rkey);
    outcome.error = image_note_;
    return AttemptStep::done(std::move(outcome));
  }

  BlueskyDriver& driver_;
  Delivery delivery_;
  std::optional<BlueskyPayload> payload_;
  Stage stage_ = Stage::put;
  Stage after_session_ = Stage::put;
  int sessions_ = 0;
  std::string used_access_;  // the access token of the last request sent
  RenewalTicket renewal_;    // held while this attempt renews the session
  std::string image_data_;
  std::string image_type_;
  std::string image_note_;  // why the post went without the image (the sent outcome's note)
  std::optional<json::object> blob_;
};

std::unique_ptr<DeliveryAttempt> BlueskyDriver::attempt(const Delivery& delivery) {
  return std::make_unique<BlueskyAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_bluesky_driver(const TargetConfig& target, const Config& config,
                                 TargetStateStore* state, const DriverInputs& inputs) {
  Result<TextTemplate> tmpl = target_template(target, kBlueskyTemplate);
  if (!tmpl.ok()) return tmpl.status();
  return DriverResult(std::make_unique<BlueskyDriver>(target, config, state, std::move(*tmpl), inputs));
}

}  // namespace herald
