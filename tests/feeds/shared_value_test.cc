#include "feeds/shared_value.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "feeds/catalog.h"
#include "feeds/front_matter_fields.h"
#include "feeds/shared_text.h"
#include "feeds/tag_list.h"

namespace herald {
namespace {

BOOST_AUTO_TEST_SUITE(shared_value)

BOOST_AUTO_TEST_CASE(copies_share_until_one_is_edited) {
  SharedValue<std::string> a(std::string("layout: post"));
  SharedValue<std::string> b = a;
  BOOST_TEST(&a.get() == &b.get());
  b.edit() += "!";
  BOOST_TEST(a.get() == "layout: post");
  BOOST_TEST(b.get() == "layout: post!");
  BOOST_TEST(!(a == b));
  // A value held once is edited in place.
  const std::string* before = &b.get();
  b.edit() += "?";
  BOOST_TEST(&b.get() == before);
}

BOOST_AUTO_TEST_CASE(an_empty_value_is_equal_to_a_default_one) {
  SharedValue<std::string> none;
  BOOST_TEST(none.get().empty());
  BOOST_TEST((none == SharedValue<std::string>(std::string())));
  none.edit() = "x";
  BOOST_TEST(none.get() == "x");
}

BOOST_AUTO_TEST_CASE(taking_a_value_moves_it_out_unless_another_holder_shares_it) {
  std::string markdown(4096, 'm');  // past the short-string buffer: a move keeps the block
  SharedText own{std::string(markdown)};
  const char* block = own.c_str();
  std::string taken = own.take();
  BOOST_TEST(taken == markdown);
  BOOST_TEST(static_cast<const void*>(taken.data()) == static_cast<const void*>(block));
  BOOST_TEST(own.empty());
  // Shared: the other holder keeps its text.
  SharedText first{std::string(markdown)};
  SharedText second = first;
  BOOST_TEST(first.take() == markdown);
  BOOST_TEST(first.empty());
  BOOST_TEST(second.str() == markdown);
  BOOST_TEST(SharedText().take().empty());
}

BOOST_AUTO_TEST_CASE(the_interner_makes_equal_values_one_and_keeps_them_unchanged) {
  Interner<std::string> pool;
  SharedValue<std::string> a(std::string("front: true"));
  SharedValue<std::string> b(std::string("front: true"));
  SharedValue<std::string> c(std::string("front: false"));
  BOOST_TEST(&a.get() != &b.get());
  pool.intern(a);
  pool.intern(b);
  pool.intern(c);
  BOOST_TEST(&a.get() == &b.get());
  BOOST_TEST(&a.get() != &c.get());
  BOOST_TEST(pool.size() == 2u);
  // Editing an interned value leaves the pool's, and its other holders', alone.
  b.edit() = "front: maybe";
  BOOST_TEST(a.get() == "front: true");
  SharedValue<std::string> d(std::string("front: true"));
  pool.intern(d);
  BOOST_TEST(&d.get() == &a.get());
}

BOOST_AUTO_TEST_CASE(the_interner_drops_values_no_holder_shares_as_it_grows) {
  Interner<std::string> pool;
  SharedValue<std::string> kept(std::string("kept"));
  pool.intern(kept);
  for (int i = 0; i < 5000; ++i) {
    SharedValue<std::string> passing("value " + std::to_string(i));
    pool.intern(passing);
  }
  BOOST_TEST(pool.size() < 1100u);
  SharedValue<std::string> again(std::string("kept"));
  pool.intern(again);
  BOOST_TEST(&again.get() == &kept.get());
}

BOOST_AUTO_TEST_CASE(a_shared_text_reads_and_compares_as_its_string) {
  SharedText author("Ana");
  const std::string& text = author;
  BOOST_TEST(text == "Ana");
  BOOST_TEST(author == std::string("Ana"));
  BOOST_TEST(author == std::string_view("Ana"));
  BOOST_TEST(author + " López" == "Ana López");
  BOOST_TEST(SharedText().empty());
  BOOST_TEST((SharedText() == SharedText(std::string())));
  author = "Luis";
  BOOST_TEST(author.str() == "Luis");
}

BOOST_AUTO_TEST_CASE(a_tag_list_reads_as_its_vector) {
  TagList tags{"Obras", "Seguridad"};
  const std::vector<std::string>& v = tags;
  BOOST_TEST(v == (std::vector<std::string>{"Obras", "Seguridad"}));
  BOOST_TEST(tags.size() == 2u);
  BOOST_TEST(tags[1] == "Seguridad");
  TagList copy = tags;
  copy.push_back("Agua");
  BOOST_TEST(tags.size() == 2u);
  BOOST_TEST(copy.back() == "Agua");
  copy.clear();
  BOOST_TEST(copy.empty());
  BOOST_TEST((copy == TagList()));
}

BOOST_AUTO_TEST_CASE(the_catalog_keeps_equal_tags_and_fields_once) {
  Catalog catalog;
  auto post = [](const std::string& id) {
    Post p;
    p.source_path = "_posts/" + id + ".md";
    p.id = id;
    p.title = "Post " + id;
    p.date = Timestamp{100, 0};
    p.tags = TagList{"Obras", "Agua"};
    p.fields = FrontMatterFields{{"layout", "post"}, {"front", "true"}};
    p.author = std::string("Dirección de Comunicación Social");
    return p;
  };
  BOOST_TEST(!catalog.upsert(post("1")));
  BOOST_TEST(!catalog.upsert(post("2")));
  Post other = post("3");
  other.tags.push_back("Luz");
  BOOST_TEST(!catalog.upsert(other));
  const Post* one = catalog.find("1");
  const Post* two = catalog.find("2");
  const Post* three = catalog.find("3");
  BOOST_TEST(&one->tags.get() == &two->tags.get());
  BOOST_TEST(&one->tags.get() != &three->tags.get());
  BOOST_TEST(three->tags == (std::vector<std::string>{"Obras", "Agua", "Luz"}));
  BOOST_TEST((*one->fields.begin()).first.data() == (*two->fields.begin()).first.data());
  BOOST_TEST(one->fields.at("layout") == "post");
  BOOST_TEST(&one->author.str() == &three->author.str());
  BOOST_TEST(three->author == "Dirección de Comunicación Social");
  // A copy taken out and changed leaves the stored posts as they were.
  Post taken = *one;
  taken.tags.push_back("Parques");
  taken.fields.set("layout", "page");
  BOOST_TEST(two->tags.size() == 2u);
  BOOST_TEST(two->fields.at("layout") == "post");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
