// A target's `approval:` (docs/configuration.md, docs/console.md): whether
// its new post deliveries wait for an editor's `herald approve` before the
// delivery engine may send them, and what happens to one nobody decides on.
//
//   approval: required                     # wait for an editor, forever
//   approval: {required: true, timeout: 24h, on_timeout: reject}
//   approval: {required: true, sections: [politica], tags: [elecciones], flag: revisar}
//
// Filters (sections, tags, flag; as a target's own, compared by slug) make
// only the posts that match every one of them wait; the others go out as
// if the target needed no approval.
//
// on_timeout is `reject` by default: an announcement nobody approved is
// never sent by itself; `approve` sends it as it stands when the time is up.
// A default ApprovalConfig holds nothing back.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

enum class ApprovalTimeout { reject, approve };
// "reject", "approve".
const char* approval_timeout_name(ApprovalTimeout action);
std::optional<ApprovalTimeout> parse_approval_timeout(std::string_view name);

struct ApprovalConfig {
  bool required = false;
  std::chrono::milliseconds timeout{0};  // 0: wait for an editor however long it takes
  ApprovalTimeout on_timeout = ApprovalTimeout::reject;
  std::vector<std::string> sections = {};  // slugs; empty: any section
  std::vector<std::string> tags = {};      // slugs; empty: any tags
  std::string flag = {};                   // a front-matter field; empty: none
  bool operator==(const ApprovalConfig&) const = default;
};

}  // namespace herald
