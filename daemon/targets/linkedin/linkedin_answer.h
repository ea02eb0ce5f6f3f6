// What LinkedIn's REST answers say beyond their HTTP status
// (shared/docs/networks.md section 5): the error envelope {"status",
// "serviceErrorCode", "code", "message"}, the URN a DUPLICATE_POST names,
// a post of the page carrying a given article link, the upload an
// initializeUpload answer gives, and when a daily quota (429) refills.
// Any shape reads as nothing, never as an error. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace herald {

struct LinkedInError {
  int service_code = 0;  // serviceErrorCode; 0: none
  std::string code;      // "DUPLICATE_POST", "VERSION_MISSING", ...; "" none
  std::string message;

  // "DUPLICATE_POST, serviceErrorCode 65535: Content is a duplicate of ..."
  // (the parts present); "" when the body held no error.
  std::string describe() const;
};

// The error in `body` (all empty when it holds none).
LinkedInError read_linkedin_error(std::string_view body);

// The URN of the post LinkedIn says `error` duplicates ("Content is a
// duplicate of urn:li:share:7081234567890123456"); "" when it is no
// DUPLICATE_POST or names none.
std::string duplicate_post_urn(const LinkedInError& error);

// The URN (`id`) of the post in a GET /rest/posts?q=author answer
// ({"elements": [...]}) whose content.article.source is `source`; "" none.
std::string find_linkedin_post(std::string_view body, const std::string& source);

struct LinkedInUpload {
  std::string upload_url;  // value.uploadUrl
  std::string image;       // value.image, urn:li:image:...
  bool ok() const { return !upload_url.empty() && !image.empty(); }
};

// The upload an initializeUpload answer gives (not ok() when it gives none).
LinkedInUpload read_linkedin_upload(std::string_view body);

// The next 00:00 UTC after `now_ms` (Unix ms): when LinkedIn's daily
// quotas refill.
std::int64_t next_utc_midnight_ms(std::int64_t now_ms);

}  // namespace herald
