// Value rules of the configuration: pure checks on single, already
// environment-expanded values. Each check returns "" when the value is
// acceptable, else what is wrong, phrased to follow the quoted key name:
//   'site.url' <must be an absolute http or https URL ...>
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

// An absolute http or https URL with a host.
std::string check_http_url(std::string_view url);
// check_http_url, and no query or fragment (paths are appended to it).
std::string check_site_url(std::string_view url);
// `url` with a '/' appended when it does not end with one.
std::string with_trailing_slash(std::string url);

// A well-formed BCP 47 tag of a language ICU knows ("es-MX", never "es_MX").
std::string check_language(std::string_view tag);

// Starts with '/' or is an absolute http(s) URL; placeholders only among
// :year :month :day :slug :id :section.
std::string check_permalink(std::string_view permalink);
// content.excerpt_separator: not empty, at most 200 bytes.
std::string check_excerpt_separator(std::string_view separator);

// Contains {id}; placeholders only among {host} {id}.
std::string check_entry_id(std::string_view entry_id);

// A feed directory inside the output directory: relative, no "..",
// placeholders only {slug}; `per_item` families (sections, tags) must use
// {slug}, the main feed must not.
std::string check_feed_dir(std::string_view dir, bool per_item);

// A plain file name: not empty, no '/', not "." or "..".
std::string check_file_name(std::string_view name);

// The first "{name}" placeholder in `text` not among `allowed` (given with
// braces), reported with a suggestion; "" when all are allowed.
std::string check_brace_placeholders(std::string_view text,
                                     const std::vector<std::string>& allowed);

// A duration written with a unit: "250ms", "10s", "5m", "1h", "0" (zero
// needs no unit). nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
std::string check_duration(std::string_view text);
// The shortest exact form parse_duration reads back: "10s", "1m", "250ms", "0".
std::string format_duration(std::chrono::milliseconds duration);

// A listening address "host:port", "[v6]:port" or ":port" (all interfaces),
// port 1-65535; host an IP literal or "localhost".
std::string check_listen_address(std::string_view address);

// A range of client addresses in CIDR notation, "10.0.0.0/8", "fd00::/8",
// or one address ("192.0.2.7", "::1").
std::string check_cidr(std::string_view cidr);

// An http or https origin: scheme, host and optional port, no path beyond
// "/", no query, fragment or user ("https://cdn.example.org").
std::string check_origin(std::string_view origin);

}  // namespace herald
