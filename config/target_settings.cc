#include "config/target_settings.h"

namespace herald {

std::optional<Rgb> parse_rgb(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  auto channel = [&text](std::size_t at) -> std::optional<std::uint8_t> {
    unsigned value = 0;
    for (char c : text.substr(at, 2)) {
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    return static_cast<std::uint8_t>(value);
  };
  std::optional<std::uint8_t> red = channel(1), green = channel(3), blue = channel(5);
  if (!red || !green || !blue) return std::nullopt;
  return Rgb{*red, *green, *blue};
}
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
    case TargetType::instagram: return MetaSettings{"", "", "v25.0", {}, {}};
    case TargetType::threads: return MetaSettings{"", "", "v1.0", {}, {}};
    case TargetType::linkedin: return LinkedInSettings{};
    case TargetType::websub: return WebSubSettings{};
    case TargetType::indexnow: return IndexNowSettings{};
  }
  return WebSubSettings{};
}

SocialText* social_text(TargetSettings& settings) {
  return std::visit(Overloaded{[](WebhookSettings&) -> SocialText* { return nullptr; },
                               [](WebSubSettings&) -> SocialText* { return nullptr; },
                               [](IndexNowSettings&) -> SocialText* { return nullptr; },
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
                        [&](const MetaSettings& s) { add(s.token); },
                        [&](const LinkedInSettings& s) { add(s.access_token); },
                        [&](const IndexNowSettings& s) { add(s.key); },
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
                               [](const MetaSettings&) { return "token"; },
                               [](const XSettings&) { return "refresh_token"; },
                               [](const LinkedInSettings&) { return "access_token"; },
                               [](const IndexNowSettings&) { return "key"; },
                               [](const auto&) { return ""; }},
                    settings);
}

}  // namespace herald
