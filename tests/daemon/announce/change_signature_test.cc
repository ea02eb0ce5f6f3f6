#include "daemon/announce/change_signature.h"

#include <boost/test/unit_test.hpp>

#include "daemon/announce/announcer.h"
#include "tests/daemon/announce/announce_fixture.h"

namespace herald {

using namespace announce_test;

BOOST_AUTO_TEST_SUITE(change_signature)

// Two copies of the content holding one version of a post sign it alike;
// every field post_content_differs() compares makes another signature.
BOOST_AUTO_TEST_CASE(a_version_is_signed_by_what_readers_see) {
  Post a = make_post("a", kNow, "Noticias", {"Agua"});
  a.image = Image{"/img/a.jpg", "Una obra"};
  a.fields.set("destacado", "true");
  const std::string signed_a = post_signature(a);
  BOOST_TEST(signed_a.size() == 64u);

  Post copy = a;
  copy.source_path = "otra/copia/a.md";
  copy.body_line = 9;
  copy.body = "no body in the catalog";
  BOOST_TEST(post_signature(copy) == signed_a);

  auto differs = [&](auto change) {
    Post b = a;
    change(b);
    BOOST_TEST(post_content_differs(a, b));
    return post_signature(b) != signed_a;
  };
  BOOST_TEST(differs([](Post& p) { p.title = "Otro"; }));
  BOOST_TEST(differs([](Post& p) { p.date = at(kNow + 1); }));
  BOOST_TEST(differs([](Post& p) { p.date.offset_minutes = -360; }));
  BOOST_TEST(differs([](Post& p) { p.updated = at(kNow + 60); }));
  BOOST_TEST(differs([](Post& p) { p.author = "Ana"; }));
  BOOST_TEST(differs([](Post& p) { p.summary = "Resumen"; }));
  BOOST_TEST(differs([](Post& p) { p.section = "Cultura"; }));
  BOOST_TEST(differs([](Post& p) { p.tags = {"Agua", "Luz"}; }));
  BOOST_TEST(differs([](Post& p) { p.image->alt = "Otra"; }));
  BOOST_TEST(differs([](Post& p) { p.image.reset(); }));
  BOOST_TEST(differs([](Post& p) { p.guid = "urn:x"; }));
  BOOST_TEST(differs([](Post& p) { p.draft = true; }));
  BOOST_TEST(differs([](Post& p) { p.set_slug("otro"); }));
  BOOST_TEST(differs([](Post& p) { p.fields.set("destacado", "false"); }));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
