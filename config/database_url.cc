#include "config/database_url.h"

#include <algorithm>
#include <charconv>

#include <boost/url/parse.hpp>

namespace herald {
namespace {

constexpr char kShape[] = "write postgresql://USER@HOST:PORT/DATABASE";

bool is_option(std::string_view key) {
  return std::find(std::begin(kDatabaseUrlOptions), std::end(kDatabaseUrlOptions), key) !=
         std::end(kDatabaseUrlOptions);
}

std::string option_names() {
  std::string names;
  for (std::string_view key : kDatabaseUrlOptions) names += (names.empty() ? "" : ", ") + std::string(key);
  return names;
}

// The value of a known option, checked: "" when acceptable, else why not.
std::string check_option(std::string_view key, std::string_view value) {
  if (key == "sslmode") {
    for (std::string_view mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
      if (value == mode) return "";
    }
    return "has sslmode=" + std::string(value) +
           "; use disable, allow, prefer, require, verify-ca or verify-full";
  }
  if (key == "connect_timeout") {
    int seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc{} || end != value.data() + value.size() || seconds < 0) {
      return "has connect_timeout=" + std::string(value) + "; give whole seconds, e.g. connect_timeout=10";
    }
  }
  return "";
}

// The host libpq is given, or "" when the URL's host is not one it takes.
std::string host_of(const boost::urls::url_view& url) {
  switch (url.host_type()) {
    case boost::urls::host_type::ipv4: return url.host_ipv4_address().to_string();
    case boost::urls::host_type::ipv6: return url.host_ipv6_address().to_string();
    case boost::urls::host_type::name: return std::string(url.host_name());
    default: return "";
  }
}

// The URL for messages, from its own (encoded) parts; the password masked.
std::string shown_url(const boost::urls::url_view& url) {
  std::string shown = std::string(url.scheme()) + "://";
  if (url.has_userinfo()) {
    shown += std::string(url.encoded_user()) + (url.has_password() ? ":***" : "") + "@";
  }
  shown += std::string(url.encoded_host_and_port());
  return shown + std::string(url.encoded_path());
}

std::string read_options(const boost::urls::url_view& url, DatabaseConfig& out) {
  for (const auto& param : url.params()) {
    if (param.key == "password") {
      return "has the password as a query setting; give it in the user part "
             "(postgresql://USER:${PASSWORD}@HOST/DATABASE) or in 'state.database_password_file'";
    }
    if (!is_option(param.key)) {
      return "has the setting '" + param.key + "', which herald does not pass to PostgreSQL; use " +
             option_names();
    }
    if (std::string why = check_option(param.key, param.value); !why.empty()) return why;
    out.options.emplace_back(param.key, param.value);
  }
  return "";
}

std::string read_url(const boost::urls::url_view& url, const std::string& masked, DatabaseConfig& out) {
  if (url.scheme() != "postgresql" && url.scheme() != "postgres") {
    return "must start with postgresql:// or postgres://, got '" + masked +
           "'; without 'state.database' herald keeps its state in SQLite in state.dir";
  }
  out.host = url.has_authority() ? host_of(url) : "";
  if (out.host.empty()) {
    return "names no host in '" + masked + "'; " + kShape +
           " (a host name, an address, or %2Frun%2Fpostgresql for a unix socket directory)";
  }
  if (url.has_port()) {
    int port = 0;
    std::string_view text = url.port();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port < 1 || port > 65535) {
      return "has the port '" + std::string(text) + "' in '" + masked + "'; give 1 to 65535 (default 5432)";
    }
    out.port = port;
  }
  std::string path = url.path();
  out.dbname = path.size() > 1 ? path.substr(1) : "";
  if (out.dbname.empty() || out.dbname.find('/') != std::string::npos) {
    return "names no database in '" + masked + "'; " + kShape;
  }
  if (url.has_fragment()) return "has a fragment ('#...') in '" + masked + "'; " + kShape;
  out.user = url.has_userinfo() ? std::string(url.user()) : "";
  out.password = url.has_password() ? std::string(url.password()) : "";
  out.shown = shown_url(url);
  return read_options(url, out);
}

// Where the authority (user:password@host:port) of `url` starts and ends, by text.
std::pair<std::size_t, std::size_t> authority_span(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  return {start, std::min(url.find_first_of("/?#", start), url.size())};
}

}  // namespace

std::string mask_database_password(std::string_view url) {
  auto [start, end] = authority_span(url);
  std::size_t at = url.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < start) return std::string(url);
  std::size_t colon = url.substr(0, at).find(':', start);
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

DatabaseUrl parse_database_url(std::string_view url) {
  DatabaseUrl result;
  const std::string masked = mask_database_password(url);
  auto parsed = boost::urls::parse_uri(url);
  auto [start, end] = authority_span(url);
  // Boost.URL reads a second '@' (a password not encoded) as part of the path.
  if (!parsed || url.substr(start, end - start).find('@') != url.substr(start, end - start).rfind('@')) {
    result.error = "is not a URL: '" + masked + "'; " + kShape +
                   " (a password from ${ENV} with @ : / ? # or % in it must be percent-encoded, "
                   "or given in 'state.database_password_file')";
    return result;
  }
  result.error = read_url(*parsed, masked, result.database);
  if (!result.error.empty()) result.database = {};
  return result;
}

}  // namespace herald
