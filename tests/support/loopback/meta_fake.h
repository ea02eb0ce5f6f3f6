// Instagram's or Threads' publishing API for one account, for tests, on top
// of HttpReceiver: the behaviour of the Instagram and Threads cards in
// shared/docs/networks.md.
//
//   POST /{version}/{account}/media     (Instagram) form image_url, caption,
//                                       alt_text: the fake FETCHES image_url
//                                       (from herald's server: see
//                                       fetch_images_from) and checks it is a
//                                       JPEG of at most 8 MB with an aspect
//                                       ratio in 4:5..1.91:1 (else 400 9004 /
//                                       2207052, 36001 / 2207005, 36000 /
//                                       2207004, 36003 / 2207009);
//   POST /{version}/{account}/threads   (Threads) form media_type TEXT|IMAGE,
//                                       text, image_url (fetched: JPEG or PNG);
//                                       both answer {"id": container}
//   GET  /{version}/{container}         status_code,status (Instagram) or
//                                       status,error_message (Threads):
//                                       IN_PROGRESS for the polls set by
//                                       containers_in_progress, then FINISHED;
//                                       PUBLISHED once published
//   GET  /{version}/{account}/content_publishing_limit | threads_publishing_limit
//   POST /{version}/{account}/media_publish | threads_publish  creation_id:
//                                       {"id": media}; not ready 400 9007 /
//                                       2207027; at the limit 400 9 / 2207042;
//                                       unknown container 400 24 / 2207008
//   GET  /{version}/{media}?fields=permalink
//   GET  /{version}/{account}/media | threads   the account's posts, newest first
//   GET  /refresh_access_token?grant_type=ig_refresh_token|th_refresh_token
//                                       a new token (token-2, token-3, ...)
// The token is the access_token query or form field; a wrong one is 400 code
// 190; after expire_token() every call with it (a refresh too) is 400 code
// 190 subcode 463. Errors use Graph's envelope.
// Thread-safe; requests are answered on the receiver's thread.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

struct MetaPost {
  std::string id;
  std::string text;       // the caption (Instagram) or text (Threads)
  std::string image_url;  // "" for a Threads TEXT post
  std::string container;
};

struct MetaContainer {
  std::string id;
  std::string state;  // IN_PROGRESS, FINISHED, ERROR, EXPIRED, PUBLISHED
  int polls_left = 0;  // IN_PROGRESS answers before FINISHED
  std::string text;
  std::string image_url;
};

class MetaFake {
 public:
  enum class Network { instagram, threads };
  explicit MetaFake(Network network, std::string account = "17841400008460056", std::string token = "token-1");
  ~MetaFake();
  MetaFake(const MetaFake&) = delete;
  MetaFake& operator=(const MetaFake&) = delete;

  // "http://127.0.0.1:<port>" (a target's url).
  std::string url() const;
  const HttpReceiver& receiver() const { return receiver_; }
  // Image URLs starting with `public_prefix` ("https://noticias.example.org/")
  // are fetched from http://127.0.0.1:`port`/ (herald's server) instead.
  void fetch_images_from(const std::string& public_prefix, int port);

  // New containers answer IN_PROGRESS to their first `polls` polls.
  void containers_in_progress(int polls);
  // The next new container goes to `state` (ERROR or EXPIRED) at its first poll.
  void fail_next_container(const std::string& state);
  // The next `count` publishes make the post, then reset the connection.
  void lose_publish_answers(int count);
  // The next `count` requests whose path ends with `suffix` hang (never
  // answered); `made` publishes still make the post first.
  void hang(const std::string& suffix, int count, bool made = false);
  // The next publishing-limit check says the quota is used up (quota_total
  // 1 in a window of `window_seconds`); until that check, publishing is
  // refused with code 9 / 2207042.
  void reach_publishing_limit(int window_seconds);
  // The token in force expires: every call with it is refused (190 / 463).
  void expire_token();

  std::vector<MetaPost> posts() const;
  std::vector<MetaContainer> containers() const;
  std::string token() const;
  // What the image checks found wrong, one line each (empty: all good).
  std::vector<std::string> image_problems() const;
  // Requests received whose path (query left out) ends with `suffix`.
  std::vector<ReceivedRequest> requests_to(const std::string& suffix) const;

 private:
  Reply answer(const ReceivedRequest& request);
  Reply create(const std::string& text, const std::string& image_url, bool image);
  Reply status(MetaContainer& container);
  Reply publish(const std::string& creation_id);
  Reply recent() const;
  Reply refresh();
  // "" when the image at `url` is acceptable; else the problem (also kept).
  std::string check_image(const std::string& url, int* code, int* subcode);

  Network network_;
  std::string account_;
  mutable std::mutex mutex_;
  std::string token_;
  int token_serial_ = 1;
  bool expired_ = false;
  std::string public_prefix_;
  int image_port_ = 0;
  int in_progress_polls_ = 0;
  std::string next_failure_;
  int lose_answers_ = 0;
  std::string hang_suffix_;
  int hang_count_ = 0;
  bool hang_made_ = false;
  int limit_window_s_ = 0;  // > 0: the next check and publish are at the limit
  std::vector<MetaContainer> containers_;
  std::vector<MetaPost> posts_;
  std::vector<std::string> image_problems_;
  HttpReceiver receiver_;  // last: stopped first, while the state above still exists
};

}  // namespace herald::test
