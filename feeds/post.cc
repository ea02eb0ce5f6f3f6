#include "feeds/post.h"

#include <utility>

#include "feeds/post_file_name.h"

namespace herald {

namespace {

constexpr std::size_t kJekyllDate = 11;  // "YYYY-MM-DD-"

// What follows the date in a Jekyll file name (parse_jekyll_file_name's
// slug), read without checking the date: a slug equal to it is the same
// text wherever the name came from.
std::string_view slug_in_path(std::string_view path) {
  std::string_view stem = file_stem(path);
  return stem.size() < kJekyllDate ? std::string_view() : stem.substr(kJekyllDate);
}

}  // namespace

std::string_view Post::slug() const {
  return slug_is_file_name ? slug_in_path(source_path) : std::string_view(slug_text);
}

void Post::set_slug(std::string slug) {
  slug_is_file_name = !slug.empty() && slug_in_path(source_path) == slug;
  if (slug_is_file_name) slug_text.clear();
  else slug_text = std::move(slug);
}

}  // namespace herald
