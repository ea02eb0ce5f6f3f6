// `herald migrate-state` and `herald run` with state.database, through the
// real binary and a private PostgreSQL: the password from a credential file
// or from ${ENV} (percent-encoded in the URL), never printed; a second copy
// refused. `herald run` on the database: shared_outbox_test.cc.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "daemon/outbox/outbox.h"
#include "tests/support/postgres/postgres_server.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

// The URL's user part takes a password percent-encoded.
std::string percent_encoded(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      static const char hex[] = "0123456789ABCDEF";
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

struct Site {
  test::TempDir dir;
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  std::string config = dir / "herald.yaml";
  std::string state = dir / "state";

  // `database`: the state section's database keys. The target's secret is
  // left unset for migrate-state, which reads no target secret.
  void write_config(const std::string& database) {
    std::filesystem::create_directories(dir / "content");
    test::write_file(config, "site: {title: T, url: https://example.org/, author: A}\n"
                             "content: {dir: content}\noutput: {dir: public}\n"
                             "targets:\n- {name: hook, type: webhook, url: 'https://hook.example/', "
                             "secret: '${HERALD_E2E_HOOK_SECRET}'}\n"
                             "state:\n  dir: state\n" + database);
  }
  std::string url(const std::string& user_part) const {
    return "postgresql://" + user_part + "@127.0.0.1:" + std::to_string(db.port) + "/" + db.dbname;
  }
  void fill_outbox() {
    Result<std::unique_ptr<Outbox>> outbox = Outbox::open(state + "/outbox.db", Outbox::Mode::read_write);
    BOOST_TEST_REQUIRE(outbox.ok(), outbox.error());
    std::vector<OutboxPost> posts;
    std::vector<NewDelivery> deliveries;
    for (const char* id : {"1001", "1002", "1003"}) {
      posts.push_back({id, "Post", std::string("https://example.org/") + id + "/", "p.md", 1});
      NewDelivery d;
      d.post_id = id;
      d.target = "hook";
      d.event = "post.published";
      d.message_id = std::string("msg_") + id;
      d.payload = "{}";
      deliveries.push_back(d);
    }
    BOOST_TEST_REQUIRE((*outbox)->record(posts, deliveries, true).ok());
  }
  test::CommandResult herald(const std::string& command, const std::vector<std::string>& env = {}) const {
    return test::run_command({test::herald_binary(), command, "--config", config}, "", env);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(migrate_state_cli, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(copies_with_a_password_file_once) {
  Site site;
  test::write_file(site.dir / "db-password", site.db.password + "\n");
  site.write_config("  database: '" + site.url("herald") + "'\n  database_password_file: " +
                    site.dir / "db-password" + "\n");
  site.fill_outbox();
  test::CommandResult copied = site.herald("migrate-state");
  BOOST_TEST(copied.exit_code == 0, copied.err);
  BOOST_TEST(copied.out.find("herald: copied " + site.state + "/outbox.db into " + site.url("herald") +
                             " in one transaction\n") == 0, copied.out);
  BOOST_TEST(copied.out.find("\nposts                 3\n") != std::string::npos, copied.out);
  BOOST_TEST(copied.out.find("\ndeliveries            3\n") != std::string::npos, copied.out);
  BOOST_TEST(copied.out.find("herald: no catalog index in " + site.state + "/catalog.db; the first start of "
                             "instance \"") != std::string::npos, copied.out);

  test::CommandResult again = site.herald("migrate-state");
  BOOST_TEST(again.exit_code == 1);
  BOOST_TEST(again.err.find("herald: migrate-state: " + site.url("herald") + " already holds an outbox (rows: 1 in "
                            "meta, 3 in posts, 3 in deliveries)") == 0, again.err);
  for (const auto& output : {copied.out, copied.err, again.out, again.err}) {
    BOOST_TEST(output.find(site.db.password) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(the_password_from_the_environment_is_masked) {
  Site site;
  site.write_config("  database: 'postgresql://herald:${HERALD_E2E_DB_PASSWORD}@127.0.0.1:" +
                    std::to_string(site.db.port) + "/" + site.db.dbname + "'\n");
  site.fill_outbox();
  const std::string env = "HERALD_E2E_DB_PASSWORD=" + percent_encoded(site.db.password);
  test::CommandResult copied = site.herald("migrate-state", {env});
  BOOST_TEST(copied.exit_code == 0, copied.err);
  BOOST_TEST(copied.out.find(" into " + site.url("herald:***") + " in one transaction\n") != std::string::npos,
             copied.out);
  test::CommandResult wrong = site.herald("migrate-state", {"HERALD_E2E_DB_PASSWORD=not-it"});
  BOOST_TEST(wrong.exit_code == 1);
  BOOST_TEST(wrong.err.find("herald: migrate-state: " + site.url("herald:***") + ": connection to server at") == 0,
             wrong.err);
  BOOST_TEST(wrong.err.find("password authentication failed") != std::string::npos, wrong.err);
  BOOST_TEST(wrong.err.find("not-it") == std::string::npos);
  BOOST_TEST(copied.out.find(site.db.password) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
