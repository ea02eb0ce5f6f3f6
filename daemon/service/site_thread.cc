#include "daemon/service/site_thread.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "daemon/announce/resend.h"
#include "daemon/targets/approval.h"
#include "daemon/targets/shown_request.h"
#include "daemon/base/malloc_tuning.h"
#include "daemon/base/wall_clock.h"
#include "daemon/control/control_protocol.h"
#include "daemon/delivery/asio_delivery_io.h"
#include "daemon/net/fetch_now.h"
#include "daemon/outbox/shared_outbox.h"
#include "daemon/site/build_manifest.h"
#include "daemon/outbox/state_outbox.h"
#include "daemon/site/state_catalog.h"
#include "daemon/site/site_build.h"
#include "daemon/targets/post_image.h"
#include "daemon/targets/target_driver.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

// The catalog cache's fingerprint, with the rules of the site's zone: a
// tzdata update that changes them makes the next start or reload read every
// post again (a date written without an offset may now mean another instant).
std::string store_fingerprint(const Config& config) {
  std::optional<TimeZone> zone = TimeZone::load(config.site.timezone);
  return catalog_fingerprint(config) + "\x1etz " + (zone ? zone->rules_digest() : "0");
}

// A post's image not under site.static_dir, fetched for the image step
// under the fence of post_image.h.
// under the fence of post_image.h, within the deliveries' timeouts (the
// site thread waits for it: a slow image host delays the next feed update
// by at most delivery.timeout per new post).
ImageFetch fenced_image_fetch(const Config& config) {
  return [policy = post_image_policy(config), delivery = config.delivery](const std::string& url,
                                                                          std::size_t max_bytes) {
    Result<HttpRequest> request = post_image_request(url, policy, max_bytes);
    if (!request.ok()) return Result<std::string>(request.status());
    request->connect_timeout = delivery.connect_timeout;
    request->timeout = delivery.timeout;
    request->ca_file = delivery.ca_file;
    return post_image_body(fetch_now(*request), max_bytes);
  };
}

}  // namespace

SiteThread::SiteThread(MessageIdSource message_id, ToLoop to_loop, std::string program)
    : message_id_(std::move(message_id)), to_loop_(std::move(to_loop)), program_(std::move(program)) {}

void SiteThread::use_outbox(SharedOutbox* outbox, TargetStateStore* state) {
  {
    std::lock_guard lock(outbox_mutex_);
    outbox_ = outbox;
    state_ = state;
    outbox_known_ = true;
  }
  outbox_given_.notify_all();
}

bool SiteThread::wait_for_outbox() {
  std::unique_lock lock(outbox_mutex_);
  if (!outbox_known_) {
    worker_.idle_while([&] { outbox_given_.wait(lock, [this] { return outbox_known_; }); });
  }
  return outbox_ != nullptr;
}

void SiteThread::stop() {
  {
    std::lock_guard lock(outbox_mutex_);
    outbox_known_ = true;  // a load waiting for the outbox goes on without one
  }
  outbox_given_.notify_all();
  worker_.stop();
}

SiteThread::~SiteThread() { stop(); }

void SiteThread::check_last_stop(Config config, std::function<void()> vouched) {
  worker_.post([this, config = std::move(config), vouched = std::move(vouched)] {
    auto started = std::chrono::steady_clock::now();
    bool held = take_run_manifest(config, build_key(config, program_), clock_.now(), worker_.files(),
                                  thread_runner(kFileWorkers));
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
    spdlog::debug("the record of the last clean stop {} (checked on the site thread in {:.0f} ms)",
                  held ? "holds" : "is missing or does not hold", took.count());
    if (held) to_loop_(vouched);
  });
}

void SiteThread::load(Config config, std::function<void()> rendered, Done done) {
  job([this, config = std::move(config), rendered = std::move(rendered)](bool& store_failed) {
        config_ = config;
        site_.reset();
        store_failed = !open_store();
        site_ = std::make_unique<SiteState>(config_, store_.get(), worker_.files());
        ChangeReport report = site_->load(clock_.now(), [&] {
          if (rendered) to_loop_(rendered);
        });
        // The drivers and the announcement need the outbox, which the
        // first load may have read and written its feeds without.
        if (wait_for_outbox()) configure_targets();
        return report;
      },
      true, std::move(done));
}

void SiteThread::vouch_at_stop() {
  if (!site_) return;
  Result<BuildManifest> manifest = site_->vouch(build_key(config_, program_), clock_.now());
  if (!manifest.ok()) {
    spdlog::info("the feeds are not recorded for the next start ({}): it loads the catalog before it is ready",
                 manifest.error());
    return;
  }
  if (Status saved = write_build_manifest(config_.state.dir, *manifest, kRunManifestFile); !saved.ok()) {
    spdlog::warn("cannot record the feeds for the next start ({}); it reads the catalog before it is ready",
                 saved.message);
    return;
  }
  spdlog::info("recorded the feeds for the next start: {} file(s) of {} post file(s)", manifest->outputs.size(),
               site_->catalog().size());
}

void SiteThread::apply(ChangeBatch batch, Done done) {
  job([this, batch = std::move(batch)](bool&) {
        Timestamp now = clock_.now();
        return batch.full_rescan ? site_->rescan(now) : site_->apply(batch.paths, now);
      },
      false, std::move(done));
}

void SiteThread::publish_due(Done done) {
  job([this](bool&) { return site_->publish_due(clock_.now()); }, false, std::move(done));
}

void SiteThread::announce_again(Done done) {
  job([](bool&) { return ChangeReport{}; }, true, std::move(done));
}

void SiteThread::confirm_deletions(Done done) {
  job([this](bool&) { return site_->confirm_deletions(wall_clock_now()); }, false, std::move(done));
}

void SiteThread::resend(ResendArgs args,
                        std::function<void(boost::json::value, std::vector<std::string>)> done) {
  worker_.post([this, args = std::move(args), done = std::move(done)] {
    std::vector<std::string> woken;
    boost::json::value reply = plan_resend_reply(args, woken);
    to_loop_([done, reply = std::move(reply), woken = std::move(woken)] { done(reply, woken); });
  });
}

void SiteThread::preview(std::vector<Delivery> deliveries,
                         std::function<void(std::vector<AnnouncementPreview>)> done) {
  worker_.post([this, deliveries = std::move(deliveries), done = std::move(done)] {
    std::vector<AnnouncementPreview> previews;
    for (Delivery d : deliveries) previews.push_back(preview_of(std::move(d)));
    to_loop_([done, previews = std::move(previews)] { done(previews); });
  });
}

AnnouncementPreview SiteThread::preview_of(Delivery d) const {
  AnnouncementPreview preview{d.id, d.target, "", 0, 0, "", {}};
  TargetDriver* found = driver(d.target);
  auto target = std::find_if(config_.targets.begin(), config_.targets.end(),
                             [&](const TargetConfig& t) { return t.name == d.target; });
  if (found == nullptr || target == config_.targets.end()) {
    preview.problem = d.target + " is not configured now";
    return preview;
  }
  d.attempts = 1;
  Result<std::vector<ShownRequest>> shown = preview_requests(*found, d, wall_clock_ms());
  if (!shown.ok()) {
    preview.problem = shown.error();
    return preview;
  }
  preview.attachments = announced_attachments(*shown);
  std::optional<std::string> text = announced_text(*shown);
  if (!text) return preview;
  preview.text = *text;
  std::optional<std::string> saved = state_ ? state_->load(d.target) : std::nullopt;
  if (Result<TextLimits> limits = editable_text_limits(*target, saved.value_or("")); limits.ok()) {
    preview.length = limits->count(preview.text);
    preview.limit = limits->max_length;
  }
  return preview;
}

void SiteThread::job(std::function<ChangeReport(bool& store_failed)> work, bool full, Done done) {
  worker_.post([this, work = std::move(work), full, done = std::move(done)] {
    SiteOutcome outcome;
    outcome.report = work(outcome.store_failed);
    // Announcing after a load checks every published id against the outbox
    // (the first start records them all); its temporaries go back with the load's.
    outcome.announcement = full ? announce_all() : announce(outcome.report.post_edits);
    if (full) release_free_memory();
    Timestamp now = clock_.now();
    outcome.counts = site_->counts(now);
    outcome.next_scheduled = site_->next_scheduled(now);
    outcome.hold = site_->hold();
    outcome.broken = site_->broken();
    to_loop_([done, outcome = std::move(outcome)] { done(outcome); });
  });
}

bool SiteThread::open_store() {
  store_.reset();
  CatalogStoreOpen opened = open_state_catalog(config_, instance_name(config_), store_fingerprint(config_));
  if (!opened.warning.empty()) spdlog::warn("{}", opened.warning);
  if (!opened.store) {
    spdlog::error("{}; running without a catalog cache (every start reads every post)",
                  opened.status.message);
    return false;
  }
  store_ = std::move(opened.store);
  return true;
}

void SiteThread::configure_targets() {
  drivers_.clear();
  for (const TargetConfig& target : config_.targets) {
    DriverResult driver = make_target_driver(target, config_, state_, system_driver_inputs());
    if (!driver.ok()) spdlog::error("{}", driver.error());
    drivers_[target.name] = driver.ok() ? std::move(*driver) : nullptr;
  }
  images_ = std::make_unique<ImageStep>(config_, SourceBudget{}, fenced_image_fetch(config_));
  announcer_ = std::make_unique<Announcer>(
      config_,
      [this](const TargetConfig& target, const Post& post, DeliveryEvent event, const Timestamp& now) {
        const TargetDriver* d = driver(target.name);
        return d ? d->payload(post, event, now) : std::string();
      },
      message_id_,
      [this](const TargetConfig& target, const Post& post) { return images_->image_for(target, post); });
}

TargetDriver* SiteThread::driver(const std::string& target) const {
  auto found = drivers_.find(target);
  return found == drivers_.end() ? nullptr : found->second.get();
}

Announcement SiteThread::announce_all() {
  if (!outbox_) return {};
  AnnouncementPlan plan = outbox_->with(
      [&](Outbox& outbox) { return announcer_->plan_full_pass(site_->catalog(), {clock_.now(), wall_clock_now()}, outbox); });
  return record(plan);
}

Announcement SiteThread::announce(const std::vector<PostEdit>& edits) {
  if (!outbox_ || edits.empty()) return {};
  AnnouncementPlan plan = outbox_->with([&](Outbox& outbox) {
    return announcer_->plan_changes(site_->catalog(), edits, {clock_.now(), wall_clock_now()}, outbox);
  });
  return record(plan);
}

Announcement SiteThread::record(AnnouncementPlan& plan) {
  announcer_->make_images(plan);  // without the outbox: a fetch or a conversion may take seconds
  return outbox_->with([&](Outbox& outbox) {
    Announcement done = announcer_->record(plan, outbox, wall_clock_ms());
    // Published variants no delivery needs any more (their deliveries were
    // sent); the plan's own are in use once it is recorded.
    if (Result<std::set<std::string>> in_use = outbox.image_urls_in_use(); in_use.ok()) {
      Result<std::size_t> swept = images_->sweep(*in_use);
      if (!swept.ok()) spdlog::warn("{}", swept.error());
    }
    return done;
  });
}

boost::json::value SiteThread::plan_resend_reply(const ResendArgs& args, std::vector<std::string>& woken) {
  Result<ResendPlan> plan = outbox_->with([&](Outbox& outbox) {
    return plan_resend(args.post, args.targets, config_, site_->catalog(), *announcer_,
                       [this](const std::string& name) { return driver(name); }, outbox,
                       clock_.now(), wall_clock_ms());
  });
  if (!plan.ok()) return control_error(plan.error());
  if (!args.dry_run) {
    for (NewDelivery& delivery : plan->deliveries) {
      delivery.jump_queue = args.now;
      delivery.resent_by = args.caller.empty() ? "cli" : args.caller;
    }
    Status status = outbox_->with([&](Outbox& outbox) { return record_resend(outbox, *plan, wall_clock_ms()); });
    if (!status.ok()) return control_error(status.message);
    spdlog::info("resend: post {} queued again for {}", plan->post.id, fmt::join(plan->targets, ", "));
    woken = plan->targets;
  }
  return resend_json(plan->post, plan->requests, args.dry_run);
}

}  // namespace herald
