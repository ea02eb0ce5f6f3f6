// FrontMatterFields: a post's other front-matter fields, packed in one
// string, read as a map of key to text in key order.
#include <boost/test/unit_test.hpp>

#include <map>
#include <stdexcept>
#include <string>

#include "feeds/front_matter_fields.h"

namespace herald {
namespace {

std::map<std::string, std::string> as_map(const FrontMatterFields& fields) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : fields) out.emplace(key, value);
  return out;
}

BOOST_AUTO_TEST_SUITE(front_matter_fields)

BOOST_AUTO_TEST_CASE(iterates_in_key_order_each_key_once) {
  FrontMatterFields fields;
  BOOST_TEST(fields.empty());
  BOOST_TEST(fields.emplace("layout", "post"));
  BOOST_TEST(fields.emplace("front", "true"));
  BOOST_TEST(fields.emplace("ñ", "😀"));
  BOOST_TEST(fields.emplace("", "empty key"));
  BOOST_TEST(!fields.emplace("front", "false"));  // the first value stays, as std::map's
  std::string keys;
  for (const auto& [key, value] : fields) keys += "[" + std::string(key) + "=" + std::string(value) + "]";
  BOOST_TEST(keys == "[=empty key][front=true][layout=post][ñ=😀]");
  BOOST_TEST(fields.size() == 4u);
  BOOST_TEST(!fields.empty());
}

BOOST_AUTO_TEST_CASE(finds_values_by_key) {
  FrontMatterFields fields{{"municipio", "Chihuahua"}, {"front", ""}};
  BOOST_TEST(fields.at("municipio") == "Chihuahua");
  BOOST_TEST(fields.contains("front"));
  BOOST_TEST(fields.at("front") == "");
  BOOST_TEST(!fields.find("fron").has_value());
  BOOST_TEST(!fields.contains("municipios"));
  BOOST_CHECK_THROW(fields.at("video"), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(set_adds_or_replaces) {
  FrontMatterFields fields{{"a", "1"}, {"b", "2"}, {"c", "3"}};
  fields.set("b", "a much longer value than the one it replaces");
  fields.set("0", "first");
  BOOST_TEST((as_map(fields) == std::map<std::string, std::string>{
                  {"0", "first"}, {"a", "1"}, {"b", "a much longer value than the one it replaces"}, {"c", "3"}}));
  fields.set("b", "");
  BOOST_TEST(fields.at("b") == "");
  BOOST_TEST(fields.at("c") == "3");
}

BOOST_AUTO_TEST_CASE(long_texts_and_any_bytes_round_trip) {
  std::string long_value(100000, 'x');
  std::string binary("a\0b\x80\xff", 5);
  FrontMatterFields fields;
  fields.emplace(binary, long_value);
  fields.emplace(long_value, binary);
  BOOST_TEST(fields.at(binary) == long_value);
  BOOST_TEST(fields.at(long_value) == binary);
  BOOST_TEST(fields.size() == 2u);
}

BOOST_AUTO_TEST_CASE(equal_when_the_same_fields_whatever_the_order_given) {
  FrontMatterFields a{{"x", "1"}, {"y", "2"}};
  FrontMatterFields b{{"y", "2"}, {"x", "1"}};
  BOOST_TEST((a == b));
  b.set("y", "3");
  BOOST_TEST((a != b));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
