// The sections of the configuration schema, one reader per section. Each
// reads its mapping from the top level, applies defaults, checks every value
// and reports problems through the SectionReader; it never stops early.
// Directories are resolved against `base_dir` (the config file's directory).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "config/section_reader.h"

namespace herald {

void read_site_section(const SectionReader& top, const std::string& base_dir, SiteConfig& site);
void read_content_section(const SectionReader& top, const std::string& base_dir,
                          ContentConfig& content);
// The files herald must never serve: the posts (drafts included), its state
// (the outbox holds credentials), the configuration file and the control
// socket. Absolute, as resolved by the other sections; empty ones are skipped.
struct PrivatePaths {
  std::string content_dir;
  std::string state_dir;
  std::string config_file;
  std::string control_socket;
};
// output.dir must not be content.dir or lie inside it (herald would read its
// feeds as posts), and must not contain any of `private_paths` (the server
// would publish them).
void read_output_section(const SectionReader& top, const std::string& base_dir,
                         const PrivatePaths& private_paths, OutputConfig& output);
// Titles left empty are derived from `site_title`.
void read_feeds_section(const SectionReader& top, const std::string& site_title,
                        FeedsConfig& feeds);

// The daemon's sections (daemon_sections.cc). `env` gives $STATE_DIRECTORY
// and $CREDENTIALS_DIRECTORY (state.database_password_file); with
// TargetKeys::names_and_types state.database is not read (config.h).
void read_serve_section(const SectionReader& top, ServeConfig& serve);
void read_state_section(const SectionReader& top, const std::string& base_dir,
                        const EnvLookup& env, TargetKeys keys, StateConfig& state);
void read_watch_section(const SectionReader& top, WatchConfig& watch);
void read_log_section(const SectionReader& top, LogConfig& log);

// The delivery sections. `targets:` (target_section.cc): `env` gives
// $CREDENTIALS_DIRECTORY for `*_file` secrets; `keys` says whether the
// type's own keys are read (config.h). `delivery:` and `control:`
// (delivery_sections.cc): the cutoff is read in the site's `timezone`; the
// lease must outlast every request timeout of `targets`; the control socket
// defaults to <state_dir>/control.sock.
void read_targets_section(const SectionReader& top, const std::string& base_dir,
                          const EnvLookup& env, TargetKeys keys,
                          std::vector<TargetConfig>& targets);
// A target's `pace:` (pace_section.cc): durations with the duration syntax,
// quiet_hours "HH:MM-HH:MM", max_per_day a whole number, order an enum.
void read_pace_section(const SectionReader& target, PaceConfig& pace);
// A list of section or tag names at `key`, stored as slugs (what posts are
// matched by); a name without a letter, digit or symbol is an error.
void read_slugs(const SectionReader& item, const std::string& key, std::vector<std::string>& out);
// A target's `approval:` (approval_section.cc): `required`, or a mapping
// {required, timeout, on_timeout, sections, tags, flag}.
void read_approval_section(const SectionReader& target, ApprovalConfig& approval);
void read_delivery_section(const SectionReader& top, const std::string& base_dir,
                           const std::string& timezone,
                           const std::vector<TargetConfig>& targets, DeliveryConfig& delivery);
// `console:` (console_section.cc): listen address, accounts, cookies, the
// trusted reverse proxy.
void read_console_section(const SectionReader& top, const std::string& base_dir,
                          const std::string& state_dir, ConsoleConfig& console);
void read_control_section(const SectionReader& top, const std::string& base_dir,
                          const std::string& state_dir, ControlConfig& control);

}  // namespace herald
