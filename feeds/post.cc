#include "feeds/post.h"

#include <utility>

#include "feeds/post_file_name.h"

namespace herald {

namespace {

constexpr std::size_t kJekyllDate = 11;  // "YYYY-MM-DD-"

}  // namespace

std::string_view Post::slug() const {
  if (!slug_is_file_name) return slug_text;
  std::string_view stem = file_stem(source_path);
  return stem.size() < kJekyllDate ? std::string_view() : stem.substr(kJekyllDate);
}

void Post::set_slug(std::string slug) {
  std::optional<JekyllFileName> name = parse_jekyll_file_name(source_path);
  slug_is_file_name = name && !slug.empty() && name->slug == slug;
  if (slug_is_file_name) slug_text.clear();
  else slug_text = std::move(slug);
}

}  // namespace herald
