#include "daemon/site/post_record.h"

#include <boost/json.hpp>

namespace herald {
namespace json = boost::json;
namespace {

// Positions in the record array.
enum Slot {
  kVersion, kId, kGuid, kTitle, kDate, kUpdated, kAuthor, kSummary, kSection,
  kTags, kImage, kDraft, kSlug, kBodyLine, kFields, kTitleSlug, kSiteOffset, kSlotCount
};

json::array timestamp_value(const Timestamp& t) { return {t.unix_seconds, t.offset_minutes}; }

// Reads typed values out of a parsed record; the first mismatch is kept and
// every later read returns a default.
class RecordReader {
 public:
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  bool fail(const char* what) {
    if (status_.ok()) status_ = Status::failed(what);
    return false;
  }
  std::string string(const json::value& v) {
    const json::string* s = v.if_string();
    if (!s) return fail("a text field is not a string"), std::string();
    return std::string(s->data(), s->size());
  }
  std::int64_t integer(const json::value& v) {
    const std::int64_t* i = v.if_int64();
    if (!i) return fail("a number field is not an integer"), 0;
    return *i;
  }
  Timestamp timestamp(const json::value& v) {
    const json::array* a = v.if_array();
    if (!a || a->size() != 2) return fail("a date is not [seconds, offset]"), Timestamp{};
    return Timestamp{integer((*a)[0]), static_cast<int>(integer((*a)[1]))};
  }

 private:
  Status status_;
};

}  // namespace

std::string encode_post_record(const Post& post) {
  json::array record(kSlotCount);
  record[kVersion] = kPostRecordVersion;
  record[kId] = post.id;
  record[kGuid] = post.guid.str();
  record[kTitle] = post.title;
  record[kDate] = timestamp_value(post.date);
  if (post.updated) record[kUpdated] = timestamp_value(*post.updated);
  record[kAuthor] = post.author.str();
  record[kSummary] = post.summary;
  record[kSection] = post.section.str();
  json::array& tags = record[kTags].emplace_array();
  for (const std::string& tag : post.tags) tags.emplace_back(tag);
  if (post.image) record[kImage] = json::array{json::string(post.image->url), json::string(post.image_alt())};
  record[kDraft] = post.draft;
  record[kSlug] = post.slug();
  record[kTitleSlug] = post.title_slug.str();
  record[kSiteOffset] = post.site_offset_minutes;
  record[kBodyLine] = post.body_line;
  json::object& fields = record[kFields].emplace_object();
  for (const auto& [key, value] : post.fields) fields.emplace(key, value);
  return json::serialize(record);
}

Result<Post> decode_post_record(std::string_view bytes, const std::string& source_path) {
  unsigned char buffer[8192];  // a typical record parses without touching the heap
  json::monotonic_resource arena(buffer, sizeof buffer);
  boost::system::error_code ec;
  json::value parsed = json::parse(bytes, ec, &arena);
  RecordReader in;
  const json::array* record = ec ? nullptr : parsed.if_array();
  if (!record || record->size() != kSlotCount) {
    in.fail("not a post record");
    return in.status();
  }
  const json::array& r = *record;
  if (in.integer(r[kVersion]) != kPostRecordVersion) {
    in.fail("a post record of another version");
    return in.status();
  }
  Post post;
  post.source_path = source_path;
  post.id = in.string(r[kId]);
  post.guid = in.string(r[kGuid]);
  post.title = in.string(r[kTitle]);
  post.date = in.timestamp(r[kDate]);
  if (!r[kUpdated].is_null()) post.updated = in.timestamp(r[kUpdated]);
  post.author = in.string(r[kAuthor]);
  post.summary = in.string(r[kSummary]);
  post.section = in.string(r[kSection]);
  if (const json::array* tags = r[kTags].if_array()) {
    TagList::Tags read;
    read.reserve(tags->size());
    for (const json::value& tag : *tags) read.push_back(in.string(tag));
    post.tags = std::move(read);
  } else {
    in.fail("tags are not an array");
  }
  if (!r[kImage].is_null()) {
    const json::array* image = r[kImage].if_array();
    if (image && image->size() == 2) {
      post.image = Image{in.string((*image)[0]), in.string((*image)[1])};
      post.share_image_alt();
    } else {
      in.fail("the image is not [url, alt]");
    }
  }
  if (const bool* draft = r[kDraft].if_bool()) post.draft = *draft;
  else in.fail("draft is not a boolean");
  post.set_slug(in.string(r[kSlug]));
  // Kept once when it is the slug (a record of an older herald holds both).
  if (std::string title_slug = in.string(r[kTitleSlug]); title_slug != post.slug()) {
    post.title_slug = std::move(title_slug);
  }
  post.site_offset_minutes = static_cast<std::int16_t>(in.integer(r[kSiteOffset]));
  post.body_line = static_cast<int>(in.integer(r[kBodyLine]));
  if (const json::object* fields = r[kFields].if_object()) {
    for (const auto& field : *fields) {
      post.fields.emplace(field.key(), in.string(field.value()));
    }
  } else {
    in.fail("fields are not an object");
  }
  if (!in.ok()) return in.status();
  return post;
}

}  // namespace herald
