#include "catalog_churn.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iterator>

namespace herald::testing {
namespace {

// Spellings that share slugs, and names that slug to nothing.
const std::vector<std::string> kSections = {"Economía", "economia", "Economia", "Local",
                                            "Obras Públicas", "obras publicas", "", "!!!"};
const std::vector<std::string> kTags = {"Agua",  "agua",    "AGUA",     "IMM",
                                        "imm",   "C++ & más", "c mas",  "!!!",
                                        "Cultura", "cultura", "deporte", "Día de Muertos"};

void add_keys(CatalogChurn::Change& change, const Post& post, const FeedsConfig& feeds) {
  for (FeedKey& key : feed_keys(post, feeds)) change.keys.push_back(std::move(key));
  change.months.push_back(archive_month(post));
}

}  // namespace

CatalogChurn::CatalogChurn(unsigned seed, Timestamp now, bool keep_bodies, std::int64_t time_unit)
    : rng_(seed), now_(now), keep_bodies_(keep_bodies), unit_(time_unit) {}

void CatalogChurn::fill(Catalog& catalog, const FeedsConfig& feeds, int posts) {
  Change ignored;
  for (int i = 0; i < posts; ++i) {
    store(catalog, random_post(std::to_string(next_id_++)), ignored, feeds);
  }
}

Post CatalogChurn::random_post(const std::string& id) {
  Post post;
  post.id = id;
  post.source_path = "_posts/" + id + ".md";
  post.title = "Noticia " + id + " & <más>";
  post.date = random_date();
  post.site_offset_minutes = -360;
  post.section = kSections[roll(static_cast<int>(kSections.size()))];
  post.tags = random_tags();
  post.summary = "Resumen " + id;
  post.draft = roll(20) == 0;
  post.set_slug("noticia-" + id);
  if (roll(3) == 0) post.image = Image{"/img/" + id + ".png", "Foto " + id};
  if (roll(4) == 0) post.author = "Autora " + id;
  post.body = "Texto **" + id + "** rev " + std::to_string(++revision_) + " [enlace](/ver/" + id + "/)";
  return post;
}

std::vector<std::string> CatalogChurn::random_tags() {
  std::vector<std::string> tags;
  for (int n = roll(4); n > 0; --n) {
    const std::string& tag = kTags[roll(static_cast<int>(kTags.size()))];
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  }
  return tags;
}

const Post& CatalogChurn::pick() {
  auto it = posts_.begin();
  std::advance(it, roll(static_cast<int>(posts_.size())));
  return it->second;
}

void CatalogChurn::store(Catalog& catalog, Post post, Change& change, const FeedsConfig& feeds) {
  if (const Post* old = catalog.find_by_path(post.source_path)) add_keys(change, *old, feeds);
  add_keys(change, post, feeds);
  change.ids.push_back(post.id);
  bodies_[post.id] = post.body;
  if (!keep_bodies_) post.body.clear();
  posts_[post.source_path] = post;
  BOOST_REQUIRE_MESSAGE(!catalog.upsert(std::move(post)), "churn stores no duplicate id");
}

void CatalogChurn::remove(Catalog& catalog, const std::string& path, Change& change,
                          const FeedsConfig& feeds) {
  add_keys(change, *catalog.find_by_path(path), feeds);
  change.ids.push_back(*catalog.remove_path(path));
  posts_.erase(path);
}

CatalogChurn::Change CatalogChurn::step(Catalog& catalog, const FeedsConfig& feeds) {
  Change change;
  int op = posts_.empty() ? 0 : roll(20);
  if (op < 5) {  // a new post
    store(catalog, random_post(std::to_string(next_id_++)), change, feeds);
  } else if (op < 14) {  // an edit of one thing
    Post post = pick();
    std::string body = bodies_[post.id];
    switch (op) {
      case 5:
      case 6:
        post.title += " (editado)";
        post.summary += " bis";
        body += " editado " + std::to_string(++revision_);
        break;
      case 7:
      case 8:
        post.date = random_date();
        break;
      case 9:
        post.section = kSections[roll(static_cast<int>(kSections.size()))];
        break;
      case 10:
      case 11:
        post.tags = random_tags();
        break;
      case 12:
        post.draft = !post.draft;
        break;
      default:
        break;  // saved unchanged: a new revision all the same
    }
    post.body = body;
    store(catalog, std::move(post), change, feeds);
  } else if (op < 17) {
    remove(catalog, pick().source_path, change, feeds);
  } else if (op < 18) {  // renamed: the new path announces the same id
    Post post = pick();
    remove(catalog, post.source_path, change, feeds);
    post.source_path += ".moved";
    post.body = bodies_[post.id];
    store(catalog, std::move(post), change, feeds);
  } else {  // the clock moves past scheduled posts
    Timestamp later{now_.unix_seconds + 10 * roll(20) * unit_, 0};
    for (const Post* post : catalog.due(now_, later)) add_keys(change, *post, feeds);
    now_ = later;
  }
  return change;
}

}  // namespace herald::testing
