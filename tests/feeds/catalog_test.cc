#include "feeds/catalog.h"

#include <boost/test/unit_test.hpp>

namespace herald {
namespace {

Post make_post(const std::string& path, const std::string& id, std::int64_t when) {
  Post p;
  p.source_path = path;
  p.id = id;
  p.title = "Post " + id;
  p.date = Timestamp{when, -360};
  return p;
}

std::vector<std::string> ids(const std::vector<const Post*>& posts) {
  std::vector<std::string> out;
  for (const Post* p : posts) out.push_back(p->id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(catalog)

BOOST_AUTO_TEST_CASE(published_is_newest_first_and_excludes_future_and_drafts) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  BOOST_TEST(!c.upsert(make_post("b.md", "2", 300)));
  BOOST_TEST(!c.upsert(make_post("c.md", "3", 200)));
  Post draft = make_post("d.md", "4", 150);
  draft.draft = true;
  BOOST_TEST(!c.upsert(draft));
  BOOST_TEST(!c.upsert(make_post("e.md", "5", 1000)));
  BOOST_TEST(ids(c.published(Timestamp{500, 0})) == (std::vector<std::string>{"2", "3", "1"}));
  BOOST_TEST(ids(c.scheduled(Timestamp{500, 0})) == (std::vector<std::string>{"5"}));
  BOOST_TEST(c.size() == 5u);
}

BOOST_AUTO_TEST_CASE(equal_dates_are_ordered_by_id) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("z.md", "b", 100)));
  BOOST_TEST(!c.upsert(make_post("y.md", "a", 100)));
  BOOST_TEST(ids(c.published(Timestamp{100, 0})) == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(duplicate_id_from_another_file_is_refused) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("_posts/a.md", "186509", 100)));
  std::optional<Diagnostic> dup = c.upsert(make_post("_posts/b.md", "186509", 200));
  BOOST_REQUIRE(dup);
  BOOST_TEST(dup->to_string() ==
             "_posts/b.md: error: duplicate id '186509': _posts/a.md already has it; give one of "
             "the two posts another id");
  BOOST_TEST(c.find("186509")->source_path == "_posts/a.md");
  BOOST_TEST(c.find_by_path("_posts/b.md") == nullptr);
}

BOOST_AUTO_TEST_CASE(rename_keeps_identity_and_edit_replaces) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("old.md", "7", 100)));
  // The file is renamed: the new path announces the same id after the old
  // path is forgotten.
  std::optional<std::string> removed = c.remove_path("old.md");
  BOOST_REQUIRE(removed);
  BOOST_TEST(*removed == "7");
  BOOST_TEST(!c.upsert(make_post("new.md", "7", 100)));
  Post edited = make_post("new.md", "7", 100);
  edited.title = "Edited";
  BOOST_TEST(!c.upsert(edited));
  BOOST_TEST(c.find("7")->title == "Edited");
  BOOST_TEST(c.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_file_that_changes_its_id_gives_the_old_one_up) {
  Catalog c;
  BOOST_TEST(!c.upsert(make_post("a.md", "1", 100)));
  BOOST_TEST(!c.upsert(make_post("a.md", "2", 100)));
  BOOST_TEST(c.find("1") == nullptr);
  BOOST_TEST(c.find_by_path("a.md")->id == "2");
  BOOST_TEST(!c.upsert(make_post("b.md", "1", 100)));
  BOOST_TEST(!c.remove_path("missing.md").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
