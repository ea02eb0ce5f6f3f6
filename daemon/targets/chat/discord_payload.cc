#include "daemon/targets/chat/discord_payload.h"

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "daemon/text/text_length.h"

namespace herald {

std::optional<std::string> discord_execute_url(std::string_view webhook_url) {
  boost::system::result<boost::urls::url> parsed = boost::urls::parse_absolute_uri(webhook_url);
  if (!parsed) return std::nullopt;
  parsed->params().set("wait", "true");
  return std::string(parsed->buffer());
}

Result<std::string> discord_body(const SnapshotFields& post, const PostText& text,
                                 const TargetConfig& target, std::string_view thread_name) {
  TextLimits limits;
  limits.max_length = kDiscordContentMax;
  limits.count = count_utf16_units;
  Result<std::string> content = text.fit(post, limits, escape_none);
  if (!content.ok()) return content.status();

  boost::json::object embed;
  std::string title = shorten_value(post.title, kDiscordTitleMax, count_utf16_units);
  if (!title.empty()) embed["title"] = title;
  std::string description = shorten_value(post.summary, kDiscordDescriptionMax, count_utf16_units);
  if (!description.empty()) embed["description"] = description;
  if (!post.url.empty()) embed["url"] = post.url;
  if (!post.date.empty()) embed["timestamp"] = post.date;
  if (target.as<DiscordSettings>().text.attach_image && !post.image.empty()) embed["image"] = {{"url", post.image}};

  boost::json::object body;
  body["content"] = *content;
  body["embeds"] = boost::json::array{std::move(embed)};
  const DiscordSettings& discord = target.as<DiscordSettings>();
  if (!discord.username.empty()) body["username"] = discord.username;
  if (!discord.avatar_url.empty()) body["avatar_url"] = discord.avatar_url;
  body["allowed_mentions"] = {{"parse", boost::json::array()}};
  if (!thread_name.empty()) body["thread_name"] = thread_name;
  return boost::json::serialize(body);
}

std::string discord_thread_name(const SnapshotFields& post, const PostText& name) {
  TextLimits limits;
  limits.max_length = kDiscordThreadNameMax;
  limits.count = count_utf16_units;
  Result<std::string> fitted = name.fit(post, limits, escape_none);
  if (fitted.ok() && fitted->find_first_not_of(" \t\n") != std::string::npos) return std::move(*fitted);
  std::string title = shorten_value(post.title, kDiscordThreadNameMax, count_utf16_units);
  return title.empty() ? shorten_value(post.id, kDiscordThreadNameMax, count_utf16_units) : title;
}

}  // namespace herald
