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

}  // namespace herald
