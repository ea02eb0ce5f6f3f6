// Bad input end to end: posts that cannot be read are reported one line
// each and skipped, the good posts are still published, `herald check`
// writes nothing, and a bad configuration stops with exit code 2.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kConfig = R"(site:
  title: "T"
  url: "https://example.org/"
  author: "A"
content:
  dir: content
  fields:
    id: news_id
output:
  dir: public
)";

struct BadSite {
  TempDir dir;
  BadSite() {
    fs::create_directories(dir / "content");
    fs::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
    write_file(dir / "content/nodate.md", "---\ntitle: \"Sin fecha\"\nnews_id: 5\n---\nx\n");
    write_file(dir / "content/syntax.md", "---\ntitle: [a\nnews_id: 6\n---\n");
    write_file(dir / "content/utf.md", "---\ntitle: \"x\xff\"\n---\n");
    write_file(dir / "content/zdup.md", "---\ntitle: \"Dup\"\ndate: 2021-01-01\nnews_id: 186509\n---\n");
    write_file(dir / "herald.yaml", kConfig);
  }
  std::string expected_errors() const {
    std::string c = dir / "content/";
    return c + "nodate.md:1:1: error: no date; add a 'date:' field such as 2021-08-10T16:17:00-06:00\n" +
           c + "syntax.md:3:8: error: invalid YAML: did not find expected ',' or ']' (while "
               "parsing a flow sequence started at line 2, column 8); check the quotes, colons "
               "and indentation on this line and the one before\n" +
           c + "utf.md:2:10: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n" + c +
           "zdup.md: error: duplicate id '186509': 000_cd72f1639913488c.txt already has it; give one "
           "of the two posts another id\n";
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_bad_input)

BOOST_AUTO_TEST_CASE(bad_posts_are_reported_and_good_posts_still_published) {
  BadSite site;
  CommandResult r = run_command({herald_binary(), "build", "--config", site.dir / "herald.yaml"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == site.expected_errors());
  std::string rss = read_file(site.dir / "public/rss.xml");
  BOOST_TEST(rss.find("Capacita IMM a su personal sobre violencia extrema") != std::string::npos);
  BOOST_TEST(rss.find("Sin fecha") == std::string::npos);
  BOOST_TEST(rss.find("<title>Dup</title>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_reports_the_same_and_writes_nothing) {
  BadSite site;
  CommandResult r = run_command({herald_binary(), "check", "--config", site.dir / "herald.yaml"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == site.expected_errors());
  BOOST_TEST(!fs::exists(site.dir / "public"));
}

BOOST_AUTO_TEST_CASE(unreadable_post_is_reported) {
  BadSite site;
  fs::remove(site.dir / "content/nodate.md");
  fs::remove(site.dir / "content/syntax.md");
  fs::remove(site.dir / "content/utf.md");
  fs::remove(site.dir / "content/zdup.md");
  write_file(site.dir / "content/locked.md", "---\ntitle: x\n---\n");
  fs::permissions(site.dir / "content/locked.md", fs::perms::none);
  std::vector<std::string> argv{herald_binary(), "build", "--config", site.dir / "herald.yaml"};
  if (::geteuid() == 0) {
    // root reads everything: run herald as nobody, which may read the rest.
    fs::permissions(site.dir.path(), fs::perms::all);
    fs::permissions(site.dir / "content", fs::perms::all);
    argv.insert(argv.begin(), {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"});
  }
  CommandResult r = run_command(argv);
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == site.dir / "content/locked.md" +
                          ": error: cannot read the file: Permission denied; check that it exists "
                          "and herald may read it\n");
}

// A post file linked to a secret outside the content directory once put
// the secret in the feeds; a FIFO named like a post once hung the reader.
BOOST_AUTO_TEST_CASE(links_and_fifos_are_no_posts) {
  TempDir dir;
  write_file(dir / "herald.yaml", kConfig);
  fs::create_directories(dir / "content");
  fs::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
  write_file(dir / "secret.md", "---\ntitle: \"s3cret-title\"\ndate: 2021-01-01\nnews_id: 9\n---\nx\n");
  fs::create_symlink(dir / "secret.md", dir / "content/link.md");
  BOOST_REQUIRE(::mkfifo((dir / "content/pipe.md").c_str(), 0644) == 0);
  CommandResult r = run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err.find(dir / "content/link.md" + ": error: cannot read the file: is a symbolic link; "
                                                  "only regular files are read here") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(read_file(dir / "public/rss.xml").find("s3cret-title") == std::string::npos);
  BOOST_TEST(read_file(dir / "public/rss.xml").find("<item>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(oversize_post_is_refused_before_it_is_read) {
  TempDir dir;
  std::string config = kConfig;
  config.insert(config.find("  fields:"), "  max_bytes: 4096\n");
  write_file(dir / "herald.yaml", config);
  fs::create_directories(dir / "content");
  fs::copy_file(seed_post_path(), dir / "content/000_cd72f1639913488c.txt");
  write_file(dir / "content/big.md", "---\ntitle: x\n---\n" + std::string(5000, 'x'));
  CommandResult r = run_command({herald_binary(), "build", "--config", dir / "herald.yaml"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == dir / "content/big.md" +
                          ": error: file is 5017 bytes, larger than the limit of 4096 bytes; raise "
                          "content.max_bytes or split the post\n");
}

BOOST_AUTO_TEST_CASE(configuration_errors_exit_2_with_positions) {
  TempDir dir;
  write_file(dir / "bad.yaml", "site:\n  titel: x\n");
  CommandResult r = run_command({herald_binary(), "build", "--config", dir / "bad.yaml"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find(dir / "bad.yaml" +
                        ":2:3: error: unknown key 'titel' in 'site'; did you mean 'title'?") !=
             std::string::npos);
  CommandResult usage = run_command({herald_binary(), "build", "--no-such-flag"});
  BOOST_TEST(usage.exit_code == 2);
}

// A token once went to an http:// target URL in clear text; `herald check`
// refuses such a configuration (exit 2) and names the target. So does
// `output.dir: .`, which once served the configuration and the outbox.
BOOST_AUTO_TEST_CASE(check_refuses_tokens_over_http_and_a_public_state) {
  TempDir dir;
  fs::create_directories(dir / "content");
  std::string config = kConfig;
  write_file(dir / "herald.yaml", config + "targets:\n"
                                           "  - name: toot\n"
                                           "    type: mastodon\n"
                                           "    url: http://mastodon.example\n"
                                           "    token: t0k3n\n");
  CommandResult r = run_command({herald_binary(), "check", "--config", dir / "herald.yaml"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find(dir / "herald.yaml" + ":14:10: error: 'targets[0].url' is an http:// URL, "
                                              "but target 'toot' has a token") != std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("t0k3n") == std::string::npos);

  config.replace(config.find("dir: public"), 11, "dir: .");
  write_file(dir / "herald.yaml", config);
  CommandResult open = run_command({herald_binary(), "check", "--config", dir / "herald.yaml"});
  BOOST_TEST(open.exit_code == 2);
  BOOST_TEST(open.err.find("'output.dir' (" + dir.path() + ") contains 'content.dir'") !=
                 std::string::npos,
             open.err);
}

// Two posts with one URL: a site built by Jekyll would keep only one of
// the pages. `herald check` names both files (a warning: exit 0).
BOOST_AUTO_TEST_CASE(check_names_two_posts_that_share_a_url) {
  TempDir dir;
  write_file(dir / "content/a/2021-08-10-obras.md", "---\ntitle: Uno\nnews_id: 1\n---\nTexto.\n");
  write_file(dir / "content/b/2021-08-10-obras.md", "---\ntitle: Dos\nnews_id: 2\n---\nTexto.\n");
  write_file(dir / "content/c/2021-08-11-obras.md", "---\ntitle: Tres\nnews_id: 3\n---\nTexto.\n");
  write_file(dir / "herald.yaml", kConfig);
  CommandResult r = run_command({herald_binary(), "check", "--config", dir / "herald.yaml"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find(dir / "content/b/2021-08-10-obras.md: warning: has the URL "
                              "https://example.org/2021/08/10/obras/, as " +
                        dir / "content/a/2021-08-10-obras.md has; give one of them another slug, title or date") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("content/c/") == std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald::test
