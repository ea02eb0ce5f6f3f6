// The console's ConsoleBackend in `herald run` (daemon/console): reads from
// the outbox (the control reader's connection when there is one), decisions
// through announce/editor_decision.h and the outbox's retry, resends planned
// on the site thread, each audited as the console's account; and the
// console's settings from the configuration (language, zone, accounts of
// console.users and console.users_file, the targets and their text limits).
// On the loop's thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/console/console_app.h"
#include "daemon/console/console_backend.h"
#include "daemon/control/control_commands.h"
#include "daemon/control/control_protocol.h"
#include "daemon/outbox/shared_outbox.h"

namespace herald {

struct ConsoleWiring {
  SharedOutbox* outbox = nullptr;
  Outbox* reader = nullptr;  // may be null: the shared outbox serves reads
  std::function<const Config&()> config;
  std::function<void(const std::vector<std::string>& targets)> wake;
  std::function<std::vector<std::string>()> broken_posts;
  std::function<std::vector<HeldPost>()> held_deletions;
  std::function<void(ResendArgs, std::function<void(boost::json::value reply, std::vector<std::string> woken)>)> resend;
  std::function<void(std::vector<Delivery>, std::function<void(std::vector<AnnouncementPreview>)>)> preview;
};

class DaemonConsoleBackend : public ConsoleBackend {
 public:
  explicit DaemonConsoleBackend(ConsoleWiring wiring) : w_(std::move(wiring)) {}

  std::vector<PostDeliveries> recent(int limit) override;
  std::int64_t version() override;
  std::optional<PostDeliveries> post(const std::string& post_id) override;
  std::optional<Delivery> delivery(std::int64_t id) override;
  std::vector<AuditEntry> audit(const std::string& post_id, int limit) override;
  std::vector<PostDeliveries> dead(int limit) override;
  std::vector<std::string> broken_posts() override { return w_.broken_posts(); }
  std::vector<HeldPost> held_deletions() override { return w_.held_deletions(); }
  std::optional<TextLimits> text_limits(const std::string& target) override;
  Result<std::string> approve(std::int64_t id, const std::optional<std::string>& text, const std::string& actor) override;
  Result<std::string> reject(std::int64_t id, const std::string& actor) override;
  Result<std::int64_t> retry(const std::string& post_id, const std::string& actor) override;
  void resend(const std::string& post_id, const std::vector<std::string>& targets, const std::string& actor,
              std::function<void(Status)> done) override;
  void preview(const std::string& post_id, std::function<void(std::vector<AnnouncementPreview>)> done) override;

 private:
  template <typename Use>
  auto read(Use&& use) {
    return w_.reader ? use(*w_.reader) : w_.outbox->with(use);
  }
  Result<std::string> decide(std::int64_t id, const std::optional<std::string>& text, const std::string& actor,
                             bool approving);

  ConsoleWiring w_;
};

// The console's settings under `config`; the users file's accounts after
// those of the configuration (a name in both: the configuration's). A users
// file that cannot be read is reported in `problem` and left out.
ConsoleSettings console_settings(const Config& config, std::string* problem);

}  // namespace herald
