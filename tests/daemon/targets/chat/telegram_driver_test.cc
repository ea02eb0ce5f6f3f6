#include "daemon/targets/chat/telegram_driver.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/chat/telegram_payload.h"
#include "daemon/targets/chat/telegram_response.h"
#include "tests/daemon/targets/chat/chat_seed.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"

namespace herald {
namespace {

using test::kSeedImage;
using test::kSeedSummary;
using test::kSeedTitle;
using test::kSeedUrl;
using test::response;

constexpr const char* kToken = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

TargetConfig telegram_target() {
  TargetConfig target = test::chat_target(TargetType::telegram, "https://api.telegram.org");
  target.as<TelegramSettings>().token = kToken;
  target.as<TelegramSettings>().chat_id = "@noticias";
  return target;
}

BOOST_AUTO_TEST_SUITE(telegram_driver)

BOOST_AUTO_TEST_CASE(seed_post_message_golden) {
  TargetConfig target = telegram_target();
  Result<std::string> body =
      telegram_message_body(test::seed_snapshot(), test::chat_text(target, kTelegramTemplate), target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(*body == R"({"chat_id":"@noticias","text":"<b>)" + kSeedTitle + R"(</b>\n\n)" + kSeedSummary +
                          R"(\n\n)" + kSeedUrl + R"(\n\n#Local #IMM #capacitación","parse_mode":"HTML",)" +
                          R"("link_preview_options":{"url":")" + kSeedUrl + R"(","prefer_large_media":true}})");
}

BOOST_AUTO_TEST_CASE(seed_post_photo_golden) {
  TargetConfig target = telegram_target();
  Result<std::string> body =
      telegram_photo_body(test::seed_snapshot(), test::chat_text(target, kTelegramTemplate), target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(*body == R"({"chat_id":"@noticias","photo":")" + kSeedImage + R"(","caption":"<b>)" + kSeedTitle +
                          R"(</b>\n\n)" + kSeedSummary + R"(\n\n)" + kSeedUrl +
                          R"(\n\n#Local #IMM #capacitación","parse_mode":"HTML"})");
}

BOOST_AUTO_TEST_CASE(values_are_html_escaped) {
  SnapshotFields post = test::seed_snapshot();
  post.title = "Tarifas <p>nuevas</p> & \"justas\"";
  post.summary = "<script>x</script> 5 > 3";
  TargetConfig target = telegram_target();
  target.as<TelegramSettings>().text.max_hashtags = 0;
  Result<std::string> body =
      telegram_message_body(post, test::chat_text(target, kTelegramTemplate), target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(std::string(boost::json::parse(*body).at("text").as_string()) ==
             "<b>Tarifas &lt;p&gt;nuevas&lt;/p&gt; &amp; &quot;justas&quot;</b>\n\n"
             "&lt;script&gt;x&lt;/script&gt; 5 &gt; 3\n\n" + kSeedUrl);
}

BOOST_AUTO_TEST_CASE(no_photo_without_image_or_when_the_caption_cannot_fit) {
  TargetConfig target = telegram_target();
  target.as<TelegramSettings>().text.attach_image = false;
  BOOST_TEST(!telegram_photo_body(test::seed_snapshot(), test::chat_text(target, kTelegramTemplate), target).ok());
  target.as<TelegramSettings>().text.attach_image = true;
  target.as<TelegramSettings>().text.text_template = std::string(1100, 'x') + " {url}";
  BOOST_TEST(!telegram_photo_body(test::seed_snapshot(), test::chat_text(target, ""), target).ok());
  BOOST_TEST(telegram_message_body(test::seed_snapshot(), test::chat_text(target, ""), target).ok());
}

BOOST_AUTO_TEST_CASE(method_url_puts_the_token_in_the_path) {
  BOOST_TEST(*telegram_method_url("https://api.telegram.org", kToken, "sendMessage") ==
             std::string("https://api.telegram.org/bot") + kToken + "/sendMessage");
  BOOST_TEST(*telegram_method_url("http://127.0.0.1:8081/", "1:x", "sendPhoto") ==
             "http://127.0.0.1:8081/bot1:x/sendPhoto");
}

BOOST_AUTO_TEST_CASE(sent_message_links_public_chats) {
  ChatReply reply = read_telegram_response(
      response(200, R"({"ok":true,"result":{"message_id":42,"chat":{"id":-100,"username":"noticias"}}})"));
  BOOST_TEST(reply.posted);
  BOOST_TEST(reply.remote_id == "42");
  BOOST_TEST(reply.remote_url == "https://t.me/noticias/42");
  reply = read_telegram_response(response(200, R"({"ok":true,"result":{"message_id":7,"chat":{"id":5}}})"));
  BOOST_TEST(reply.remote_url == "");
}

BOOST_AUTO_TEST_CASE(documented_errors) {
  BOOST_TEST(read_telegram_response(
                 response(400, R"({"ok":false,"error_code":400,"description":"Bad Request: can't parse entities: )"
                               R"(Unsupported start tag \"p\" at byte offset 0"})"))
                 .dead_reason ==
             "HTTP 400: the template's HTML is not what Telegram accepts (b, i, u, s, a href, code, pre, "
             "blockquote, tg-spoiler) (Bad Request: can't parse entities: Unsupported start tag \"p\" at byte "
             "offset 0)");
  BOOST_TEST(read_telegram_response(response(400, R"({"ok":false,"description":"Bad Request: chat not found"})"))
                 .dead_reason == "HTTP 400: check chat_id (Bad Request: chat not found)");
  BOOST_TEST(read_telegram_response(response(401, R"({"ok":false,"description":"Unauthorized"})")).dead_reason ==
             "HTTP 401: the bot token is refused: check token (Unauthorized)");
  BOOST_TEST(read_telegram_response(
                 response(403, R"({"ok":false,"description":"Forbidden: bot was kicked from the channel chat"})"))
                 .dead_reason ==
             "HTTP 403: the bot may not post there: add it back to the chat as an admin (Forbidden: bot was "
             "kicked from the channel chat)");
}

BOOST_AUTO_TEST_CASE(rate_limit_reads_parameters_retry_after) {
  ChatReply reply = read_telegram_response(response(
      429, R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})"));
  BOOST_TEST(reply.dead_reason.empty());
  BOOST_TEST_REQUIRE(reply.body_wait.has_value());
  BOOST_TEST(reply.body_wait->count() == 3000);
}

BOOST_AUTO_TEST_CASE(photo_refusals) {
  BOOST_TEST(telegram_photo_refused(
      response(400, R"({"ok":false,"description":"Bad Request: wrong file identifier/HTTP URL specified"})")));
  BOOST_TEST(telegram_photo_refused(
      response(400, R"({"ok":false,"description":"Bad Request: failed to get HTTP URL content"})")));
  BOOST_TEST(!telegram_photo_refused(response(400, R"({"ok":false,"description":"Bad Request: chat not found"})")));
  BOOST_TEST(!telegram_photo_refused(response(500, R"({"description":"photo"})")));
}

BOOST_AUTO_TEST_CASE(the_token_never_shows) {
  DriverResult made = make_telegram_driver(telegram_target(), test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  std::unique_ptr<TargetDriver> driver = std::move(*made);
  Delivery delivery;
  delivery.id = 1;
  delivery.attempts = 1;
  delivery.payload = driver->payload(test::seed_post(test::chat_config()), DeliveryEvent::published, Timestamp{});
  Result<std::vector<HttpRequest>> preview = driver->preview(delivery, 0);
  BOOST_TEST_REQUIRE(preview.ok(), preview.error());
  const std::vector<HttpRequest>& requests = *preview;
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(requests[0].url.find("/sendPhoto") != std::string::npos);
  std::string shown = driver->redact(requests[0].url + " " + kToken + " bot" + kToken);
  BOOST_TEST(shown.find("ABC-DEF1234ghIkl") == std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(link_preview_options_follow_the_target) {
  TelegramLinkPreview preview;  // the default: under the text, large media
  BOOST_TEST(boost::json::serialize(*telegram_link_preview(kSeedUrl, preview)) ==
             R"({"url":")" + kSeedUrl + R"(","prefer_large_media":true})");
  preview.above_text = true;
  preview.media = "small";
  BOOST_TEST(boost::json::serialize(*telegram_link_preview(kSeedUrl, preview)) ==
             R"({"url":")" + kSeedUrl + R"(","prefer_small_media":true,"show_above_text":true})");
  preview.media = "auto";
  preview.above_text = false;
  BOOST_TEST(boost::json::serialize(*telegram_link_preview(kSeedUrl, preview)) == R"({"url":")" + kSeedUrl + R"("})");
  BOOST_TEST(!telegram_link_preview("", preview).has_value());
  preview.shown = false;
  BOOST_TEST(boost::json::serialize(*telegram_link_preview(kSeedUrl, preview)) == R"({"is_disabled":true})");

  TargetConfig target = telegram_target();
  target.as<TelegramSettings>().link_preview.shown = false;
  Result<std::string> body =
      telegram_message_body(test::seed_snapshot(), test::chat_text(target, kTelegramTemplate), target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(body->substr(body->find(R"("link_preview_options")")) == R"("link_preview_options":{"is_disabled":true}})");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
