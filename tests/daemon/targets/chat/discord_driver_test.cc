#include "daemon/targets/chat/discord_driver.h"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/targets/chat/discord_payload.h"
#include "daemon/targets/chat/discord_response.h"
#include "daemon/text/text_length.h"
#include "tests/daemon/targets/chat/chat_seed.h"
#include "tests/daemon/targets/fixed_driver_inputs.h"

namespace herald {
namespace {

using test::kSeedImage;
using test::kSeedSummary;
using test::kSeedTitle;
using test::kSeedUrl;
using test::response;

const std::string kHook = "https://discord.com/api/webhooks/123/T0K3Nsecretpart";

BOOST_AUTO_TEST_SUITE(discord_driver)

BOOST_AUTO_TEST_CASE(seed_post_body_golden) {
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  target.as<DiscordSettings>().username = "Noticias";
  target.as<DiscordSettings>().avatar_url = "https://noticias.example.mx/logo.png";
  Result<std::string> body = discord_body(test::seed_snapshot(), test::chat_text(target, kDiscordTemplate),
                                                 target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(*body == R"({"content":"**)" + kSeedTitle + R"(**\n\n)" + kSeedSummary + R"(\n\n)" + kSeedUrl +
                          R"(","embeds":[{"title":")" + kSeedTitle + R"(","description":")" + kSeedSummary +
                          R"(","url":")" + kSeedUrl + R"(","timestamp":"2021-08-10T16:17:00-06:00",)" +
                          R"("image":{"url":")" + kSeedImage + R"("}}],"username":"Noticias",)" +
                          R"("avatar_url":"https://noticias.example.mx/logo.png","allowed_mentions":{"parse":[]}})");
}

BOOST_AUTO_TEST_CASE(no_image_when_the_target_attaches_none) {
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  target.as<DiscordSettings>().text.attach_image = false;
  Result<std::string> body = discord_body(test::seed_snapshot(), test::chat_text(target, kDiscordTemplate),
                                                 target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(body->find("\"image\"") == std::string::npos);
  BOOST_TEST(body->find("username") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_texts_fit_discord_limits) {
  SnapshotFields post = test::seed_snapshot();
  post.title = std::string(300, 'a') + " fin";
  std::string words;
  for (int i = 0; i < 1000; ++i) words += "palabra ";
  post.summary = words;
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  Result<std::string> body = discord_body(post, test::chat_text(target, kDiscordTemplate), target);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  boost::json::object parsed = boost::json::parse(*body).as_object();
  std::string content(parsed.at("content").as_string());
  BOOST_TEST(count_utf16_units(content) <= kDiscordContentMax);
  BOOST_TEST(content.find(kSeedUrl) != std::string::npos);  // the link is never cut
  const boost::json::object& embed = parsed.at("embeds").as_array().at(0).as_object();
  BOOST_TEST(count_utf16_units(embed.at("title").as_string()) <= kDiscordTitleMax);
  std::string description(embed.at("description").as_string());
  BOOST_TEST(count_utf16_units(description) <= kDiscordDescriptionMax);
  BOOST_TEST(description.substr(description.size() - 3) == "\xE2\x80\xA6");
}

BOOST_AUTO_TEST_CASE(execute_url_asks_to_wait) {
  BOOST_TEST(*discord_execute_url(kHook) == kHook + "?wait=true");
  BOOST_TEST(*discord_execute_url(kHook + "?thread_id=9") == kHook + "?thread_id=9&wait=true");
  BOOST_TEST(*discord_execute_url(kHook + "?wait=false") == kHook + "?wait=true");
  BOOST_TEST(!discord_execute_url("not a url").has_value());
}

BOOST_AUTO_TEST_CASE(message_is_sent_with_its_link_when_the_guild_is_known) {
  ChatReply reply = read_discord_response(
      response(200, R"({"id":"1100","channel_id":"22","guild_id":"33","content":"x"})"));
  BOOST_TEST(reply.posted);
  BOOST_TEST(reply.remote_id == "1100");
  BOOST_TEST(reply.remote_url == "https://discord.com/channels/33/22/1100");
  reply = read_discord_response(response(200, R"({"id":"1100","channel_id":"22"})"));
  BOOST_TEST(reply.remote_id == "1100");
  BOOST_TEST(reply.remote_url == "");
}

BOOST_AUTO_TEST_CASE(deleted_webhook_is_dead) {
  ChatReply reply = read_discord_response(response(404, R"({"message":"Unknown Webhook","code":10015})"));
  BOOST_TEST(!reply.posted);
  BOOST_TEST(reply.dead_reason ==
             "HTTP 404: the webhook was deleted (Discord: Unknown Webhook); not retried: create a new "
             "webhook and update url");
}

BOOST_AUTO_TEST_CASE(refused_token_is_dead) {
  ChatReply reply = read_discord_response(response(401, R"({"message":"Invalid Webhook Token","code":50027})"));
  BOOST_TEST(reply.dead_reason ==
             "HTTP 401: Discord refused the webhook's token (Discord: Invalid Webhook Token): check url");
  BOOST_TEST(read_discord_response(response(403, "")).dead_reason ==
             "HTTP 403: Discord refused the webhook's token: check url");
}

BOOST_AUTO_TEST_CASE(rate_limit_reads_the_body_wait) {
  ChatReply reply = read_discord_response(
      response(429, R"({"message":"You are being rate limited.","retry_after":1.5,"global":false})",
               {{"retry-after", "2"}}));
  BOOST_TEST(reply.dead_reason.empty());
  BOOST_TEST_REQUIRE(reply.body_wait.has_value());
  BOOST_TEST(reply.body_wait->count() == 1500);
}

BOOST_AUTO_TEST_CASE(server_errors_say_nothing_special) {
  ChatReply reply = read_discord_response(response(502, "<html>bad gateway</html>"));
  BOOST_TEST(!reply.posted);
  BOOST_TEST(reply.dead_reason.empty());
  BOOST_TEST(!reply.body_wait.has_value());
}

BOOST_AUTO_TEST_CASE(driver_hides_the_webhook_url) {
  Config config = test::chat_config();
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  DriverResult made = make_discord_driver(target, config, nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  std::unique_ptr<TargetDriver> driver = std::move(*made);
  std::string shown = driver->redact("POST " + kHook + "?wait=true failed; token T0K3Nsecretpart");
  BOOST_TEST(shown.find("T0K3Nsecretpart") == std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(bad_template_refuses_the_driver) {
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  target.as<DiscordSettings>().text.text_template = "{title";
  DriverResult made = make_discord_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST(!made.ok());
  BOOST_TEST(made.error().rfind("target discord: template: line 1, column ", 0) == 0, made.error());
}

BOOST_AUTO_TEST_CASE(a_forum_thread_is_named_by_thread_name_within_100_units) {
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  target.as<DiscordSettings>().text.attach_image = false;
  SnapshotFields post = test::seed_snapshot();
  Result<PostText> named = PostText::make_from(target, test::chat_config(), "thread_name", "{section}: {title}");
  BOOST_TEST_REQUIRE(named.ok(), named.error());
  std::string name = discord_thread_name(post, *named);
  BOOST_TEST(name == post.section_name + ": " + kSeedTitle);
  Result<std::string> body = discord_body(post, test::chat_text(target, kDiscordTemplate), target, name);
  BOOST_TEST_REQUIRE(body.ok(), body.error());
  BOOST_TEST(body->substr(body->find(R"("allowed_mentions")")) ==
             R"("allowed_mentions":{"parse":[]},"thread_name":")" + name + R"("})");

  // A long title is shortened at a word end; a name that renders empty is the title.
  post.title = "";
  for (int i = 0; i < 40; ++i) post.title += "señal ";
  name = discord_thread_name(post, *named);
  BOOST_TEST(count_utf16_units(name) <= kDiscordThreadNameMax);
  BOOST_TEST(name.substr(name.size() - 3) == "\xE2\x80\xA6");
  Result<PostText> empty = PostText::make_from(target, test::chat_config(), "thread_name", "{summary}");
  BOOST_TEST_REQUIRE(empty.ok(), empty.error());
  post.summary = "";
  post.title = "Bacheo 🚧 en la avenida";
  BOOST_TEST(discord_thread_name(post, *empty) == "Bacheo 🚧 en la avenida");
}

BOOST_AUTO_TEST_CASE(the_driver_sends_thread_name_only_when_configured) {
  TargetConfig target = test::chat_target(TargetType::discord, kHook);
  target.as<DiscordSettings>().thread_name = "{title}";
  DriverResult made = make_discord_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  Delivery delivery;
  delivery.id = 1;
  delivery.event = "post.published";
  delivery.payload = (*made)->payload(test::seed_post(test::chat_config()), DeliveryEvent::published, Timestamp{});
  Result<std::vector<HttpRequest>> shown = (*made)->preview(delivery, 0);
  BOOST_TEST_REQUIRE(shown.ok(), shown.error());
  BOOST_TEST(boost::json::parse(shown->at(0).body).at("thread_name").as_string() == kSeedTitle);

  target.as<DiscordSettings>().thread_name = "";
  made = make_discord_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST_REQUIRE(made.ok(), made.error());
  shown = (*made)->preview(delivery, 0);
  BOOST_TEST_REQUIRE(shown.ok(), shown.error());
  BOOST_TEST(!boost::json::parse(shown->at(0).body).as_object().contains("thread_name"));

  target.as<DiscordSettings>().thread_name = "{title";
  made = make_discord_driver(target, test::chat_config(), nullptr, test::fixed_driver_inputs());
  BOOST_TEST(!made.ok());
  BOOST_TEST(made.error().rfind("target discord: thread_name: line 1, column ", 0) == 0, made.error());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
