#include "daemon/targets/bluesky/bluesky_record.h"

#include <utility>
#include <vector>

#include "daemon/targets/post_text.h"
#include "daemon/text/hashtags.h"
#include "daemon/text/text_facets.h"
#include "daemon/text/text_fit.h"
#include "daemon/text/text_length.h"

namespace herald {
namespace {

namespace json = boost::json;

std::string member(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

const json::object* child(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  return value && value->is_object() ? &value->as_object() : nullptr;
}

}  // namespace

std::string bluesky_language(const TargetConfig& target, const Config& config) {
  const std::string& own = target.as<BlueskySettings>().text.language;
  return own.empty() ? config.site.language : own;
}

json::array bluesky_facets(std::string_view text) {
  json::array facets;
  for (const TextFacet& found : find_facets(text)) {
    json::object feature;
    if (found.kind == TextFacet::Kind::link) {
      feature["$type"] = "app.bsky.richtext.facet#link";
      feature["uri"] = found.value;
    } else {
      feature["$type"] = "app.bsky.richtext.facet#tag";
      feature["tag"] = found.value;
    }
    json::object facet;
    facet["index"] = {{"byteStart", found.byte_start}, {"byteEnd", found.byte_end}};
    facet["features"] = json::array{std::move(feature)};
    facets.push_back(std::move(facet));
  }
  return facets;
}

namespace {

// The editor's text (SnapshotFields::text) when it fits.
Result<FittedText> editor_text(const std::string& text, const TextLimits& limits) {
  Result<std::string> kept = editor_text_within(text, limits);
  if (!kept.ok()) return kept.status();
  return FittedText{*kept};
}

}  // namespace

std::string bluesky_payload(const SnapshotFields& post, const TextTemplate& tmpl,
                            const TargetConfig& target, const std::string& language,
                            const std::string& created_at, const std::string& rkey) {
  const BlueskySettings& bluesky = target.as<BlueskySettings>();
  std::vector<std::string> tags;
  if (bluesky.text.max_hashtags > 0) {
    HashtagRules rules = kBlueskyHashtags;
    rules.max_count = static_cast<std::size_t>(bluesky.text.max_hashtags);
    tags = hashtags(post.section, post.tags, rules);
  }
  TextLimits limits;
  limits.max_length = kBlueskyMaxGraphemes;
  limits.count = count_graphemes;
  limits.max_bytes = kBlueskyMaxBytes;
  Result<FittedText> text = post.text.empty()
      ? fit_text(tmpl, template_input(post, std::move(tags), language), limits, escape_none)
      : editor_text(post.text, limits);
  if (!text.ok()) return json::serialize(json::object{{"error", "the post cannot be made: " + text.error()}});

  json::object record;
  record["$type"] = kBlueskyPostCollection;
  record["text"] = text->text;
  record["createdAt"] = created_at;
  if (!language.empty()) record["langs"] = json::array{json::string(language)};
  json::array facets = bluesky_facets(text->text);
  if (!facets.empty()) record["facets"] = std::move(facets);

  json::object payload;
  payload["rkey"] = rkey;
  payload["record"] = std::move(record);
  payload["embed"] = bluesky.embed == "images" ? "images" : "card";
  payload["card"] = {{"uri", post.url}, {"title", post.title}, {"description", post.summary}};
  payload["image"] = {{"url", bluesky.text.attach_image ? post.image : std::string()},
                      {"alt", post.image_alt}};
  return json::serialize(payload);
}

Result<BlueskyPayload> read_bluesky_payload(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return Result<BlueskyPayload>::failed("bluesky payload: not a JSON object");
  const json::object& object = value.as_object();
  if (std::string stored = member(object, "error"); !stored.empty()) {
    return Result<BlueskyPayload>::failed(stored);
  }
  BlueskyPayload payload;
  payload.rkey = member(object, "rkey");
  const json::object* record = child(object, "record");
  if (payload.rkey.empty() || !record) {
    return Result<BlueskyPayload>::failed("bluesky payload: no rkey or record");
  }
  payload.record = *record;
  payload.embed = member(object, "embed") == "images" ? "images" : "card";
  if (const json::object* card = child(object, "card")) {
    payload.link_uri = member(*card, "uri");
    payload.link_title = member(*card, "title");
    payload.link_description = member(*card, "description");
  }
  if (const json::object* image = child(object, "image")) {
    payload.image_url = member(*image, "url");
    payload.image_alt = member(*image, "alt");
  }
  return payload;
}

json::object bluesky_record(const BlueskyPayload& payload, const json::object* blob) {
  json::object record = payload.record;
  if (payload.embed == "images") {
    if (blob) {
      json::object image = {{"alt", payload.image_alt}, {"image", *blob}};
      record["embed"] = {{"$type", "app.bsky.embed.images"}, {"images", json::array{std::move(image)}}};
    }
    return record;
  }
  json::object external = {{"uri", payload.link_uri},
                           {"title", payload.link_title},
                           {"description", payload.link_description}};
  if (blob) external["thumb"] = *blob;
  record["embed"] = {{"$type", "app.bsky.embed.external"}, {"external", std::move(external)}};
  return record;
}

std::string bluesky_at_uri(std::string_view did, std::string_view rkey) {
  return "at://" + std::string(did) + "/" + std::string(kBlueskyPostCollection) + "/" +
         std::string(rkey);
}

std::string bluesky_post_url(std::string_view handle, std::string_view rkey) {
  return "https://bsky.app/profile/" + std::string(handle) + "/post/" + std::string(rkey);
}

}  // namespace herald
