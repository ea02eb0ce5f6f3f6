// Facebook's Graph API for one Page, for tests, on top of HttpReceiver:
// the behaviour of the Facebook card in shared/docs/networks.md.
//
//   POST /{version}/{page-id}/feed   form message, link; the Page token as
//                                    Authorization: Bearer (or access_token);
//                                    200 {"id": "<page>_<n>"} with
//                                    X-App-Usage; the same message and link as
//                                    the Page's last post: 400 code 506
//   GET  /{version}/{page-id}/posts  the Page's posts, newest first: id,
//                                    permalink_url, message, created_time,
//                                    attachments {url (shimmed),
//                                    unshimmed_url}
// Errors use Graph's envelope {"error": {"message", "type", "code",
// "error_subcode", "fbtrace_id"}}: a wrong token 400 code 190; after
// revoke_token() 400 code 190 subcode 460 (password changed).
//
// Programmable failures: the next N feed posts make the post, then reset
// the connection (a lost answer); or answer 400 code 80001 with
// X-Business-Use-Case-Usage call_count 100 and
// estimated_time_to_regain_access `minutes` (0 allowed, for tests).
// Thread-safe; requests are answered on the receiver's thread.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "tests/support/loopback/http_receiver.h"

namespace herald::test {

struct GraphPagePost {
  std::string id;  // "<page>_<n>"
  std::string message;
  std::string link;
};

class GraphFake {
 public:
  explicit GraphFake(std::string page_id = "104612345678901", std::string token = "EAAPageToken123");
  ~GraphFake();
  GraphFake(const GraphFake&) = delete;
  GraphFake& operator=(const GraphFake&) = delete;

  // "http://127.0.0.1:<port>" (a target's url).
  std::string url() const;
  const HttpReceiver& receiver() const { return receiver_; }

  // The next `count` feed posts are made, then their connection is reset.
  void lose_feed_answers(int count);
  // The next `count` feed posts answer code 80001 (the Page's calls limited).
  void throttle_feed(int count, int regain_minutes);
  // The token stops working (its user changed the password).
  void revoke_token();

  std::vector<GraphPagePost> posts() const;  // made, oldest first
  // Requests received whose path (query left out) ends with `suffix` ("/feed").
  std::vector<ReceivedRequest> requests_to(const std::string& suffix) const;

 private:
  Reply answer(const ReceivedRequest& request);
  Reply feed(const ReceivedRequest& request);
  Reply page_posts() const;

  std::string page_id_;
  std::string token_;
  mutable std::mutex mutex_;
  std::vector<GraphPagePost> posts_;
  bool revoked_ = false;
  int lose_answers_ = 0;
  int throttled_ = 0;
  int regain_minutes_ = 0;
  HttpReceiver receiver_;  // last: stopped first, while the state above still exists
};

}  // namespace herald::test
