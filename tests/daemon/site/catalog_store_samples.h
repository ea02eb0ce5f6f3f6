// What the catalog stores' tests (SQLite and PostgreSQL) store and read
// back: a sample post, a stamp, every row of a store, the round trip both
// engines keep.
#pragma once

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "daemon/site/catalog_store.h"
#include "daemon/site/post_record.h"

namespace herald::test {

inline Post sample_post(const std::string& path, const std::string& id) {
  Post p;
  p.source_path = path;
  p.id = id;
  p.title = "Título " + id;
  p.date = Timestamp{1628633820, -360};
  p.tags = {"a", "b"};
  p.body_line = 9;
  return p;
}

inline std::vector<StoredEntry> load_all(CatalogStore& store) {
  std::vector<StoredEntry> entries;
  Status s = store.load(&entries);
  BOOST_TEST_REQUIRE(s.ok(), s.message);
  return entries;
}

inline const FileStamp kSampleStamp{7, 8, 120, 1'000, 2'000};

// Posts and an error put in a batch, a row removed alone: loaded back
// field by field in path order.
inline void puts_and_loads_in_path_order(CatalogStore& store) {
  BOOST_TEST(store.begin().ok());
  BOOST_TEST(store.put("b.md", kSampleStamp, 3'000, "hash-b", sample_post("b.md", "2")).ok());
  BOOST_TEST(store.put_error("a.md", kSampleStamp, 3'000, "hash-a", Diagnostic{"a.md", 3, 5, "bad date"}).ok());
  BOOST_TEST(store.put("c.md", kSampleStamp, 3'000, "hash-c", sample_post("c.md", "3")).ok());
  BOOST_TEST(store.commit().ok());
  BOOST_TEST(store.remove("c.md").ok());  // outside a batch: commits alone
  BOOST_TEST(store.remove("never-stored.md").ok());

  std::vector<StoredEntry> entries = load_all(store);
  BOOST_TEST_REQUIRE(entries.size() == 2u);
  BOOST_TEST(entries[0].path == "a.md");
  BOOST_TEST(entries[0].record.empty());
  BOOST_TEST_REQUIRE(entries[0].error.has_value());
  BOOST_TEST(entries[0].error->to_string() == Diagnostic({"a.md", 3, 5, "bad date"}).to_string());
  BOOST_TEST(entries[1].path == "b.md");
  BOOST_TEST((entries[1].stamp == kSampleStamp));
  BOOST_TEST(entries[1].stamped_ns == 3'000);
  BOOST_TEST(entries[1].hash == "hash-b");
  BOOST_TEST(!entries[1].error);
  Result<Post> post = decode_post_record(entries[1].record, "b.md");
  BOOST_TEST_REQUIRE(post.ok());
  BOOST_TEST(post->title == "Título 2");
}

}  // namespace herald::test
