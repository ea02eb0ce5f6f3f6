#include "daemon/targets/meta/meta_driver.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <utility>

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/targets/graph_answer.h"
#include "daemon/targets/json_exchange.h"
#include "daemon/targets/meta/meta_answer.h"
#include "daemon/targets/meta/meta_progress.h"
#include "daemon/targets/meta/meta_token.h"
#include "daemon/targets/post_text.h"
#include "daemon/targets/redaction.h"
#include "daemon/targets/request_outcomes.h"
#include "daemon/targets/retry_policy.h"

namespace herald {
namespace {

namespace json = boost::json;

// What sets Instagram and Threads apart (meta_driver.h).
struct MetaNetwork {
  const char* name;
  const char* create_edge;
  const char* publish_edge;
  const char* status_fields;
  const char* state_field;
  const char* detail_field;
  const char* limit_edge;
  const char* recent_edge;
  const char* recent_fields;
  const char* text_field;
  const char* refresh_grant;
  std::size_t max_length;
  std::size_t (*count)(std::string_view);
  bool needs_image;
};

constexpr std::string_view kMetaTemplate = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}";

const MetaNetwork kInstagram{"Instagram", "media", "media_publish", "status_code,status", "status_code", "status",
                             "content_publishing_limit", "media", "id,caption,permalink,timestamp", "caption",
                             "ig_refresh_token", kInstagramCaptionMax, count_instagram_caption, true};
const MetaNetwork kThreads{"Threads", "threads", "threads_publish", "status,error_message", "status",
                           "error_message", "threads_publishing_limit", "threads", "id,text,permalink,timestamp",
                           "text", "th_refresh_token", kThreadsTextMax, count_threads, false};

constexpr std::int64_t kFirstPollMs = 2000;
constexpr std::int64_t kMaxPollWaitMs = 60000;
constexpr std::int64_t kMaxPollingMs = 5 * 60000;
constexpr std::int64_t kContainerLifeMs = 23LL * 3600 * 1000;  // they expire after 24 h

HttpResponse with_status(HttpResponse response, int status) {
  response.status = status;
  return response;
}

class MetaDriver : public TargetDriver {
 public:
  MetaDriver(const TargetConfig& target, const Config& config, const MetaNetwork& network, TargetStateStore* state,
             PostText text, const DriverInputs& inputs)
      : target_(target),
        config_(config),
        network_(network),
        state_(state),
        text_(std::move(text)),
        policy_(retry_policy_for(target, config.delivery)),
        random_(inputs.random),
        redactor_(target_redactor(target)) {
    std::int64_t now_ms = inputs.wall_clock_us ? inputs.wall_clock_us() / 1000 : 0;
    std::optional<std::string> saved = state_ ? state_->load(target.name) : std::nullopt;
    token_ = read_meta_token(saved, settings().token, now_ms);
    if (state_ && saved != meta_token_state(token_)) state_->save(target.name, meta_token_state(token_));
    redactor_.add_secret(token_.token);
  }

  std::string payload(const Post& post, DeliveryEvent /*event*/, const Timestamp& /*now*/) const override {
    return json::serialize(post_snapshot(post, config_));
  }

  std::unique_ptr<DeliveryAttempt> attempt(const Delivery& delivery) override;

  Result<std::vector<HttpRequest>> preview(const Delivery& delivery, std::int64_t now_ms) override {
    Result<SnapshotFields> post = snapshot(delivery);
    if (!post.ok()) return post.status();
    Result<std::string> text = this->text(*post);
    if (!text.ok()) return text.status();
    std::string skip = skipped(delivery);
    if (!skip.empty()) return Result<std::vector<HttpRequest>>::failed(skip);
    std::vector<HttpRequest> requests;
    if (token_.refresh_due(now_ms)) requests.push_back(refresh_request());
    requests.push_back(create_request(*text, delivery.image));
    requests.push_back(status_request("<container id>"));
    requests.push_back(limit_request());
    requests.push_back(publish_request("<container id>"));
    requests.push_back(permalink_request("<media id>"));
    return requests;
  }

  std::string redact(std::string text) const override { return redactor_.apply(text); }

  // --- for attempts ---
  const std::string& name() const { return target_.name; }
  const MetaNetwork& network() const { return network_; }
  const MetaSettings& settings() const { return target_.as<MetaSettings>(); }
  TargetStateStore* state() const { return state_; }
  RenewalGate& gate() { return gate_; }
  const std::optional<DeliveryOutcome>& renewal_failure() const { return renewal_failure_; }
  void set_renewal_failure(std::optional<DeliveryOutcome> outcome) { renewal_failure_ = std::move(outcome); }

  Result<SnapshotFields> snapshot(const Delivery& delivery) const {
    if (parse_delivery_event(delivery.event) != DeliveryEvent::published) {
      return Result<SnapshotFields>::failed(std::string(target_type_name(target_.type)) +
                                            " targets announce new posts only; " + delivery.event + " is not sent");
    }
    Result<SnapshotFields> post = SnapshotFields::parse(delivery.payload);
    if (!post.ok()) return Result<SnapshotFields>::failed(redactor_.apply(post.error()));
    return post;
  }
  Result<std::string> text(const SnapshotFields& post) const {
    TextLimits limits;
    limits.max_length = network_.max_length;
    limits.count = network_.count;
    return text_.fit(post, limits, escape_none);
  }
  // Why the delivery is skipped ("" when it is not): Instagram without an image.
  std::string skipped(const Delivery& delivery) const {
    if (!network_.needs_image || usable_image(delivery.image)) return "";
    if (delivery.image && !delivery.image->note.empty()) {
      return "skipped: Instagram needs an image and " + delivery.image->note;
    }
    return "skipped: Instagram needs an image and the post has none (or the target's image: false)";
  }
  static bool usable_image(const std::optional<DeliveryImage>& image) {
    return image && image->has_variant() && !image->url.empty();
  }

  // The token in hand, and whether it should be refreshed now.
  const MetaToken& token() const { return token_; }
  bool refresh_due(std::int64_t now_ms) const {
    return token_.refresh_due(now_ms) && now_ms >= refresh_retry_at_ms_;
  }
  void refreshed(const MetaToken& token) {
    token_ = token;
    redactor_.add_secret(token_.token);
    if (state_) state_->save(target_.name, meta_token_state(token_));  // before anything uses it
  }
  void refresh_failed(std::int64_t now_ms) { refresh_retry_at_ms_ = now_ms + kMetaRefreshRetryMs; }

  // --- requests ---
  std::string api(const std::string& path) const {
    return target_.url + "/" + settings().api_version + "/" + path;
  }
  HttpRequest get(const std::string& path, std::initializer_list<std::pair<std::string_view, std::string_view>> query) const {
    boost::urls::url url(api(path));
    for (const auto& [key, value] : query) url.params().append({key, value});
    url.params().append({"access_token", token_.token});
    HttpRequest request;
    request.method = "GET";
    request.url = std::string(url.buffer());
    return request;
  }
  HttpRequest refresh_request() const {
    return meta_refresh_request(target_.url, network_.refresh_grant, token_.token);
  }
  HttpRequest create_request(const std::string& text, const std::optional<DeliveryImage>& image) const {
    std::vector<std::pair<std::string_view, std::string_view>> fields;
    const bool with_image = usable_image(image);
    if (network_.needs_image) {
      fields = {{"image_url", image->url}, {"caption", text}};
    } else {
      fields = {{"media_type", with_image ? "IMAGE" : "TEXT"}, {"text", text}};
      if (with_image) fields.emplace_back("image_url", image->url);
    }
    if (with_image && !image->alt.empty()) fields.emplace_back("alt_text", image->alt);
    fields.emplace_back("access_token", token_.token);
    return form_request("POST", api(settings().account_id + "/" + network_.create_edge), fields);
  }
  HttpRequest status_request(const std::string& container) const {
    return get(container, {{"fields", network_.status_fields}});
  }
  HttpRequest limit_request() const {
    return get(settings().account_id + "/" + network_.limit_edge, {{"fields", "quota_usage,config"}});
  }
  HttpRequest publish_request(const std::string& container) const {
    return form_request("POST", api(settings().account_id + "/" + network_.publish_edge),
                        {{"creation_id", container}, {"access_token", token_.token}});
  }
  HttpRequest permalink_request(const std::string& media) const { return get(media, {{"fields", "permalink"}}); }
  HttpRequest recent_request() const {
    return get(settings().account_id + "/" + network_.recent_edge,
               {{"fields", network_.recent_fields}, {"limit", "25"}});
  }

  // --- outcomes ---
  DeliveryOutcome by_status(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                            std::int64_t now_ms) const {
    return failed_request_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }
  // A retry whatever the HTTP status said (an error the network calls passing).
  DeliveryOutcome retry(const HttpResponse& response, const Delivery& delivery, const std::string& what,
                        std::int64_t now_ms) const {
    return passing_failure_outcome(response, delivery, what, policy_, now_ms, random_, redactor_);
  }
  // A wait that never counts against max_attempts: the lane pauses (429).
  DeliveryOutcome wait(std::int64_t until_ms, const std::string& why, std::int64_t now_ms) const {
    return lane_wait_outcome(until_ms, why, now_ms, redactor_);
  }
  DeliveryOutcome dead(const HttpResponse& response, const std::string& why, bool stops_target) const {
    return refused_request_outcome(response, why, redactor_, stops_target);
  }
  DeliveryOutcome token_refused(const HttpResponse& response, const std::string& detail) const {
    return dead(response,
                std::string(network_.name) + " refused the token (" + detail +
                    "): get a new long-lived token (docs/targets.md, " + network_.name +
                    "), put it in token or token_file, run herald reload, then herald retry --target " + name(),
                true);
  }

 private:
  TargetConfig target_;
  Config config_;
  const MetaNetwork& network_;
  TargetStateStore* state_;
  PostText text_;
  RetryPolicy policy_;
  UniformRandom random_;
  Redactor redactor_;
  MetaToken token_;
  std::int64_t refresh_retry_at_ms_ = 0;
  RenewalGate gate_;
  std::optional<DeliveryOutcome> renewal_failure_;
};

class MetaAttempt : public DeliveryAttempt {
 public:
  MetaAttempt(MetaDriver& driver, Delivery delivery) : driver_(driver), delivery_(std::move(delivery)) {}

  AttemptStep first(std::int64_t now_ms) override {
    Result<SnapshotFields> post = driver_.snapshot(delivery_);
    if (!post.ok()) return AttemptStep::done(dead_outcome(post.error()));
    std::string skip = driver_.skipped(delivery_);
    if (!skip.empty()) {
      spdlog::warn("post {} -> {}: {}", delivery_.post_id, driver_.name(), driver_.redact(skip));
      return AttemptStep::done(dead_outcome(driver_.redact(skip)));
    }
    Result<std::string> text = driver_.text(*post);
    if (!text.ok()) return AttemptStep::done(dead_outcome(text.error()));
    text_ = std::move(*text);
    url_ = post->url;
    TargetStateStore* store = driver_.state();
    progress_ = read_meta_progress(store ? store->load_progress(delivery_.id) : std::nullopt);
    return with_token(now_ms);
  }

  AttemptStep resume(std::int64_t now_ms) override {
    if (const std::optional<DeliveryOutcome>& failure = driver_.renewal_failure()) return AttemptStep::done(*failure);
    return proceed(now_ms);
  }

  AttemptStep next(const HttpResponse& response, std::int64_t now_ms) override {
    GraphError error = read_graph_error(response.body);
    if (stage_ != Stage::refresh && error.kind == GraphErrorClass::token) {
      return AttemptStep::done(driver_.token_refused(response, error.describe()));
    }
    switch (stage_) {
      case Stage::refresh: return on_refresh(response, now_ms);
      case Stage::create: return on_create(response, error, now_ms);
      case Stage::status: return on_status(response, error, now_ms);
      case Stage::limit: return on_limit(response, now_ms);
      case Stage::publish: return on_publish(response, error, now_ms);
      case Stage::permalink: break;
      case Stage::recent: return on_recent(response, now_ms);
    }
    std::string permalink = response.status == 200 ? json_member(response.body, {"permalink"}) : "";
    return AttemptStep::done(sent_outcome(publish_status_, media_id_, permalink));
  }

 private:
  enum class Stage { refresh, create, status, limit, publish, permalink, recent };

  const char* network() const { return driver_.network().name; }

  AttemptStep with_token(std::int64_t now_ms) {
    if (!driver_.refresh_due(now_ms)) return proceed(now_ms);
    if (driver_.gate().busy()) return AttemptStep::wait(driver_.gate());
    renewal_.begin(driver_.gate());
    stage_ = Stage::refresh;
    return AttemptStep::send(driver_.refresh_request());
  }

  AttemptStep on_refresh(const HttpResponse& response, std::int64_t now_ms) {
    MetaTokenAnswer answer = read_meta_token_answer(response, driver_.token(), now_ms);
    if (answer.reply == MetaTokenReply::renewed) {
      driver_.refreshed(answer.token);  // durable before the new token is used
      spdlog::info("target {}: the {} token was refreshed and saved", driver_.name(), network());
      driver_.set_renewal_failure(std::nullopt);
      renewal_.end();
      return proceed(now_ms);
    }
    if (answer.reply == MetaTokenReply::refused) {
      DeliveryOutcome outcome = driver_.token_refused(response, answer.detail);
      driver_.set_renewal_failure(outcome);
      renewal_.end();
      return AttemptStep::done(std::move(outcome));
    }
    // The token in hand still works for weeks: go on, refresh later.
    spdlog::warn("target {}: the {} token could not be refreshed ({}); trying again in an hour", driver_.name(),
                 network(), driver_.redact(answer.detail));
    driver_.refresh_failed(now_ms);
    driver_.set_renewal_failure(std::nullopt);
    renewal_.end();
    return proceed(now_ms);
  }

  // With a token: on from the step the delivery reached.
  AttemptStep proceed(std::int64_t now_ms) {
    if (progress_.container.empty()) return create();
    if (!progress_.publishing && now_ms - progress_.created_ms > kContainerLifeMs) return create();
    return poll(now_ms, 0);
  }

  AttemptStep create() {
    if (++containers_ > 2) {
      return AttemptStep::done(driver_.dead(HttpResponse{}, std::string(network()) +
                                                                " failed two new containers in a row",
                                            false));
    }
    stage_ = Stage::create;
    return AttemptStep::send(driver_.create_request(text_, delivery_.image));
  }

  AttemptStep poll(std::int64_t now_ms, std::int64_t wait_ms) {
    if (stage_ != Stage::status) polling_since_ms_ = now_ms;
    stage_ = Stage::status;
    return AttemptStep::send(driver_.status_request(progress_.container), wait_ms > 0 ? now_ms + wait_ms : 0);
  }

  void save(const MetaProgress& progress) {
    progress_ = progress;
    if (TargetStateStore* store = driver_.state()) store->save_progress(delivery_.id, meta_progress_text(progress_));
  }

  AttemptStep on_create(const HttpResponse& response, const GraphError& error, std::int64_t now_ms) {
    std::string id = response.status == 200 ? json_member(response.body, {"id"}) : "";
    if (!id.empty()) {
      save(MetaProgress{id, now_ms, false});  // before anything depends on it
      poll_wait_ms_ = kFirstPollMs;
      return poll(now_ms, 0);
    }
    return AttemptStep::done(failed(response, error, "creating the container", now_ms));
  }

  AttemptStep on_status(const HttpResponse& response, const GraphError& error, std::int64_t now_ms) {
    if (response.status != 200) {
      // The container is gone (24 / 2207008, 100): whether a publish went
      // out only the account can tell.
      bool gone = error.code == 24 || error.code == 100 || response.status == 404;
      if (!gone && publish_failure_) return AttemptStep::done(*publish_failure_);
      if (!gone) return AttemptStep::done(failed(response, error, "reading the container's status", now_ms));
      if (progress_.publishing) return look_up("the container is gone");
      save(MetaProgress{});
      return create();
    }
    ContainerStatus status =
        read_container_status(response.body, driver_.network().state_field, driver_.network().detail_field);
    switch (status.state) {
      case ContainerState::finished:
        if (publish_failure_) {  // the publish just failed, and nothing went out
          MetaProgress ready = progress_;
          ready.publishing = false;
          save(ready);
          return AttemptStep::done(*publish_failure_);
        }
        if (progress_.publishing) return look_up("the container was not published");
        stage_ = Stage::limit;
        return AttemptStep::send(driver_.limit_request());
      case ContainerState::published: return look_up("the container was published");
      case ContainerState::in_progress: {
        if (now_ms - polling_since_ms_ >= kMaxPollingMs) {
          DeliveryOutcome outcome = driver_.retry(with_status(response, 503), delivery_, "container", now_ms);
          outcome.error = std::string(network()) + " was still processing the container after " +
                          std::to_string(kMaxPollingMs / 1000) + " s";
          return AttemptStep::done(std::move(outcome));
        }
        std::int64_t wait = poll_wait_ms_;
        poll_wait_ms_ = std::min(poll_wait_ms_ * 2, kMaxPollWaitMs);
        return poll(now_ms, wait);
      }
      case ContainerState::error: {
        std::string why = std::string(network()) + " could not make the container (" +
                          (status.detail.empty() ? "ERROR" : status.detail) + ")";
        spdlog::warn("post {} -> {}: {}", delivery_.post_id, driver_.name(), driver_.redact(why));
        save(MetaProgress{});
        if (is_permanent_container_error(status.detail)) return AttemptStep::done(driver_.dead(response, why, false));
        return create();
      }
      case ContainerState::expired:
        save(MetaProgress{});
        return create();
      case ContainerState::unknown: break;
    }
    return AttemptStep::done(driver_.retry(with_status(response, 502), delivery_,
                                           "reading the container's status (an answer without a status)", now_ms));
  }

  AttemptStep on_limit(const HttpResponse& response, std::int64_t now_ms) {
    PublishingQuota quota = response.status == 200 ? read_publishing_quota(response.body) : PublishingQuota{};
    if (quota.reached()) {
      return AttemptStep::done(limit_reached(quota.place_frees_in_ms(), "at " + std::to_string(quota.usage) +
                                                                            " of " + std::to_string(quota.total),
                                             now_ms));
    }
    // Unreadable: publishing tells as well (code 9).
    MetaProgress publishing = progress_;
    publishing.publishing = true;
    save(publishing);  // a publish may go out from here on
    stage_ = Stage::publish;
    return AttemptStep::send(driver_.publish_request(progress_.container));
  }

  DeliveryOutcome limit_reached(std::int64_t wait_ms, const std::string& figures, std::int64_t now_ms) {
    std::string why = std::string(network()) + "'s daily publishing limit is reached (" + figures +
                      "); waiting for a place in the 24-hour window";
    spdlog::info("post {} -> {}: {}", delivery_.post_id, driver_.name(), why);
    return driver_.wait(now_ms + wait_ms, why, now_ms);
  }

  AttemptStep on_publish(const HttpResponse& response, const GraphError& error, std::int64_t now_ms) {
    std::string id = response.status == 200 ? json_member(response.body, {"id"}) : "";
    if (!id.empty()) {
      media_id_ = id;
      publish_status_ = response.status;
      stage_ = Stage::permalink;
      return AttemptStep::send(driver_.permalink_request(id));
    }
    if (error.code == 9 || error.subcode == 2207042) {
      MetaProgress ready = progress_;
      ready.publishing = false;  // refused: nothing went out
      save(ready);
      return AttemptStep::done(limit_reached(3600 * 1000, error.describe(), now_ms));
    }
    if (error.code == 9007 || error.subcode == 2207027) {  // not ready yet
      MetaProgress ready = progress_;
      ready.publishing = false;
      save(ready);
      return poll(now_ms, kFirstPollMs);
    }
    if (error.code == 24 || error.subcode == 2207008) {  // the container is gone
      save(MetaProgress{});
      return create();
    }
    // Any other failure (no answer, a 5xx, a refusal of a publish that
    // libcurl sent again after a lost answer): the container tells whether
    // it went out; the outcome stands only when it did not.
    publish_failure_ = failed(response, error, std::string("POST ") + driver_.network().publish_edge, now_ms);
    return poll(now_ms, 0);
  }

  AttemptStep look_up(const std::string& why) {
    look_up_why_ = why;
    stage_ = Stage::recent;
    return AttemptStep::send(driver_.recent_request());
  }

  AttemptStep on_recent(const HttpResponse& response, std::int64_t now_ms) {
    MetaMedia found = response.status == 200 ? find_meta_media(response.body, driver_.network().text_field, url_)
                                             : MetaMedia{};
    if (!found.id.empty()) {
      spdlog::info("post {} -> {}: found on the account as {} (an earlier attempt published it)",
                   delivery_.post_id, driver_.name(), found.id);
      return AttemptStep::done(sent_outcome(response.status, found.id, found.permalink));
    }
    if (look_up_why_ == "the container was published") {
      // Published, yet not among the recent posts: sent, its id unknown.
      DeliveryOutcome outcome = sent_outcome(response.status, progress_.container, "");
      outcome.error = std::string(network()) + " says the container was published; its post was not found";
      return AttemptStep::done(std::move(outcome));
    }
    if (response.status == 200 && look_up_why_ == "the container was not published") {
      // The account's posts do not carry it and the container is ready: publish.
      stage_ = Stage::limit;
      return AttemptStep::send(driver_.limit_request());
    }
    if (response.status == 0 || response.status == 429 || response.status >= 500) {
      return AttemptStep::done(driver_.by_status(response, delivery_, "looking for the post on the account", now_ms));
    }
    if (response.status == 200) {  // container gone, post not found: it never went out
      save(MetaProgress{});
      return create();
    }
    std::string why = look_up_why_ + " and the account's posts cannot be read (HTTP " +
                      std::to_string(response.status) + ")";
    if (!driver_.settings().after_timeout.retry_ambiguous) {
      return AttemptStep::done(driver_.dead(
          response, "an earlier attempt may have published it: " + why + "; not retried (after_timeout: give_up)",
          false));
    }
    spdlog::warn("post {} -> {}: {}; publishing again (after_timeout: retry)", delivery_.post_id, driver_.name(),
                 driver_.redact(why));
    save(MetaProgress{});
    return create();
  }

  // A failed request: by its Graph code, else its HTTP status.
  DeliveryOutcome failed(const HttpResponse& response, const GraphError& error, const std::string& what,
                         std::int64_t now_ms) {
    if (!error.fbtrace_id.empty()) {
      spdlog::info("post {} -> {}: {} error {} (fbtrace_id {})", delivery_.post_id, driver_.name(), network(),
                   driver_.redact(error.describe()), error.fbtrace_id);
    }
    const std::string detail = what + ": " + network() + " refused it (" + error.describe() + ")";
    if (error.subcode == 2207051 || error.code == 25) {  // restricted as spam, or the account checkpointed
      return driver_.dead(response, detail + "; log in to the account to see why", true);
    }
    if (error.kind == GraphErrorClass::throttled || error.code == 80002) {
      DeliveryOutcome outcome = driver_.retry(with_status(response, 429), delivery_, what, now_ms);
      outcome.http_status = 429;
      return outcome;
    }
    if (error.kind == GraphErrorClass::permission) {
      return driver_.dead(response, detail + ": grant the app its publishing permissions again (docs/targets.md, " +
                                        network() + "), then herald retry --target " + driver_.name(),
                          true);
    }
    if (error.code == -1 || error.code == -2 || error.code == 1 || error.code == 2 || error.code == 9004) {
      return driver_.retry(response, delivery_, what, now_ms);
    }
    DeliveryOutcome outcome = driver_.by_status(response, delivery_, what, now_ms);
    if (outcome.kind == DeliveryOutcome::Kind::dead && error.code != 0) outcome.error = driver_.redact(detail);
    return outcome;
  }

  MetaDriver& driver_;
  Delivery delivery_;
  Stage stage_ = Stage::create;
  std::string text_;
  std::string url_;
  MetaProgress progress_;
  std::int64_t polling_since_ms_ = 0;
  std::int64_t poll_wait_ms_ = kFirstPollMs;
  int containers_ = 0;
  std::string media_id_;
  int publish_status_ = 200;
  std::optional<DeliveryOutcome> publish_failure_;  // a failed publish, until the container says whether it went out
  std::string look_up_why_;
  RenewalTicket renewal_;
};

std::unique_ptr<DeliveryAttempt> MetaDriver::attempt(const Delivery& delivery) {
  return std::make_unique<MetaAttempt>(*this, delivery);
}

}  // namespace

DriverResult make_meta_driver(const TargetConfig& target, const Config& config, TargetStateStore* state,
                              const DriverInputs& inputs) {
  Result<PostText> text = PostText::make(target, config, kMetaTemplate);
  if (!text.ok()) return text.status();
  const MetaNetwork& network = target.type == TargetType::instagram ? kInstagram : kThreads;
  return DriverResult(std::make_unique<MetaDriver>(target, config, network, state, std::move(*text), inputs));
}

}  // namespace herald
