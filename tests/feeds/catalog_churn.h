// CatalogChurn: deterministic random changes to a Catalog, the way a content
// directory changes under the daemon (new posts, edits of text, date,
// section, tags and draft flag, removals, renames, the clock moving past
// scheduled posts). It mirrors what it stored so tests can check the
// catalog's indexes against plain recomputation, and reports the feeds each
// change affects: feed_keys(old) ∪ feed_keys(new).
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "feeds/archive_plan.h"
#include "feeds/catalog.h"
#include "feeds/feed_key.h"

namespace herald::testing {

class CatalogChurn {
 public:
  // `keep_bodies`: posts carry their body; otherwise bodies() holds them and
  // the posts' body is empty, as in the daemon. Dates are multiples of 10
  // `time_unit`s from 0 to 1990, and the clock moves by up to 190 of them: 1
  // second by default (ties happen), a day to spread posts over months
  // (archive_plan.h) in a site zone of UTC-6.
  CatalogChurn(unsigned seed, Timestamp now, bool keep_bodies, std::int64_t time_unit = 1);

  void fill(Catalog& catalog, const FeedsConfig& feeds, int posts);

  struct Change {
    std::vector<std::string> ids;  // posts that changed (empty: only the clock moved)
    std::vector<FeedKey> keys;     // feeds to re-render
    std::vector<ArchiveMonth> months;  // the changed posts' months, before and after
  };
  Change step(Catalog& catalog, const FeedsConfig& feeds);

  const Timestamp& now() const { return now_; }
  const std::map<std::string, Post>& posts() const { return posts_; }  // by path
  const std::map<std::string, std::string>& bodies() const { return bodies_; }  // by id

 private:
  Post random_post(const std::string& id);
  std::vector<std::string> random_tags();
  const Post& pick();
  void store(Catalog& catalog, Post post, Change& change, const FeedsConfig& feeds);
  void remove(Catalog& catalog, const std::string& path, Change& change, const FeedsConfig& feeds);
  Timestamp random_date() { return Timestamp{10 * roll(200) * unit_, -360}; }
  int roll(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::mt19937 rng_;
  Timestamp now_;
  bool keep_bodies_;
  std::int64_t unit_;
  int next_id_ = 0;
  int revision_ = 0;
  std::map<std::string, Post> posts_;
  std::map<std::string, std::string> bodies_;
};

}  // namespace herald::testing
