// Where a post's image is read from before any fetch: a site-relative path
// ("/uploads/2021/a.png") or a URL on the site's own origin and path
// ("https://example.org/uploads/a.png") is a file under site.static_dir.
// A path with a ".." segment, a query or a fragment never is.
#pragma once

#include <optional>
#include <string>

namespace herald {

// The file under `static_dir` that `image` names, or nullopt when it names
// none (an absolute URL elsewhere, no static_dir, an escaping path).
std::optional<std::string> static_image_path(const std::string& image, const std::string& site_url,
                                             const std::string& static_dir);

}  // namespace herald
