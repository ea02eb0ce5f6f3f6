#include "config/target_rules.h"

#include <algorithm>
#include <cctype>

#include <boost/beast/core/detail/base64.hpp>
#include <boost/url/parse.hpp>

#include "feeds/string_util.h"

namespace herald {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_base64_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/';
}

// RFC 9110 tchar.
bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// The number of bytes `text` decodes to, when it is padded base64 (the
// alphabet of RFC 4648 section 4, length a multiple of 4, '=' only at the
// end); nullopt otherwise.
std::optional<std::size_t> base64_decoded_size(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = text.size() - (text.find_last_not_of('=') + 1);
  if (padding > 2) return std::nullopt;
  std::string_view body = text.substr(0, text.size() - padding);
  if (!std::all_of(body.begin(), body.end(), is_base64_char)) return std::nullopt;
  std::string bytes(boost::beast::detail::base64::decoded_size(text.size()), '\0');
  auto [written, read] = boost::beast::detail::base64::decode(bytes.data(), text.data(),
                                                              text.size());
  if (read != body.size()) return std::nullopt;
  return written;
}

// 127.0.0.0/8, ::1 or "localhost" (any case).
bool is_loopback(const boost::urls::url_view& url) {
  switch (url.host_type()) {
    case boost::urls::host_type::ipv4: return (url.host_ipv4_address().to_uint() >> 24) == 127;
    case boost::urls::host_type::ipv6: return url.host_ipv6_address().is_loopback();
    case boost::urls::host_type::name: return ascii_lower(url.host_name()) == "localhost";
    default: return false;
  }
}

}  // namespace

std::string check_credential_url(std::string_view url, std::string_view name,
                                 std::string_view credential) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme_id() != boost::urls::scheme::http || is_loopback(*parsed)) return "";
  const bool vowel = !credential.empty() && std::string_view("aeiou").find(credential[0]) != std::string_view::npos;
  return "is an http:// URL, but target '" + std::string(name) + "' has " + (vowel ? "an " : "a ") +
         std::string(credential) + " that must not travel unencrypted; use https:// (http:// is "
         "allowed only to a loopback host: 127.0.0.0/8, ::1 or localhost)";
}

std::string check_indexnow_key(std::string_view key) {
  auto key_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-'; };
  if (key.size() >= 8 && key.size() <= 128 && std::all_of(key.begin(), key.end(), key_char)) return "";
  return "must be 8 to 128 characters among a-z, A-Z, 0-9 and '-' (IndexNow's rule; e.g. the output of "
         "`openssl rand -hex 16`), got " + std::to_string(key.size()) + " character(s)" +
         (std::all_of(key.begin(), key.end(), key_char) ? "" : " with others than those");
}

std::string check_target_name(std::string_view name) {
  if (!name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), is_name_char)) {
    return "";
  }
  return "must be 1 to 64 characters among a-z, 0-9, '_' and '-', e.g. newsroom-hook, got '" +
         std::string(name) + "'";
}

std::string check_target_url(std::string_view url) {
  const std::string example = "e.g. https://hooks.example.org/herald";
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return "is not a valid URL; write an absolute http or https URL, " + example;
  if (!parsed->has_scheme()) return "must be an absolute URL starting with https:// or http://, " + example;
  if (parsed->scheme_id() != boost::urls::scheme::http &&
      parsed->scheme_id() != boost::urls::scheme::https) {
    return "must use http or https, not '" + std::string(parsed->scheme()) + "'";
  }
  if (parsed->encoded_host().empty()) return "must name a host, " + example;
  if (parsed->has_fragment()) return "must not have a fragment ('#'): it is never sent";
  return "";
}

std::string check_webhook_secret(std::string_view secret) {
  const std::string expected =
      "is not a Standard Webhooks secret (whsec_ followed by base64 of " +
      std::to_string(kMinWebhookKeyBytes) + " to " + std::to_string(kMaxWebhookKeyBytes) +
      " bytes); the value is not shown";
  constexpr std::string_view kPrefix = "whsec_";
  if (!secret.starts_with(kPrefix)) return expected;
  std::optional<std::size_t> size = base64_decoded_size(secret.substr(kPrefix.size()));
  if (!size || *size < kMinWebhookKeyBytes || *size > kMaxWebhookKeyBytes) return expected;
  return "";
}

const std::vector<std::string>& reserved_header_names() {
  static const std::vector<std::string> kNames = {
      "content-type",      "webhook-id",          "webhook-timestamp", "webhook-signature",
      "x-hub-signature-256", "content-length", "host"};
  return kNames;
}

std::string check_header_name(std::string_view name) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
    return "has '" + std::string(name) +
           "', which is not a header name (letters, digits and !#$%&'*+-.^_`|~)";
  }
  const std::vector<std::string>& reserved = reserved_header_names();
  if (std::find(reserved.begin(), reserved.end(), ascii_lower(name)) != reserved.end()) {
    return "sets '" + std::string(name) + "', which herald sets itself; remove it";
  }
  return "";
}

std::string check_header_value(std::string_view name, std::string_view value) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos) return "";
  return "has a line break or NUL character in the value of '" + std::string(name) +
         "'; the value is not shown";
}

}  // namespace herald
