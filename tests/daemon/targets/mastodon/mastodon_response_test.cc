#include "daemon/targets/mastodon/mastodon_response.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace herald {
namespace {

constexpr std::int64_t kNow = 1445412000000;  // 2015-10-21T07:20:00Z

MastodonReplyContext context(int attempts = 1) {
  MastodonReplyContext context;
  context.attempts = attempts;
  context.policy.max_attempts = 5;
  context.policy.backoff_initial = std::chrono::milliseconds(1000);
  context.policy.backoff_max = std::chrono::milliseconds(8000);
  context.now_ms = kNow;
  context.random = [] { return 1.0; };
  context.redactor.add_secret("s3cr3t-token");
  return context;
}

HttpResponse answer(int status, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

BOOST_AUTO_TEST_SUITE(mastodon_response)

BOOST_AUTO_TEST_CASE(a_200_is_sent_with_the_status_id_and_url) {
  DeliveryOutcome outcome = mastodon_status_outcome(
      answer(200, R"({"id":"1093","url":"https://mastodon.example/@noticias/1093","content":"<p>x</p>"})"),
      context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::sent));
  BOOST_TEST(outcome.remote_id == "1093");
  BOOST_TEST(outcome.remote_url == "https://mastodon.example/@noticias/1093");
  BOOST_TEST(outcome.http_status == 200);
}

BOOST_AUTO_TEST_CASE(a_refused_token_is_dead_and_redacted) {
  DeliveryOutcome outcome =
      mastodon_status_outcome(answer(401, R"({"error":"The access token s3cr3t-token is invalid"})"), context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.error ==
             "the token was refused (HTTP 401): create a new access token with the write:statuses and "
             "write:media scopes (Preferences > Development > New application) (the server said: The "
             "access token [redacted] is invalid)");
  outcome = mastodon_status_outcome(answer(403, ""), context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.error.rfind("the token was refused (HTTP 403): ", 0) == 0);
}

BOOST_AUTO_TEST_CASE(a_404_means_a_wrong_server) {
  DeliveryOutcome outcome = mastodon_status_outcome(answer(404, "<html>Not found</html>"), context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.error ==
             "the server has no Mastodon API at the target's url (HTTP 404 on /api/v1/statuses): "
             "check url, e.g. url: https://mastodon.social");
}

BOOST_AUTO_TEST_CASE(a_422_is_dead_with_the_servers_words) {
  DeliveryOutcome outcome = mastodon_status_outcome(
      answer(422, R"({"error":"Validation failed: Text character limit of 500 exceeded"})"), context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.http_status == 422);
  BOOST_TEST(outcome.error ==
             "the server refused the status (HTTP 422) (the server said: Validation failed: Text "
             "character limit of 500 exceeded); it is not retried");
}

BOOST_AUTO_TEST_CASE(a_429_waits_for_the_iso_8601_reset_and_pauses_the_lane) {
  DeliveryOutcome outcome = mastodon_status_outcome(
      answer(429, R"({"error":"Too many requests"})",
             {{"x-ratelimit-limit", "300"}, {"x-ratelimit-remaining", "0"},
              {"x-ratelimit-reset", "2015-10-21T07:30:00.000Z"}}),
      context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(outcome.http_status == 429);
  // The reset is read to the second: the retry comes in the second after it.
  BOOST_TEST(outcome.retry_at_ms == 1445412601000);
  outcome = mastodon_status_outcome(answer(429, "", {{"x-ratelimit-reset", "2015-10-21T07:30:00.385Z"}}),
                                    context());
  BOOST_TEST(outcome.retry_at_ms == 1445412601000);
  // Numeric resets (other servers) are exact.
  outcome = mastodon_status_outcome(answer(429, "", {{"x-ratelimit-reset", "60"}}), context());
  BOOST_TEST(outcome.retry_at_ms == kNow + 60000);
}

BOOST_AUTO_TEST_CASE(server_errors_and_timeouts_retry_with_backoff) {
  DeliveryOutcome outcome = mastodon_status_outcome(answer(503, "busy"), context());
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(outcome.retry_at_ms == kNow + 1000);
  BOOST_TEST(outcome.error == "HTTP 503 Service Unavailable (response: busy)");
  HttpResponse timeout;
  timeout.timed_out = true;
  timeout.error = "Timeout was reached";
  outcome = mastodon_status_outcome(timeout, context(2));
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(outcome.retry_at_ms == kNow + 2000);
  outcome = mastodon_status_outcome(answer(500), context(5));
  BOOST_TEST((outcome.kind == DeliveryOutcome::Kind::dead));
  BOOST_TEST(outcome.error == "gave up after 5 attempts: HTTP 500 Internal Server Error");
}

BOOST_AUTO_TEST_CASE(media_upload_and_poll_answers) {
  MastodonMediaReply reply = mastodon_media_reply(answer(200, R"({"id":"7","type":"image"})"), false, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::ready));
  BOOST_TEST(reply.id == "7");
  reply = mastodon_media_reply(answer(202, R"({"id":"8","url":null})"), false, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::processing));
  BOOST_TEST(reply.id == "8");
  reply = mastodon_media_reply(answer(206, R"({"id":"8","url":null})"), true, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::processing));
  reply = mastodon_media_reply(answer(200, R"({"id":"8","url":"https://x/8.png"})"), true, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::ready));
}

BOOST_AUTO_TEST_CASE(a_refused_image_leaves_the_image_out) {
  MastodonMediaReply reply = mastodon_media_reply(
      answer(422, R"({"error":"Validation failed: File content type is invalid"})"), false, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::rejected));
  BOOST_TEST(reply.reason ==
             "the server refused the image (HTTP 422) (the server said: Validation failed: File content "
             "type is invalid)");
  reply = mastodon_media_reply(answer(413, ""), false, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::rejected));
  BOOST_TEST(reply.reason == "the server refused the image (HTTP 413)");
}

BOOST_AUTO_TEST_CASE(media_failures_end_the_attempt) {
  MastodonMediaReply reply = mastodon_media_reply(answer(401, ""), false, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::failed));
  BOOST_TEST((reply.outcome.kind == DeliveryOutcome::Kind::dead));
  reply = mastodon_media_reply(answer(429, "", {{"retry-after", "30"}}), true, context());
  BOOST_TEST((reply.kind == MastodonMediaReply::Kind::failed));
  BOOST_TEST((reply.outcome.kind == DeliveryOutcome::Kind::retry));
  BOOST_TEST(reply.outcome.http_status == 429);
  BOOST_TEST(reply.outcome.retry_at_ms == kNow + 30000);
  reply = mastodon_media_reply(answer(502, ""), false, context());
  BOOST_TEST((reply.outcome.kind == DeliveryOutcome::Kind::retry));
}

BOOST_AUTO_TEST_CASE(error_text_of_bodies) {
  BOOST_TEST(mastodon_error_text(R"({"error":"Record not found"})") == "Record not found");
  BOOST_TEST(mastodon_error_text("plain\ntext") == "plain text");
  BOOST_TEST(mastodon_error_text("<html><body>502</body></html>") == "");
  BOOST_TEST(mastodon_error_text(std::string(400, 'a')) == std::string(300, 'a') + "…");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
