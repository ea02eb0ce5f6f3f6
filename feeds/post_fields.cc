#include "feeds/post_fields.h"

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <vector>

#include "feeds/front_matter_yaml.h"
#include "feeds/post_file_name.h"
#include "feeds/safe_url.h"
#include "feeds/text.h"

namespace herald {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

bool is_absent(const YamlNode& node, const PostRules& rules) {
  if (node.is_null()) return true;
  if (!node.is_scalar()) return false;
  std::string value = trim(node.scalar);
  return std::any_of(rules.absent_values.begin(), rules.absent_values.end(),
                     [&](const std::string& absent) { return equals_ignoring_case(value, absent); });
}

std::string clean(std::string_view text) { return strip_xml_forbidden(trim(text)); }

// yaml-cpp's reading of a boolean, kept so that posts read as before:
// y/yes/true/on and n/no/false/off, all lower case, all upper case or
// capitalised; anything else is not a boolean.
std::optional<bool> yaml_boolean(std::string_view text) {
  bool lower = true, upper = true, capital = !text.empty() && text[0] >= 'A' && text[0] <= 'Z';
  std::string folded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool is_upper = c >= 'A' && c <= 'Z';
    bool is_lower = c >= 'a' && c <= 'z';
    if (is_upper) lower = false;
    if (is_lower) upper = false;
    if (i > 0 && is_upper) capital = false;
    folded.push_back(is_upper ? static_cast<char>(c + 32) : c);
  }
  if (!lower && !upper && !capital) return std::nullopt;
  for (auto [yes, no] : {std::pair{"y", "n"}, {"yes", "no"}, {"true", "false"}, {"on", "off"}}) {
    if (folded == yes) return true;
    if (folded == no) return false;
  }
  return std::nullopt;
}

// Reads one post's fields; the first failure is kept in error_.
class FieldReader {
 public:
  FieldReader(const YamlTree& tree, const FrontMatter& fm, std::string_view path,
              const PostRules& rules, const TimeZone& zone, std::vector<Diagnostic>* warnings)
      : tree_(tree), fm_(fm), path_(path), rules_(rules), zone_(zone), warnings_(warnings),
        file_name_(parse_jekyll_file_name(path)) {
    const std::vector<std::uint32_t>& items = tree.root().items;
    entries_.reserve(items.size() / 2);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
      const YamlNode& key = tree.at(items[i]);
      const YamlNode& value = tree.at(items[i + 1]);
      if (!key.is_scalar() || is_absent(value, rules)) continue;
      entries_.emplace_back(key.scalar, &value);
    }
  }

  std::optional<Diagnostic> read(Post* post) {
    const FieldMap& f = rules_.fields;
    if (!read_title(post) || !read_dates(post) || !read_identity(post) ||
        !text(f.author, &post->author) || !text(f.section, &post->section) ||
        !text(f.summary, &post->summary) || !read_tags(post) || !read_image(post)) {
      return error_;
    }
    post->summary = squash_whitespace(post->summary);
    post->draft = boolean("published") == false || boolean("draft") == true;
    read_guid(post);
    read_slug(post);
    post->share_image_alt();
    // The other fields, for templates; the mapped ones are in their members
    // already (a daemon holds 100,000 posts: no copy of every description).
    for (const auto& [key, node] : entries_) {
      if (node->is_scalar() && !is_mapped(key)) {
        post->fields.emplace(key, strip_xml_forbidden(node->scalar));
      }
    }
    return std::nullopt;
  }

 private:
  // Whether `key` is read into a Post member (FieldMap, drafts, guid).
  bool is_mapped(std::string_view key) const {
    const FieldMap& f = rules_.fields;
    for (const std::string* name : {&f.id, &f.title, &f.date, &f.updated, &f.author, &f.summary,
                                    &f.section, &f.tags, &f.image, &f.image_alt}) {
      if (*name == key) return true;
    }
    if (key == "published" || key == "draft") return true;
    return std::find(f.guid.begin(), f.guid.end(), key) != f.guid.end();
  }

  // The first present, non-absent value of `key`.
  const YamlNode* find(std::string_view key) const {
    for (const auto& [name, node] : entries_) {
      if (name == key) return node;
    }
    return nullptr;
  }

  bool fail(const YamlNode& node, std::string message) {
    TextPosition pos = mark_position(fm_, node.mark);
    error_ = Diagnostic{"", pos.line, pos.column, std::move(message)};
    return false;
  }
  bool fail_at_start(std::string message) {
    error_ = Diagnostic{"", 1, 1, std::move(message)};
    return false;
  }

  // A scalar field: *out stays empty when the field is missing or absent.
  bool scalar(const std::string& key, const YamlNode** out) {
    *out = find(key);
    if (*out == nullptr || (*out)->is_scalar()) return true;
    return fail(**out, "field '" + key + "' is a list or map; give it a single value");
  }
  template <class Text>  // std::string or SharedText
  bool text(const std::string& key, Text* out) {
    const YamlNode* node = nullptr;
    if (!scalar(key, &node)) return false;
    if (node != nullptr) *out = clean(node->scalar);
    return true;
  }
  std::optional<bool> boolean(const std::string& key) const {
    const YamlNode* node = find(key);
    if (node == nullptr || !node->is_scalar()) return std::nullopt;
    return yaml_boolean(node->scalar);
  }

  bool read_title(Post* post) {
    if (!text(rules_.fields.title, &post->title)) return false;
    post->title = squash_whitespace(post->title);
    if (post->title.empty()) {
      return fail_at_start("no title; add a '" + rules_.fields.title + ":' field");
    }
    return true;
  }

  bool date(const std::string& key, std::optional<Timestamp>* out) {
    const YamlNode* node = nullptr;
    if (!scalar(key, &node)) return false;
    if (node == nullptr) return true;
    std::string why;
    *out = parse_timestamp(node->scalar, zone_, &why);
    return out->has_value() || fail(*node, "field '" + key + "': " + why);
  }

  bool read_dates(Post* post) {
    std::optional<Timestamp> published;
    if (!date(rules_.fields.date, &published) || !date(rules_.fields.updated, &post->updated)) {
      return false;
    }
    if (!published && file_name_) {
      published = civil_to_timestamp(file_name_->year, file_name_->month, file_name_->day, 0, 0,
                                     0, zone_);
    }
    if (!published) {
      return fail_at_start("no date; add a '" + rules_.fields.date +
                           ":' field such as 2021-08-10T16:17:00-06:00");
    }
    post->date = *published;
    post->site_offset_minutes = zone_.offset_minutes_at(published->unix_seconds);
    return true;
  }

  bool read_identity(Post* post) {
    const std::string& key = rules_.fields.id;
    if (key.empty()) {
      post->id = std::string(file_stem(path_));
    } else if (!text(key, &post->id)) {
      return false;
    }
    if (post->id.empty()) {
      return fail_at_start("no identity; add '" + key +
                           ":' with the post's permanent id (content.fields.id)");
    }
    return true;
  }

  bool read_tags(Post* post) {
    const YamlNode* node = find(rules_.fields.tags);
    if (node == nullptr) return true;
    if (node->is_map()) {
      return fail(*node, "field '" + rules_.fields.tags +
                                    "' is a map; write a list or comma-separated text");
    }
    std::vector<std::string_view> raw;
    if (node->is_scalar()) {
      std::string_view all = node->scalar;
      for (std::size_t start = 0; start <= all.size();) {
        std::size_t comma = std::min(all.find(',', start), all.size());
        raw.emplace_back(all.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      for (std::uint32_t index : node->items) {
        const YamlNode& item = tree_.at(index);
        if (item.is_scalar() && !is_absent(item, rules_)) raw.push_back(item.scalar);
      }
    }
    return add_tags(*node, raw, post);
  }

  // Cleans, de-duplicates (hashing: linear) and counts the tags against
  // content.max_tags and content.max_tag_bytes.
  bool add_tags(const YamlNode& node, const std::vector<std::string_view>& raw, Post* post) {
    std::unordered_set<std::string> seen;
    for (std::string_view tag : raw) {
      std::string cleaned = clean(tag);
      if (cleaned.size() > rules_.max_tag_bytes) {
        return fail(node, "a tag is " + std::to_string(cleaned.size()) + " bytes, longer than " +
                              std::to_string(rules_.max_tag_bytes) +
                              "; shorten it or raise content.max_tag_bytes");
      }
      if (cleaned.empty() || !seen.insert(cleaned).second) continue;
      if (post->tags.size() == rules_.max_tags) {
        return fail(node, "more than " + std::to_string(rules_.max_tags) +
                              " tags; keep the ones readers follow or raise content.max_tags");
      }
      post->tags.push_back(std::move(cleaned));
    }
    return true;
  }

  bool read_image(Post* post) {
    const YamlNode* node = find(rules_.fields.image);
    if (node == nullptr) return true;
    Image image;
    if (node->is_scalar()) {
      image.url = clean(node->scalar);
    } else if (node->is_map()) {
      for (const char* key : {"path", "url"}) {
        const YamlNode* value = tree_.find(*node, key);
        if (value && value->is_scalar() && !is_absent(*value, rules_) && image.url.empty()) {
          image.url = clean(value->scalar);
        }
      }
      const YamlNode* alt = tree_.find(*node, "alt");
      if (alt && alt->is_scalar() && !is_absent(*alt, rules_)) image.alt = clean(alt->scalar);
    } else {
      return fail(*node, "field '" + rules_.fields.image +
                                    "' is a list; give a path, or a map with 'path' and 'alt'");
    }
    if (image.alt.empty() && !text(rules_.fields.image_alt, &image.alt)) return false;
    image.alt = squash_whitespace(image.alt);
    if (image.url.empty()) return true;
    if (!safe_url(image.url, "http://localhost/", UrlUse::kFeedImage)) {
      TextPosition pos = mark_position(fm_, node->mark);
      warnings_->push_back(Diagnostic{"", pos.line, pos.column,
                                      "field '" + rules_.fields.image +
                                          "' is not an http(s) URL or a path; the post is "
                                          "published without its image",
                                      true});
      return true;
    }
    if (rules_.warn_missing_alt && image.alt.empty()) {
      TextPosition pos = mark_position(fm_, node->mark);
      warnings_->push_back(Diagnostic{"", pos.line, pos.column,
                                      "the image has no alt text (accessibility); announcements describe it "
                                      "with the post's title; add '" + rules_.fields.image_alt + "'",
                                      true});
    }
    post->image = std::move(image);
    return true;
  }

  void read_guid(Post* post) const {
    for (const std::string& key : rules_.fields.guid) {
      const YamlNode* node = find(key);
      if (node != nullptr && node->is_scalar()) {
        post->guid = clean(node->scalar);
        if (!post->guid.empty()) return;
      }
    }
  }

  void read_slug(Post* post) const {
    std::string source;
    const YamlNode* node = find("slug");
    if (node != nullptr && node->is_scalar()) source = clean(node->scalar);
    if (source.empty() && file_name_) {
      std::string_view name = file_name_->slug;
      while (name.ends_with('.')) name.remove_suffix(1);  // as Jekyll: no trailing dots
      source = std::string(name);
    }
    std::string slug = jekyll_slugify(source, JekyllSlugMode::kDefault, false);
    std::string title_slug = jekyll_slugify(source, JekyllSlugMode::kPretty, true);
    if (slug.empty() || title_slug.empty()) {
      slug = slugify(post->title);
      if (slug.empty()) slug = slugify(post->id);
    } else if (title_slug != slug) {
      post->title_slug = std::move(title_slug);  // else kept once, as slug
    }
    post->set_slug(std::move(slug));
  }

  const YamlTree& tree_;
  const FrontMatter& fm_;
  std::string_view path_;
  const PostRules& rules_;
  const TimeZone& zone_;
  std::vector<Diagnostic>* warnings_;
  std::optional<JekyllFileName> file_name_;
  std::vector<std::pair<std::string_view, const YamlNode*>> entries_;
  std::optional<Diagnostic> error_;
};

}  // namespace

std::optional<Diagnostic> read_post_fields(const YamlTree& tree, const FrontMatter& fm,
                                           std::string_view path, const PostRules& rules,
                                           const TimeZone& zone, Post* post,
                                           std::vector<Diagnostic>* warnings) {
  return FieldReader(tree, fm, path, rules, zone, warnings).read(post);
}

}  // namespace herald
