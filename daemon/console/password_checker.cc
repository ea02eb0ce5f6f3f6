#include "daemon/console/password_checker.h"

#include <sodium.h>

#include "daemon/console/password_hash.h"

namespace herald {
namespace {

void wipe(std::string& secret) {
  if (!secret.empty()) ::sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

}  // namespace

PasswordChecker::PasswordChecker() : worker_([this] { run(); }) {}

PasswordChecker::~PasswordChecker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (Check& check : waiting_) wipe(check.password);
    waiting_.clear();
  }
  wake_.notify_one();
  worker_.join();
}

bool PasswordChecker::check(std::string hash, std::string password, std::function<void(bool)> done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || waiting_.size() >= kMaxWaiting) {
      wipe(password);
      return false;
    }
    waiting_.push_back(Check{std::move(hash), std::move(password), std::move(done)});
  }
  wake_.notify_one();
  return true;
}

void PasswordChecker::run() {
  for (;;) {
    Check check;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      check = std::move(waiting_.front());
      waiting_.pop_front();
    }
    bool matches = password_matches(check.hash, check.password);
    wipe(check.password);
    check.done(matches);
  }
}

}  // namespace herald
