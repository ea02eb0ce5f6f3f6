// A post for the feeds core's tests, as the parser would make it of a file
// "<id>.md" titled "Noticia <id>" (slug "n-<id>") published at `when`
// (unix seconds, UTC); tests set what else they need on it.
#pragma once

#include <cstdint>
#include <string>

#include "feeds/post.h"

namespace herald::testing {

inline Post dated_post(const std::string& id, std::int64_t when) {
  Post p;
  p.source_path = id + ".md";
  p.id = id;
  p.title = "Noticia " + id;
  p.set_slug("n-" + id);
  p.date = Timestamp{when, 0};
  return p;
}

}  // namespace herald::testing
