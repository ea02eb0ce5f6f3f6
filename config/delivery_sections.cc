// The `delivery:` and `control:` sections: how announcements are decided
// and delivered, and where the control socket of the `herald` CLI lives.
#include <sys/un.h>

#include <algorithm>
#include <tuple>
#include <utility>

#include "config/config_paths.h"
#include "config/config_sections.h"
#include "config/section_values.h"
#include "config/value_rules.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

using std::chrono::milliseconds;

// A Unix socket path must fit sockaddr_un::sun_path with its NUL.
constexpr std::size_t kMaxSocketPath = sizeof(sockaddr_un{}.sun_path) - 1;

std::string check_first_start(std::string_view text) {
  return text == "present" || text == "cutoff"
             ? std::string()
             : "must be present or cutoff, got '" + std::string(text) + "'";
}

void read_cutoff(const SectionReader& section, const std::string& timezone,
                 DeliveryConfig& delivery) {
  bool cutoff_policy = delivery.first_start == FirstStartPolicy::kCutoff;
  if (!section.has("cutoff")) {
    if (cutoff_policy) {
      section.missing("cutoff", "first_start: cutoff needs the date before which posts count "
                                "as announced, e.g. cutoff: 2024-01-01");
    }
    return;
  }
  std::string text;
  if (!read_string(section, "cutoff", text)) return;
  if (!cutoff_policy) {
    section.error("cutoff", "is only used with first_start: cutoff; remove it, or set '" +
                                section.qualified("first_start") + "' to cutoff");
    return;
  }
  std::optional<TimeZone> zone = TimeZone::load(timezone);  // invalid: reported in site
  std::string error;
  delivery.cutoff = parse_timestamp(text, zone ? *zone : TimeZone::utc(), &error);
  if (!delivery.cutoff) section.error("cutoff", "must be a date: " + error);
}

// A lease that ends while a request may still be in flight lets another
// claim send the delivery again.
void check_lease(const SectionReader& section, const std::vector<TargetConfig>& targets,
                 const DeliveryConfig& delivery) {
  milliseconds longest = delivery.timeout;
  for (const TargetConfig& target : targets) longest = std::max(longest, target.timeout);
  if (delivery.lease > longest) return;
  section.error("lease", "(" + format_duration(delivery.lease) +
                             ") must be longer than the longest request timeout (" +
                             format_duration(longest) +
                             "), or a delivery still in flight could be sent twice");
}

// delivery.image_origins: http(s) origins; image_networks: CIDRs.
void read_image_sources(const SectionReader& section, DeliveryConfig& delivery) {
  for (auto [key, check, into] :
       {std::tuple{"image_origins", &check_origin, &delivery.image_origins},
        std::tuple{"image_networks", &check_cidr, &delivery.image_networks}}) {
    std::optional<std::vector<ScalarValue>> items = section.list(key);
    if (!items) continue;
    for (const ScalarValue& item : *items) {
      std::string error = check(item.text);
      if (!error.empty()) section.error_at(item.mark, key, error);
      into->push_back(item.text);
    }
  }
}

}  // namespace

void read_delivery_section(const SectionReader& top, const std::string& base_dir,
                           const std::string& timezone,
                           const std::vector<TargetConfig>& targets, DeliveryConfig& delivery) {
  SectionReader section = top.section(
      "delivery", {"first_start", "cutoff", "max_attempts", "backoff_initial", "backoff_max",
                   "lease", "concurrency", "rate_per_second", "connect_timeout", "timeout",
                   "url_check_interval", "url_check_max", "ca_file", "image_origins",
                   "image_networks"});
  std::string first_start;
  if (read_checked(section, "first_start", check_first_start, first_start)) {
    delivery.first_start =
        first_start == "cutoff" ? FirstStartPolicy::kCutoff : FirstStartPolicy::kPresent;
  }
  read_cutoff(section, timezone, delivery);
  if (auto value = section.integer("max_attempts", 1, 100)) {
    delivery.max_attempts = static_cast<int>(*value);
  }
  read_duration(section, "backoff_initial", milliseconds(100), false, delivery.backoff_initial);
  if (read_duration(section, "backoff_max", milliseconds(100), false, delivery.backoff_max) &&
      delivery.backoff_max < delivery.backoff_initial) {
    section.error("backoff_max", "must not be shorter than '" +
                                     section.qualified("backoff_initial") + "' (" +
                                     format_duration(delivery.backoff_initial) + ")");
  }
  read_duration(section, "lease", milliseconds(10 * 1000), false, delivery.lease);
  if (auto value = section.integer("concurrency", 1, 256)) {
    delivery.concurrency = static_cast<int>(*value);
  }
  if (auto value = section.positive_number("rate_per_second", 10000)) {
    delivery.rate_per_second = *value;
  }
  read_duration(section, "connect_timeout", milliseconds(100), false, delivery.connect_timeout);
  read_duration(section, "timeout", milliseconds(100), false, delivery.timeout);
  read_duration(section, "url_check_interval", milliseconds(100), false,
                delivery.url_check_interval);
  if (read_duration(section, "url_check_max", milliseconds(1000), false,
                    delivery.url_check_max) &&
      delivery.url_check_max < delivery.url_check_interval) {
    section.error("url_check_max", "must not be shorter than '" +
                                       section.qualified("url_check_interval") + "' (" +
                                       format_duration(delivery.url_check_interval) + ")");
  }
  read_readable_file(section, "ca_file", base_dir, "a PEM file of CA certificates",
                     delivery.ca_file);
  check_lease(section, targets, delivery);
  read_image_sources(section, delivery);
}

void read_control_section(const SectionReader& top, const std::string& base_dir,
                          const std::string& state_dir, ControlConfig& control) {
  SectionReader section = top.section("control", {"socket"});
  std::string socket;
  bool configured = section.has("socket");
  if (configured) {
    if (!read_required(section, "socket",
                       "give the path of the control socket, e.g. /run/herald/control.sock",
                       socket)) {
      return;
    }
    control.socket = resolve_directory(base_dir, socket);
  } else {
    control.socket = resolve_directory(state_dir, "control.sock");
  }
  if (control.socket.size() <= kMaxSocketPath) return;
  std::string length = std::to_string(control.socket.size()) + " bytes long";
  std::string limit = "a Unix socket path must be shorter than " +
                      std::to_string(kMaxSocketPath + 1) + " bytes: ";
  if (configured) {
    section.error("socket", "resolves to " + control.socket + ", which is " + length + "; " +
                                limit + "choose a shorter path");
  } else {
    section.error("socket", "defaults to " + control.socket + " (in 'state.dir'), which is " +
                                length + "; " + limit + "set '" + section.qualified("socket") +
                                "' to a shorter path");
  }
  control.socket.clear();
}

}  // namespace herald
