// The `targets:` list: one announcement target per item, read with the keys
// of its type (peeked before the item is read, so that a key of another type
// is reported as unknown) plus the keys every target has.
#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "config/config_sections.h"
#include "config/credentials.h"
#include "config/delivery_event.h"
#include "config/section_values.h"
#include "config/suggestion.h"
#include "config/target_rules.h"
#include "config/target_type.h"
#include "config/value_rules.h"
#include "feeds/text.h"

namespace herald {
namespace {

using std::chrono::milliseconds;

const std::vector<std::string> kWebhookKeys = {"url", "secret", "secret_file", "hub_signature",
                                               "headers"};
// Every social network's text: template, language, hashtags, image.
const std::vector<std::string> kSocialKeys = {"template", "language", "hashtags", "image", "image_fit",
                                              "image_background"};
const std::map<TargetType, std::vector<std::string>> kTypeKeys = {
    {TargetType::webhook, kWebhookKeys},
    {TargetType::mastodon, {"url", "token", "token_file", "visibility", "spoiler_text", "sensitive"}},
    {TargetType::bluesky, {"url", "identifier", "password", "password_file", "embed"}},
    {TargetType::discord, {"url", "username", "avatar_url", "thread_name", "after_timeout"}},
    {TargetType::slack, {"url", "after_timeout"}},
    {TargetType::telegram,
     {"url", "token", "token_file", "chat_id", "link_preview", "link_preview_media", "after_timeout"}},
    {TargetType::matrix, {"url", "token", "token_file", "room_id"}},
    {TargetType::facebook, {"url", "page_id", "token", "token_file", "api_version", "after_timeout"}},
    {TargetType::x,
     {"url", "client_id", "client_secret", "client_secret_file", "refresh_token", "refresh_token_file",
      "after_timeout"}},
    {TargetType::instagram, {"url", "account_id", "token", "token_file", "api_version", "after_timeout"}},
    {TargetType::threads, {"url", "account_id", "token", "token_file", "api_version", "after_timeout"}},
    {TargetType::linkedin,
     {"url", "author", "access_token", "access_token_file", "api_version", "after_timeout"}},
    {TargetType::indexnow, {"endpoint", "key", "key_file", "key_location", "batch"}},
};
const std::vector<std::string> kCommonKeys = {
    "sections",    "tags",         "flag",       "delay",           "wait_for_url",
    "events",      "concurrency",  "rate_per_second", "max_attempts", "connect_timeout",
    "timeout",     "ca_file",      "pace",            "approval"};

const std::string kCaFile = "a PEM file of CA certificates";

// The accepted keys of `item`: those of its type, or of every type when the
// type is missing or unknown (that is reported on its own).
std::vector<std::string> keys_of(const YAML::Node& item, const EnvLookup& env) {
  std::optional<TargetType> type;
  if (item.IsMap()) {
    for (const auto& pair : item) {
      if (pair.first.IsScalar() && pair.first.Scalar() == "type" && pair.second.IsScalar()) {
        type = parse_target_type(expand_environment(pair.second.Scalar(), env).text);
      }
    }
  }
  std::vector<std::string> keys = {"name", "type"};
  auto add = [&keys](const std::vector<std::string>& more) {
    for (const std::string& key : more) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  };
  auto known = type ? kTypeKeys.find(*type) : kTypeKeys.end();
  if (known != kTypeKeys.end()) {
    add(known->second);
    if (*type != TargetType::webhook && *type != TargetType::indexnow) add(kSocialKeys);
  } else {
    add(kWebhookKeys);  // the type is reported on its own; webhook is the plain case
  }
  keys.insert(keys.end(), kCommonKeys.begin(), kCommonKeys.end());
  return keys;
}

void read_events(const SectionReader& item, TargetConfig& target) {
  std::optional<std::vector<ScalarValue>> events = item.list("events");
  if (!events) return;
  if (target.type == TargetType::indexnow) {
    item.error("events", "is not read by indexnow targets: they submit the URLs of new, edited and deleted "
                         "posts; remove it");
    return;
  }
  bool new_posts_only = target.type == TargetType::mastodon || target.type == TargetType::bluesky ||
                        target.type == TargetType::facebook || target.type == TargetType::x ||
                        target.type == TargetType::instagram || target.type == TargetType::threads ||
                        target.type == TargetType::linkedin;
  for (const ScalarValue& event : *events) {
    std::optional<DeliveryEvent> parsed = parse_delivery_event(event.text);
    if (!parsed || !is_post_event(*parsed)) {
      item.error_at(event.mark, "events", "has " + unknown_name_message("event", event.text, "",
                                                                         post_event_names()));
    } else if (*parsed != DeliveryEvent::published && new_posts_only) {
      // A status, a Bluesky, Facebook, X, Instagram, Threads or LinkedIn post is not
      // edited or withdrawn by herald.
      item.error_at(event.mark, "events", "has '" + event.text + "', but " +
                                              target_type_name(target.type) +
                                              " targets announce new posts only; remove it");
    } else if (*parsed == DeliveryEvent::updated) {
      target.post_updated = true;
    } else if (*parsed == DeliveryEvent::deleted) {
      target.post_deleted = true;
    }
  }
}

// The text of `key`, or of the credential `key`_file names; nullopt when
// neither (or both) is given or the credential cannot be read (reported).
// `hint` says what to add when both are missing.
std::optional<std::string> read_secret_text(const SectionReader& item, const EnvLookup& env,
                                            const std::string& key, const std::string& hint) {
  const std::string file_key = key + "_file";
  bool inline_secret = item.has(key);
  bool file = item.has(file_key);
  if (inline_secret && file) {
    item.error(file_key, "cannot be used together with '" + item.qualified(key) + "'; keep one");
    return std::nullopt;
  }
  if (!inline_secret && !file) {
    item.missing(key, hint);
    return std::nullopt;
  }
  std::string text;
  if (inline_secret) {
    if (!read_string(item, key, text)) return std::nullopt;
    if (text.empty()) {
      item.error(key, "must not be empty; " + hint);
      return std::nullopt;
    }
    return text;
  }
  if (!read_required(item, file_key,
                     "give the name of a systemd credential (LoadCredential=NAME:/path) or an "
                     "absolute path",
                     text)) {
    return std::nullopt;
  }
  Credential credential = read_credential(text, env);
  if (!credential.error.empty()) {
    item.error(file_key, credential.error);
    return std::nullopt;
  }
  return std::move(credential.value);
}

void read_secret(const SectionReader& item, const EnvLookup& env, std::string& out) {
  std::optional<std::string> secret = read_secret_text(
      item, env, "secret",
      "add secret: ${WEBHOOK_SECRET} or secret_file: NAME (a systemd credential) with a Standard "
      "Webhooks secret whsec_...");
  if (!secret) return;
  std::string error = check_webhook_secret(*secret);
  if (error.empty()) {
    out = std::move(*secret);
  } else if (item.has("secret")) {
    item.error("secret", error);
  } else {
    item.error("secret_file", "names a file whose text " + error);
  }
}

void read_headers(const SectionReader& item, WebhookSettings& webhook) {
  auto headers = item.string_map("headers");
  if (!headers) return;
  std::map<std::string, int> seen;  // lower-case name -> line
  for (auto& [name, value] : *headers) {
    std::string error = check_header_name(name.text);
    if (error.empty()) error = check_header_value(name.text, value.text);
    std::string folded = name.text;
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    int line = name.mark.line + 1;
    if (error.empty() && seen.count(folded) != 0) {
      error = "sets '" + name.text + "' twice (also on line " + std::to_string(seen[folded]) +
              ", names are not case-sensitive); keep one";
    }
    if (!error.empty()) {
      item.error_at(name.mark, "headers", error);
      continue;
    }
    seen.emplace(folded, line);
    webhook.headers.emplace_back(std::move(name.text), std::move(value.text));
  }
}

// `url` as the type reads it: required, or `fallback` when absent.
void read_url(const SectionReader& item, const std::string& hint, const std::string& fallback,
              TargetConfig& target) {
  bool read = fallback.empty() ? read_required(item, "url", hint, target.url)
                               : read_string(item, "url", target.url);
  if (!read) {
    if (!fallback.empty() && !item.has("url")) target.url = fallback;
    return;
  }
  std::string error = check_target_url(target.url);
  if (!error.empty()) {
    item.error("url", error);
    target.url.clear();
  }
}

void read_webhook(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "add the URL the webhook is POSTed to, e.g. url: ${WEBHOOK_URL}", "", target);
  WebhookSettings& webhook = target.as<WebhookSettings>();
  read_secret(item, env, webhook.secret);
  if (auto value = item.boolean("hub_signature")) webhook.hub_signature = *value;
  read_headers(item, webhook);
}

void read_one_of(const SectionReader& item, const std::string& key,
                 const std::vector<std::string>& allowed, std::string& out) {
  std::optional<ScalarValue> value = item.string(key);
  if (!value) return;
  if (std::find(allowed.begin(), allowed.end(), value->text) == allowed.end()) {
    item.error(key, "must be one of " + join_names(allowed) + ", got '" + value->text + "'");
    return;
  }
  out = value->text;
}

void read_token(const SectionReader& item, const EnvLookup& env, const std::string& hint,
                std::string& token) {
  if (auto text = read_secret_text(item, env, "token", hint)) token = std::move(*text);
}

// What the social types share: text template, language, hashtags, image.
void read_social(const SectionReader& item, SocialText& text) {
  read_string(item, "template", text.text_template);
  read_string(item, "language", text.language);
  if (auto value = item.integer("hashtags", 0, 30)) text.max_hashtags = static_cast<int>(*value);
  if (auto value = item.boolean("image")) text.attach_image = *value;
  std::string fit;
  read_one_of(item, "image_fit", {"pad", "crop"}, fit);
  if (!fit.empty()) text.image_fit = fit == "crop" ? ImageFit::crop : ImageFit::pad;
  if (std::optional<ScalarValue> colour = item.string("image_background")) {
    std::optional<Rgb> rgb = parse_rgb(colour->text);
    if (rgb) {
      text.image_background = *rgb;
    } else {
      item.error("image_background", "must be a colour written #rrggbb, e.g. \"#ffffff\", got '" +
                                         colour->text + "'");
    }
  }
}

void read_after_timeout(const SectionReader& item, AfterTimeout& after_timeout) {
  if (!item.has("after_timeout")) return;
  std::string choice;
  read_one_of(item, "after_timeout", {"retry", "give_up"}, choice);
  if (!choice.empty()) after_timeout.retry_ambiguous = choice == "retry";
}

void read_mastodon(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "add the server's address, e.g. url: https://mastodon.social", "", target);
  MastodonSettings& mastodon = target.as<MastodonSettings>();
  read_token(item, env,
             "add token: ${MASTODON_TOKEN} or token_file: NAME, an access token with the "
             "write:statuses and write:media scopes",
             mastodon.token);
  read_one_of(item, "visibility", {"public", "unlisted", "private", "direct"}, mastodon.visibility);
  read_string(item, "spoiler_text", mastodon.spoiler_text);
  if (auto value = item.boolean("sensitive")) mastodon.sensitive = *value;
}

void read_bluesky(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "", "https://bsky.social", target);
  BlueskySettings& bluesky = target.as<BlueskySettings>();
  read_required(item, "identifier", "add the account's handle or DID, e.g. identifier: noticias.bsky.social",
                bluesky.identifier);
  if (auto password = read_secret_text(
          item, env, "password",
          "add password: ${BLUESKY_APP_PASSWORD} or password_file: NAME with an app password "
          "(Settings > App passwords)")) {
    bluesky.password = std::move(*password);
  }
  read_one_of(item, "embed", {"card", "images"}, bluesky.embed);
}

// Discord's and Slack's incoming webhook URL.
void read_chat_webhook_url(const SectionReader& item, TargetConfig& target) {
  read_url(item,
           "add the incoming webhook's URL, e.g. url: ${" +
               std::string(target.type == TargetType::discord ? "DISCORD" : "SLACK") +
               "_WEBHOOK_URL}",
           "", target);
}

void read_discord(const SectionReader& item, TargetConfig& target) {
  read_chat_webhook_url(item, target);
  DiscordSettings& discord = target.as<DiscordSettings>();
  read_string(item, "username", discord.username);
  read_string(item, "avatar_url", discord.avatar_url);
  if (item.has("thread_name") && read_string(item, "thread_name", discord.thread_name) &&
      discord.thread_name.empty()) {
    item.error("thread_name", "must not be empty; write thread_name: \"{title}\" for a forum channel, "
                              "or remove it for a text channel");
  }
  read_after_timeout(item, discord.after_timeout);
}

// A bot's token and where it posts (telegram chat_id, matrix room_id).
void read_bot(const SectionReader& item, const EnvLookup& env, const std::string& token_hint,
              const std::string& place_key, const std::string& place_hint, std::string& token,
              std::string& place) {
  read_token(item, env, token_hint, token);
  read_required(item, place_key, place_hint, place);
}

void read_telegram(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "", "https://api.telegram.org", target);
  TelegramSettings& telegram = target.as<TelegramSettings>();
  read_bot(item, env, "add token: ${TELEGRAM_BOT_TOKEN} or token_file: NAME, the token @BotFather gave",
           "chat_id", "add the channel or chat, e.g. chat_id: \"@noticias\" or a numeric id",
           telegram.token, telegram.chat_id);
  std::string preview;
  read_one_of(item, "link_preview", {"true", "false", "above", "below"}, preview);
  if (!preview.empty()) {
    telegram.link_preview.shown = preview != "false";
    telegram.link_preview.above_text = preview == "above";
  }
  read_one_of(item, "link_preview_media", {"large", "small", "auto"}, telegram.link_preview.media);
  read_after_timeout(item, telegram.after_timeout);
}

void read_matrix(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "add the homeserver's address, e.g. url: https://matrix.org", "", target);
  MatrixSettings& matrix = target.as<MatrixSettings>();
  read_bot(item, env, "add token: ${MATRIX_TOKEN} or token_file: NAME, the bot user's access token",
           "room_id", "add the room, e.g. room_id: \"!abcdef:matrix.org\"", matrix.token,
           matrix.room_id);
}

// `api_version`: a Graph-style path version "vNN.0".
void read_api_version(const SectionReader& item, std::string& api_version) {
  std::optional<ScalarValue> version = item.string("api_version");
  if (!version) return;
  const std::string& v = version->text;
  bool shaped = v.size() >= 4 && v[0] == 'v' && v.substr(v.size() - 2) == ".0" &&
                v.find_first_not_of("0123456789", 1) == v.size() - 2;
  if (shaped) {
    api_version = v;
  } else {
    item.error("api_version", "must be a Graph API version such as v25.0, got '" + v + "'");
  }
}

void read_facebook(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "", "https://graph.facebook.com", target);
  FacebookSettings& facebook = target.as<FacebookSettings>();
  read_required(item, "page_id", "add the Page's numeric id, e.g. page_id: \"104612345678901\"",
                facebook.page_id);
  if (!facebook.page_id.empty() &&
      facebook.page_id.find_first_not_of("0123456789") != std::string::npos) {
    item.error("page_id", "must be the Page's numeric id (Page > About > Page transparency), got '" +
                              facebook.page_id + "'");
  }
  read_token(item, env,
             "add token: ${FACEBOOK_PAGE_TOKEN} or token_file: NAME, a Page access token with "
             "pages_manage_posts (docs/targets.md says how to get one that does not expire)",
             facebook.token);
  read_api_version(item, facebook.api_version);
  read_after_timeout(item, facebook.after_timeout);
}

// Instagram and Threads: the account, its long-lived token, the version.
void read_meta(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  const bool instagram = target.type == TargetType::instagram;
  read_url(item, "", instagram ? "https://graph.instagram.com" : "https://graph.threads.net", target);
  MetaSettings& meta = target.as<MetaSettings>();
  read_required(item, "account_id",
                instagram ? "add the Instagram professional account's user id, e.g. account_id: \"17841400008460056\""
                          : "add the Threads user id, e.g. account_id: \"26183470451234567\"",
                meta.account_id);
  if (!meta.account_id.empty() && meta.account_id.find_first_not_of("0123456789") != std::string::npos) {
    item.error("account_id", std::string("must be the numeric user id (GET /me?fields=user_id") +
                                 (instagram ? "" : ",id") + " answers it), got '" + meta.account_id + "'");
  }
  read_token(item, env,
             instagram ? "add token: ${INSTAGRAM_TOKEN} or token_file: NAME, a long-lived Instagram user token "
                         "with instagram_business_basic and instagram_business_content_publish (docs/targets.md)"
                       : "add token: ${THREADS_TOKEN} or token_file: NAME, a long-lived Threads user token with "
                         "threads_basic and threads_content_publish (docs/targets.md)",
             meta.token);
  read_api_version(item, meta.api_version);
  read_after_timeout(item, meta.after_timeout);
}

void read_x(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "", "https://api.x.com", target);
  XSettings& x = target.as<XSettings>();
  read_required(item, "client_id", "add the app's OAuth 2.0 client id (developer portal > Keys and tokens)",
                x.client_id);
  if (item.has("client_secret") || item.has("client_secret_file")) {
    if (auto secret = read_secret_text(item, env, "client_secret", "")) x.client_secret = std::move(*secret);
  }
  if (auto token = read_secret_text(
          item, env, "refresh_token",
          "add refresh_token: ${X_REFRESH_TOKEN} or refresh_token_file: NAME, the refresh token of an "
          "authorization with tweet.write, tweet.read, users.read, media.write and offline.access")) {
    x.refresh_token = std::move(*token);
  }
  read_after_timeout(item, x.after_timeout);
}

// `author`: the organization posted as, "urn:li:organization:N".
void read_linkedin_author(const SectionReader& item, std::string& author) {
  const std::string prefix = "urn:li:organization:";
  if (!read_required(item, "author",
                     "add the organization page posted as, e.g. author: \"urn:li:organization:2414183\" "
                     "(the number in the page's admin URL)",
                     author)) {
    return;
  }
  std::string number = author.rfind(prefix, 0) == 0 ? author.substr(prefix.size()) : "";
  if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) {
    item.error("author", "must be an organization URN such as urn:li:organization:2414183, got '" + author + "'");
    author.clear();
  }
}

// `api_version`: the LinkedIn-Version header, YYYYMM (a month from 2022 on).
void read_linkedin_version(const SectionReader& item, std::string& api_version) {
  if (!read_required(item, "api_version",
                     "add the LinkedIn API version herald was set up with, e.g. api_version: \"202601\" "
                     "(docs/targets.md, LinkedIn)",
                     api_version)) {
    return;
  }
  const std::string& v = api_version;
  bool shaped = v.size() == 6 && v.find_first_not_of("0123456789") == std::string::npos && v.substr(0, 4) >= "2022" &&
                v.substr(4) >= "01" && v.substr(4) <= "12";
  if (!shaped) {
    item.error("api_version", "must be a LinkedIn version YYYYMM such as \"202601\", got '" + v + "'");
    api_version.clear();
  }
}

void read_linkedin(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_url(item, "", "https://api.linkedin.com", target);
  LinkedInSettings& linkedin = target.as<LinkedInSettings>();
  read_linkedin_author(item, linkedin.author);
  if (auto token = read_secret_text(
          item, env, "access_token",
          "add access_token: ${LINKEDIN_TOKEN} or access_token_file: NAME, a member's access token with "
          "w_organization_social and r_organization_social (docs/targets.md, LinkedIn)")) {
    linkedin.access_token = std::move(*token);
  }
  read_linkedin_version(item, linkedin.api_version);
  read_after_timeout(item, linkedin.after_timeout);
}

// `endpoint` (into target.url): https, or http to a loopback host (tests).
void read_indexnow_endpoint(const SectionReader& item, TargetConfig& target) {
  target.url = "https://api.indexnow.org/indexnow";
  if (!item.has("endpoint") || !read_string(item, "endpoint", target.url)) return;
  std::string error = check_target_url(target.url);
  if (error.empty()) error = check_credential_url(target.url, target.name, "key");
  if (!error.empty()) {
    item.error("endpoint", error);
    target.url.clear();
  }
}

void read_indexnow(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  read_indexnow_endpoint(item, target);
  IndexNowSettings& indexnow = target.as<IndexNowSettings>();
  if (auto key = read_secret_text(item, env, "key",
                                  "add key: ${INDEXNOW_KEY} or key_file: NAME, 8 to 128 characters among "
                                  "a-z, A-Z, 0-9 and '-' (e.g. openssl rand -hex 16)")) {
    std::string error = check_indexnow_key(*key);
    if (error.empty()) {
      indexnow.key = std::move(*key);
    } else {
      item.error(item.has("key") ? "key" : "key_file", (item.has("key") ? "" : "names a file whose text ") + error);
    }
  }
  if (item.has("key_location") && read_string(item, "key_location", indexnow.key_location)) {
    std::string error = check_target_url(indexnow.key_location);
    if (!error.empty()) {
      item.error("key_location", error);
      indexnow.key_location.clear();
    }
  }
  if (auto value = item.integer("batch", 1, kIndexNowMaxBatch)) indexnow.batch = static_cast<int>(*value);
}

// A target with a credential talks https, or http to a loopback host only.
void refuse_clear_text_credential(const SectionReader& item, const TargetConfig& target) {
  std::string credential = credential_name(target.settings);
  if (credential.empty() || target.url.empty() || !item.has("url")) return;
  std::string error = check_credential_url(target.url, target.name, credential);
  if (!error.empty()) item.error("url", error);
}

// The keys of `target.type`, into the settings of that type.
void read_type_keys(const SectionReader& item, const EnvLookup& env, TargetConfig& target) {
  target.settings = default_settings(target.type);
  switch (target.type) {
    case TargetType::webhook: read_webhook(item, env, target); break;
    case TargetType::mastodon: read_mastodon(item, env, target); break;
    case TargetType::bluesky: read_bluesky(item, env, target); break;
    case TargetType::discord: read_discord(item, target); break;
    case TargetType::slack:
      read_chat_webhook_url(item, target);
      read_after_timeout(item, target.as<SlackSettings>().after_timeout);
      break;
    case TargetType::telegram: read_telegram(item, env, target); break;
    case TargetType::matrix: read_matrix(item, env, target); break;
    case TargetType::facebook: read_facebook(item, env, target); break;
    case TargetType::x: read_x(item, env, target); break;
    case TargetType::instagram:
    case TargetType::threads: read_meta(item, env, target); break;
    case TargetType::linkedin: read_linkedin(item, env, target); break;
    case TargetType::indexnow: read_indexnow(item, env, target); break;
    case TargetType::websub: break;  // not configurable
  }
  if (SocialText* text = social_text(target.settings)) read_social(item, *text);
  refuse_clear_text_credential(item, target);
}

// `type`, when it names a configurable type; nullopt when it is missing or
// names no such type (reported).
std::optional<TargetType> read_type(const SectionReader& item) {
  const std::vector<std::string> names = configurable_target_type_names();
  std::string name;
  if (!read_required(item, "type", "add type: webhook (the known types: " + join_names(names) + ")",
                     name)) {
    return std::nullopt;
  }
  std::optional<TargetType> type = parse_target_type(name);
  if (type && is_configurable(*type)) return type;
  item.error("type", "names an " + unknown_name_message("target type", name, "", names));
  return std::nullopt;
}

// The keys every target has: filters, delay, events and per-target limits.
void read_common(const SectionReader& item, const std::string& base_dir, TargetConfig& target) {
  read_slugs(item, "sections", target.sections);
  read_slugs(item, "tags", target.tags);
  read_string(item, "flag", target.flag);
  milliseconds delay(0);
  if (read_duration(item, "delay", milliseconds(1000), true, delay)) {
    if (delay.count() % 1000 != 0) {
      item.error("delay", "must be whole seconds, e.g. 90s or 5m, got '" +
                              format_duration(delay) + "'");
    } else {
      target.delay = std::chrono::duration_cast<std::chrono::seconds>(delay);
    }
  }
  if (auto value = item.boolean("wait_for_url")) target.wait_for_url = *value;
  read_events(item, target);
  if (auto value = item.integer("concurrency", 1, 256)) target.concurrency = static_cast<int>(*value);
  if (auto value = item.positive_number("rate_per_second", 10000)) target.rate_per_second = *value;
  if (auto value = item.integer("max_attempts", 1, 100)) target.max_attempts = static_cast<int>(*value);
  read_duration(item, "connect_timeout", milliseconds(100), false, target.connect_timeout);
  read_duration(item, "timeout", milliseconds(100), false, target.timeout);
  read_readable_file(item, "ca_file", base_dir, kCaFile, target.ca_file);
  read_pace_section(item, target.pace);
  read_approval_section(item, target.approval);
  if (target.approval.required && target.type == TargetType::indexnow) {
    item.error("approval", "is not read by indexnow targets: they submit URLs, not announcements; remove it");
  }
}

}  // namespace

void read_slugs(const SectionReader& item, const std::string& key, std::vector<std::string>& out) {
  std::optional<std::vector<ScalarValue>> names = item.list(key);
  if (!names) return;
  for (const ScalarValue& name : *names) {
    std::string slug = feed_slug(name.text);
    if (slug.empty()) {
      item.error_at(name.mark, key, "has '" + name.text + "', which has no letter, digit or symbol to "
                                    "match a " + (key == "tags" ? "tag" : "section") + " by");
      continue;
    }
    if (std::find(out.begin(), out.end(), slug) == out.end()) out.push_back(std::move(slug));
  }
}


void read_targets_section(const SectionReader& top, const std::string& base_dir,
                          const EnvLookup& env, TargetKeys keys,
                          std::vector<TargetConfig>& targets) {
  std::vector<SectionReader> items = top.items(
      "targets", "each with name, type and the type's keys",
      [&env](const YAML::Node& item) { return keys_of(item, env); });
  std::map<std::string, int> lines;  // name -> line of its target
  for (const SectionReader& item : items) {
    TargetConfig target;
    target.line = item.line();
    if (read_required(item, "name",
                      "add a unique name such as newsroom-hook (the outbox keys deliveries by it)",
                      target.name)) {
      std::string error = check_target_name(target.name);
      if (error.empty() && lines.count(target.name) != 0) {
        error = "repeats '" + target.name + "', the name of the target on line " +
                std::to_string(lines[target.name]) + "; give each target its own name";
      }
      if (!error.empty()) {
        item.error("name", error);
      } else {
        lines.emplace(target.name, target.line);
      }
    }
    if (std::optional<TargetType> type = read_type(item)) {
      target.type = *type;
      if (keys == TargetKeys::everything) {
        read_type_keys(item, env, target);
      } else {
        target.settings = default_settings(target.type);
      }
    }
    read_common(item, base_dir, target);
    targets.push_back(std::move(target));
  }
}

}  // namespace herald
