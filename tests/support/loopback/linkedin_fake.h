// LinkedIn's REST API for one organization page, for tests, on top of
// HttpReceiver: the behaviour of the LinkedIn card in
// shared/docs/networks.md (section 5).
//
//   POST /rest/images?action=initializeUpload
//                      {"initializeUploadRequest": {"owner": <page URN>}}:
//                      200 {"value": {"uploadUrlExpiresAt", "uploadUrl"
//                      (<url>/dms-uploads/<n>, on this fake), "image"
//                      ("urn:li:image:<n>")}}
//   PUT  /dms-uploads/<n>  the image bytes (with the Bearer token): 201
//   POST /rest/posts   {author, commentary, visibility, distribution,
//                      content.article {source, title, ...thumbnail},
//                      lifecycleState}: 201, empty body, the post's URN
//                      ("urn:li:share:<n>") in x-restli-id; the same
//                      commentary and article as an earlier post: 422
//                      DUPLICATE_POST "Content is a duplicate of <URN>"; a
//                      thumbnail that was not uploaded: 400
//   GET  /rest/posts?author=<encoded page URN>&q=author&count=N&sortBy=...
//                      {"elements": [the page's posts, newest first:
//                      id, author, commentary, content]}
// Every /rest/ call needs the access token as Authorization: Bearer
// (else 401 {"status", "serviceErrorCode": 65600, "code":
// "INVALID_ACCESS_TOKEN", "message"}), a LinkedIn-Version (else 400
// VERSION_MISSING) and X-Restli-Protocol-Version 2.0.0 (else 400).
//
// Programmable: the token expires (401 EXPIRED_ACCESS_TOKEN, "The token
// used in the request has expired"); the next N posts make the post, then
// reset the connection (a lost answer); the next N posts answer 429 (with
// Retry-After `seconds` when it is not 0: LinkedIn itself gives none).
// Thread-safe; requests are answered on the receiver's thread.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

struct LinkedInFakePost {
  std::string urn;  // "urn:li:share:<n>"
  std::string commentary;
  std::string source;     // content.article.source
  std::string thumbnail;  // "" none
  std::string body;       // as received
};

class LinkedInFake {
 public:
  explicit LinkedInFake(std::string author = "urn:li:organization:2414183", std::string token = "AQVtoken123");
  ~LinkedInFake();
  LinkedInFake(const LinkedInFake&) = delete;
  LinkedInFake& operator=(const LinkedInFake&) = delete;

  // "http://127.0.0.1:<port>" (a target's url).
  std::string url() const;
  const HttpReceiver& receiver() const { return receiver_; }

  void expire_token();
  void lose_post_answers(int count);
  void rate_limit_posts(int count, int retry_after_seconds);

  std::vector<LinkedInFakePost> posts() const;  // made, oldest first
  std::vector<std::string> images() const;      // the bytes uploaded, by image number
  // Requests received whose path (query left out) is `path`.
  std::vector<ReceivedRequest> requests_to(const std::string& path) const;

 private:
  Reply answer(const ReceivedRequest& request);
  Reply initialize_upload(const ReceivedRequest& request);
  Reply upload(const ReceivedRequest& request, const std::string& path);
  Reply create_post(const ReceivedRequest& request);
  Reply list_posts(const ReceivedRequest& request) const;

  mutable std::mutex mutex_;
  std::string author_;
  std::string token_;
  bool expired_ = false;
  int lose_answers_ = 0;
  int rate_limited_ = 0;
  int retry_after_ = 0;
  std::vector<LinkedInFakePost> posts_;
  std::vector<std::string> images_;
  std::vector<bool> uploaded_;
  HttpReceiver receiver_;  // last: stopped first, while the state above still exists
};

}  // namespace herald::test
