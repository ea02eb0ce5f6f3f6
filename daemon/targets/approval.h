// Approval before posting, as values (no I/O, no clock): which new
// deliveries wait for an editor (config/approval_config.h: every post, or
// those its filters match), and whether an
// editor's own text for a target keeps the limit its network counts.
//
// A delivery of a target with `approval: required` is recorded
// awaiting_approval (targets/delivery.h); the delivery engine never claims
// it. An editor approves it (pending: sent like any other, at its own time
// or now when that has passed), optionally with a text of their own, or
// rejects it (rejected: never sent). One nobody decides on before its
// deadline takes the target's `on_timeout`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "config/config.h"
#include "daemon/targets/delivery.h"
#include "daemon/text/text_fit.h"
#include "feeds/post.h"
#include "feeds/status.h"

namespace herald {

// Marks `delivery` of `post`, recorded at `now_ms`, as awaiting approval
// when `approval` requires it for that post (its filters, when it has any,
// all match), with its deadline and default.
void hold_for_approval(const ApprovalConfig& approval, const Post& post, std::int64_t now_ms, NewDelivery& delivery);

// How `target`'s network counts an editor's text and its limit; failed
// ("hook is a webhook target: it sends the post's data, not a text to
// edit") for a target whose text cannot be edited. `saved_state` is what
// the target's driver keeps (TargetStateStore; "" none): for Mastodon the
// server's limits read from its instance document (mastodon_limits.h), its
// max_characters counted the Mastodon way with the target's spoiler_text
// and each URL as characters_reserved_per_url; 500 and 23 until the driver
// has read them.
Result<TextLimits> editable_text_limits(const TargetConfig& target, std::string_view saved_state = {});

// Why an editor's text does not keep a target's limits: empty, too long
// in the network's units (`length` against `limit`), or too many UTF-8
// bytes (`length` bytes against `limit`).
struct EditorTextRefusal {
  enum class Kind { empty, too_long, too_many_bytes };
  Kind kind = Kind::empty;
  std::size_t length = 0;
  std::size_t limit = 0;
  bool operator==(const EditorTextRefusal&) const = default;
};

// Why `text` does not keep `limits`; nullopt when it does. The one rule
// the CLI (check_editor_text) and the console (in its language) phrase.
std::optional<EditorTextRefusal> refuse_editor_text(const TextLimits& limits, std::string_view text);

// Ok when `text` may replace `target`'s announcement text, else the
// sentence saying why not ("the text is 612 characters as mastodon counts
// them; the limit is 500"; "the text is empty").
Status check_editor_text(const TargetConfig& target, std::string_view text, std::string_view saved_state = {});

}  // namespace herald
