// The feed files a change could not write or delete, said once: a full disk
// fails every file of a rebuild the same way, and the operator needs the
// cause, not 139 lines. Pure.
#pragma once

#include <string>
#include <vector>

namespace herald {

// One line for `errors` (base/file_io.h texts, "cannot <verb> <path>:
// <cause>", and other messages, each its own cause): how many failed, each
// cause with its count and its first message, and what herald does.
std::string summarize_write_errors(const std::vector<std::string>& errors);

}  // namespace herald
