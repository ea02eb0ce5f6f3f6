#include "daemon/announce/editor_decision.h"

#include <algorithm>

#include "daemon/targets/approval.h"
#include "daemon/text/post_snapshot.h"

namespace herald {
namespace {

// The deliveries `decision` names, each awaiting approval, or why none.
Result<std::vector<Delivery>> chosen(Outbox& outbox, const EditorDecision& decision) {
  if (decision.delivery_id != 0) {
    std::optional<Delivery> one = outbox.delivery(decision.delivery_id);
    if (!one) return Status::failed("no delivery has id " + std::to_string(decision.delivery_id));
    if (one->state != DeliveryState::awaiting_approval) {
      return Status::failed("delivery " + std::to_string(one->id) + " is " + delivery_state_name(one->state) +
                            ", not awaiting approval");
    }
    return std::vector<Delivery>{*one};
  }
  std::optional<OutboxPost> post = outbox.find_post(decision.post_ref);
  if (!post) {
    return Status::failed("no announced post matches \"" + decision.post_ref + "\" (give its id, file or URL)");
  }
  std::vector<Delivery> waiting = outbox.awaiting_approval(post->id, decision.target);
  if (waiting.empty()) {
    return Status::failed("post " + post->id + " has no delivery awaiting approval" +
                          (decision.target.empty() ? "" : " to " + decision.target));
  }
  return waiting;
}

const TargetConfig* configured(const Config& config, const std::string& name) {
  auto found = std::find_if(config.targets.begin(), config.targets.end(),
                            [&](const TargetConfig& t) { return t.name == name; });
  return found == config.targets.end() ? nullptr : &*found;
}

// What `target`'s driver saved (a Mastodon server's limits), "" when nothing.
std::string saved_state(Outbox& outbox, const std::string& target) {
  Result<std::optional<std::string>> saved = outbox.target_state(target);
  return saved.ok() && *saved ? **saved : "";
}

// Each delivery's payload with the editor's text, or why the text is refused.
Result<std::vector<std::string>> edited_payloads(Outbox& outbox, const Config& config,
                                                 const std::vector<Delivery>& deliveries, const std::string& text) {
  std::vector<std::string> payloads;
  for (const Delivery& d : deliveries) {
    const TargetConfig* target = configured(config, d.target);
    if (target == nullptr) return Status::failed(d.target + " is no longer configured; its text cannot be checked");
    if (Status fits = check_editor_text(*target, text, saved_state(outbox, d.target)); !fits.ok()) {
      return Status::failed(d.target + ": " + fits.message + "; nothing was approved");
    }
    Result<std::string> payload = with_editor_text(d.payload, text);
    if (!payload.ok()) return Status::failed(d.target + ": " + payload.error());
    payloads.push_back(*std::move(payload));
  }
  return payloads;
}

AuditEntry audit_of(const EditorDecision& decision, const Delivery& d, const char* action, std::string detail) {
  return AuditEntry{decision.now_ms, decision.actor, action, d.post_id, d.target, d.id, std::move(detail)};
}

}  // namespace

Result<std::vector<Delivery>> approve_deliveries(Outbox& outbox, const Config& config,
                                                 const EditorDecision& decision) {
  Result<std::vector<Delivery>> waiting = chosen(outbox, decision);
  if (!waiting.ok()) return waiting.status();
  std::vector<std::string> payloads;
  if (decision.text) {
    Result<std::vector<std::string>> edited = edited_payloads(outbox, config, *waiting, *decision.text);
    if (!edited.ok()) return edited.status();
    payloads = *std::move(edited);
  }
  std::vector<Delivery> decided;
  for (std::size_t i = 0; i < waiting->size(); ++i) {
    Delivery& d = (*waiting)[i];
    std::optional<std::string> payload;
    if (decision.text) payload = payloads[i];
    std::string detail = decision.text ? "with the editor's text: " + *decision.text : "";
    Result<bool> approved = outbox.approve(d.id, payload, audit_of(decision, d, "approve", std::move(detail)));
    if (!approved.ok()) return approved.status();
    if (!*approved) continue;  // decided meanwhile by someone else
    d.state = DeliveryState::pending;
    decided.push_back(std::move(d));
  }
  return decided;
}

Result<std::vector<Delivery>> reject_deliveries(Outbox& outbox, const EditorDecision& decision) {
  Result<std::vector<Delivery>> waiting = chosen(outbox, decision);
  if (!waiting.ok()) return waiting.status();
  std::vector<Delivery> decided;
  for (Delivery& d : *waiting) {
    Result<bool> rejected = outbox.reject(d.id, audit_of(decision, d, "reject", ""));
    if (!rejected.ok()) return rejected.status();
    if (!*rejected) continue;
    d.state = DeliveryState::rejected;
    decided.push_back(std::move(d));
  }
  return decided;
}

}  // namespace herald
