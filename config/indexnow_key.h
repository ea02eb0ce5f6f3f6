// IndexNow's key file (https://www.indexnow.org/documentation): the URL a
// search engine fetches to check an `indexnow` target's key, and the file
// herald writes into output.dir (by `herald build` and `herald run`) when
// that URL is the default one, <site.url><key>.txt. A key_location
// elsewhere is the operator's to publish. Pure: the writers do the I/O.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "feeds/output_file.h"

namespace herald {

// Where the search engines fetch `settings`' key: its key_location, else
// <site.url><key>.txt.
std::string indexnow_key_location(const Config& config, const IndexNowSettings& settings);

// The key files herald writes: "<key>.txt" holding the key, one per
// distinct key of an indexnow target whose key location is the default
// one, in target order. Never stale output: written at every full render.
std::vector<OutputFile> indexnow_key_files(const Config& config);

}  // namespace herald
