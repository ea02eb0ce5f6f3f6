#include "daemon/targets/x/x_media.h"

#include <boost/json.hpp>

#include "daemon/targets/json_exchange.h"
#include "daemon/targets/json_reading.h"
#include "daemon/targets/post_text.h"
#include "daemon/text/text_length.h"

namespace herald {
namespace {

namespace json = boost::json;

void authorize(HttpRequest& request, const std::string& access) {
  request.headers.emplace_back("authorization", "Bearer " + access);
}

// "image.jpg" for "image/jpeg", "image.png", ...
std::string file_name(const std::string& media_type) {
  std::string subtype = media_type.substr(media_type.find('/') + 1);
  return "image." + std::string(subtype == "jpeg" ? "jpg" : subtype);
}

}  // namespace

HttpRequest x_upload_request(const std::string& api, const std::string& access, const DeliveryImage& image) {
  HttpRequest request;
  request.method = "POST";
  request.url = api + "/2/media/upload";
  authorize(request, access);
  request.form.push_back(FormPart{"media", image.bytes, file_name(image.media_type), image.media_type});
  request.form.push_back(FormPart{"media_category", "tweet_image", "", ""});
  return request;
}

HttpRequest x_alt_text_request(const std::string& api, const std::string& access, const std::string& media_id,
                               const std::string& alt) {
  std::string text = shorten_value(alt, kXAltTextMax, count_utf16_units);
  json::object body{{"id", media_id}, {"metadata", {{"alt_text", {{"text", text}}}}}};
  HttpRequest request = json_request("POST", api + "/2/media/metadata", json::serialize(body));
  authorize(request, access);
  return request;
}

std::string x_tweet_body(const std::string& text, const std::string& media_id) {
  json::object body{{"text", text}};
  if (!media_id.empty()) body["media"] = {{"media_ids", json::array{json::value(media_id)}}};
  return json::serialize(body);
}

std::optional<XUploaded> read_x_upload(const HttpResponse& response, std::int64_t now_ms) {
  if (response.status != 200 && response.status != 201) return std::nullopt;
  std::optional<json::value> parsed = parse_json(response.body);
  const json::value* data = parsed && parsed->is_object() ? parsed->get_object().if_contains("data") : nullptr;
  if (data == nullptr || !data->is_object()) return std::nullopt;
  XUploaded uploaded;
  uploaded.media_id = json_text(data->get_object(), "id");
  if (uploaded.media_id.empty()) return std::nullopt;
  std::optional<std::int64_t> life_s = json_integer(data->get_object(), "expires_after_secs");
  uploaded.expires_ms = now_ms + (life_s && *life_s > 0 ? *life_s * 1000 : kXMediaLifeMs);
  return uploaded;
}

}  // namespace herald
