#include "config/target_settings.h"

namespace herald {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

TargetSettings default_settings(TargetType type) {
  switch (type) {
    case TargetType::webhook: return WebhookSettings{};
    case TargetType::mastodon: return MastodonSettings{};
    case TargetType::bluesky: return BlueskySettings{};
    case TargetType::discord: return DiscordSettings{};
    case TargetType::slack: return SlackSettings{};
    case TargetType::telegram: return TelegramSettings{};
    case TargetType::matrix: return MatrixSettings{};
    case TargetType::facebook: return FacebookSettings{};
    case TargetType::x: return XSettings{};
    case TargetType::websub: return WebSubSettings{};
  }
  return WebSubSettings{};
}

SocialText* social_text(TargetSettings& settings) {
  return std::visit(Overloaded{[](WebhookSettings&) -> SocialText* { return nullptr; },
                               [](WebSubSettings&) -> SocialText* { return nullptr; },
                               [](auto& social) -> SocialText* { return &social.text; }},
                    settings);
}

const SocialText* social_text(const TargetSettings& settings) {
  return social_text(const_cast<TargetSettings&>(settings));
}

std::vector<std::string> target_secrets(const TargetSettings& settings) {
  std::vector<std::string> secrets;
  auto add = [&secrets](const std::string& secret) {
    if (!secret.empty()) secrets.push_back(secret);
  };
  std::visit(Overloaded{[&](const WebhookSettings& s) { add(s.secret); },
                        [&](const MastodonSettings& s) { add(s.token); },
                        [&](const BlueskySettings& s) { add(s.password); },
                        [&](const TelegramSettings& s) { add(s.token); },
                        [&](const MatrixSettings& s) { add(s.token); },
                        [&](const FacebookSettings& s) { add(s.token); },
                        [&](const XSettings& s) {
                          add(s.client_secret);
                          add(s.refresh_token);
                        },
                        [](const auto&) {}},
             settings);
  return secrets;
}

std::string credential_name(const TargetSettings& settings) {
  return std::visit(Overloaded{[](const WebhookSettings&) { return "secret"; },
                               [](const MastodonSettings&) { return "token"; },
                               [](const BlueskySettings&) { return "password"; },
                               [](const TelegramSettings&) { return "token"; },
                               [](const MatrixSettings&) { return "token"; },
                               [](const FacebookSettings&) { return "token"; },
                               [](const XSettings&) { return "refresh_token"; },
                               [](const auto&) { return ""; }},
                    settings);
}

}  // namespace herald
