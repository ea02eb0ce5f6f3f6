#include "daemon/targets/webhook/webhook_signature.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

namespace herald {
namespace {

// The Standard Webhooks test vector (shared/docs/targets.md).
constexpr std::string_view kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view kMsgId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t kTimestamp = 1614265330;
constexpr std::string_view kBody = R"({"test": 2432232314})";
constexpr std::string_view kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

BOOST_AUTO_TEST_SUITE(webhook_signature)

BOOST_AUTO_TEST_CASE(standard_webhooks_test_vector) {
  Result<std::string> s = standard_webhook_signature(kSecret, kMsgId, kTimestamp, kBody);
  BOOST_TEST(s.ok());
  BOOST_TEST(*s == kSignature);
}

BOOST_AUTO_TEST_CASE(secret_without_prefix_is_the_same_key) {
  Result<std::string> s =
      standard_webhook_signature(kSecret.substr(6), kMsgId, kTimestamp, kBody);
  BOOST_TEST(*s == kSignature);
}

BOOST_AUTO_TEST_CASE(unpadded_and_padded_secrets_decode_alike) {
  // "YWJj" is "abc"; "YWI" and "YWI=" are both "ab".
  BOOST_TEST(*standard_webhook_signature("whsec_YWI", "m", 1, "b") ==
             *standard_webhook_signature("whsec_YWI=", "m", 1, "b"));
  BOOST_TEST(*standard_webhook_signature("whsec_YWI", "m", 1, "b") !=
             *standard_webhook_signature("whsec_YWJj", "m", 1, "b"));
}

BOOST_AUTO_TEST_CASE(receiver_verifies_what_was_signed) {
  BOOST_TEST(verify_standard_webhook(kSecret, kMsgId, kTimestamp, kBody, kSignature));
  // Rotating secrets: several signatures, one of them valid.
  std::string several = "v1,bm90IGl0 " + std::string(kSignature);
  BOOST_TEST(verify_standard_webhook(kSecret, kMsgId, kTimestamp, kBody, several));
  // Any change to what was signed fails.
  BOOST_TEST(!verify_standard_webhook(kSecret, kMsgId, kTimestamp + 1, kBody, kSignature));
  BOOST_TEST(!verify_standard_webhook(kSecret, "msg_other", kTimestamp, kBody, kSignature));
  BOOST_TEST(!verify_standard_webhook(kSecret, kMsgId, kTimestamp, R"({"test": 2432232315})",
                                      kSignature));
  BOOST_TEST(!verify_standard_webhook("whsec_YWJj", kMsgId, kTimestamp, kBody, kSignature));
  BOOST_TEST(!verify_standard_webhook(kSecret, kMsgId, kTimestamp, kBody, ""));
}

BOOST_AUTO_TEST_CASE(bad_secrets_are_errors_without_the_secret) {
  const std::string expected =
      "the secret is not a Standard Webhooks secret (\"whsec_\" followed by base64)";
  for (std::string_view secret : {"", "whsec_", "whsec_not base64!", "whsec_Y", "whsec_****"}) {
    Result<std::string> s = standard_webhook_signature(secret, kMsgId, kTimestamp, kBody);
    BOOST_TEST(!s.ok(), secret);
    BOOST_TEST(s.error() == expected, secret);
  }
}

BOOST_AUTO_TEST_CASE(hub_signature_matches_githubs_example) {
  // docs.github.com "Validating webhook deliveries" test values.
  BOOST_TEST(hub_signature_256("It's a Secret to Everybody", "Hello, World!") ==
             "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
}

BOOST_AUTO_TEST_CASE(hub_signature_keys_with_the_secret_as_configured) {
  BOOST_TEST(hub_signature_256(kSecret, kBody) != hub_signature_256(kSecret.substr(6), kBody));
  BOOST_TEST(hub_signature_256("", "x").size() == 7u + 64u);
}

BOOST_AUTO_TEST_CASE(message_ids_are_unique_base32) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::optional<std::string> id = new_message_id();
    BOOST_TEST_REQUIRE(id.has_value());
    BOOST_TEST(id->size() == 4u + 26u);
    BOOST_TEST(id->substr(0, 4) == "msg_");
    BOOST_TEST(id->find_first_not_of("abcdefghijklmnopqrstuvwxyz234567", 4) == std::string::npos);
    seen.insert(*id);
  }
  BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
