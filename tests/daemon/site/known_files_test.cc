#include "daemon/site/known_files.h"

#include <map>
#include <string>

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

// A KnownFile told apart by `n`: its stamp, stamped_ns and hash.
KnownFile known(std::int64_t n) {
  KnownFile file;
  file.stamp = FileStamp{1, static_cast<std::uint64_t>(n), n, n * 10, n * 100};
  file.stamped_ns = n * 1000;
  file.hash = PackedHash::of(std::to_string(n));
  return file;
}

bool same(const KnownFile* file, const KnownFile& expected) {
  return file != nullptr && file->stamp == expected.stamp &&
         file->stamped_ns == expected.stamped_ns && file->hash == expected.hash;
}

std::map<std::string, std::int64_t> listed(const KnownFiles& files) {
  std::map<std::string, std::int64_t> out;
  files.for_each([&](std::string_view path, const KnownFile& file) {
    BOOST_TEST(out.emplace(std::string(path), file.stamped_ns / 1000).second);
  });
  return out;
}

std::string post_path(int i) {
  return "_posts/2019/2019-07-03-a-post-of-many-" + std::to_string(i) + ".md";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(known_files)

BOOST_AUTO_TEST_CASE(set_find_update_erase_and_add_again) {
  KnownFiles files;
  BOOST_TEST(files.find("a.md") == nullptr);
  files.set("a.md", known(1));
  files.set("b.md", known(2));
  BOOST_TEST(files.size() == 2u);
  BOOST_TEST(same(files.find("a.md"), known(1)));
  BOOST_TEST(same(files.find("b.md"), known(2)));

  std::size_t arena = files.arena_bytes();
  files.set("a.md", known(3));  // in place
  BOOST_TEST(files.size() == 2u);
  BOOST_TEST(files.arena_bytes() == arena);
  BOOST_TEST(same(files.find("a.md"), known(3)));
  files.find("b.md")->stamped_ns = 4000;
  BOOST_TEST(files.find("b.md")->stamped_ns == 4000);

  BOOST_TEST(files.erase("a.md"));
  BOOST_TEST(!files.erase("a.md"));
  BOOST_TEST(!files.erase("c.md"));
  BOOST_TEST(files.find("a.md") == nullptr);
  BOOST_TEST(files.size() == 1u);
  files.set("a.md", known(5));
  BOOST_TEST(same(files.find("a.md"), known(5)));
  BOOST_TEST(files.size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_entry_number_names_its_file_until_an_erase) {
  KnownFiles files;
  std::uint32_t a = files.set("a.md", known(1));
  std::uint32_t b = files.set("b.md", known(2));
  BOOST_TEST(a != b);
  for (int i = 0; i < 1000; ++i) files.set(post_path(i), known(i));  // the entries grow
  BOOST_TEST(files.path_of(a) == "a.md");
  BOOST_TEST(same(&files.at(a), known(1)));
  BOOST_TEST(files.path_of(b) == "b.md");
  BOOST_TEST(files.set("a.md", known(7)) == a);  // in place: the same entry
  BOOST_TEST(same(&files.at(a), known(7)));
}

BOOST_AUTO_TEST_CASE(iteration_sees_the_live_entries_once) {
  KnownFiles files;
  for (int i = 0; i < 10; ++i) files.set(post_path(i), known(i));
  for (int i = 0; i < 10; i += 3) BOOST_TEST(files.erase(post_path(i)));
  files.set(post_path(10), known(10));  // takes an erased slot
  files.set(post_path(1), known(11));
  std::map<std::string, std::int64_t> expected = {
      {post_path(1), 11}, {post_path(2), 2}, {post_path(4), 4},   {post_path(5), 5},
      {post_path(7), 7},  {post_path(8), 8}, {post_path(10), 10},
  };
  BOOST_TEST((listed(files) == expected));
  BOOST_TEST(files.size() == expected.size());
}

// Paths one another's prefixes, the empty path, and a lookup by a view into
// a longer text (no NUL after it).
BOOST_AUTO_TEST_CASE(paths_are_compared_whole) {
  KnownFiles files;
  files.set("_posts/a", known(1));
  files.set("_posts/a.md", known(2));
  files.set("_posts/a.md.bak", known(3));
  files.set("", known(4));
  BOOST_TEST(same(files.find("_posts/a"), known(1)));
  BOOST_TEST(same(files.find("_posts/a.md"), known(2)));
  BOOST_TEST(same(files.find("_posts/a.md.bak"), known(3)));
  BOOST_TEST(same(files.find(""), known(4)));
  BOOST_TEST(files.find("_posts/") == nullptr);
  BOOST_TEST(files.find("_posts/a.m") == nullptr);

  const std::string text = "_posts/a.md.bak";
  BOOST_TEST(same(files.find(std::string_view(text).substr(0, 11)), known(2)));
  BOOST_TEST(same(files.find(std::string_view(text).substr(0, 8)), known(1)));

  BOOST_TEST(files.erase(""));
  BOOST_TEST(files.find("") == nullptr);
  BOOST_TEST(same(files.find("_posts/a"), known(1)));
  BOOST_TEST((listed(files) == std::map<std::string, std::int64_t>{
                                   {"_posts/a", 1}, {"_posts/a.md", 2}, {"_posts/a.md.bak", 3}}));
}

// Erasing most of many files rebuilds the arena smaller; every file left
// is still found with what was set for it, and new ones are added after.
BOOST_AUTO_TEST_CASE(many_erases_compact_the_arena) {
  KnownFiles files;
  const int n = 20000;
  files.reserve(n);
  for (int i = 0; i < n; ++i) files.set(post_path(i), known(i));
  const std::size_t full = files.arena_bytes();
  BOOST_TEST(full >= std::size_t{n} * 40);
  for (int i = 0; i < n; ++i) {
    if (i % 10 != 0) BOOST_TEST(files.erase(post_path(i)));
  }
  BOOST_TEST(files.size() == std::size_t{n / 10});
  BOOST_TEST(files.arena_bytes() < full / 2);
  for (int i = 0; i < n; ++i) {
    BOOST_TEST_CONTEXT(post_path(i)) {
      if (i % 10 == 0) {
        BOOST_TEST(same(files.find(post_path(i)), known(i)));
      } else {
        BOOST_TEST(files.find(post_path(i)) == nullptr);
      }
    }
  }
  BOOST_TEST(listed(files).size() == std::size_t{n / 10});
  files.set(post_path(1), known(1));
  files.set(post_path(0), known(7));
  BOOST_TEST(same(files.find(post_path(1)), known(1)));
  BOOST_TEST(same(files.find(post_path(0)), known(7)));
  BOOST_TEST(files.size() == std::size_t{n / 10 + 1});
}

// A path longer than a chunk of the arena keeps a chunk of its own.
BOOST_AUTO_TEST_CASE(a_path_longer_than_a_chunk) {
  KnownFiles files;
  const std::string longer(300 * 1024, 'x');
  files.set("a.md", known(1));
  files.set(longer, known(2));
  files.set("b.md", known(3));
  BOOST_TEST(same(files.find(longer), known(2)));
  BOOST_TEST(same(files.find("a.md"), known(1)));
  BOOST_TEST(same(files.find("b.md"), known(3)));
  BOOST_TEST(files.find(std::string_view(longer).substr(1)) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
