// TargetSettings: what one type of announcement target reads beyond the keys
// every target has (config.h TargetConfig), one struct per network family.
// A TargetConfig holds the struct of its type and no other, so a driver
// reads exactly the settings its network has: t.as<MastodonSettings>().
// Secrets (tokens, passwords, webhook secrets) are never logged:
// target_secrets() lists them for the redactors of the drivers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "config/target_type.h"

namespace herald {

// How a post's image whose aspect ratio a network refuses is brought into
// its range (`image_fit`): padded on `image_background` (the whole picture
// kept) or cropped around its centre.
enum class ImageFit { pad, crop };
struct Rgb {
  std::uint8_t red = 255, green = 255, blue = 255;
  bool operator==(const Rgb&) const = default;
};

// "#rrggbb" (either case) as a colour; nullopt for anything else.
std::optional<Rgb> parse_rgb(std::string_view text);

// The text of a post as the networks that write text (every type but
// webhook) announce it: `template`, `language`, `hashtags`, `image`,
// `image_fit`, `image_background`.
struct SocialText {
  std::string text_template;  // `template`: ICU MessageFormat text; empty: the type's default
  std::string language;       // BCP 47 ("es"); empty: the feeds' language
  int max_hashtags = 5;       // hashtags from section and tags; 0: none
  bool attach_image = true;   // `image`: attach the post's image when the network allows
  ImageFit image_fit = ImageFit::pad;
  Rgb image_background;       // `image_background: "#rrggbb"`: padding, and transparency in a JPEG
};

// `after_timeout` of the networks without idempotency (discord, slack,
// telegram; facebook, x, instagram, threads and linkedin when their look-up
// cannot tell): after an attempt whose outcome is unknown (timeout, connection
// lost after sending), retry ("maybe twice", the default) or give up
// ("maybe never").
struct AfterTimeout {
  bool retry_ambiguous = true;  // `after_timeout: retry | give_up`
};

struct WebhookSettings {
  std::string secret;          // Standard Webhooks secret "whsec_<base64>" (secret or secret_file)
  bool hub_signature = false;  // also send GitHub-style X-Hub-Signature-256
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers, in order
};

struct MastodonSettings {
  std::string token;                  // access token (token or token_file)
  std::string visibility = "public";  // public, unlisted, private, direct
  std::string spoiler_text;           // content warning
  bool sensitive = false;             // media marked sensitive
  SocialText text;
};

struct BlueskySettings {
  std::string identifier;     // handle or DID
  std::string password;       // app password (password or password_file)
  std::string embed = "card"; // card (link card) or images
  SocialText text;
};

struct DiscordSettings {
  std::string username;    // shown name override
  std::string avatar_url;
  // `thread_name`: a forum channel's webhook; each post opens a thread named
  // by this template (like `template`; the post's title when it renders
  // empty), fitted to Discord's 100 characters. Empty: no thread.
  std::string thread_name;
  SocialText text;
  AfterTimeout after_timeout;
};

struct SlackSettings {
  SocialText text;
  AfterTimeout after_timeout;
};

// The preview of the post's link under (or above) a Telegram message: the
// Bot API's link_preview_options.
struct TelegramLinkPreview {
  bool shown = true;             // `link_preview: false`: none (is_disabled)
  bool above_text = false;       // `link_preview: above` (show_above_text); `true`/`below`: under it
  std::string media = "large";   // `link_preview_media: large | small | auto` (prefer_*_media)
};

struct TelegramSettings {
  std::string token;    // bot token (token or token_file)
  std::string chat_id;  // @channel or numeric chat id
  TelegramLinkPreview link_preview;
  SocialText text;
  AfterTimeout after_timeout;
};

struct MatrixSettings {
  std::string token;    // the bot user's access token (token or token_file)
  std::string room_id;  // !room:server
  SocialText text;
};

// A Facebook Page (`type: facebook`): a link post on the Page's feed through
// the Graph API (`url`, default https://graph.facebook.com).
struct FacebookSettings {
  std::string page_id;               // the Page's numeric id
  std::string token;                 // a Page access token (token or token_file)
  std::string api_version = "v25.0"; // the Graph API version pinned, "vNN.0"
  SocialText text;
  AfterTimeout after_timeout;        // when the look-up after a lost answer cannot tell
};

// An X account (`type: x`) through the X API v2 (`url`, default
// https://api.x.com) with OAuth 2.0: `refresh_token` seeds the chain of
// rotating refresh tokens, whose later links are kept in the outbox.
struct XSettings {
  std::string client_id;      // the app's OAuth 2.0 client id
  std::string client_secret;  // confidential clients only (client_secret or client_secret_file)
  std::string refresh_token;  // from the authorization (refresh_token or refresh_token_file)
  SocialText text;
  AfterTimeout after_timeout;  // when the look-up after a lost answer cannot tell
};

// An Instagram professional account (`type: instagram`, Instagram API with
// Instagram Login, `url` default https://graph.instagram.com) or a Threads
// profile (`type: threads`, `url` default https://graph.threads.net): both
// publish through Meta's media containers with a long-lived user token
// (60 days) that herald refreshes, keeping the newest in the outbox.
struct MetaSettings {
  std::string account_id;   // the Instagram or Threads user id (numeric)
  std::string token;        // the long-lived user token (token or token_file)
  std::string api_version;  // the path's version: "v25.0" (Instagram), "v1.0" (Threads)
  SocialText text;
  AfterTimeout after_timeout;  // when the look-up after a lost publish answer cannot tell
};

// A LinkedIn organization page (`type: linkedin`) through the Posts API
// (`url`, default https://api.linkedin.com) with a member's 3-legged OAuth
// access token (60 days; w_organization_social, r_organization_social for
// the look-up). herald does not refresh it: the operator installs a new one.
struct LinkedInSettings {
  std::string author;        // "urn:li:organization:N", the page posted as
  std::string access_token;  // access_token or access_token_file
  std::string api_version;   // the LinkedIn-Version header, YYYYMM
  SocialText text;
  AfterTimeout after_timeout;  // when the look-up after a lost answer cannot tell
};

// A WebSub hub (made by the daemon from feeds.hubs, never configured).
struct WebSubSettings {};

// An IndexNow endpoint (`type: indexnow`; `endpoint`, default
// https://api.indexnow.org/indexnow, is the target's url): the site's key
// and where the search engines fetch it to check it.
inline constexpr int kIndexNowMaxBatch = 10000;  // URLs per request, the protocol's limit
struct IndexNowSettings {
  std::string key;           // 8 to 128 of [a-zA-Z0-9-] (key or key_file)
  std::string key_location;  // `key_location`; empty: <site.url><key>.txt, written into output.dir
  int batch = kIndexNowMaxBatch;  // `batch`: URLs per request, 1 to kIndexNowMaxBatch
};

using TargetSettings = std::variant<WebhookSettings, MastodonSettings, BlueskySettings,
                                    DiscordSettings, SlackSettings, TelegramSettings,
                                    MatrixSettings, FacebookSettings, XSettings,
                                    MetaSettings, LinkedInSettings, WebSubSettings, IndexNowSettings>;

// The settings of `type` with their defaults.
TargetSettings default_settings(TargetType type);

// The text settings of a type that writes text; nullptr for webhook, websub and indexnow.
const SocialText* social_text(const TargetSettings& settings);
SocialText* social_text(TargetSettings& settings);

// The configured secrets: the token, password or webhook secret (empty ones
// left out). A target with one never sends it over http:// to another host
// (config/target_section.cc).
std::vector<std::string> target_secrets(const TargetSettings& settings);
// What the type calls its credential ("secret", "token", "password",
// "refresh_token", "access_token", "key"); "" for a type without one (discord, slack: their URL is the credential).
std::string credential_name(const TargetSettings& settings);

}  // namespace herald
