// Posts that would be published at the same URL (`herald check`): Jekyll
// writes one page over the other, and a reader following either link gets
// one of the two. Pure.
#pragma once

#include <string>
#include <vector>

#include "feeds/catalog.h"
#include "feeds/diagnostic.h"

namespace herald {

// A warning on each post (not a draft) whose URL an earlier one (in path
// order) already has, naming that one's file; files are named under
// `content_dir` ("content/a.md"), as the other diagnostics are.
std::vector<Diagnostic> shared_url_warnings(const Catalog& catalog, const std::string& site_url,
                                            const std::string& permalink, const std::string& content_dir);

}  // namespace herald
