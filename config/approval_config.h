// A target's `approval:` (docs/configuration.md, docs/console.md): whether
// its new post deliveries wait for an editor's `herald approve` before the
// delivery engine may send them, and what happens to one nobody decides on.
//
//   approval: required                     # wait for an editor, forever
//   approval: {required: true, timeout: 24h, on_timeout: reject}
//
// on_timeout is `reject` by default: an announcement nobody approved is
// never sent by itself; `approve` sends it as it stands when the time is up.
// A default ApprovalConfig holds nothing back.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace herald {

enum class ApprovalTimeout { reject, approve };
// "reject", "approve".
const char* approval_timeout_name(ApprovalTimeout action);
std::optional<ApprovalTimeout> parse_approval_timeout(std::string_view name);

struct ApprovalConfig {
  bool required = false;
  std::chrono::milliseconds timeout{0};  // 0: wait for an editor however long it takes
  ApprovalTimeout on_timeout = ApprovalTimeout::reject;
  bool operator==(const ApprovalConfig&) const = default;
};

}  // namespace herald
