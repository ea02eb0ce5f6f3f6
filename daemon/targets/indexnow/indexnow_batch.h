// An IndexNow batch as the outbox keeps it (the payload of an
// indexnow.submit delivery): the JSON array of the absolute URLs it
// submits, each once, in the order they changed. Pure (Boost.JSON).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/status.h"

namespace herald {

// ["https://site/a/", "https://site/b/"]
std::string indexnow_batch_payload(const std::vector<std::string>& urls);

// The URLs of a stored batch; failed when it is not a JSON array of strings.
Result<std::vector<std::string>> indexnow_batch_urls(std::string_view payload);

// `batch` with each URL of `more` it does not hold yet appended.
std::vector<std::string> merge_batch_urls(std::vector<std::string> batch, const std::vector<std::string>& more);

}  // namespace herald
