// The post as a social announcement stores it when the delivery is created,
// so every later attempt renders the same text from the stored payload and
// never from the live file (which may have been edited or deleted since).
//
//   {"id", "title", "url" (absolute public URL, post_urls.h),
//    "summary", "date" (RFC 3339 in the post's own offset),
//    "section" (as the post writes it, "" none),
//    "section_name" (the section's display name: the name the catalog
//                    gives its feed when the caller passes one, else section),
//    "tags": [...], "image" (absolute URL, "" none), "image_alt",
//    "fields": {key: text}  every other front-matter scalar (Post::fields),
//    "text" (only once an editor approved the delivery with a text of their
//            own, `herald approve --text`: sent as it is, instead of the
//            template's rendering)}
//
// Every member is always present and a string (tags: array of strings,
// fields: object of strings), so readers need no null checks.
// SnapshotFields reads one back (from the object, or from the JSON text of a
// stored payload) for templates; unknown members are ignored.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "feeds/post.h"
#include "feeds/status.h"

namespace herald {

// The snapshot of `post`. `section_name` empty: post.section.
boost::json::object post_snapshot(const Post& post, const Config& config,
                                  std::string_view section_name = {});

// A snapshot read back.
struct SnapshotFields {
  std::string id;
  std::string title;
  std::string url;
  std::string summary;
  std::string date;          // RFC 3339
  std::string section;
  std::string section_name;
  std::vector<std::string> tags;
  std::string image;         // absolute URL, "" none
  std::string image_alt;
  std::map<std::string, std::string> fields;
  std::string text;          // the editor's text, "" none (the template's rendering)

  // Reads `snapshot`; failed ("snapshot: 'title' must be a string") when
  // it is not an object of the shape above. Missing members read as empty.
  static Result<SnapshotFields> read(const boost::json::value& snapshot);
  // The same from JSON text ("snapshot: not JSON: <reason>" when it does
  // not parse).
  static Result<SnapshotFields> parse(std::string_view json);

  // The front-matter field `key`, "" when the post has none.
  const std::string& field(const std::string& key) const;
};

// The stored snapshot `snapshot_json` with the editor's `text` set; failed
// when it is not a snapshot (the payload of a webhook, which has no text).
Result<std::string> with_editor_text(std::string_view snapshot_json, std::string_view text);

}  // namespace herald
