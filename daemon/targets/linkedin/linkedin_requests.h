// The requests of LinkedIn's REST API (`/rest/`, shared/docs/networks.md
// section 5) for one organization page: every one carries
// `Authorization: Bearer <token>`, `LinkedIn-Version: <YYYYMM>` and
// `X-Restli-Protocol-Version: 2.0.0`. URNs in a query are percent-encoded
// (Rest.li 2.0). Pure: values in, request values out.
#pragma once

#include <string>

#include "daemon/targets/http_exchange.h"

namespace herald {

// Where and as whom: the API's base URL (https://api.linkedin.com), the
// page's URN, the access token and the version header.
struct LinkedInAccount {
  std::string url;
  std::string author;  // urn:li:organization:N
  std::string token;
  std::string version;
};

// What one post says: the commentary (already little-text escaped), the
// article's link, title and description (plain), and the thumbnail image's
// URN and alt text (empty: none).
struct LinkedInArticle {
  std::string commentary;
  std::string source;
  std::string title;
  std::string description;
  std::string thumbnail;
  std::string thumbnail_alt;
};

// POST /rest/posts: an article post of the page, PUBLIC on the main feed.
HttpRequest linkedin_post_request(const LinkedInAccount& account, const LinkedInArticle& article);

// POST /rest/images?action=initializeUpload owned by the page.
HttpRequest linkedin_initialize_upload_request(const LinkedInAccount& account);

// PUT of the image `bytes` (`media_type`) to the `upload_url` LinkedIn
// gave, with the token when `with_token`.
HttpRequest linkedin_upload_request(const LinkedInAccount& account, const std::string& upload_url,
                                    const std::string& bytes, const std::string& media_type, bool with_token);

// Whether the token may go to `upload_url`: it is https, or on the API's
// own origin (a loopback test server).
bool linkedin_upload_takes_token(const LinkedInAccount& account, const std::string& upload_url);

// GET /rest/posts?author=<urn>&q=author&count=10&sortBy=LAST_MODIFIED: the
// page's latest posts (needs r_organization_social).
HttpRequest linkedin_recent_posts_request(const LinkedInAccount& account);

// The public page of the post `urn`: https://www.linkedin.com/feed/update/<urn>/.
std::string linkedin_post_url(const std::string& urn);

}  // namespace herald
