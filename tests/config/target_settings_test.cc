#include "config/target_settings.h"

#include <string>
#include <variant>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace herald {

using Strings = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(target_settings)

BOOST_AUTO_TEST_CASE(each_type_defaults_to_its_own_settings) {
  BOOST_TEST(std::holds_alternative<WebhookSettings>(default_settings(TargetType::webhook)));
  BOOST_TEST(std::holds_alternative<MastodonSettings>(default_settings(TargetType::mastodon)));
  BOOST_TEST(std::holds_alternative<BlueskySettings>(default_settings(TargetType::bluesky)));
  BOOST_TEST(std::holds_alternative<DiscordSettings>(default_settings(TargetType::discord)));
  BOOST_TEST(std::holds_alternative<SlackSettings>(default_settings(TargetType::slack)));
  BOOST_TEST(std::holds_alternative<TelegramSettings>(default_settings(TargetType::telegram)));
  BOOST_TEST(std::holds_alternative<MatrixSettings>(default_settings(TargetType::matrix)));
  BOOST_TEST(std::holds_alternative<FacebookSettings>(default_settings(TargetType::facebook)));
  BOOST_TEST(std::holds_alternative<XSettings>(default_settings(TargetType::x)));
  BOOST_TEST(std::holds_alternative<WebSubSettings>(default_settings(TargetType::websub)));
  BOOST_TEST(std::get<MastodonSettings>(default_settings(TargetType::mastodon)).visibility == "public");
  BOOST_TEST(std::get<BlueskySettings>(default_settings(TargetType::bluesky)).embed == "card");
}

BOOST_AUTO_TEST_CASE(only_the_networks_that_write_text_have_social_text) {
  BOOST_TEST(social_text(default_settings(TargetType::webhook)) == nullptr);
  BOOST_TEST(social_text(default_settings(TargetType::websub)) == nullptr);
  TargetSettings telegram = TelegramSettings{};
  social_text(telegram)->max_hashtags = 0;
  BOOST_TEST(std::get<TelegramSettings>(telegram).text.max_hashtags == 0);
  BOOST_TEST(social_text(default_settings(TargetType::slack))->max_hashtags == 5);
}

// Every configured secret reaches the drivers' redactors (redaction.h target_redactor).
BOOST_AUTO_TEST_CASE(secrets_of_every_type) {
  BOOST_TEST(target_secrets(WebhookSettings{"whsec_x", true, {{"A", "b"}}}) == Strings{"whsec_x"});
  MastodonSettings mastodon;
  mastodon.token = "m-token";
  BOOST_TEST(target_secrets(mastodon) == Strings{"m-token"});
  BlueskySettings bluesky;
  bluesky.identifier = "a.test";
  bluesky.password = "app-pw";
  BOOST_TEST(target_secrets(bluesky) == Strings{"app-pw"});
  TelegramSettings telegram;
  telegram.token = "123:abc";
  BOOST_TEST(target_secrets(telegram) == Strings{"123:abc"});
  MatrixSettings matrix;
  matrix.token = "syt_x";
  BOOST_TEST(target_secrets(matrix) == Strings{"syt_x"});
  FacebookSettings facebook;
  facebook.token = "EAAB-page";
  BOOST_TEST(target_secrets(facebook) == Strings{"EAAB-page"});
  XSettings x;
  x.client_secret = "x-secret";
  x.refresh_token = "x-refresh";
  BOOST_TEST(target_secrets(x) == (Strings{"x-secret", "x-refresh"}));
  BOOST_TEST(target_secrets(DiscordSettings{}).empty());
  BOOST_TEST(target_secrets(SlackSettings{}).empty());
  BOOST_TEST(target_secrets(MatrixSettings{}).empty());  // empty ones left out
}

BOOST_AUTO_TEST_CASE(credential_names) {
  BOOST_TEST(credential_name(WebhookSettings{}) == "secret");
  BOOST_TEST(credential_name(MastodonSettings{}) == "token");
  BOOST_TEST(credential_name(BlueskySettings{}) == "password");
  BOOST_TEST(credential_name(TelegramSettings{}) == "token");
  BOOST_TEST(credential_name(MatrixSettings{}) == "token");
  BOOST_TEST(credential_name(FacebookSettings{}) == "token");
  BOOST_TEST(credential_name(XSettings{}) == "refresh_token");
  BOOST_TEST(credential_name(DiscordSettings{}) == "");
  BOOST_TEST(credential_name(SlackSettings{}) == "");
  BOOST_TEST(credential_name(WebSubSettings{}) == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
