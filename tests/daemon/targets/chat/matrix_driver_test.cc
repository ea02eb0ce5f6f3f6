#include "daemon/targets/chat/matrix_driver.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/chat/matrix_payload.h"
#include "daemon/targets/chat/matrix_response.h"
#include "tests/daemon/targets/chat/chat_seed.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"

namespace herald {
namespace {

using test::kSeedSummary;
using test::kSeedTitle;
using test::kSeedUrl;
using test::response;

BOOST_AUTO_TEST_SUITE(matrix_driver)

BOOST_AUTO_TEST_CASE(seed_post_body_golden) {
  TargetConfig target = test::chat_target(TargetType::matrix, "https://matrix.example.org");
  Result<std::string> body =
      matrix_body(test::seed_snapshot(), test::chat_text(target, kMatrixTemplate));
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(*body == R"({"msgtype":"m.notice","body":")" + kSeedTitle + R"(\n\n)" + kSeedSummary + R"(\n\n)" +
                          kSeedUrl + R"(","format":"org.matrix.custom.html","formatted_body":")" + kSeedTitle +
                          "<br><br>" + kSeedSummary + "<br><br>" + kSeedUrl + R"("})");
}

BOOST_AUTO_TEST_CASE(formatted_body_escapes_values) {
  SnapshotFields post = test::seed_snapshot();
  post.title = "<b>Obras</b> & más";
  TargetConfig target = test::chat_target(TargetType::matrix, "https://matrix.example.org");
  Result<std::string> body = matrix_body(post, test::chat_text(target, "{title}"));
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  boost::json::value parsed = boost::json::parse(*body);
  BOOST_TEST(parsed.at("body").as_string() == "<b>Obras</b> & más");
  BOOST_TEST(parsed.at("formatted_body").as_string() == "&lt;b&gt;Obras&lt;/b&gt; &amp; más");
}

BOOST_AUTO_TEST_CASE(send_url_encodes_room_and_txn) {
  BOOST_TEST(*matrix_send_url("https://matrix.example.org", "!abc:example.org", "msg_1") ==
             "https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/m.room.message/msg_1");
  BOOST_TEST(*matrix_send_url("http://127.0.0.1:8008/", "!r:h", "msg_2") ==
             "http://127.0.0.1:8008/_matrix/client/v3/rooms/%21r%3Ah/send/m.room.message/msg_2");
}

BOOST_AUTO_TEST_CASE(event_is_sent_with_its_link) {
  ChatReply reply = read_matrix_response(response(200, R"({"event_id":"$abc:example.org"})"), "!r:example.org");
  BOOST_TEST(reply.posted);
  BOOST_TEST(reply.remote_id == "$abc:example.org");
  BOOST_TEST(reply.remote_url == "https://matrix.to/#/!r:example.org/$abc:example.org");
}

BOOST_AUTO_TEST_CASE(documented_errors) {
  BOOST_TEST(read_matrix_response(response(401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token"})"),
                                  "!r:h")
                 .dead_reason ==
             "HTTP 401: the homeserver refused the access token: check token (M_UNKNOWN_TOKEN: Invalid access token)");
  BOOST_TEST(read_matrix_response(response(403, R"({"errcode":"M_FORBIDDEN","error":"not in room"})"), "!r:h")
                 .dead_reason ==
             "HTTP 403: the bot may not post in the room: invite it or check room_id (M_FORBIDDEN: not in room)");
  ChatReply limited = read_matrix_response(
      response(429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2500})"), "!r:h");
  BOOST_TEST(limited.dead_reason.empty());
  BOOST_TEST_REQUIRE(limited.body_wait.has_value());
  BOOST_TEST(limited.body_wait->count() == 2500);
}

BOOST_AUTO_TEST_CASE(request_carries_the_token_and_the_same_txn_id) {
  TargetConfig target = test::chat_target(TargetType::matrix, "https://matrix.example.org");
  target.as<MatrixSettings>().token = "syt_bWF0cml4_secretTOKEN";
  target.as<MatrixSettings>().room_id = "!r:example.org";
  DriverResult made = make_matrix_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  std::unique_ptr<TargetDriver> driver = std::move(*made);
  Delivery delivery;
  delivery.message_id = "msg_abc";
  delivery.payload = driver->payload(test::seed_post(test::chat_config()), DeliveryEvent::published, Timestamp{});
  Result<std::vector<HttpRequest>> preview = driver->preview(delivery, 0);
  BOOST_TEST_REQUIRE(preview.ok(), preview.error());
  const std::vector<HttpRequest>& requests = *preview;
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(requests[0].method == "PUT");
  BOOST_TEST(requests[0].url ==
             "https://matrix.example.org/_matrix/client/v3/rooms/%21r%3Aexample.org/send/m.room.message/msg_abc");
  BOOST_TEST(requests[0].headers.at(1).second == "Bearer syt_bWF0cml4_secretTOKEN");
  BOOST_TEST(driver->redact(requests[0].headers.at(1).second) == "Bearer [redacted]");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
