#include "daemon/service/outbox_health.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "daemon/outbox/shared_outbox.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::TempDir;

std::unique_ptr<SharedOutbox> shared_outbox(const std::string& path) {
  Result<std::unique_ptr<Outbox>> opened = Outbox::open(path, Outbox::Mode::read_write);
  BOOST_REQUIRE_MESSAGE(opened.ok(), opened.error());
  return std::make_unique<SharedOutbox>(*std::move(opened));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_health)

BOOST_AUTO_TEST_CASE(a_write_failure_is_a_problem_until_a_write_succeeds) {
  TempDir dir;
  auto outbox = shared_outbox(dir / "outbox.db");
  BOOST_TEST(!outbox_problem(*outbox, dir.path()).has_value());
  outbox->note_write(Status::failed(dir / "outbox.db: disk I/O error"));
  outbox->note_write(Status::failed(dir / "outbox.db: database or disk is full"));
  BOOST_TEST(outbox_problem(*outbox, dir.path()).value_or("") ==
             "outbox: cannot write: " + dir / "outbox.db: database or disk is full" +
                 "; herald keeps serving the feeds and retries: new posts are announced, and deliveries "
                 "recorded, once the outbox can be written again");
  outbox->note_write(Status{});
  BOOST_TEST(!outbox_problem(*outbox, dir.path()).has_value());
}

BOOST_AUTO_TEST_CASE(the_state_directory_deleted_asks_for_a_restart) {
  TempDir dir;
  auto outbox = shared_outbox(dir / "state/outbox.db");
  std::filesystem::remove_all(dir / "state");
  BOOST_TEST(outbox_problem(*outbox, dir / "state").value_or("") ==
             "outbox: " + dir / "state/outbox.db" +
                 ": No such file or directory (the file herald has open was deleted, or its state "
                 "directory moved); herald keeps serving and delivering, but what it records now is lost "
                 "when it stops: restart herald to recreate " + dir / "state");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
