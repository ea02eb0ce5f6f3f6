// Configuration loading: the shipped examples load, defaults apply, paths
// resolve against the file's directory, environment expansion, and every
// kind of error with its exact text, position and suggestion.
#include "config/config.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/support/test_support.h"

namespace herald {
namespace {

// A valid configuration with only the required keys (8 lines); lines
// appended with two spaces of indentation belong to `content`.
const std::string kMinimal =
    "site:\n"
    "  title: Noticias\n"
    "  url: https://example.org\n"
    "  author: Ayuntamiento\n"
    "output:\n"
    "  dir: public\n"
    "content:\n"
    "  dir: content\n";

std::vector<std::string> errors_of(const ConfigResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& error : result.errors) out.push_back(error.to_string());
  return out;
}

std::vector<std::string> errors_of(const std::string& text) {
  return errors_of(parse_config(text, "herald.yaml"));
}

// The configuration parsed from `text`, which must have no errors.
Config config_of(const std::string& text, const std::string& path = "/srv/site/herald.yaml") {
  ConfigResult result = parse_config(text, path);
  BOOST_TEST_REQUIRE(errors_of(result) == std::vector<std::string>{},
                     boost::test_tools::per_element());
  return *result.config;
}

using Errors = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(example_config_loads_with_every_key) {
  test::TempDir dir;
  test::write_file(dir / "herald.yaml",
                   test::read_file(test::source_dir() + "/config/herald.example.yaml"));
  ConfigResult result = load_config(dir / "herald.yaml");
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  const Config& config = *result.config;
  BOOST_TEST(config.path == dir / "herald.yaml");
  BOOST_TEST(config.site.title == "Noticias del Municipio de Chihuahua");
  BOOST_TEST(config.site.url == "https://www.municipiochihuahua.gob.mx/");
  BOOST_TEST(config.site.language == "es-MX");
  BOOST_TEST(config.site.timezone == "America/Chihuahua");
  BOOST_TEST(config.site.icon == "/favicon.png");
  BOOST_TEST(config.site.logo == "/images/logo.png");
  BOOST_TEST(config.content.dir == dir / "content");
  BOOST_TEST(config.output.dir == dir / "public");
  BOOST_TEST(config.content.rules.permalink == "/noticias/:year/:month/:day/:slug/");
  BOOST_TEST(config.content.rules.max_bytes == 1048576u);
  BOOST_TEST(config.content.rules.fields.id == "news_id");
  BOOST_TEST(config.content.rules.fields.image_alt == "alt");
  BOOST_TEST(config.feeds.entry_id == "tag:{host},2015:news/{id}");
  BOOST_TEST(config.feeds.main.dir == "");
  BOOST_TEST(config.feeds.main.title == "Noticias del Municipio de Chihuahua");
  BOOST_TEST(config.feeds.sections.dir == "secciones/{slug}/");
  BOOST_TEST(config.feeds.sections.title == "{name} - Noticias del Municipio");
  BOOST_TEST(config.feeds.tags.dir == "etiquetas/{slug}/");
  BOOST_TEST((config.feeds.tags.content == FeedContent::summary));
  BOOST_TEST((config.feeds.main.content == FeedContent::full));
}

BOOST_AUTO_TEST_CASE(example_site_config_loads) {
  std::string site = test::source_dir() + "/examples/site";
  ConfigResult result = load_config(site + "/herald.yaml");
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  BOOST_TEST(result.config->content.dir == std::filesystem::path(site + "/content").lexically_normal().string());
  BOOST_TEST(result.config->feeds.entry_id == "tag:www.municipiochihuahua.gob.mx,2015:news/{id}");
  BOOST_TEST(result.config->feeds.tags.dir == "etiquetas/{slug}/");
}

BOOST_AUTO_TEST_CASE(defaults_apply) {
  Config config = config_of(kMinimal);
  BOOST_TEST(config.site.url == "https://example.org/");
  BOOST_TEST(config.site.language == "en");
  BOOST_TEST(config.site.timezone == "UTC");
  BOOST_TEST(config.site.description == "");
  BOOST_TEST(config.content.include == (std::vector<std::string>{"*.md", "*.markdown", "*.txt"}),
             boost::test_tools::per_element());
  BOOST_TEST(config.content.exclude.empty());
  BOOST_TEST(config.content.rules.max_bytes == 1048576u);
  BOOST_TEST(config.content.rules.permalink == "/:year/:month/:day/:slug/");
  BOOST_TEST(config.content.rules.absent_values ==
                 (std::vector<std::string>{"nil", "null", "~", ""}),
             boost::test_tools::per_element());
  BOOST_TEST(config.content.rules.fields.id == "");
  BOOST_TEST(config.content.rules.fields.guid == (std::vector<std::string>{"guid", "id"}),
             boost::test_tools::per_element());
  BOOST_TEST(config.feeds.rss_file == "rss.xml");
  BOOST_TEST(config.feeds.atom_file == "atom.xml");
  BOOST_TEST(config.feeds.json_file == "feed.json");
  BOOST_TEST(config.feeds.entry_id == "tag:{host},2000:{id}");
  BOOST_TEST(config.feeds.stylesheet);
  BOOST_TEST(config.feeds.pages);
  BOOST_TEST(config.feeds.page_file == "feed.html");
  BOOST_TEST(config.feeds.hubs.empty());
  BOOST_TEST(config.feeds.main.dir == "");
  BOOST_TEST(config.feeds.main.title == "Noticias");
  BOOST_TEST(config.feeds.sections.dir == "sections/{slug}/");
  BOOST_TEST(config.feeds.sections.title == "Noticias: {name}");
  BOOST_TEST(config.feeds.tags.dir == "tags/{slug}/");
  BOOST_TEST(config.feeds.tags.title == "Noticias: {name}");
  BOOST_TEST(config.feeds.main.enabled);
  BOOST_TEST(config.feeds.main.limit == 50);
  BOOST_TEST(config.feeds.main.formats.size() == 3u);
}

BOOST_AUTO_TEST_CASE(values_of_every_type_are_read) {
  Config config = config_of(kMinimal +
                            "  include: \"*.md\"\n"
                            "feeds:\n"
                            "  stylesheet: no\n"
                            "  pages: no\n"
                            "  page_file: index.html\n"
                            "  hubs: https://hub.example.org/\n"
                            "  main:\n"
                            "    enabled: Yes\n"
                            "    dir: todo\n"
                            "    formats: atom\n"
                            "    limit: 10000\n"
                            "  tags:\n"
                            "    enabled: false\n");
  BOOST_TEST(config.content.include == (std::vector<std::string>{"*.md"}),
             boost::test_tools::per_element());
  BOOST_TEST(!config.feeds.stylesheet);
  BOOST_TEST(!config.feeds.pages);
  BOOST_TEST(config.feeds.page_file == "index.html");
  BOOST_TEST(config.feeds.hubs == (std::vector<std::string>{"https://hub.example.org/"}),
             boost::test_tools::per_element());
  BOOST_TEST(config.feeds.main.enabled);
  BOOST_TEST(config.feeds.main.dir == "todo/");
  BOOST_TEST((config.feeds.main.formats == std::vector<FeedFormat>{FeedFormat::atom}));
  BOOST_TEST(config.feeds.main.limit == 10000);
  BOOST_TEST(!config.feeds.tags.enabled);
}

BOOST_AUTO_TEST_CASE(directories_resolve_against_the_config_file) {
  Config config = config_of(
      "site: {title: T, url: 'http://example.org/news', author: A}\n"
      "content: {dir: ../posts/./2024/}\n"
      "output: {dir: /var/www/feeds/}\n",
      "/srv/site/conf/herald.yaml");
  BOOST_TEST(config.site.url == "http://example.org/news/");
  BOOST_TEST(config.content.dir == "/srv/site/posts/2024");
  BOOST_TEST(config.output.dir == "/var/www/feeds");

  Config relative = config_of(kMinimal, "herald.yaml");
  BOOST_TEST(relative.content.dir == std::filesystem::current_path().string() + "/content");
}

// The sections once reserved are read now (tests/config/delivery_sections_test.cc).
BOOST_AUTO_TEST_CASE(delivery_sections_are_no_longer_ignored) {
  config_of(kMinimal +
            "targets: []\n"
            "delivery: {}\n"
            "control: {}\n");
  BOOST_TEST(errors_of(kMinimal + "targets: [a]\n") ==
                 (Errors{"herald.yaml:9:11: error: 'targets[0]' must be a mapping with the keys "
                         "name, type, url, secret, secret_file, hub_signature, headers, "
                         "sections, tags, flag, delay, wait_for_url, events, concurrency, "
                         "rate_per_second, max_attempts, connect_timeout, timeout, ca_file, pace, approval, "
                         "got 'a'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(environment_variables_are_expanded) {
  ::setenv("HERALD_TEST_TITLE", "Noticias de hoy", 1);
  ::setenv("HERALD_TEST_LIMIT", "7", 1);
  Config config = config_of(
      "site: {title: '${HERALD_TEST_TITLE}!', url: https://example.org/, author: '$${A} $5'}\n"
      "content: {dir: content}\n"
      "output: {dir: public}\n"
      "feeds: {main: {limit: '${HERALD_TEST_LIMIT}'}}\n");
  BOOST_TEST(config.site.title == "Noticias de hoy!");
  BOOST_TEST(config.site.author == "${A} $5");
  BOOST_TEST(config.feeds.main.limit == 7);
}

BOOST_AUTO_TEST_CASE(missing_environment_variable_is_an_error) {
  ::unsetenv("HERALD_TEST_MISSING");
  BOOST_TEST(errors_of("site:\n"
                       "  title: T\n"
                       "  url: https://example.org/\n"
                       "  author: ${HERALD_TEST_MISSING}\n"
                       "  description: ${bad name}\n"
                       "content: {dir: content, exclude: [a, '${oops']}\n"
                       "output: {dir: public}\n") ==
                 (Errors{
                     "herald.yaml:4:11: error: 'site.author' uses ${HERALD_TEST_MISSING}, but "
                     "the environment variable HERALD_TEST_MISSING is not set; set it, or write "
                     "$${ for a literal '${'",
                     "herald.yaml:5:16: error: 'site.description' has '${bad name}', which is "
                     "not a variable name; use letters, digits and '_', or write $${ for a "
                     "literal '${'",
                     "herald.yaml:6:38: error: 'content.exclude' has '${' without a closing "
                     "'}'; write ${NAME}, or $${ for a literal '${'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_reported_with_a_suggestion) {
  BOOST_TEST(errors_of("site:\n"
                       "  titel: Noticias\n"
                       "  url: https://example.org\n"
                       "  author: A\n"
                       "  colour: red\n"
                       "content: {dir: content}\n"
                       "output: {dir: public}\n"
                       "feed: {}\n") ==
                 (Errors{
                     "herald.yaml:1:1: error: 'site.title' is required; add the site's name, "
                     "used as the feed title",
                     "herald.yaml:2:3: error: unknown key 'titel' in 'site'; did you mean "
                     "'title'? (expected one of: title, url, description, language, author, "
                     "timezone, icon, logo, static_dir)",
                     "herald.yaml:5:3: error: unknown key 'colour' in 'site' (expected one of: "
                     "title, url, description, language, author, timezone, icon, logo, static_dir)",
                     "herald.yaml:8:1: error: unknown top-level key 'feed'; did you mean "
                     "'feeds'? (expected one of: site, content, output, feeds, serve, state, "
                     "watch, log, targets, delivery, control, console)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(duplicate_keys_and_non_mappings_are_errors) {
  BOOST_TEST(errors_of("site:\n"
                       "  title: T\n"
                       "  url: https://example.org\n"
                       "  author: A\n"
                       "  title: U\n"
                       "content: [content]\n"
                       "output: {dir: public}\n") ==
                 (Errors{
                     "herald.yaml:5:3: error: duplicate key 'title' in 'site'; it is first set "
                     "on line 2, keep only one",
                     "herald.yaml:6:10: error: 'content' must be a mapping with the keys dir, "
                     "include, exclude, max_bytes, max_front_matter_nodes, max_tags, "
                     "max_tag_bytes, markdown, absent_values, permalink, excerpt_separator, liquid, fields, got a "
                     "list"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of("- site\n") ==
                 (Errors{
                     "herald.yaml:1:1: error: the configuration must be a mapping with the keys "
                     "site, content, output, feeds, serve, state, watch, log, targets, "
                     "delivery, control, console, got a list"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_file_reports_every_required_key) {
  BOOST_TEST(errors_of("# nothing yet\n") ==
                 (Errors{
                     "herald.yaml: error: 'site.title' is required; add the site's name, used "
                     "as the feed title",
                     "herald.yaml: error: 'site.url' is required; add the public base URL of "
                     "the site, e.g. https://example.org/",
                     "herald.yaml: error: 'site.author' is required; add who publishes the "
                     "site, named on entries whose post has no author",
                     "herald.yaml: error: 'content.dir' is required; add the directory holding "
                     "the posts, e.g. dir: content",
                     "herald.yaml: error: 'output.dir' is required; add the directory the feeds "
                     "are written to, e.g. dir: public"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(required_site_values) {
  BOOST_TEST(errors_of("site:\n"
                       "  title: \"\"\n"
                       "  author:\n"
                       "content: {dir: content}\n"
                       "output: {dir: public}\n") ==
                 (Errors{
                     "herald.yaml:1:1: error: 'site.url' is required; add the public base URL "
                     "of the site, e.g. https://example.org/",
                     "herald.yaml:2:10: error: 'site.title' must not be empty; add the site's "
                     "name, used as the feed title",
                     "herald.yaml:3:3: error: 'site.author' must not be empty; add who "
                     "publishes the site, named on entries whose post has no author"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(site_values_are_validated) {
  BOOST_TEST(errors_of("site:\n"
                       "  title: [a, b]\n"
                       "  url: ftp://example.org/\n"
                       "  author: A\n"
                       "  language: es_MX\n"
                       "  timezone: Mars/Olympus\n"
                       "content: {dir: content}\n"
                       "output: {dir: public}\n") ==
                 (Errors{
                     "herald.yaml:2:10: error: 'site.title' must be a string, got a list",
                     "herald.yaml:3:8: error: 'site.url' must be an absolute http or https URL "
                     "with a host, e.g. https://example.org/, got 'ftp://example.org/'",
                     "herald.yaml:5:13: error: 'site.language' must be a BCP 47 language tag: "
                     "use 'es-MX' (BCP 47 uses '-'), got 'es_MX'",
                     "herald.yaml:6:13: error: 'site.timezone' must be an IANA time zone of the "
                     "system's tz database (/usr/share/zoneinfo), e.g. America/Chihuahua or "
                     "UTC, got 'Mars/Olympus'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of("site: {title: T, url: example.org, author: A, language: xx-YY}\n"
                       "content: {dir: content}\n"
                       "output: {dir: public}\n") ==
                 (Errors{
                     "herald.yaml:1:23: error: 'site.url' must be an absolute http or https URL "
                     "with a host, e.g. https://example.org/, got 'example.org'",
                     "herald.yaml:1:57: error: 'site.language' must be a BCP 47 language tag "
                     "such as en, es or es-MX, got 'xx-YY'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of("site: {title: T, url: 'https://example.org/?q=1', author: A}\n"
                       "content: {dir: content}\n"
                       "output: {dir: public}\n") ==
                 (Errors{"herald.yaml:1:23: error: 'site.url' must not have a query ('?') or "
                         "fragment ('#'), got 'https://example.org/?q=1'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(output_must_not_be_inside_content) {
  const std::string site = "site: {title: T, url: https://example.org/, author: A}\n";
  BOOST_TEST(errors_of(parse_config(site +
                                        "content: {dir: content}\n"
                                        "output: {dir: content/public}\n",
                                    "/srv/site/herald.yaml")) ==
                 (Errors{"/srv/site/herald.yaml:3:15: error: 'output.dir' must not be inside "
                         "'content.dir' (/srv/site/content): herald would read its own feeds as "
                         "posts; choose a directory outside it"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(parse_config(site +
                                        "content: {dir: content}\n"
                                        "output: {dir: ./content/}\n",
                                    "/srv/site/herald.yaml")) ==
                 (Errors{"/srv/site/herald.yaml:3:15: error: 'output.dir' must not be "
                         "'content.dir' (/srv/site/content): herald would read its own feeds as "
                         "posts; choose a directory outside it"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(parse_config(site +
                                        "content: {dir: /data}\n"
                                        "output: {dir: /data/feeds, colour: red}\n",
                                    "/srv/site/herald.yaml")) ==
                 (Errors{"/srv/site/herald.yaml:3:15: error: 'output.dir' must not be inside "
                         "'content.dir' (/data): herald would read its own feeds as posts; "
                         "choose a directory outside it",
                         "/srv/site/herald.yaml:3:28: error: unknown key 'colour' in 'output' "
                         "(expected one of: dir, max_bytes)"}),
             boost::test_tools::per_element());
  // A sibling whose name merely starts with the content directory's is fine.
  config_of(site + "content: {dir: content}\noutput: {dir: content-feeds}\n");
}

// `output.dir: "."` once passed `herald check`, and the server then served
// /herald.yaml, /state/outbox.db and the raw posts, drafts included.
BOOST_AUTO_TEST_CASE(output_must_not_contain_what_is_private) {
  const std::string site = "site: {title: T, url: https://example.org/, author: A}\n";
  auto refusal = [&](const std::string& sections, const std::string& config_path) {
    return errors_of(parse_config(site + sections, config_path));
  };
  auto message = [](const std::string& where, const std::string& output, const std::string& what) {
    return where + ":3:15: error: 'output.dir' (" + output + ") contains " + what +
           ": the server would publish it; write the feeds to a directory of their own, e.g. "
           "dir: public";
  };
  BOOST_TEST(refusal("content: {dir: content}\noutput: {dir: .}\nstate: {dir: /var/lib/herald}\n",
                     "/srv/site/herald.yaml") ==
                 (Errors{message("/srv/site/herald.yaml", "/srv/site",
                                 "'content.dir' (the posts, drafts included) at /srv/site/content")}),
             boost::test_tools::per_element());
  BOOST_TEST(refusal("content: {dir: /data/posts}\noutput: {dir: /srv}\nstate: {dir: /srv/state}\n",
                     "/etc/herald/herald.yaml") ==
                 (Errors{message("/etc/herald/herald.yaml", "/srv",
                                 "'state.dir' (the outbox, which holds credentials) at /srv/state")}),
             boost::test_tools::per_element());
  BOOST_TEST(refusal("content: {dir: /data/posts}\noutput: {dir: /srv/site}\n"
                     "state: {dir: /var/lib/herald}\n",
                     "/srv/site/herald.yaml") ==
                 (Errors{message("/srv/site/herald.yaml", "/srv/site",
                                 "the configuration file at /srv/site/herald.yaml")}),
             boost::test_tools::per_element());
  BOOST_TEST(refusal("content: {dir: /data/posts}\noutput: {dir: /srv/feeds}\n"
                     "state: {dir: /var/lib/herald}\ncontrol: {socket: /srv/feeds/herald.sock}\n",
                     "/etc/herald/herald.yaml") ==
                 (Errors{message("/etc/herald/herald.yaml", "/srv/feeds",
                                 "'control.socket' at /srv/feeds/herald.sock")}),
             boost::test_tools::per_element());
  // Feeds below the state directory are fine: nothing serves the state.
  config_of(site + "content: {dir: /data/posts}\noutput: {dir: /var/lib/herald/public}\n"
                   "state: {dir: /var/lib/herald}\n");
}

// The budgets of one post, as {max_nodes, max_tags, max_tag_bytes,
// max_nesting, max_html_tags, max_table_cells, max_images, max_html_bytes}.
std::vector<std::size_t> budgets_of(const PostRules& r) {
  const MarkdownLimits& m = r.markdown;
  return {r.max_nodes, r.max_tags, r.max_tag_bytes, static_cast<std::size_t>(m.max_nesting),
          m.max_html_tags, m.max_table_cells, m.max_images, m.max_html_bytes};
}

BOOST_AUTO_TEST_CASE(post_budgets_have_defaults_and_keys) {
  BOOST_TEST(budgets_of(config_of(kMinimal).content.rules) ==
                 (std::vector<std::size_t>{10000, 100, 100, 64, 2000, 10000, 1000, 1048576}),
             boost::test_tools::per_element());
  Config raised = config_of(kMinimal +
                            "  max_front_matter_nodes: 50000\n"
                            "  max_tags: 500\n"
                            "  max_tag_bytes: 300\n"
                            "  markdown:\n"
                            "    max_nesting: 128\n"
                            "    max_html_tags: 9000\n"
                            "    max_table_cells: 40000\n"
                            "    max_images: 3000\n"
                            "    max_html_bytes: 4194304\n");
  BOOST_TEST(budgets_of(raised.content.rules) ==
                 (std::vector<std::size_t>{50000, 500, 300, 128, 9000, 40000, 3000, 4194304}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "  max_tags: 0\n  markdown: {max_nesting: 0, depth: 3}\n") ==
                 (Errors{"herald.yaml:9:13: error: 'content.max_tags' must be a whole number "
                         "from 1 to 100000, got '0'",
                         "herald.yaml:10:27: error: 'content.markdown.max_nesting' must be a "
                         "whole number from 1 to 10000, got '0'",
                         "herald.yaml:10:30: error: unknown key 'depth' in 'content.markdown' "
                         "(expected one of: max_nesting, max_html_tags, max_table_cells, "
                         "max_images, max_html_bytes)"}),
             boost::test_tools::per_element());
}

// feeds.max_feeds and output.max_bytes: the site's budgets.
BOOST_AUTO_TEST_CASE(site_budgets_have_defaults_and_keys) {
  Config defaults = config_of(kMinimal);
  BOOST_TEST(defaults.feeds.max_feeds == 10000u);
  BOOST_TEST(defaults.output.max_bytes == 4294967296u);
  std::string minimal = kMinimal;
  minimal.replace(minimal.find("  dir: public\n"), 14, "  dir: public\n  max_bytes: 8589934592\n");
  Config raised = config_of(minimal + "feeds: {max_feeds: 50000}\n");
  BOOST_TEST(raised.feeds.max_feeds == 50000u);
  BOOST_TEST(raised.output.max_bytes == 8589934592u);
  BOOST_TEST(errors_of(kMinimal + "feeds: {max_feeds: 0}\n") ==
                 (Errors{"herald.yaml:9:20: error: 'feeds.max_feeds' must be a whole number "
                         "from 1 to 10000000, got '0'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(content_values_are_validated) {
  BOOST_TEST(errors_of(kMinimal +
                       "  include: []\n"
                       "  max_bytes: 12\n"
                       "  absent_values: [nil, null]\n"
                       "  permalink: noticias/:slug/\n"
                       "  fields: {title: '', guid: {a: b}}\n") ==
                 (Errors{
                     "herald.yaml:9:12: error: 'content.include' must list at least one "
                     "file-name pattern, e.g. [\"*.md\"]",
                     "herald.yaml:10:14: error: 'content.max_bytes' must be a whole number "
                     "from 1024 to 1073741824, got '12'",
                     "herald.yaml:11:24: error: 'content.absent_values' has an empty or null "
                     "item; quote it (\"null\", \"~\", \"\") if you mean that text",
                     "herald.yaml:12:14: error: 'content.permalink' must start with '/' or be "
                     "an absolute http or https URL, e.g. /:year/:month/:day/:slug/, got "
                     "'noticias/:slug/'",
                     "herald.yaml:13:19: error: 'content.fields.title' must not be empty",
                     "herald.yaml:13:29: error: 'content.fields.guid' must be a list of strings, "
                     "got a mapping"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(permalink_placeholders) {
  BOOST_TEST(errors_of(kMinimal + "  permalink: /:year/:slgu/\n") ==
                 (Errors{"herald.yaml:9:14: error: 'content.permalink' has unknown placeholder "
                         "':slgu'; did you mean ':slug'? (expected one of: :year, :month, :day, "
                         ":slug, :id, :section, :title, :i_month, :i_day, :short_year, :hour, :minute, "
                         ":second, :categories, :output_ext)"}),
             boost::test_tools::per_element());
  Config config = config_of(kMinimal + "  permalink: 'https://news.example.org:8443/:section/:id'\n");
  BOOST_TEST(config.content.rules.permalink == "https://news.example.org:8443/:section/:id");
  // Jekyll's placeholders.
  Config jekyll = config_of(kMinimal + "  permalink: /:categories/:year/:i_month/:title:output_ext\n");
  BOOST_TEST(jekyll.content.rules.permalink == "/:categories/:year/:i_month/:title:output_ext");
}

BOOST_AUTO_TEST_CASE(excerpt_separator) {
  BOOST_TEST(config_of(kMinimal).content.rules.excerpt_separator == "\n\n");
  BOOST_TEST(config_of(kMinimal + "  excerpt_separator: \"<!--more-->\"\n").content.rules.excerpt_separator ==
             "<!--more-->");
  BOOST_TEST(errors_of(kMinimal + "  excerpt_separator: \"\"\n") ==
                 (Errors{"herald.yaml:9:22: error: 'content.excerpt_separator' must not be empty; write the "
                         "text that ends a post's excerpt, e.g. \"<!--more-->\""}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(feed_page_names_are_validated) {
  BOOST_TEST(errors_of(kMinimal + "feeds: {page_file: rss.xml}\n") ==
                 (Errors{"herald.yaml:9:20: error: 'feeds.page_file' must differ from "
                         "'feeds.rss_file' (both 'rss.xml'); each feed's page needs its own file"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "feeds: {page_file: feeds.html, pages: 1}\n") ==
                 (Errors{"herald.yaml:9:20: error: 'feeds.page_file' must not be 'feeds.html', "
                         "a file herald writes at the root of the output",
                         "herald.yaml:9:39: error: 'feeds.pages' must be true or false, got '1'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "feeds: {page_file: a/b.html}\n") ==
                 (Errors{"herald.yaml:9:20: error: 'feeds.page_file' must be a plain file name "
                         "such as feed.xml (no '/'), got 'a/b.html'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(feeds_values_are_validated) {
  BOOST_TEST(errors_of(kMinimal +
                       "feeds:\n"
                       "  rss_file: feeds/rss.xml\n"
                       "  json_file: atom.xml\n"
                       "  entry_id: 'tag:{host},2015:news'\n"
                       "  stylesheet: maybe\n"
                       "  hubs: [https://hub.example.org/, hub.example.org]\n") ==
                 (Errors{
                     "herald.yaml:10:13: error: 'feeds.rss_file' must be a plain file name such "
                     "as feed.xml (no '/'), got 'feeds/rss.xml'",
                     "herald.yaml:11:14: error: 'feeds.json_file' must differ from "
                     "'feeds.atom_file' (both 'atom.xml'); each format needs its own file",
                     "herald.yaml:12:13: error: 'feeds.entry_id' must contain {id}, the post's "
                     "identity, e.g. tag:{host},2000:{id}, got 'tag:{host},2015:news'",
                     "herald.yaml:13:15: error: 'feeds.stylesheet' must be true or false, got "
                     "'maybe'",
                     "herald.yaml:14:36: error: 'feeds.hubs' must be an absolute http or https "
                     "URL with a host, e.g. https://example.org/, got 'hub.example.org'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "feeds: {entry_id: 'tag:{hots}:{id}'}\n") ==
                 (Errors{"herald.yaml:9:19: error: 'feeds.entry_id' has unknown placeholder "
                         "'{hots}'; did you mean '{host}'? (expected one of: {host}, {id})"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(feed_families_are_validated) {
  BOOST_TEST(errors_of(kMinimal +
                       "feeds:\n"
                       "  main:\n"
                       "    dir: 'feeds/{slug}'\n"
                       "    limit: fifty\n"
                       "    formats: [rss, rsss, rss]\n"
                       "    colour: red\n"
                       "  sections:\n"
                       "    dir: /secciones/{slug}/\n"
                       "    limit: 0\n"
                       "    formats: []\n"
                       "    content: partial\n"
                       "  tags:\n"
                       "    dir: ../etiquetas/{slug}\n"
                       "    enabled: 1\n"
                       "  extra: {}\n") ==
                 (Errors{
                     "herald.yaml:11:10: error: 'feeds.main.dir' must not contain {slug}: there "
                     "is one main feed, got 'feeds/{slug}'",
                     "herald.yaml:12:12: error: 'feeds.main.limit' must be a whole number from "
                     "1 to 10000, got 'fifty'",
                     "herald.yaml:13:20: error: 'feeds.main.formats' has unknown format 'rsss'; "
                     "did you mean 'rss'? (expected one of: rss, atom, json)",
                     "herald.yaml:13:26: error: 'feeds.main.formats' lists 'rss' twice; list "
                     "each format once",
                     "herald.yaml:14:5: error: unknown key 'colour' in 'feeds.main' (expected "
                     "one of: enabled, dir, title, formats, limit, content, archive)",
                     "herald.yaml:16:10: error: 'feeds.sections.dir' must be relative to "
                     "'output.dir' (no leading '/'), got '/secciones/{slug}/'",
                     "herald.yaml:17:12: error: 'feeds.sections.limit' must be a whole number "
                     "from 1 to 10000, got '0'",
                     "herald.yaml:18:14: error: 'feeds.sections.formats' must list at least one "
                     "of rss, atom, json; to turn this feed off, set enabled: false",
                     "herald.yaml:19:14: error: 'feeds.sections.content' must be full or "
                     "summary, got 'partial'",
                     "herald.yaml:21:10: error: 'feeds.tags.dir' must stay inside 'output.dir' "
                     "(no '..'), got '../etiquetas/{slug}'",
                     "herald.yaml:22:14: error: 'feeds.tags.enabled' must be true or false, got "
                     "'1'",
                     "herald.yaml:23:3: error: unknown key 'extra' in 'feeds' (expected one of: "
                     "rss_file, atom_file, json_file, entry_id, stylesheet, hubs, main, "
                     "sections, tags, max_feeds, sitemap, news_sitemap, pages, page_file)"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "feeds: {sections: {archive: true, formats: [rss, json]}}\n") ==
                 (Errors{"herald.yaml:9:29: error: 'feeds.sections.archive' needs atom in "
                         "'feeds.sections.formats': archive documents are Atom (RFC 5005); add "
                         "atom there or set archive: false"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "feeds: {tags: {dir: etiquetas/, title: '{name}'}}\n") ==
                 (Errors{"herald.yaml:9:21: error: 'feeds.tags.dir' must contain {slug}, so "
                         "that each feed gets its own directory, got 'etiquetas/'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "feeds: {sections: {dir: 'secciones/{slg}/'}}\n") ==
                 (Errors{"herald.yaml:9:25: error: 'feeds.sections.dir' has unknown "
                         "placeholder '{slg}'; did you mean '{slug}'? (expected one of: {slug})"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error_is_one_diagnostic) {
  BOOST_TEST(errors_of("site: [title\n"
                       "content: {dir: content}\n") ==
                 (Errors{"herald.yaml:2:8: error: invalid YAML: end of sequence flow not found"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unreadable_file) {
  test::TempDir dir;
  BOOST_TEST(errors_of(load_config(dir / "missing.yaml")) ==
                 (Errors{dir / "missing.yaml" +
                         ": error: cannot read the configuration: No such file or directory"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(load_config(dir.path())) ==
                 (Errors{dir.path() +
                         ": error: cannot read the configuration: it is a directory; give the "
                         "path of a YAML file"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
