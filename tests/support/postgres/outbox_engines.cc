#include "tests/support/postgres/outbox_engines.h"

#include <boost/test/unit_test.hpp>

#include "daemon/outbox/pg_outbox.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald::test {

std::ostream& operator<<(std::ostream& out, OutboxEngine engine) {
  return out << (engine == OutboxEngine::sqlite ? "sqlite" : "postgres");
}

std::vector<OutboxEngine> outbox_engines() {
  if (postgres_installed(0)) return {OutboxEngine::sqlite, OutboxEngine::postgres};
  static bool said = false;
  if (!said) BOOST_TEST_MESSAGE("PostgreSQL 15 is not installed: the outbox tests run on SQLite only");
  said = true;
  return {OutboxEngine::sqlite};
}

TestOutbox::TestOutbox(OutboxEngine engine, const std::string& instance) : engine_(engine) {
  if (engine == OutboxEngine::postgres) database_ = PostgresServer::shared().create_database();
  outbox_ = another(instance);
}

std::unique_ptr<Outbox> TestOutbox::another(const std::string& instance) const {
  PgOutboxOptions options{instance};
  options.lease_clock = PgLeaseClock::instance;  // the tests' now_ms, as SQLite's
  Result<std::unique_ptr<Outbox>> opened = engine_ == OutboxEngine::sqlite
                                               ? Outbox::open(dir_ / "outbox.db", Outbox::Mode::read_write)
                                               : open_pg_outbox(database_, options);
  BOOST_TEST_REQUIRE(opened.ok(), opened.error());
  return *std::move(opened);
}

}  // namespace herald::test
