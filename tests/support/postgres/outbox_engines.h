// The outbox's two engines for tests that hold for both (outbox.h): a
// Boost.Test data set of them, and a new empty outbox of either. SQLite in
// a TempDir; PostgreSQL in a database of its own on the binary's one
// server (postgres_server.h), under the instance name "test-a", its
// leases timed by the calls' now_ms as SQLite's are (PgLeaseClock::instance;
// pg_delivery_claims tests the database's clock).
//
//   BOOST_DATA_TEST_CASE(name, test::outbox_engines(), engine) {
//     test::TestOutbox outbox(engine);
//     outbox->record(...);
//
// Where PostgreSQL is not installed the data set holds SQLite alone, and
// says so once in the test log.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "config/database_url.h"
#include "daemon/outbox/outbox.h"
#include "tests/support/test_support.h"

namespace herald::test {

enum class OutboxEngine { sqlite, postgres };
std::ostream& operator<<(std::ostream& out, OutboxEngine engine);

// sqlite, and postgres when its binaries are installed.
std::vector<OutboxEngine> outbox_engines();

class TestOutbox {
 public:
  // A new, empty outbox of `engine`; the test stops when it cannot open.
  explicit TestOutbox(OutboxEngine engine, const std::string& instance = "test-a");
  // Another outbox on the same storage: PostgreSQL, as instance `instance`
  // (a second herald on the database); SQLite, a reopening.
  std::unique_ptr<Outbox> another(const std::string& instance) const;
  // Closes this outbox (its process stopped).
  void close() { outbox_.reset(); }
  Outbox& operator*() { return *outbox_; }
  Outbox* operator->() { return outbox_.get(); }

 private:
  OutboxEngine engine_;
  TempDir dir_;
  DatabaseConfig database_;
  std::unique_ptr<Outbox> outbox_;
};

}  // namespace herald::test
