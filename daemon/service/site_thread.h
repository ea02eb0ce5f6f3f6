// SiteThread: the site's half of `herald run`, on its own thread
// (site/site_worker.h) so the loop never waits for a parse or a rebuild. It
// owns what only that thread touches: the SiteState and its catalog store,
// the announcer and the drivers that build payloads. The loop asks it for a
// load, a change batch, the clock's publications or a resend's plan; each
// runs there, announces what it published, and hands a SiteOutcome back
// through `to_loop`.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "config/config.h"
#include "daemon/announce/announcer.h"
#include "daemon/base/wall_clock.h"
#include "daemon/images/image_step.h"
#include "daemon/control/control_commands.h"
#include "daemon/service/site_clock.h"
#include "daemon/site/site_state.h"
#include "daemon/targets/announced_text.h"
#include "daemon/site/site_worker.h"
#include "daemon/watch/content_watcher.h"

namespace herald {

class CatalogStore;
class SharedOutbox;
class TargetDriver;
class TargetStateStore;

// What a job on the site thread hands back to the loop.
struct SiteOutcome {
  ChangeReport report;
  Announcement announcement;  // the posts it published, recorded in the outbox
  PostCounts counts;
  std::optional<Timestamp> next_scheduled;
  bool store_failed = false;  // the catalog store could not be opened
  std::optional<DeletionHold> hold;   // deletions held now (site_state.h)
  std::vector<Diagnostic> broken;     // post files failing now
};

class SiteThread {
 public:
  using Done = std::function<void(const SiteOutcome&)>;
  using ToLoop = std::function<void(std::function<void()>)>;

  // `program` is herald's version line (the run manifest's key: vouch_at_stop).
  SiteThread(MessageIdSource message_id, ToLoop to_loop, std::string program);
  ~SiteThread();

  // The outbox (null: no announcements) and the drivers' state store, which
  // must outlive it; given once. check_last_stop() and a load's reading and
  // rendering need neither, so they run while the loop opens the outbox
  // (whose integrity check reads all of a large outbox): a load asked first
  // writes its feeds, then waits (idle, for the watchdog) until it is given
  // the outbox, or until stop(), before it makes the drivers and announces.
  void use_outbox(SharedOutbox* outbox, TargetStateStore* state);
  SiteThread(const SiteThread&) = delete;
  SiteThread& operator=(const SiteThread&) = delete;

  // The run manifest a clean stop left, judged (build_manifest.h
  // take_run_manifest) on the site thread; when the feeds on disk still
  // hold, `vouched` runs on the loop. Asked first, it runs while the loop
  // opens the outbox and starts the watcher: it needs no watch, since the
  // load after it scans again.
  void check_last_stop(Config config, std::function<void()> vouched);
  // A fresh site under `config`: the catalog store, the state and its full
  // load, the drivers; every published post announced. `rendered` (may be
  // empty) runs on the loop once every feed is on disk, before the catalog
  // store and the outbox record the posts; not when a feed write failed.
  void load(Config config, std::function<void()> rendered, Done done);
  void apply(ChangeBatch batch, Done done);
  void publish_due(Done done);
  // Every published post the outbox has not recorded yet announced: after
  // an announcement the outbox failed to record (nothing is read or built).
  void announce_again(Done done);
  // The held deletions applied (`herald confirm-deletions`) and announced.
  void confirm_deletions(Done done);
  // `done` gets the answer for the control socket and the targets to wake.
  void resend(ResendArgs args,
              std::function<void(boost::json::value reply, std::vector<std::string> woken)> done);

  // What each of `deliveries` (of one post, with their payloads) will say
  // on its network, through its driver's preview; `done` gets it on the loop.
  void preview(std::vector<Delivery> deliveries, std::function<void(std::vector<AnnouncementPreview>)> done);

  // The watchdog's question (SiteWorker::stalled).
  bool stalled(std::chrono::steady_clock::duration limit) const { return worker_.stalled(limit); }
  // The job in progress ends (a load still waiting for the outbox gets
  // none: it announces nothing); the queued ones are dropped.
  void stop();
  // After stop(): the run manifest for the next start (SiteState::vouch),
  // written to state.dir when the feeds are what a load would write. The
  // job stop() let finish was the last: a load, even one cut short by the
  // stop, has loaded and written everything.
  void vouch_at_stop();

 private:
  void job(std::function<ChangeReport(bool& store_failed)> work, bool full, Done done);
  // Until use_outbox() or stop(); false when stopped without an outbox.
  bool wait_for_outbox();
  bool open_store();
  void configure_targets();
  TargetDriver* driver(const std::string& target) const;
  AnnouncementPreview preview_of(Delivery delivery) const;
  Announcement announce_all();
  Announcement announce(const std::vector<PostEdit>& edits);
  // Makes the plan's images (without the outbox) and records it, then
  // removes the published images no delivery needs any more.
  Announcement record(AnnouncementPlan& plan);
  boost::json::value plan_resend_reply(const ResendArgs& args, std::vector<std::string>& woken);

  // Set once by the loop (use_outbox, or stop: none) under the mutex;
  // read by jobs after wait_for_outbox() or posted after use_outbox().
  std::mutex outbox_mutex_;
  std::condition_variable outbox_given_;
  bool outbox_known_ = false;
  SharedOutbox* outbox_ = nullptr;
  TargetStateStore* state_ = nullptr;
  MessageIdSource message_id_;
  ToLoop to_loop_;
  std::string program_;
  SiteClock clock_{wall_clock_now};  // the time every job publishes and announces by
  Config config_;
  std::unique_ptr<CatalogStore> store_;
  std::unique_ptr<SiteState> site_;
  std::unique_ptr<Announcer> announcer_;
  std::map<std::string, std::unique_ptr<TargetDriver>> drivers_;  // payloads and dry runs
  std::unique_ptr<ImageStep> images_;  // the deliveries' image variants
  // Last: destroyed (joined) before anything its jobs use.
  SiteWorker worker_;
};

}  // namespace herald
