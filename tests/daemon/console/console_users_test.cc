#include "daemon/console/console_users.h"

#include <boost/test/unit_test.hpp>

#include "daemon/console/password_hash.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(console_users)

BOOST_AUTO_TEST_CASE(a_users_file_round_trips) {
  std::vector<ConsoleUser> users = {{"ana", ConsoleRole::editor, "$argon2id$v=19$m=65536,t=2,p=1$a$b"},
                                    {"luis.p", ConsoleRole::viewer, "$argon2id$v=19$m=65536,t=2,p=1$c$d"}};
  Result<std::vector<ConsoleUser>> read = parse_users_file(format_users_file(users));
  BOOST_REQUIRE_MESSAGE(read.ok(), read.error());
  BOOST_TEST((*read == users));
  set_user(users, ConsoleUser{"ana", ConsoleRole::admin, "$argon2id$x"});
  BOOST_TEST(users.size() == 2u);
  BOOST_TEST((find_user(users, "ana")->role == ConsoleRole::admin));
  BOOST_TEST(find_user(users, "nadie") == nullptr);
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_named) {
  BOOST_TEST(parse_users_file("ana:boss:$argon2id$x\n").error() == "line 1: unknown role 'boss' (viewer, editor or admin)");
  BOOST_TEST(parse_users_file("# c\n\nana:editor\n").error() == "line 3: expected name:role:hash");
  BOOST_TEST(parse_users_file("ana:editor:$2y$10$bcrypt\n").error() ==
             "line 1: the password hash is not argon2id (herald passwd writes one)");
  BOOST_TEST(parse_users_file("a b:editor:$argon2id$x\n").error() ==
             "line 1: an account name has letters, digits, '.', '_', '-' and '@' only");
  BOOST_TEST(parse_users_file("ana:editor:$argon2id$x\nana:viewer:$argon2id$y\n").error() ==
             "line 2: repeats the account 'ana'");
}

BOOST_AUTO_TEST_CASE(passwords_are_argon2id_and_checked) {
  Result<std::string> hash = hash_password("correct horse");
  BOOST_REQUIRE(hash.ok());
  BOOST_TEST(hash->rfind("$argon2id$", 0) == 0u);
  BOOST_TEST(hash->find("correct horse") == std::string::npos);
  BOOST_TEST(password_matches(*hash, "correct horse"));
  BOOST_TEST(!password_matches(*hash, "correct horsE"));
  BOOST_TEST(!password_matches("", "correct horse"));
  BOOST_TEST(same_secret("abc", "abc"));
  BOOST_TEST(!same_secret("abc", "abd"));
  BOOST_TEST(!same_secret("abc", "ab"));
  Result<std::string> a = random_token();
  Result<std::string> b = random_token();
  BOOST_REQUIRE(a.ok() && b.ok());
  BOOST_TEST(a->size() == 64u);
  BOOST_TEST(*a != *b);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
