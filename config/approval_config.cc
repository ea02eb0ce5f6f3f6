#include "config/approval_config.h"

namespace herald {

const char* approval_timeout_name(ApprovalTimeout action) {
  return action == ApprovalTimeout::approve ? "approve" : "reject";
}

std::optional<ApprovalTimeout> parse_approval_timeout(std::string_view name) {
  if (name == "reject") return ApprovalTimeout::reject;
  if (name == "approve") return ApprovalTimeout::approve;
  return std::nullopt;
}

}  // namespace herald
