// The chat targets end to end: a real `herald run` announcing to fake
// Discord, Slack, Telegram and Matrix servers on loopback
// (tests/support/loopback/*_fake.h). One run with all four for the happy
// path (each gets exactly one correct request, `herald list` shows the
// remote links); one run for the errors: a deleted Discord webhook and an
// archived Slack channel end dead and show in `herald status`, Telegram's
// 429 parameters.retry_after is waited for, a Matrix reply lost after a
// timeout is retried with the same txnId (one event), and no secret ever
// reaches the log; one run where Telegram refuses the photo (the text goes
// instead) and Slack answers 429 with Retry-After (waited for); one run
// with a Discord forum channel (a thread per post, named by thread_name)
// and Telegram's link preview placed above the text.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/discord_fake.h"
#include "tests/support/loopback/matrix_fake.h"
#include "tests/support/loopback/slack_fake.h"
#include "tests/support/loopback/telegram_fake.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using test::DaemonProcess;
using test::DiscordFake;
using test::MatrixFake;
using test::ReceivedRequest;
using test::Site;
using test::SlackFake;
using test::TelegramFake;

constexpr auto kDelivery = 15s;
const std::string kUrl = "https://noticias.example.org/noticias/2024/03/01/nueva-ciclovia-en-el-centro/";

std::string targets(const DiscordFake& discord, const SlackFake& slack, const TelegramFake& telegram,
                    const MatrixFake& matrix) {
  return "targets:\n"
         "  - {name: discord, type: discord, url: \"" + discord.webhook_url() + "\", username: Noticias}\n"
         "  - {name: slack, type: slack, url: \"" + slack.webhook_url() + "\"}\n"
         "  - {name: telegram, type: telegram, url: \"" + telegram.api_url() + "\", token: \"" +
         TelegramFake::kToken + "\", chat_id: \"@noticias\", image: false}\n"
         "  - {name: matrix, type: matrix, url: \"" + matrix.homeserver_url() + "\", token: \"" +
         MatrixFake::kToken + "\", room_id: \"" + MatrixFake::kRoom + "\"}\n"
         "delivery:\n"
         "  backoff_initial: 200ms\n"
         "  backoff_max: 1s\n"
         "  max_attempts: 4\n"
         "  timeout: 1500ms\n";
}

void add_post(const Site& site) {
  test::write_file(site.content("nuevas/n2000.md"),
                   test::post(2000, "Nueva ciclovía en el centro", "2024-03-01T10:00:00-06:00"));
}

std::int64_t count_of(const Site& site, const std::string& name, const std::string& what) {
  std::optional<boost::json::object> target = test::find_target_status(site, name);
  return target ? target->at(what).as_int64() : -1;
}

std::string last_error(const Site& site, const std::string& name) {
  std::optional<boost::json::object> target = test::find_target_status(site, name);
  if (!target || !target->at("last_error").is_string()) return "";
  return std::string(target->at("last_error").as_string());
}

void no_secret_in(const std::string& log) {
  BOOST_TEST(log.find("dIsCoRdToKeN") == std::string::npos);
  BOOST_TEST(log.find("sLaCkSeCrEt") == std::string::npos);
  BOOST_TEST(log.find("TeLeGrAmSeCrEt") == std::string::npos);
  BOOST_TEST(log.find("MaTrIxSeCrEt") == std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(chat_targets)

BOOST_AUTO_TEST_CASE(a_new_post_reaches_each_network_once) {
  DiscordFake discord;
  SlackFake slack;
  TelegramFake telegram;
  MatrixFake matrix;
  Site site(3, targets(discord, slack, telegram, matrix));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site);
  BOOST_TEST_REQUIRE(discord.receiver().wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(slack.receiver().wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(telegram.receiver().wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(matrix.receiver().wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "matrix", "sent") == 1 &&
                                                   count_of(site, "discord", "sent") == 1 &&
                                                   count_of(site, "slack", "sent") == 1 &&
                                                   count_of(site, "telegram", "sent") == 1; }, 5s),
                     daemon.log());

  ReceivedRequest d = discord.receiver().requests().at(0);
  BOOST_TEST(d.target.find("?wait=true") != std::string::npos);
  boost::json::object dbody = boost::json::parse(d.body).as_object();
  BOOST_TEST(dbody.at("content").as_string() == "**Nueva ciclovía en el centro**\n\nResumen de Nueva ciclovía en el centro\n\n" + kUrl);
  BOOST_TEST(dbody.at("username").as_string() == "Noticias");
  BOOST_TEST(dbody.at("embeds").at(0).at("image").at("url").as_string() ==
             "https://noticias.example.org/uploads/2000.png");

  boost::json::object sbody = boost::json::parse(slack.receiver().requests().at(0).body).as_object();
  BOOST_TEST(std::string(sbody.at("text").as_string()).rfind("*<" + kUrl + "|Nueva ciclovía en el centro>*", 0) == 0);

  ReceivedRequest t = telegram.receiver().requests().at(0);
  BOOST_TEST(t.target == std::string("/bot") + TelegramFake::kToken + "/sendMessage");
  boost::json::object tbody = boost::json::parse(t.body).as_object();
  BOOST_TEST(tbody.at("chat_id").as_string() == "@noticias");
  BOOST_TEST(tbody.at("parse_mode").as_string() == "HTML");
  BOOST_TEST(std::string(tbody.at("text").as_string()).rfind("<b>Nueva ciclovía en el centro</b>", 0) == 0);

  ReceivedRequest m = matrix.receiver().requests().at(0);
  BOOST_TEST(m.method == "PUT");
  BOOST_TEST(m.target.find("/send/m.room.message/msg_") != std::string::npos);
  boost::json::object mbody = boost::json::parse(m.body).as_object();
  BOOST_TEST(mbody.at("msgtype").as_string() == "m.notice");
  BOOST_TEST(mbody.at("format").as_string() == "org.matrix.custom.html");

  test::CommandResult list = test::herald_cli(site, {"list"});
  BOOST_TEST(list.out.find("https://discord.com/channels/33/22/5000") != std::string::npos, list.out);
  BOOST_TEST(list.out.find("https://t.me/noticias/700") != std::string::npos, list.out);
  BOOST_TEST(list.out.find("https://matrix.to/#/!noticias:example.org/$event1:example.org") != std::string::npos,
             list.out);

  std::this_thread::sleep_for(500ms);  // nothing more arrives
  BOOST_TEST(discord.receiver().count() + slack.receiver().count() + telegram.receiver().count() +
                 matrix.receiver().count() == 4u);
  no_secret_in(daemon.log());
}

BOOST_AUTO_TEST_CASE(permanent_errors_are_dead_and_limits_are_respected) {
  DiscordFake discord(DiscordFake::Mode::deleted);
  SlackFake slack(SlackFake::Mode::archived);
  TelegramFake telegram(TelegramFake::Mode::rate_limited_once, 2);
  MatrixFake matrix(MatrixFake::Mode::first_reply_lost);
  Site site(3, targets(discord, slack, telegram, matrix));
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site);

  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "discord", "dead") == 1 &&
                                                   count_of(site, "slack", "dead") == 1; }, kDelivery),
                     daemon.log());
  BOOST_TEST(discord.receiver().count() == 1u);  // a deleted webhook is never retried
  BOOST_TEST(slack.receiver().count() == 1u);
  BOOST_TEST(last_error(site, "discord").find("HTTP 404: the webhook was deleted") != std::string::npos);
  BOOST_TEST(last_error(site, "slack").find("channel_is_archived") != std::string::npos);
  test::CommandResult human = test::herald_cli(site, {"status"});
  BOOST_TEST(human.out.find("channel_is_archived") != std::string::npos, human.out);

  // Telegram: the second request comes no sooner than parameters.retry_after (2 s).
  BOOST_TEST_REQUIRE(telegram.receiver().wait_for_count(2, kDelivery), daemon.log());
  std::vector<ReceivedRequest> tg = telegram.receiver().requests();
  BOOST_TEST((tg[1].arrival - tg[0].arrival) >= 1900ms);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "telegram", "sent") == 1; }, 5s));

  // Matrix: the lost reply is retried with the same txnId: one event.
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "matrix", "sent") == 1; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> mx = matrix.receiver().requests();
  BOOST_TEST_REQUIRE(mx.size() == 2u, daemon.log());
  BOOST_TEST(mx[0].target == mx[1].target);
  BOOST_TEST(matrix.events() == 1u);
  no_secret_in(daemon.log());
}

BOOST_AUTO_TEST_CASE(a_refused_photo_falls_back_to_text_and_slack_429_is_waited) {
  SlackFake slack(SlackFake::Mode::rate_limited_once);
  TelegramFake telegram(TelegramFake::Mode::photo_refused);
  Site site(3,
            "targets:\n"
            "  - {name: slack, type: slack, url: \"" + slack.webhook_url() + "\"}\n"
            "  - {name: telegram, type: telegram, url: \"" + telegram.api_url() + "\", token: \"" +
                TelegramFake::kToken + "\", chat_id: \"@noticias\"}\n"
            "delivery:\n"
            "  backoff_initial: 200ms\n"
            "  backoff_max: 1s\n"
            "  max_attempts: 4\n");
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site);

  // Telegram: sendPhoto refused, then the same announcement as text.
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "telegram", "sent") == 1; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> tg = telegram.receiver().requests();
  BOOST_TEST_REQUIRE(tg.size() == 2u, daemon.log());
  BOOST_TEST(tg[0].target == std::string("/bot") + TelegramFake::kToken + "/sendPhoto");
  BOOST_TEST(tg[1].target == std::string("/bot") + TelegramFake::kToken + "/sendMessage");
  boost::json::object text = boost::json::parse(tg[1].body).as_object();
  BOOST_TEST(std::string(text.at("text").as_string()).rfind("<b>Nueva ciclovía en el centro</b>", 0) == 0);
  BOOST_TEST(daemon.log().find("Telegram refused the photo") != std::string::npos, daemon.log());

  // Slack: 429 with Retry-After: 1; the second request waits for it.
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "slack", "sent") == 1; }, kDelivery),
                     daemon.log());
  std::vector<ReceivedRequest> sl = slack.receiver().requests();
  BOOST_TEST_REQUIRE(sl.size() == 2u, daemon.log());
  BOOST_TEST((sl[1].arrival - sl[0].arrival) >= 900ms);
  BOOST_TEST(sl[0].body == sl[1].body);
  no_secret_in(daemon.log());
}

BOOST_AUTO_TEST_CASE(a_discord_forum_gets_a_thread_per_post_and_telegram_previews_above) {
  DiscordFake forum(DiscordFake::Mode::forum);
  TelegramFake telegram;
  Site site(3, "targets:\n"
               "  - {name: forum, type: discord, url: \"" + forum.webhook_url() + "\", thread_name: \"{title}\"}\n"
               "  - {name: telegram, type: telegram, url: \"" + telegram.api_url() + "\", token: \"" +
               TelegramFake::kToken + "\", chat_id: \"@noticias\", image: false, link_preview: above,\n"
               "     link_preview_media: small}\n");
  DaemonProcess daemon(site.config_path());
  test::require_started(daemon);
  add_post(site);
  BOOST_TEST_REQUIRE(test::wait_until([&] { return count_of(site, "forum", "sent") == 1 &&
                                                   count_of(site, "telegram", "sent") == 1; }, kDelivery),
                     daemon.log());
  BOOST_TEST_REQUIRE(forum.receiver().count() == 1u);
  boost::json::object dbody = boost::json::parse(forum.receiver().requests().at(0).body).as_object();
  BOOST_TEST(dbody.at("thread_name").as_string() == "Nueva ciclovía en el centro");
  boost::json::object tbody = boost::json::parse(telegram.receiver().requests().at(0).body).as_object();
  BOOST_TEST(boost::json::serialize(tbody.at("link_preview_options")) ==
             R"({"url":")" + kUrl + R"(","prefer_small_media":true,"show_above_text":true})");
  test::CommandResult list = test::herald_cli(site, {"list"});
  BOOST_TEST(list.out.find("https://discord.com/channels/33/6000/5000") != std::string::npos, list.out);
  no_secret_in(daemon.log());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
