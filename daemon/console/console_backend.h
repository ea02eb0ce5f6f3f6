// What the console reads and changes, behind one seam: the daemon's outbox
// and site (service/console_wiring.cc) in production, a fake in tests.
// Called on the loop's thread; `resend` answers later (its plan is made on
// the site thread). `actor` is the account asking (the audit).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "daemon/base/held_post.h"
#include "daemon/outbox/outbox.h"
#include "daemon/targets/announced_text.h"
#include "daemon/text/text_fit.h"
#include "feeds/status.h"

namespace herald {

class ConsoleBackend {
 public:
  virtual ~ConsoleBackend() = default;
  virtual std::vector<PostDeliveries> recent(int limit) = 0;
  // A number that changes whenever what the live pages show (posts, their
  // deliveries, the audit) may have changed; cheap (the live pages poll
  // it). 0 when it cannot tell.
  virtual std::int64_t version() = 0;
  virtual std::optional<PostDeliveries> post(const std::string& post_id) = 0;
  virtual std::vector<AuditEntry> audit(const std::string& post_id, int limit) = 0;
  virtual std::vector<PostDeliveries> dead(int limit) = 0;
  virtual std::vector<std::string> broken_posts() = 0;
  // How an editor's text for `target` is counted and limited now (a
  // Mastodon server's own limit once its driver has read it); nullopt when
  // it cannot be edited or is not configured.
  virtual std::optional<TextLimits> text_limits(const std::string& target) = 0;
  // The posts whose deletion the site holds back now, by path.
  virtual std::vector<HeldPost> held_deletions() = 0;
  // Delivery `id` (its payload included), or nullopt.
  virtual std::optional<Delivery> delivery(std::int64_t id) = 0;
  // Delivery `id` awaiting approval: approved (with the editor's `text`)
  // or rejected. The Result holds the post it belongs to, or the sentence
  // for the editor.
  virtual Result<std::string> approve(std::int64_t id, const std::optional<std::string>& text,
                                      const std::string& actor) = 0;
  virtual Result<std::string> reject(std::int64_t id, const std::string& actor) = 0;
  // The dead deliveries of `post_id` requeued; how many.
  virtual Result<std::int64_t> retry(const std::string& post_id, const std::string& actor) = 0;
  // What each delivery of `post_id` not sent yet will say on its network
  // (targets/announced_text.h); `done` may be called later.
  virtual void preview(const std::string& post_id, std::function<void(std::vector<AnnouncementPreview>)> done) = 0;
  virtual void resend(const std::string& post_id, const std::vector<std::string>& targets, const std::string& actor,
                      std::function<void(Status)> done) = 0;
};

}  // namespace herald
