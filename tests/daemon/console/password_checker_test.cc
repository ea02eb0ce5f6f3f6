// The password checker: checks off the caller's thread, a bounded queue.
#include "daemon/console/password_checker.h"

#include <boost/test/unit_test.hpp>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "daemon/console/password_hash.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(password_checker)

BOOST_AUTO_TEST_CASE(checks_on_its_own_thread_and_refuses_past_its_queue) {
  Result<std::string> hash = hash_password("secreto");
  BOOST_REQUIRE(hash.ok());
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<bool> results;
  std::size_t refused = 0;
  {
    PasswordChecker checker;
    std::size_t queued = 0;
    for (std::size_t i = 0; i < PasswordChecker::kMaxWaiting + 20; ++i) {
      bool taken = checker.check(*hash, i % 2 == 0 ? "secreto" : "otro", [&, i](bool matches) {
        std::lock_guard<std::mutex> lock(mutex);
        BOOST_CHECK_EQUAL(matches, i % 2 == 0);
        results.push_back(matches);
        changed.notify_all();
      });
      taken ? ++queued : ++refused;
    }
    BOOST_TEST(refused > 0u);  // argon2id is slow: the queue filled up
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return results.size() == queued; });
  }
  BOOST_TEST(results.size() + refused == PasswordChecker::kMaxWaiting + 20);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
