// The X API v2 for one account, for tests, on top of HttpReceiver: the
// behaviour of the X card in shared/docs/networks.md.
//
//   POST /2/oauth2/token    form grant_type=refresh_token, refresh_token,
//                           client_id: the current refresh token answers 200
//                           {access_token, refresh_token (a new one),
//                           expires_in 7200}; every refresh token used once
//                           is refused from then on, like any unknown one:
//                           400 {"error":"invalid_grant", ...}
//   POST /2/media/upload    Bearer (as every call below); multipart with a
//                           file part `media` and media_category=tweet_image
//                           (else 400): 200 {"data": {"id", "media_key",
//                           "size", "expires_after_secs": 86400}}
//   POST /2/media/metadata  {"id", "metadata": {"alt_text": {"text"}}}: 200;
//                           an id never uploaded or a text over 1000
//                           characters: 400
//   POST /2/tweets          Bearer: the newest access token, else 401;
//                           201 {"data": {"id", "text"}}; the same text as an
//                           earlier post: 403 "duplicate content"; a
//                           media.media_ids id never uploaded: 400 "Your
//                           media IDs are invalid."
//   GET  /2/users/me        {"data": {"id": "42", "username"}}
//   GET  /2/users/42/tweets the account's posts, newest first, with
//                           entities.urls[].expanded_url for each URL in the text
// Errors are problem JSON {"title", "type", "status", "detail"}.
//
// Programmable failures: the next N uploads are refused (400, the image
// is not one X takes); the next N posts make the post, then reset the
// connection (a lost answer); or hang (nothing made, never answered); or
// answer 429 with x-rate-limit-limit,
// -remaining 0 and -reset (epoch seconds) `wait` from now.
// Thread-safe; requests are answered on the receiver's thread.
#pragma once

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

struct XFakePost {
  std::string id;
  std::string text;
  std::string token;  // the access token it came with
  std::vector<std::string> media_ids;
};

struct XFakeMedia {
  std::string id;
  std::string body;       // the multipart body that uploaded it
  std::string alt_text;   // "" until set
};

class XFake {
 public:
  // `refresh_token`: the one the authorization gave (the operator's seed).
  explicit XFake(std::string refresh_token = "seed-refresh");
  ~XFake();
  XFake(const XFake&) = delete;
  XFake& operator=(const XFake&) = delete;

  std::string url() const;  // "http://127.0.0.1:<port>"
  const HttpReceiver& receiver() const { return receiver_; }

  void refuse_uploads(int count);
  void lose_post_answers(int count);
  void rate_limit_posts(int count, std::chrono::seconds wait);
  // The next `count` posts are read and never answered (nothing is made).
  void hang_posts(int count);
  // The access token given so far stops working (it expired): 401.
  void expire_access_token();
  // The current refresh token (what the account would accept next).
  std::string refresh_token() const;

  std::vector<XFakePost> posts() const;  // made, oldest first
  std::vector<XFakeMedia> media() const;  // uploaded, oldest first
  // Requests received whose path (query left out) is `path`.
  std::vector<ReceivedRequest> requests_to(const std::string& path) const;

 private:
  Reply answer(const ReceivedRequest& request);
  Reply refresh(const ReceivedRequest& request);
  Reply post(const ReceivedRequest& request);
  Reply upload(const ReceivedRequest& request);
  Reply metadata(const ReceivedRequest& request);
  bool uploaded(const std::string& id) const;
  Reply timeline() const;

  mutable std::mutex mutex_;
  std::string refresh_token_;
  std::set<std::string> used_;
  std::string access_token_;
  int generation_ = 1;
  std::vector<XFakePost> posts_;
  std::vector<XFakeMedia> media_;
  int refused_uploads_ = 0;
  int lose_answers_ = 0;
  int rate_limited_ = 0;
  int hung_ = 0;
  std::chrono::seconds rate_limit_wait_{0};
  HttpReceiver receiver_;  // last: stopped first, while the state above still exists
};

}  // namespace herald::test
