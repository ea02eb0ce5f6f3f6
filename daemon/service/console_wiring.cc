#include "daemon/service/console_wiring.h"

#include <sys/stat.h>

#include "daemon/announce/editor_decision.h"
#include "daemon/base/file_io.h"
#include "daemon/base/wall_clock.h"
#include "daemon/outbox/retry_dead.h"
#include "daemon/targets/approval.h"

namespace herald {

std::vector<PostDeliveries> DaemonConsoleBackend::recent(int limit) {
  ListFilter filter;
  filter.limit = limit;
  return read([&](Outbox& outbox) { return outbox.list(filter); });
}

std::int64_t DaemonConsoleBackend::version() {
  Result<std::int64_t> counter = read([](Outbox& outbox) { return outbox.change_counter(); });
  return counter.ok() ? *counter : 0;
}

std::optional<TextLimits> DaemonConsoleBackend::text_limits(const std::string& target) {
  for (const TargetConfig& t : w_.config().targets) {
    if (t.name != target) continue;
    Result<std::optional<std::string>> saved = read([&](Outbox& outbox) { return outbox.target_state(target); });
    Result<TextLimits> limits = editable_text_limits(t, saved.ok() && *saved ? **saved : "");
    if (limits.ok()) return *limits;
  }
  return std::nullopt;
}

std::optional<PostDeliveries> DaemonConsoleBackend::post(const std::string& post_id) {
  return read([&](Outbox& outbox) { return outbox.post_deliveries(post_id); });
}

std::optional<Delivery> DaemonConsoleBackend::delivery(std::int64_t id) {
  return read([&](Outbox& outbox) { return outbox.delivery(id); });
}

std::vector<AuditEntry> DaemonConsoleBackend::audit(const std::string& post_id, int limit) {
  return read([&](Outbox& outbox) { return outbox.audit(post_id, limit); });
}

std::vector<PostDeliveries> DaemonConsoleBackend::dead(int limit) {
  return read([&](Outbox& outbox) { return outbox.list(ListFilter{"", DeliveryState::dead, limit}); });
}

Result<std::string> DaemonConsoleBackend::decide(std::int64_t id, const std::optional<std::string>& text,
                                                 const std::string& actor, bool approving) {
  EditorDecision decision{id, "", "", text, actor, wall_clock_ms()};
  Result<std::vector<Delivery>> decided = w_.outbox->with([&](Outbox& outbox) {
    return approving ? approve_deliveries(outbox, w_.config(), decision) : reject_deliveries(outbox, decision);
  });
  if (!decided.ok()) return decided.status();
  if (decided->empty()) return Status::failed("delivery " + std::to_string(id) + " was decided meanwhile");
  if (approving) w_.wake({decided->front().target});
  return decided->front().post_id;
}

Result<std::string> DaemonConsoleBackend::approve(std::int64_t id, const std::optional<std::string>& text,
                                                  const std::string& actor) {
  return decide(id, text, actor, true);
}

Result<std::string> DaemonConsoleBackend::reject(std::int64_t id, const std::string& actor) {
  return decide(id, std::nullopt, actor, false);
}

Result<std::int64_t> DaemonConsoleBackend::retry(const std::string& post_id, const std::string& actor) {
  Result<std::int64_t> requeued =
      w_.outbox->with([&](Outbox& outbox) { return retry_dead(outbox, "", post_id, wall_clock_ms(), actor); });
  if (requeued.ok() && *requeued > 0) {
    std::vector<std::string> all;
    for (const TargetConfig& t : w_.config().targets) all.push_back(t.name);
    w_.wake(all);
  }
  return requeued;
}

void DaemonConsoleBackend::resend(const std::string& post_id, const std::vector<std::string>& targets,
                                  const std::string& actor, std::function<void(Status)> done) {
  ResendArgs args;
  args.post = post_id;
  args.targets = targets;
  args.caller = actor;
  w_.resend(std::move(args), [this, done = std::move(done)](boost::json::value reply, std::vector<std::string> woken) {
    if (!woken.empty()) w_.wake(woken);
    std::optional<std::string> error = control_error_message(reply);
    done(error ? Status::failed(*error) : Status{});
  });
}

void DaemonConsoleBackend::preview(const std::string& post_id,
                                   std::function<void(std::vector<AnnouncementPreview>)> done) {
  std::vector<Delivery> unsent = read([&](Outbox& outbox) {
    std::vector<Delivery> out;
    std::optional<PostDeliveries> post = outbox.post_deliveries(post_id);
    if (!post) return out;
    for (const Delivery& d : post->deliveries) {
      if (d.state != DeliveryState::awaiting_approval && d.state != DeliveryState::pending) continue;
      if (std::optional<Delivery> whole = outbox.delivery(d.id)) out.push_back(*std::move(whole));
    }
    return out;
  });
  if (unsent.empty()) return done({});
  w_.preview(std::move(unsent), std::move(done));
}

ConsoleSettings console_settings(const Config& config, std::string* problem) {
  ConsoleSettings settings;
  settings.spanish = config.site.language.rfind("es", 0) == 0;
  if (std::optional<TimeZone> zone = TimeZone::load(config.site.timezone)) settings.zone = *zone;
  settings.secure_cookies = config.console.secure_cookies;
  settings.session_lifetime_ms = config.console.session_lifetime.count();
  for (const ConsoleAccount& account : config.console.users) {
    settings.users.push_back(ConsoleUser{account.name, parse_console_role(account.role).value_or(ConsoleRole::viewer),
                                         account.password_hash});
  }
  struct stat st {};
  const std::string& path = config.console.users_file;
  if (::stat(path.c_str(), &st) == 0) {
    ReadResult read = read_whole_file(path, 1024 * 1024);
    Result<std::vector<ConsoleUser>> users =
        read.status.ok() ? parse_users_file(read.bytes) : Result<std::vector<ConsoleUser>>(read.status);
    if (!users.ok()) {
      *problem = path + ": " + users.error();
    } else {
      for (ConsoleUser& user : *users) {
        if (find_user(settings.users, user.name) == nullptr) settings.users.push_back(std::move(user));
      }
    }
    if ((st.st_mode & 077) != 0) *problem = path + " is readable by others; chmod 600 it";
  }
  for (const TargetConfig& target : config.targets) {
    Result<TextLimits> limits = editable_text_limits(target);
    settings.targets.push_back(ConsoleTarget{target.name, target_type_name(target.type),
                                             limits.ok() ? std::optional<TextLimits>(*limits) : std::nullopt});
  }
  return settings;
}

}  // namespace herald
