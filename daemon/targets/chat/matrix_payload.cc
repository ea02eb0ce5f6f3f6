#include "daemon/targets/chat/matrix_payload.h"

#include <boost/json.hpp>
#include <boost/url.hpp>

namespace herald {
namespace {

std::string encoded(std::string_view segment) {
  return boost::urls::encode(segment, boost::urls::unreserved_chars);
}

Result<std::string> fitted(const SnapshotFields& post, const PostText& text,
                           const TextEscaper& escape) {
  TextLimits limits;
  limits.max_bytes = kMatrixTextBytes;
  return text.fit(post, limits, escape);
}

}  // namespace

std::optional<std::string> matrix_send_url(std::string_view homeserver, std::string_view room_id,
                                           std::string_view txn_id) {
  boost::system::result<boost::urls::url> parsed = boost::urls::parse_absolute_uri(homeserver);
  if (!parsed) return std::nullopt;
  boost::urls::url url = std::move(*parsed);
  auto segments = url.encoded_segments();
  if (!segments.empty() && segments.back().empty()) segments.pop_back();  // "https://host/"
  for (std::string_view fixed : {"_matrix", "client", "v3", "rooms"}) segments.push_back(fixed);
  segments.push_back(encoded(room_id));
  for (std::string_view fixed : {"send", "m.room.message"}) segments.push_back(fixed);
  segments.push_back(encoded(txn_id));
  return std::string(url.buffer());
}

Result<std::string> matrix_body(const SnapshotFields& post, const PostText& text) {
  Result<std::string> plain = fitted(post, text, escape_none);
  if (!plain.ok()) return plain.status();
  Result<std::string> html = fitted(post, text, escape_html);
  if (!html.ok()) return html.status();
  std::string formatted;
  for (char c : *html) {
    if (c == '\n') {
      formatted += "<br>";
    } else {
      formatted += c;
    }
  }
  boost::json::object body;
  body["msgtype"] = "m.notice";
  body["body"] = *plain;
  body["format"] = "org.matrix.custom.html";
  body["formatted_body"] = formatted;
  return boost::json::serialize(body);
}

}  // namespace herald
