// The sections of the configuration schema, one reader per section. Each
// reads its mapping from the top level, applies defaults, checks every value
// and reports problems through the SectionReader; it never stops early.
// Directories are resolved against `base_dir` (the config file's directory).
#pragma once

#include <string>

#include "config/config.h"
#include "config/section_reader.h"

namespace herald {

void read_site_section(const SectionReader& top, SiteConfig& site);
void read_content_section(const SectionReader& top, const std::string& base_dir,
                          ContentConfig& content);
// `content_dir` (empty when invalid) must not be output.dir or contain it.
void read_output_section(const SectionReader& top, const std::string& base_dir,
                         const std::string& content_dir, OutputConfig& output);
// Titles left empty are derived from `site_title`.
void read_feeds_section(const SectionReader& top, const std::string& site_title,
                        FeedsConfig& feeds);

// The daemon's sections (daemon_sections.cc). `env` gives $STATE_DIRECTORY.
void read_serve_section(const SectionReader& top, ServeConfig& serve);
void read_state_section(const SectionReader& top, const std::string& base_dir,
                        const EnvLookup& env, StateConfig& state);
void read_watch_section(const SectionReader& top, WatchConfig& watch);
void read_log_section(const SectionReader& top, LogConfig& log);

}  // namespace herald
