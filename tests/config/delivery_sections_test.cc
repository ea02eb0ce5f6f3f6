// The delivery sections (targets, delivery, control): every value of a full
// configuration, the defaults, $CREDENTIALS_DIRECTORY secrets, environment
// expansion, each error's exact text and position, and that no secret ever
// appears in a message.
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"
#include "config/credentials.h"
#include "config/target_rules.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

// Three lines; what is appended starts on line 4.
const std::string kSite =
    "site: {title: T, url: https://example.org, author: A, timezone: America/Bogota}\n"
    "content: {dir: content}\n"
    "output: {dir: public}\n";

// The test vector of the Standard Webhooks specification (24 bytes).
const std::string kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// A webhook target item (4 lines) with `extra` lines appended to it.
std::string webhook(const std::string& name, const std::string& extra = "") {
  return "  - name: " + name +
         "\n"
         "    type: webhook\n"
         "    url: https://hooks.example.org/in\n"
         "    secret: " +
         kSecret + "\n" + extra;
}

using Errors = std::vector<std::string>;

Errors errors_of(const ConfigResult& result) {
  Errors out;
  for (const Diagnostic& error : result.errors) out.push_back(error.to_string());
  return out;
}

Errors errors_of(const std::string& text) { return errors_of(parse_config(text, "/srv/h.yaml")); }

Config config_of(const std::string& text, const std::string& path = "/srv/h.yaml") {
  ConfigResult result = parse_config(text, path);
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  return *result.config;
}

// A lookup for read_credential with only CREDENTIALS_DIRECTORY (maybe unset).
EnvLookup credentials_env(std::optional<std::string> directory) {
  return [directory](const std::string& name) -> std::optional<std::string> {
    if (name == "CREDENTIALS_DIRECTORY") return directory;
    return std::nullopt;
  };
}

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name_.c_str()); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
};

using std::chrono::milliseconds;
using std::chrono::seconds;

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery_sections)

BOOST_AUTO_TEST_CASE(defaults_without_the_sections) {
  ::unsetenv("STATE_DIRECTORY");
  Config config = config_of(kSite);
  BOOST_TEST(config.targets.empty());
  const DeliveryConfig& delivery = config.delivery;
  BOOST_TEST((delivery.first_start == FirstStartPolicy::kPresent));
  BOOST_TEST(!delivery.cutoff.has_value());
  BOOST_TEST(delivery.max_attempts == 12);
  BOOST_TEST(delivery.backoff_initial.count() == 30 * 1000);
  BOOST_TEST(delivery.backoff_max.count() == 6 * 3600 * 1000);
  BOOST_TEST(delivery.lease.count() == 120 * 1000);
  BOOST_TEST(delivery.concurrency == 4);
  BOOST_TEST(delivery.rate_per_second == 10.0);
  BOOST_TEST(delivery.connect_timeout.count() == 10 * 1000);
  BOOST_TEST(delivery.timeout.count() == 30 * 1000);
  BOOST_TEST(delivery.url_check_interval.count() == 60 * 1000);
  BOOST_TEST(delivery.url_check_max.count() == 24 * 3600 * 1000);
  BOOST_TEST(delivery.ca_file == "");
  BOOST_TEST(config.control.socket == "/var/lib/herald/control.sock");
}

BOOST_AUTO_TEST_CASE(target_defaults) {
  Config config = config_of(kSite + "targets:\n" + webhook("hook"));
  BOOST_TEST_REQUIRE(config.targets.size() == 1u);
  const TargetConfig& target = config.targets[0];
  BOOST_TEST(target.name == "hook");
  BOOST_TEST((target.type == TargetType::webhook));
  BOOST_TEST(target.url == "https://hooks.example.org/in");
  BOOST_TEST_REQUIRE(std::holds_alternative<WebhookSettings>(target.settings));
  BOOST_TEST(target.as<WebhookSettings>().secret == kSecret);
  BOOST_TEST(!target.as<WebhookSettings>().hub_signature);
  BOOST_TEST(target.as<WebhookSettings>().headers.empty());
  BOOST_TEST(target.sections.empty());
  BOOST_TEST(target.tags.empty());
  BOOST_TEST(target.flag == "");
  BOOST_TEST(target.delay.count() == 0);
  BOOST_TEST(!target.wait_for_url);
  BOOST_TEST(!target.post_updated);
  BOOST_TEST(!target.post_deleted);
  // 0: the delivery section's value applies.
  BOOST_TEST(target.concurrency == 0);
  BOOST_TEST(target.rate_per_second == 0.0);
  BOOST_TEST(target.max_attempts == 0);
  BOOST_TEST(target.connect_timeout.count() == 0);
  BOOST_TEST(target.timeout.count() == 0);
  BOOST_TEST(target.ca_file == "");
  BOOST_TEST(target.line == 5);
}

BOOST_AUTO_TEST_CASE(full_configuration) {
  test::TempDir dir;
  test::write_file(dir / "ca.pem", "-----BEGIN CERTIFICATE-----\n");
  test::write_file(dir / "creds/hook-secret", kSecret + "\n\n");
  ScopedEnv credentials("CREDENTIALS_DIRECTORY", dir / "creds");
  ScopedEnv token("HERALD_TEST_TOKEN", "t0k3n");
  ScopedEnv secret("HERALD_TEST_SECRET", kSecret);
  test::write_file(dir / "h.yaml", kSite +
                                       "targets:\n"
                                       "  - name: newsroom\n"
                                       "    type: webhook\n"
                                       "    url: https://hooks.example.org/h?token=${HERALD_TEST_TOKEN}\n"
                                       "    secret: ${HERALD_TEST_SECRET}\n"
                                       "    hub_signature: true\n"
                                       "    headers:\n"
                                       "      Authorization: Bearer ${HERALD_TEST_TOKEN}\n"
                                       "      X-Site: noticias\n"
                                       "    sections: [Economía, Obras Públicas, economia]\n"
                                       "    tags: Seguridad Pública\n"
                                       "    flag: announce\n"
                                       "    delay: 5m\n"
                                       "    wait_for_url: yes\n"
                                       "    events: [post.published, post.updated, post.deleted]\n"
                                       "    concurrency: 8\n"
                                       "    rate_per_second: 2.5\n"
                                       "    max_attempts: 5\n"
                                       "    connect_timeout: 3s\n"
                                       "    timeout: 20s\n"
                                       "    ca_file: ca.pem\n"
                                       "  - name: archive_2\n"
                                       "    type: webhook\n"
                                       "    url: http://127.0.0.1:9000/\n"
                                       "    secret_file: hook-secret\n"
                                       "    events: post.deleted\n"
                                       "delivery:\n"
                                       "  first_start: cutoff\n"
                                       "  cutoff: 2024-01-01 00:00\n"
                                       "  max_attempts: 20\n"
                                       "  backoff_initial: 5s\n"
                                       "  backoff_max: 1h\n"
                                       "  lease: 1m\n"
                                       "  concurrency: 16\n"
                                       "  rate_per_second: 100\n"
                                       "  connect_timeout: 500ms\n"
                                       "  timeout: 15s\n"
                                       "  url_check_interval: 30s\n"
                                       "  url_check_max: 2h\n"
                                       "  ca_file: ./ca.pem\n"
                                       "control:\n"
                                       "  socket: run/../herald.sock\n");
  ConfigResult result = load_config(dir / "h.yaml");
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  const Config& config = *result.config;
  BOOST_TEST_REQUIRE(config.targets.size() == 2u);
  const TargetConfig& first = config.targets[0];
  BOOST_TEST(first.name == "newsroom");
  BOOST_TEST((first.type == TargetType::webhook));
  BOOST_TEST(first.url == "https://hooks.example.org/h?token=t0k3n");
  BOOST_TEST(first.as<WebhookSettings>().secret == kSecret);
  BOOST_TEST(first.as<WebhookSettings>().hub_signature);
  using Headers = std::vector<std::pair<std::string, std::string>>;
  BOOST_TEST((first.as<WebhookSettings>().headers == Headers{{"Authorization", "Bearer t0k3n"}, {"X-Site", "noticias"}}));
  BOOST_TEST(first.sections == (std::vector<std::string>{"economia", "obras-publicas"}),
             boost::test_tools::per_element());
  BOOST_TEST(first.tags == (std::vector<std::string>{"seguridad-publica"}),
             boost::test_tools::per_element());
  BOOST_TEST(first.flag == "announce");
  BOOST_TEST(first.delay.count() == 300);
  BOOST_TEST(first.wait_for_url);
  BOOST_TEST(first.post_updated);
  BOOST_TEST(first.post_deleted);
  BOOST_TEST(first.concurrency == 8);
  BOOST_TEST(first.rate_per_second == 2.5);
  BOOST_TEST(first.max_attempts == 5);
  BOOST_TEST(first.connect_timeout.count() == 3000);
  BOOST_TEST(first.timeout.count() == 20000);
  BOOST_TEST(first.ca_file == dir / "ca.pem");
  BOOST_TEST(first.line == 5);

  const TargetConfig& second = config.targets[1];
  BOOST_TEST(second.name == "archive_2");
  BOOST_TEST(second.url == "http://127.0.0.1:9000/");
  BOOST_TEST(second.as<WebhookSettings>().secret == kSecret);  // trailing newlines stripped
  BOOST_TEST(!second.post_updated);
  BOOST_TEST(second.post_deleted);
  BOOST_TEST(second.line == 25);

  const DeliveryConfig& delivery = config.delivery;
  BOOST_TEST((delivery.first_start == FirstStartPolicy::kCutoff));
  BOOST_TEST_REQUIRE(delivery.cutoff.has_value());
  // Midnight in Bogotá (UTC-5, no daylight saving time).
  BOOST_TEST(delivery.cutoff->unix_seconds == 1704085200);
  BOOST_TEST(delivery.cutoff->offset_minutes == -300);
  BOOST_TEST(delivery.max_attempts == 20);
  BOOST_TEST(delivery.backoff_initial.count() == 5000);
  BOOST_TEST(delivery.backoff_max.count() == 3600 * 1000);
  BOOST_TEST(delivery.lease.count() == 60 * 1000);
  BOOST_TEST(delivery.concurrency == 16);
  BOOST_TEST(delivery.rate_per_second == 100.0);
  BOOST_TEST(delivery.connect_timeout.count() == 500);
  BOOST_TEST(delivery.timeout.count() == 15000);
  BOOST_TEST(delivery.url_check_interval.count() == 30000);
  BOOST_TEST(delivery.url_check_max.count() == 2 * 3600 * 1000);
  BOOST_TEST(delivery.ca_file == dir / "ca.pem");
  BOOST_TEST(config.control.socket == dir / "herald.sock");
}

// The commented-out target of the example configuration is valid once
// uncommented, given its environment variable and credential.
BOOST_AUTO_TEST_CASE(example_target_loads) {
  std::string text = test::read_file(test::source_dir() + "/config/herald.example.yaml");
  std::size_t start = text.find("\n# targets:\n");
  BOOST_TEST_REQUIRE(start != std::string::npos);
  std::string uncommented = text.substr(0, start + 1);
  std::size_t line = start + 1;
  while (line < text.size() && text[line] == '#') {
    std::size_t end = text.find('\n', line);
    uncommented += text.substr(line + 2, end - line - 1);
    line = end + 1;
  }
  uncommented += text.substr(line);
  test::TempDir dir;
  test::write_file(dir / "creds/newsroom-hook", kSecret + "\n");
  for (const char* name : {"mastodon-token", "bluesky-app-password", "telegram-bot-token", "matrix-token",
                           "facebook-page-token", "x-refresh-token", "instagram-token", "threads-token",
                           "linkedin-token", "indexnow-key"}) {
    test::write_file(dir / ("creds/" + std::string(name)), std::string(name) + "-value\n");
  }
  test::write_file(dir / "herald.yaml", uncommented);
  ScopedEnv credentials("CREDENTIALS_DIRECTORY", dir / "creds");
  ScopedEnv url("NEWSROOM_HOOK_URL", "https://hooks.example.org/herald");
  ScopedEnv discord("DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/1/t");
  ScopedEnv slack("SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/x");
  ScopedEnv x_client("X_CLIENT_ID", "x-client-id");
  ConfigResult result = load_config(dir / "herald.yaml");
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(result.config->targets.size() == 13u);
  BOOST_TEST(result.config->targets[12].as<IndexNowSettings>().key == "indexnow-key-value");
  BOOST_TEST(result.config->targets[12].url == "https://api.indexnow.org/indexnow");
  BOOST_TEST(result.config->targets[1].as<MastodonSettings>().token == "mastodon-token-value");
  BOOST_TEST(result.config->targets[2].as<BlueskySettings>().password ==
             "bluesky-app-password-value");
  BOOST_TEST(result.config->targets[5].as<TelegramSettings>().chat_id == "@noticias_municipio");
  BOOST_TEST(result.config->targets[6].as<MatrixSettings>().room_id == "!abcdefgh:matrix.example");
  BOOST_TEST(result.config->targets[9].as<MetaSettings>().token == "instagram-token-value");
  BOOST_TEST(result.config->targets[10].as<MetaSettings>().api_version == "v1.0");
  BOOST_TEST(result.config->targets[11].as<LinkedInSettings>().access_token == "linkedin-token-value");
  BOOST_TEST(result.config->targets[11].as<LinkedInSettings>().api_version == "202601");
  const TargetConfig& target = result.config->targets[0];
  BOOST_TEST(target.name == "newsroom");
  BOOST_TEST(target.url == "https://hooks.example.org/herald");
  BOOST_TEST(target.as<WebhookSettings>().secret == kSecret);
  BOOST_TEST(target.sections == std::vector<std::string>{"obras-publicas"});
  BOOST_TEST(target.post_updated);
  BOOST_TEST(result.config->control.socket == "/var/lib/herald/control.sock");
}

BOOST_AUTO_TEST_CASE(target_errors) {
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - name: News Room\n"
                       "    type: webhok\n"
                       "    url: https://example.org/\n"
                       "    secret: whsec_short\n"
                       "    colour: red\n"
                       "  - type: webhook\n"
                       "    url: hooks.example.org/in?token=abc\n"
                       "    secret: " + kSecret + "\n"
                       "    hub_signature: maybe\n"
                       "    sections: ['---']\n"
                       "    delay: 1500ms\n"
                       "    events: [post.publish]\n"
                       "    concurrency: 0\n"
                       "    rate_per_second: 0\n"
                       "    max_attempts: 101\n"
                       "    connect_timeout: 0\n"
                       "    timeout: 50ms\n"
                       "    ca_file: /nonexistent/ca.pem\n"
                       "  - name: x\n") ==
                 (Errors{
                     "/srv/h.yaml:5:11: error: 'targets[0].name' must be 1 to 64 characters "
                     "among a-z, 0-9, '_' and '-', e.g. newsroom-hook, got 'News Room'",
                     "/srv/h.yaml:6:11: error: 'targets[0].type' names an unknown target type "
                     "'webhok'; did you mean 'webhook'? (expected one of: webhook, mastodon, "
          "bluesky, discord, slack, telegram, matrix, facebook, x, instagram, threads, linkedin, indexnow)",
                     "/srv/h.yaml:9:5: error: unknown key 'colour' in 'targets[0]' (expected "
                     "one of: name, type, url, secret, secret_file, hub_signature, headers, "
                     "sections, tags, flag, delay, wait_for_url, events, concurrency, "
                     "rate_per_second, max_attempts, connect_timeout, timeout, ca_file, pace, approval)",
                     "/srv/h.yaml:10:5: error: 'targets[1].name' is required; add a unique "
                     "name such as newsroom-hook (the outbox keys deliveries by it)",
                     "/srv/h.yaml:11:10: error: 'targets[1].url' must be an absolute URL "
                     "starting with https:// or http://, e.g. https://hooks.example.org/herald",
                     "/srv/h.yaml:13:20: error: 'targets[1].hub_signature' must be true or "
                     "false, got 'maybe'",
                     "/srv/h.yaml:14:16: error: 'targets[1].sections' has '---', which has no "
                     "letter, digit or symbol to match a section by",
                     "/srv/h.yaml:15:12: error: 'targets[1].delay' must be whole seconds, e.g. "
                     "90s or 5m, got '1500ms'",
                     "/srv/h.yaml:16:14: error: 'targets[1].events' has unknown event "
                     "'post.publish'; did you mean 'post.published'? (expected one of: "
                     "post.published, post.updated, post.deleted)",
                     "/srv/h.yaml:17:18: error: 'targets[1].concurrency' must be a whole number "
                     "from 1 to 256, got '0'",
                     "/srv/h.yaml:18:22: error: 'targets[1].rate_per_second' must be a number "
                     "greater than 0 and at most 10000, got '0'",
                     "/srv/h.yaml:19:19: error: 'targets[1].max_attempts' must be a whole "
                     "number from 1 to 100, got '101'",
                     "/srv/h.yaml:20:22: error: 'targets[1].connect_timeout' must be at least "
                     "100ms, got '0'",
                     "/srv/h.yaml:21:14: error: 'targets[1].timeout' must be at least 100ms, got "
                     "'50ms'",
                     "/srv/h.yaml:22:14: error: 'targets[1].ca_file' names /nonexistent/ca.pem, "
                     "which cannot be read (No such file or directory); give the path of a PEM "
                     "file of CA certificates",
                     "/srv/h.yaml:23:5: error: 'targets[2].type' is required; add type: "
                     "webhook (the known types: webhook, mastodon, bluesky, discord, slack, "
          "telegram, matrix, facebook, x, instagram, threads, linkedin, indexnow)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(image_sources) {
  Config config = config_of(kSite +
                            "delivery:\n"
                            "  image_origins: [\"https://cdn.example.org\", \"http://img.example.org:8080/\"]\n"
                            "  image_networks: [10.20.0.0/16, \"fd00::/8\"]\n");
  BOOST_TEST(config.delivery.image_origins ==
                 (std::vector<std::string>{"https://cdn.example.org", "http://img.example.org:8080/"}),
             boost::test_tools::per_element());
  BOOST_TEST(config.delivery.image_networks == (std::vector<std::string>{"10.20.0.0/16", "fd00::/8"}),
             boost::test_tools::per_element());
  BOOST_TEST(config_of(kSite).delivery.image_origins.empty());
  BOOST_TEST(errors_of(kSite +
                       "delivery:\n"
                       "  image_origins: [\"https://cdn.example.org/images\", \"ftp://x.org\"]\n"
                       "  image_networks: [intranet]\n") ==
                 (Errors{"/srv/h.yaml:5:19: error: 'delivery.image_origins' must be an http or https "
                         "origin (scheme, host, optional port), e.g. https://cdn.example.org, got "
                         "'https://cdn.example.org/images'",
                         "/srv/h.yaml:5:53: error: 'delivery.image_origins' must be an http or https "
                         "origin (scheme, host, optional port), e.g. https://cdn.example.org, got "
                         "'ftp://x.org'",
                         "/srv/h.yaml:6:20: error: 'delivery.image_networks' must be an IP address or "
                         "a CIDR range such as 10.0.0.0/8 or fd00::/8, got 'intranet'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(targets_must_be_a_list_of_mappings) {
  BOOST_TEST(errors_of(kSite + "targets: {name: hook}\n") ==
                 (Errors{"/srv/h.yaml:4:10: error: 'targets' must be a list of mappings; each "
                         "with name, type and the type's keys, got a mapping"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(duplicate_names) {
  BOOST_TEST(errors_of(kSite + "targets:\n" + webhook("hook") + webhook("other") +
                       webhook("hook")) ==
                 (Errors{"/srv/h.yaml:13:11: error: 'targets[2].name' repeats 'hook', the name "
                         "of the target on line 5; give each target its own name"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(names_and_types_leave_the_type_keys_unread) {
  const std::string text = kSite +
                           "targets:\n"
                           "  - name: hook\n"
                           "    type: webhook\n"
                           "    url: ${HERALD_TEST_UNSET_URL}\n"
                           "    secret: ${HERALD_TEST_UNSET_SECRET}\n"
                           "    headers: {Authorization: \"Bearer ${HERALD_TEST_UNSET_TOKEN}\"}\n"
                           "    timeout: 20s\n"
                           "  - name: bot\n"
                           "    type: telegram\n"
                           "    token_file: telegram-token\n"
                           "    chat_id: '@noticias'\n"
                           "    tags: [Obras]\n";
  ::unsetenv("CREDENTIALS_DIRECTORY");
  BOOST_TEST(errors_of(text).size() == 4u);  // url, secret, header, token_file
  ConfigResult result = parse_config(text, "/srv/h.yaml", TargetKeys::names_and_types);
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  const std::vector<TargetConfig>& targets = result.config->targets;
  BOOST_TEST_REQUIRE(targets.size() == 2u);
  BOOST_TEST(targets[0].name == "hook");
  BOOST_TEST((targets[0].type == TargetType::webhook));
  BOOST_TEST(targets[0].url == "");
  BOOST_TEST(std::get<WebhookSettings>(targets[0].settings).secret == "");
  BOOST_TEST(std::get<WebhookSettings>(targets[0].settings).headers.empty());
  BOOST_TEST((targets[0].timeout == milliseconds(20000)));
  BOOST_TEST(targets[1].name == "bot");
  BOOST_TEST((targets[1].type == TargetType::telegram));
  BOOST_TEST(std::get<TelegramSettings>(targets[1].settings).token == "");
  BOOST_TEST(targets[1].tags == std::vector<std::string>{"obras"});
  // The rest is checked as ever: unknown keys, names, types.
  Errors errors = errors_of(parse_config(text + "  - {name: bot, type: telegram, chat: x}\n",
                                         "/srv/h.yaml", TargetKeys::names_and_types));
  BOOST_TEST(errors.size() == 2u);
  BOOST_TEST(errors.at(0).find("'targets[2].name' repeats 'bot'") != std::string::npos, errors.at(0));
  BOOST_TEST(errors.at(1).find("unknown key 'chat'") != std::string::npos, errors.at(1));
}

BOOST_AUTO_TEST_CASE(webhook_secret_rules) {
  BOOST_TEST(check_webhook_secret(kSecret) == "");
  // 64 bytes is the most, 24 the least.
  BOOST_TEST(check_webhook_secret("whsec_" + std::string(86, 'A') + "==") == "");
  const std::string refused =
      "is not a Standard Webhooks secret (whsec_ followed by base64 of 24 to 64 bytes); the "
      "value is not shown";
  for (const std::string& secret :
       {std::string("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),          // no prefix
        std::string("whsec_"),                                     // nothing after it
        std::string("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa"),       // 21 bytes
        std::string("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS"),      // not a multiple of 4
        std::string("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-w"),     // base64url, not base64
        std::string("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw====="),  // too much padding
        std::string("whsec_MfKQ9r8GKYqrTw=UPD8ILPZIo2LaLaSw"),     // '=' inside
        std::string("whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw"),    // blank inside
        "whsec_" + std::string(88, 'A') + "AAAA"}) {               // 67 bytes
    BOOST_TEST(check_webhook_secret(secret) == refused, secret);
  }
}

BOOST_AUTO_TEST_CASE(secret_errors_never_show_the_secret) {
  const std::string wrong = "whsec_TOPSECRET0123";
  ScopedEnv variable("HERALD_TEST_BAD_SECRET", wrong);
  test::TempDir dir;
  test::write_file(dir / "bad", wrong + "\n");
  test::write_file(dir / "empty", "\n\n");
  ScopedEnv credentials("CREDENTIALS_DIRECTORY", dir.path());
  Errors errors = errors_of(kSite +
                            "targets:\n"
                            "  - {name: a, type: webhook, url: 'https://h.example.org/', "
                            "secret: '${HERALD_TEST_BAD_SECRET}'}\n"
                            "  - {name: b, type: webhook, url: 'https://h.example.org/', "
                            "secret: " + wrong + "}\n"
                            "  - {name: c, type: webhook, url: 'https://h.example.org/', "
                            "secret_file: bad}\n"
                            "  - {name: d, type: webhook, url: 'https://h.example.org/', "
                            "secret_file: empty}\n"
                            "  - {name: e, type: webhook, url: 'https://h.example.org/', "
                            "secret_file: missing}\n"
                            "  - {name: f, type: webhook, url: 'https://h.example.org/', "
                            "secret: " + kSecret + ", secret_file: bad}\n"
                            "  - {name: g, type: webhook, url: 'https://h.example.org/'}\n"
                            "  - {name: h, type: webhook, url: 'https://h.example.org/', "
                            "secret_file: sub/name}\n");
  BOOST_TEST(errors ==
                 (Errors{
                     "/srv/h.yaml:5:69: error: 'targets[0].secret' is not a Standard Webhooks "
                     "secret (whsec_ followed by base64 of 24 to 64 bytes); the value is not "
                     "shown",
                     "/srv/h.yaml:6:69: error: 'targets[1].secret' is not a Standard Webhooks "
                     "secret (whsec_ followed by base64 of 24 to 64 bytes); the value is not "
                     "shown",
                     "/srv/h.yaml:7:74: error: 'targets[2].secret_file' names a file whose "
                     "text is not a Standard Webhooks secret (whsec_ followed by base64 of 24 "
                     "to 64 bytes); the value is not shown",
                     "/srv/h.yaml:8:74: error: 'targets[3].secret_file' names " + dir.path() +
                         "/empty, which is empty; add LoadCredential=empty:/path/to/the/secret "
                         "to the [Service] section of the unit (the file holding the secret)",
                     "/srv/h.yaml:9:74: error: 'targets[4].secret_file' names " + dir.path() +
                         "/missing, which cannot be read (No such file or directory); add "
                         "LoadCredential=missing:/path/to/the/secret to the [Service] section "
                         "of the unit (the file holding the secret)",
                     "/srv/h.yaml:10:122: error: 'targets[5].secret_file' cannot be used "
                     "together with 'targets[5].secret'; keep one",
                     "/srv/h.yaml:11:5: error: 'targets[6].secret' is required; add secret: "
                     "${WEBHOOK_SECRET} or secret_file: NAME (a systemd credential) with a "
                     "Standard Webhooks secret whsec_...",
                     "/srv/h.yaml:12:74: error: 'targets[7].secret_file' must be a credential "
                     "name (a plain file name, as in LoadCredential=NAME:...) or an absolute "
                     "path"}),
             boost::test_tools::per_element());
  for (const std::string& error : errors) {
    BOOST_TEST(error.find("TOPSECRET") == std::string::npos, error);
  }
}

BOOST_AUTO_TEST_CASE(url_errors_never_show_the_url) {
  Errors errors = errors_of(kSite +
                            "targets:\n" +
                            "  - {name: a, type: webhook, secret: " + kSecret +
                            ", url: 'https://hooks.example.org/x?token=SECRET1#f'}\n"
                            "  - {name: b, type: webhook, secret: " + kSecret +
                            ", url: 'ftp://SECRET2@example.org/'}\n"
                            "  - {name: c, type: webhook, secret: " + kSecret +
                            ", url: 'https:///SECRET3'}\n"
                            "  - {name: d, type: webhook, secret: " + kSecret +
                            ", url: 'https://h.example.org/%zzSECRET4'}\n"
                            "  - {name: e, type: webhook, secret: " + kSecret + ", url: ''}\n");
  BOOST_TEST(errors ==
                 (Errors{
                     "/srv/h.yaml:5:83: error: 'targets[0].url' must not have a fragment ('#'): "
                     "it is never sent",
                     "/srv/h.yaml:6:83: error: 'targets[1].url' must use http or https, not "
                     "'ftp'",
                     "/srv/h.yaml:7:83: error: 'targets[2].url' must name a host, e.g. "
                     "https://hooks.example.org/herald",
                     "/srv/h.yaml:8:83: error: 'targets[3].url' is not a valid URL; write an "
                     "absolute http or https URL, e.g. https://hooks.example.org/herald",
                     "/srv/h.yaml:9:83: error: 'targets[4].url' must not be empty; add the URL "
                     "the webhook is POSTed to, e.g. url: ${WEBHOOK_URL}"}),
             boost::test_tools::per_element());
  for (const std::string& error : errors) {
    BOOST_TEST(error.find("SECRET") == std::string::npos, error);
  }
  BOOST_TEST(check_target_url("https://hooks.example.org/x?token=SECRET#frag") ==
             "must not have a fragment ('#'): it is never sent");
}

// Issue 13: a configured token, password or secret never travels over
// plain http, except to this machine.
BOOST_AUTO_TEST_CASE(credentials_refuse_plain_http) {
  const std::string kRefusal =
      "that must not travel unencrypted; use https:// (http:// is allowed only to a loopback "
      "host: 127.0.0.0/8, ::1 or localhost)";
  Errors errors = errors_of(kSite + "targets:\n" +
                            "  - {name: hook, type: webhook, secret: " + kSecret +
                            ", url: 'http://hooks.example.org/in'}\n"
                            "  - {name: toot, type: mastodon, token: t, url: 'http://mastodon.example'}\n"
                            "  - {name: sky, type: bluesky, identifier: a.test, password: p,\n"
                            "     url: 'HTTP://pds.example:8080'}\n"
                            "  - {name: tg, type: telegram, token: t, chat_id: '@n', url: 'http://128.0.0.1'}\n"
                            "  - {name: mx, type: matrix, token: t, room_id: '!r:m', url: 'http://[::2]/'}\n");
  BOOST_TEST(errors ==
                 (Errors{
                     "/srv/h.yaml:5:86: error: 'targets[0].url' is an http:// URL, but target "
                     "'hook' has a secret " + kRefusal,
                     "/srv/h.yaml:6:49: error: 'targets[1].url' is an http:// URL, but target "
                     "'toot' has a token " + kRefusal,
                     "/srv/h.yaml:8:11: error: 'targets[2].url' is an http:// URL, but target "
                     "'sky' has a password " + kRefusal,
                     "/srv/h.yaml:9:62: error: 'targets[3].url' is an http:// URL, but target "
                     "'tg' has a token " + kRefusal,
                     "/srv/h.yaml:10:62: error: 'targets[4].url' is an http:// URL, but target "
                     "'mx' has a token " + kRefusal}),
             boost::test_tools::per_element());

  // Loopback hosts may be plain http (tests, a local relay); a type without
  // a configured credential (its URL is the secret) is not concerned.
  Config config = config_of(kSite + "targets:\n" +
                            "  - {name: a, type: webhook, secret: " + kSecret +
                            ", url: 'http://127.8.0.1:9000/in'}\n"
                            "  - {name: b, type: mastodon, token: t, url: 'http://[::1]:8080'}\n"
                            "  - {name: c, type: matrix, token: t, room_id: '!r:m', url: 'http://LocalHost'}\n"
                            "  - {name: d, type: discord, url: 'http://discord.example/api/webhooks/1/x'}\n"
                            "  - {name: e, type: telegram, token: t, chat_id: '@n'}\n");
  BOOST_TEST(config.targets.size() == 5u);
  BOOST_TEST(check_credential_url("https://mastodon.example", "toot", "token") == "");
}

BOOST_AUTO_TEST_CASE(header_errors) {
  Errors errors = errors_of(kSite + "targets:\n" +
                            webhook("a",
                                    "    headers:\n"
                                    "      X-Token: ${HERALD_TEST_MISSING_TOKEN}\n"
                                    "      Content-Type: text/plain\n"
                                    "      'Bad Name': x\n"
                                    "      X-One: \"SECRET\\nInjected: yes\"\n"
                                    "      X-Two: a\n"
                                    "      x-two: b\n"
                                    "      X-List: [a]\n"));
  BOOST_TEST(errors ==
                 (Errors{
                     "/srv/h.yaml:10:16: error: 'targets[0].headers' uses "
                     "${HERALD_TEST_MISSING_TOKEN}, but the environment variable "
                     "HERALD_TEST_MISSING_TOKEN is not set; set it, or write $${ for a literal "
                     "'${'",
                     "/srv/h.yaml:11:7: error: 'targets[0].headers' sets 'Content-Type', which "
                     "herald sets itself; remove it",
                     "/srv/h.yaml:12:7: error: 'targets[0].headers' has 'Bad Name', which is not "
                     "a header name (letters, digits and !#$%&'*+-.^_`|~)",
                     "/srv/h.yaml:13:7: error: 'targets[0].headers' has a line break or NUL "
                     "character in the value of 'X-One'; the value is not shown",
                     "/srv/h.yaml:15:7: error: 'targets[0].headers' sets 'x-two' twice (also on "
                     "line 14, names are not case-sensitive); keep one",
                     "/srv/h.yaml:16:15: error: 'targets[0].headers' must map names to strings, "
                     "got a list for 'X-List'"}),
             boost::test_tools::per_element());
  for (const std::string& name : reserved_header_names()) {
    BOOST_TEST(check_header_name(name) != "", name);
  }
  BOOST_TEST(check_header_name("Webhook-Signature") ==
             "sets 'Webhook-Signature', which herald sets itself; remove it");
  BOOST_TEST(check_header_name("X-Hub-Signature") == "");
}

BOOST_AUTO_TEST_CASE(missing_environment_variable_in_a_target) {
  ::unsetenv("HERALD_TEST_HOOK_URL");
  BOOST_TEST(errors_of(kSite + "targets:\n" +
                       webhook("a", "    flag: ${HERALD_TEST_HOOK_URL}\n")) ==
                 (Errors{"/srv/h.yaml:9:11: error: 'targets[0].flag' uses "
                         "${HERALD_TEST_HOOK_URL}, but the environment variable "
                         "HERALD_TEST_HOOK_URL is not set; set it, or write $${ for a literal "
                         "'${'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keys_of_the_type) {
  // A key of another type is unknown; an unknown type is reported on its own.
  BOOST_TEST(errors_of(kSite + "targets:\n  - {name: a, type: mastodn, url: 'https://x.org/', "
                               "secret: " + kSecret + "}\n") ==
                 (Errors{"/srv/h.yaml:5:21: error: 'targets[0].type' names an unknown target "
                         "type 'mastodn'; did you mean 'mastodon'? (expected one of: webhook, "
                         "mastodon, bluesky, discord, slack, telegram, matrix, facebook, x, instagram, "
                         "threads, linkedin, indexnow)"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kSite + "targets:\n  - {name: a, type: slack, url: 'https://x.org/', "
                               "token: t}\n") ==
                 (Errors{"/srv/h.yaml:5:51: error: unknown key 'token' in 'targets[0]' (expected "
                         "one of: name, type, url, after_timeout, template, language, hashtags, "
                         "image, image_fit, image_background, sections, tags, flag, delay, wait_for_url, events, concurrency, "
                         "rate_per_second, max_attempts, connect_timeout, timeout, ca_file, pace, approval)"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kSite + "targets:\n" + webhook("a", "    secrt: x\n")) ==
                 (Errors{"/srv/h.yaml:9:5: error: unknown key 'secrt' in 'targets[0]'; did you "
                         "mean 'secret'? (expected one of: name, type, url, secret, secret_file, "
                         "hub_signature, headers, sections, tags, flag, delay, wait_for_url, "
                         "events, concurrency, rate_per_second, max_attempts, connect_timeout, "
                         "timeout, ca_file, pace, approval)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(credentials) {
  test::TempDir dir;
  test::write_file(dir / "token", "abc\r\n\n");
  test::write_file(dir / "inner", "a\nb\n");
  test::write_file(dir / "large", std::string(kMaxCredentialBytes + 1, 'x'));
  Credential token = read_credential("token", credentials_env(dir.path()));
  BOOST_TEST(token.error == "");
  BOOST_TEST(token.value == "abc");
  BOOST_TEST(read_credential("inner", credentials_env(dir.path())).value == "a\nb");
  // An absolute path needs no $CREDENTIALS_DIRECTORY.
  BOOST_TEST(read_credential(dir / "token", credentials_env(std::nullopt)).value == "abc");
  BOOST_TEST(read_credential("token", credentials_env(std::nullopt)).error ==
             "names the credential 'token', but $CREDENTIALS_DIRECTORY is not set (herald is "
             "not running under systemd with credentials); add "
             "LoadCredential=token:/path/to/the/secret to the [Service] section of the unit, or "
             "give an absolute path");
  BOOST_TEST(read_credential("large", credentials_env(dir.path())).error ==
             "names " + dir / "large" +
                 ", which is larger than 65536 bytes, too large for a secret; add "
                 "LoadCredential=large:/path/to/the/secret to the [Service] section of the unit "
                 "(the file holding the secret)");
  BOOST_TEST(read_credential(dir.path(), credentials_env(std::nullopt)).error ==
             "names " + dir.path() + ", which is a directory; put the secret in that file");
  BOOST_TEST(read_credential("..", credentials_env(dir.path())).error ==
             "must be a credential name (a plain file name, as in LoadCredential=NAME:...) or "
             "an absolute path");
}

BOOST_AUTO_TEST_CASE(secret_file_without_credentials_directory) {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - name: a\n"
                       "    type: webhook\n"
                       "    url: https://hooks.example.org/in\n"
                       "    secret_file: hook\n") ==
                 (Errors{"/srv/h.yaml:8:18: error: 'targets[0].secret_file' names the "
                         "credential 'hook', but $CREDENTIALS_DIRECTORY is not set (herald is not "
                         "running under systemd with credentials); add "
                         "LoadCredential=hook:/path/to/the/secret to the [Service] section of "
                         "the unit, or give an absolute path"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(delivery_errors) {
  BOOST_TEST(errors_of(kSite +
                       "delivery:\n"
                       "  first_start: everything\n"
                       "  cutoff: 2024-01-01\n"
                       "  max_attempts: 0\n"
                       "  backoff_initial: 10m\n"
                       "  backoff_max: 5m\n"
                       "  lease: 5s\n"
                       "  concurrency: 257\n"
                       "  rate_per_second: 10001\n"
                       "  connect_timeout: 10\n"
                       "  timeout: 0\n"
                       "  url_check_interval: 1m\n"
                       "  url_check_max: 30s\n"
                       "  ca_file: ''\n"
                       "  retries: 3\n") ==
                 (Errors{
                     "/srv/h.yaml:5:16: error: 'delivery.first_start' must be present or "
                     "cutoff, got 'everything'",
                     "/srv/h.yaml:6:11: error: 'delivery.cutoff' is only used with first_start: "
                     "cutoff; remove it, or set 'delivery.first_start' to cutoff",
                     "/srv/h.yaml:7:17: error: 'delivery.max_attempts' must be a whole number "
                     "from 1 to 100, got '0'",
                     "/srv/h.yaml:9:16: error: 'delivery.backoff_max' must not be shorter than "
                     "'delivery.backoff_initial' (10m)",
                     "/srv/h.yaml:10:10: error: 'delivery.lease' must be at least 10s, got '5s'",
                     "/srv/h.yaml:11:16: error: 'delivery.concurrency' must be a whole number "
                     "from 1 to 256, got '257'",
                     "/srv/h.yaml:12:20: error: 'delivery.rate_per_second' must be a number "
                     "greater than 0 and at most 10000, got '10001'",
                     "/srv/h.yaml:13:20: error: 'delivery.connect_timeout' must be a duration "
                     "with a unit, e.g. 250ms, 10s, 5m or 1h, got '10'",
                     "/srv/h.yaml:14:12: error: 'delivery.timeout' must be at least 100ms, got '0'",
                     "/srv/h.yaml:16:18: error: 'delivery.url_check_max' must not be shorter "
                     "than 'delivery.url_check_interval' (1m)",
                     "/srv/h.yaml:17:12: error: 'delivery.ca_file' must not be empty; give the "
                     "path of a PEM file of CA certificates",
                     "/srv/h.yaml:18:3: error: unknown key 'retries' in 'delivery' (expected one "
                     "of: first_start, cutoff, max_attempts, backoff_initial, backoff_max, lease, "
                     "concurrency, rate_per_second, connect_timeout, timeout, url_check_interval, "
                     "url_check_max, ca_file, image_origins, image_networks)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cutoff_rules) {
  BOOST_TEST(errors_of(kSite + "delivery: {first_start: cutoff}\n") ==
                 (Errors{"/srv/h.yaml:4:1: error: 'delivery.cutoff' is required; first_start: "
                         "cutoff needs the date before which posts count as announced, e.g. "
                         "cutoff: 2024-01-01"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kSite + "delivery: {first_start: cutoff, cutoff: soon}\n") ==
                 (Errors{"/srv/h.yaml:4:41: error: 'delivery.cutoff' must be a date: 'soon' is "
                         "not a date; write 2021-08-10T16:17:00-06:00, 2021-08-10 16:17:00 "
                         "-0600, 2021-08-10 16:17 or 2021-08-10"}),
             boost::test_tools::per_element());
  Config config = config_of(kSite + "delivery: {first_start: cutoff, cutoff: '2024-06-01T12:00:00Z'}\n");
  BOOST_TEST(config.delivery.cutoff->unix_seconds == 1717243200);
  BOOST_TEST(config.delivery.cutoff->offset_minutes == 0);
}

BOOST_AUTO_TEST_CASE(lease_outlasts_every_request_timeout) {
  BOOST_TEST(errors_of(kSite + "targets:\n" + webhook("a", "    timeout: 3m\n")) ==
                 (Errors{"/srv/h.yaml: error: 'delivery.lease' (2m) must be longer than the "
                         "longest request timeout (3m), or a delivery still in flight could be "
                         "sent twice"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kSite + "delivery: {lease: 30s}\n") ==
                 (Errors{"/srv/h.yaml:4:19: error: 'delivery.lease' (30s) must be longer than "
                         "the longest request timeout (30s), or a delivery still in flight could "
                         "be sent twice"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(control_socket) {
  ::unsetenv("STATE_DIRECTORY");
  BOOST_TEST(config_of(kSite + "state: {dir: /var/lib/h}\n").control.socket ==
             "/var/lib/h/control.sock");
  BOOST_TEST(config_of(kSite + "control: {socket: /run/herald/ctl.sock}\n").control.socket ==
             "/run/herald/ctl.sock");
  BOOST_TEST(config_of(kSite + "control: {socket: ctl.sock}\n").control.socket ==
             "/srv/ctl.sock");
  // 107 bytes is the longest path sun_path holds.
  std::string longest = "/" + std::string(106, 's');
  BOOST_TEST(config_of(kSite + "control: {socket: " + longest + "}\n").control.socket == longest);
  std::string too_long = longest + "s";
  BOOST_TEST(errors_of(kSite + "control: {socket: " + too_long + "}\n") ==
                 (Errors{"/srv/h.yaml:4:19: error: 'control.socket' resolves to " + too_long +
                         ", which is 108 bytes long; a Unix socket path must be shorter than "
                         "108 bytes: choose a shorter path"}),
             boost::test_tools::per_element());
  std::string state = "/" + std::string(100, 'd');
  BOOST_TEST(errors_of(kSite + "state: {dir: " + state + "}\n") ==
                 (Errors{"/srv/h.yaml: error: 'control.socket' defaults to " + state +
                         "/control.sock (in 'state.dir'), which is 114 bytes long; a Unix socket "
                         "path must be shorter than 108 bytes: set 'control.socket' to a shorter "
                         "path"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kSite + "control: {socket: ''}\n") ==
                 (Errors{"/srv/h.yaml:4:19: error: 'control.socket' must not be empty; give the "
                         "path of the control socket, e.g. /run/herald/control.sock"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(social_targets)

BOOST_AUTO_TEST_CASE(reads_each_networks_keys) {
  Config config = config_of(kSite +
                            "targets:\n"
                            "  - {name: toot, type: mastodon, url: 'https://mastodon.example', token: abc,\n"
                            "     visibility: unlisted, spoiler_text: Noticias, sensitive: true,\n"
                            "     template: '{title} {url}', language: es-CO, hashtags: 3, image: false}\n"
                            "  - {name: sky, type: bluesky, identifier: ayuntamiento.test, password: app-pw,\n"
                            "     embed: images}\n"
                            "  - {name: disc, type: discord, url: 'https://discord.example/api/webhooks/1/x',\n"
                            "     username: Ayuntamiento, after_timeout: give_up}\n"
                            "  - {name: sl, type: slack, url: 'https://hooks.slack.example/services/T/B/x'}\n"
                            "  - {name: tg, type: telegram, token: '123:abc', chat_id: '@noticias'}\n"
                            "  - {name: mx, type: matrix, url: 'https://matrix.example', token: syt_x,\n"
                            "     room_id: '!r:matrix.example'}\n");
  BOOST_TEST_REQUIRE(config.targets.size() == 6u);
  BOOST_TEST(config.targets[0].url == "https://mastodon.example");
  const MastodonSettings& toot = config.targets[0].as<MastodonSettings>();
  BOOST_TEST(toot.token == "abc");
  BOOST_TEST(toot.visibility == "unlisted");
  BOOST_TEST(toot.spoiler_text == "Noticias");
  BOOST_TEST(toot.sensitive);
  BOOST_TEST(toot.text.text_template == "{title} {url}");
  BOOST_TEST(toot.text.language == "es-CO");
  BOOST_TEST(toot.text.max_hashtags == 3);
  BOOST_TEST(!toot.text.attach_image);
  BOOST_TEST(config.targets[1].url == "https://bsky.social");
  const BlueskySettings& sky = config.targets[1].as<BlueskySettings>();
  BOOST_TEST(sky.identifier == "ayuntamiento.test");
  BOOST_TEST(sky.password == "app-pw");
  BOOST_TEST(sky.embed == "images");
  BOOST_TEST(sky.text.max_hashtags == 5);
  BOOST_TEST(sky.text.attach_image);
  BOOST_TEST(config.targets[2].as<DiscordSettings>().username == "Ayuntamiento");
  BOOST_TEST(!config.targets[2].as<DiscordSettings>().after_timeout.retry_ambiguous);
  BOOST_TEST(config.targets[3].as<SlackSettings>().after_timeout.retry_ambiguous);
  BOOST_TEST(config.targets[4].url == "https://api.telegram.org");
  BOOST_TEST(config.targets[4].as<TelegramSettings>().chat_id == "@noticias");
  BOOST_TEST(config.targets[5].as<MatrixSettings>().room_id == "!r:matrix.example");
  // Each target holds the settings of its own type only.
  BOOST_TEST(!std::holds_alternative<BlueskySettings>(config.targets[0].settings));
}

BOOST_AUTO_TEST_CASE(mastodon_and_bluesky_refuse_change_events) {
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - {name: toot, type: mastodon, url: 'https://m.example', token: t,\n"
                       "     events: [post.published, post.updated]}\n"
                       "  - {name: sky, type: bluesky, identifier: n.bsky.social, password: p,\n"
                       "     events: [post.deleted]}\n"
                       "  - {name: chat, type: discord, url: 'https://discord.example/api/webhooks/1/x',\n"
                       "     events: [post.updated, post.deleted]}\n") ==
                 (Errors{"/srv/h.yaml:6:31: error: 'targets[0].events' has 'post.updated', but "
                         "mastodon targets announce new posts only; remove it",
                         "/srv/h.yaml:8:15: error: 'targets[1].events' has 'post.deleted', but "
                         "bluesky targets announce new posts only; remove it"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(facebook_and_x_keys) {
  ConfigResult result = parse_config(kSite +
                                         "targets:\n"
                                         "  - {name: fb, type: facebook, page_id: '104612345678901', token: pt,\n"
                                         "     api_version: v24.0, after_timeout: give_up, hashtags: 3}\n"
                                         "  - {name: tw, type: x, client_id: cid, client_secret: cs,\n"
                                         "     refresh_token: rt, template: '{title} {url}'}\n",
                                     "/srv/h.yaml");
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  const TargetConfig& fb = result.config->targets[0];
  BOOST_TEST(fb.url == "https://graph.facebook.com");
  BOOST_TEST(fb.as<FacebookSettings>().page_id == "104612345678901");
  BOOST_TEST(fb.as<FacebookSettings>().token == "pt");
  BOOST_TEST(fb.as<FacebookSettings>().api_version == "v24.0");
  BOOST_TEST(!fb.as<FacebookSettings>().after_timeout.retry_ambiguous);
  BOOST_TEST(fb.text()->max_hashtags == 3);
  const TargetConfig& x = result.config->targets[1];
  BOOST_TEST(x.url == "https://api.x.com");
  BOOST_TEST(x.as<XSettings>().client_id == "cid");
  BOOST_TEST(x.as<XSettings>().client_secret == "cs");
  BOOST_TEST(x.as<XSettings>().refresh_token == "rt");
  BOOST_TEST(x.as<XSettings>().after_timeout.retry_ambiguous);
  BOOST_TEST(x.text()->text_template == "{title} {url}");
}

BOOST_AUTO_TEST_CASE(instagram_and_threads_keys_and_errors) {
  ConfigResult result = parse_config(kSite +
                                         "targets:\n"
                                         "  - {name: ig, type: instagram, account_id: '17841400008460056', token: it,\n"
                                         "     after_timeout: give_up, hashtags: 30}\n"
                                         "  - {name: th, type: threads, account_id: '26183470451234567', token: tt}\n",
                                     "/srv/h.yaml");
  BOOST_TEST_REQUIRE(errors_of(result) == Errors{}, boost::test_tools::per_element());
  const TargetConfig& ig = result.config->targets[0];
  BOOST_TEST(ig.url == "https://graph.instagram.com");
  BOOST_TEST(ig.as<MetaSettings>().account_id == "17841400008460056");
  BOOST_TEST(ig.as<MetaSettings>().token == "it");
  BOOST_TEST(ig.as<MetaSettings>().api_version == "v25.0");
  BOOST_TEST(!ig.as<MetaSettings>().after_timeout.retry_ambiguous);
  BOOST_TEST(ig.text()->max_hashtags == 30);
  const TargetConfig& th = result.config->targets[1];
  BOOST_TEST(th.url == "https://graph.threads.net");
  BOOST_TEST(th.as<MetaSettings>().api_version == "v1.0");
  BOOST_TEST(target_secrets(th.settings) == std::vector<std::string>{"tt"}, boost::test_tools::per_element());

  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - {name: ig, type: instagram, account_id: noticias, events: [post.deleted]}\n"
                       "  - {name: th, type: threads, token: t, hashtags: 31}\n") ==
                 (Errors{"/srv/h.yaml:5:5: error: 'targets[0].token' is required; add token: "
                         "${INSTAGRAM_TOKEN} or token_file: NAME, a long-lived Instagram user token with "
                         "instagram_business_basic and instagram_business_content_publish (docs/targets.md)",
                         "/srv/h.yaml:5:45: error: 'targets[0].account_id' must be the numeric user id "
                         "(GET /me?fields=user_id answers it), got 'noticias'",
                         "/srv/h.yaml:5:64: error: 'targets[0].events' has 'post.deleted', but "
                         "instagram targets announce new posts only; remove it",
                         "/srv/h.yaml:6:5: error: 'targets[1].account_id' is required; add the Threads user id, "
                         "e.g. account_id: \"26183470451234567\"",
                         "/srv/h.yaml:6:51: error: 'targets[1].hashtags' must be a whole number from 0 to 30, got '31'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(facebook_and_x_errors) {
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - {name: fb, type: facebook, page_id: noticias, api_version: '25',\n"
                       "     events: [post.updated]}\n"
                       "  - {name: tw, type: x}\n"
                       "  - {name: li, type: linkedin}\n") ==
                 (Errors{"/srv/h.yaml:5:5: error: 'targets[0].token' is required; add token: "
                         "${FACEBOOK_PAGE_TOKEN} or token_file: NAME, a Page access token with "
                         "pages_manage_posts (docs/targets.md says how to get one that does not expire)",
                         "/srv/h.yaml:5:41: error: 'targets[0].page_id' must be the Page's numeric id "
                         "(Page > About > Page transparency), got 'noticias'",
                         "/srv/h.yaml:5:64: error: 'targets[0].api_version' must be a Graph API "
                         "version such as v25.0, got '25'",
                         "/srv/h.yaml:6:15: error: 'targets[0].events' has 'post.updated', but "
                         "facebook targets announce new posts only; remove it",
                         "/srv/h.yaml:7:5: error: 'targets[1].client_id' is required; add the app's "
                         "OAuth 2.0 client id (developer portal > Keys and tokens)",
                         "/srv/h.yaml:7:5: error: 'targets[1].refresh_token' is required; add "
                         "refresh_token: ${X_REFRESH_TOKEN} or refresh_token_file: NAME, the refresh "
                         "token of an authorization with tweet.write, tweet.read, users.read, "
                         "media.write and offline.access",
                         "/srv/h.yaml:8:5: error: 'targets[2].author' is required; add the organization "
                         "page posted as, e.g. author: \"urn:li:organization:2414183\" (the number in the "
                         "page's admin URL)",
                         "/srv/h.yaml:8:5: error: 'targets[2].access_token' is required; add access_token: "
                         "${LINKEDIN_TOKEN} or access_token_file: NAME, a member's access token with "
                         "w_organization_social and r_organization_social (docs/targets.md, LinkedIn)",
                         "/srv/h.yaml:8:5: error: 'targets[2].api_version' is required; add the LinkedIn API "
                         "version herald was set up with, e.g. api_version: \"202601\" (docs/targets.md, "
                         "LinkedIn)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(linkedin_keys_are_checked) {
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - {name: li, type: linkedin, author: 'urn:li:person:abc', access_token: t,\n"
                       "     api_version: '2026-01', after_timeout: never, events: [post.deleted]}\n"
                       "  - {name: li2, type: linkedin, author: 'urn:li:organization:2414183',\n"
                       "     access_token: t, access_token_file: f, api_version: '202613', page_id: '1'}\n"
                       "  - {name: li3, type: linkedin, author: 'urn:li:organization:2414183',\n"
                       "     access_token: t, api_version: 202601, url: 'http://api.linkedin.example'}\n") ==
                 (Errors{"/srv/h.yaml:5:40: error: 'targets[0].author' must be an organization URN such as "
                         "urn:li:organization:2414183, got 'urn:li:person:abc'",
                         "/srv/h.yaml:6:19: error: 'targets[0].api_version' must be a LinkedIn version YYYYMM "
                         "such as \"202601\", got '2026-01'",
                         "/srv/h.yaml:6:45: error: 'targets[0].after_timeout' must be one of retry, give_up, got "
                         "'never'",
                         "/srv/h.yaml:6:61: error: 'targets[0].events' has 'post.deleted', but linkedin targets "
                         "announce new posts only; remove it",
                         "/srv/h.yaml:8:42: error: 'targets[1].access_token_file' cannot be used together with "
                         "'targets[1].access_token'; keep one",
                         "/srv/h.yaml:8:58: error: 'targets[1].api_version' must be a LinkedIn version YYYYMM "
                         "such as \"202601\", got '202613'",
                         "/srv/h.yaml:8:68: error: unknown key 'page_id' in 'targets[1]' (expected one of: name, "
                         "type, url, author, access_token, access_token_file, api_version, after_timeout, "
                         "template, language, hashtags, image, image_fit, image_background, sections, tags, "
                         "flag, delay, wait_for_url, events, concurrency, rate_per_second, max_attempts, "
                         "connect_timeout, timeout, ca_file, pace, approval)",
                         "/srv/h.yaml:10:49: error: 'targets[2].url' is an http:// URL, but target 'li3' has an "
                         "access_token that must not travel unencrypted; use https:// (http:// is allowed only "
                         "to a loopback host: 127.0.0.0/8, ::1 or localhost)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(says_what_each_network_lacks) {
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - {name: toot, type: mastodon, visibility: everyone}\n"
                       "  - {name: sky, type: bluesky, password: x, password_file: y, embed: video}\n"
                       "  - {name: tg, type: telegram, token: '', after_timeout: never}\n"
                       "  - {name: mx, type: matrix, url: 'matrix.example', token: t}\n") ==
                 (Errors{"/srv/h.yaml:5:5: error: 'targets[0].url' is required; add the server's "
                         "address, e.g. url: https://mastodon.social",
                         "/srv/h.yaml:5:5: error: 'targets[0].token' is required; add token: "
                         "${MASTODON_TOKEN} or token_file: NAME, an access token with the "
                         "write:statuses and write:media scopes",
                         "/srv/h.yaml:5:46: error: 'targets[0].visibility' must be one of public, "
                         "unlisted, private, direct, got 'everyone'",
                         "/srv/h.yaml:6:5: error: 'targets[1].identifier' is required; add the "
                         "account's handle or DID, e.g. identifier: noticias.bsky.social",
                         "/srv/h.yaml:6:60: error: 'targets[1].password_file' cannot be used "
                         "together with 'targets[1].password'; keep one",
                         "/srv/h.yaml:6:70: error: 'targets[1].embed' must be one of card, images, "
                         "got 'video'",
                         "/srv/h.yaml:7:5: error: 'targets[2].chat_id' is required; add the channel "
                         "or chat, e.g. chat_id: \"@noticias\" or a numeric id",
                         "/srv/h.yaml:7:39: error: 'targets[2].token' must not be empty; add token: "
                         "${TELEGRAM_BOT_TOKEN} or token_file: NAME, the token @BotFather gave",
                         "/srv/h.yaml:7:58: error: 'targets[2].after_timeout' must be one of retry, "
                         "give_up, got 'never'",
                         "/srv/h.yaml:8:5: error: 'targets[3].room_id' is required; add the room, "
                         "e.g. room_id: \"!abcdef:matrix.org\"",
                         "/srv/h.yaml:8:35: error: 'targets[3].url' must be an absolute URL "
                         "starting with https:// or http://, e.g. https://hooks.example.org/herald"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(image_fit_and_background) {
  Config config = config_of(kSite +
                            "targets:\n"
                            "  - {name: sky, type: bluesky, identifier: a.test, password: p,\n"
                            "     image_fit: crop, image_background: '#1A2b3C'}\n"
                            "  - {name: toot, type: mastodon, url: 'https://m.example', token: t}\n");
  const SocialText& sky = config.targets[0].as<BlueskySettings>().text;
  BOOST_TEST((sky.image_fit == ImageFit::crop));
  BOOST_TEST((sky.image_background == Rgb{0x1a, 0x2b, 0x3c}));
  const SocialText& toot = config.targets[1].as<MastodonSettings>().text;
  BOOST_TEST((toot.image_fit == ImageFit::pad));
  BOOST_TEST((toot.image_background == Rgb{255, 255, 255}));
  BOOST_TEST(errors_of(kSite +
                       "targets:\n"
                       "  - {name: sky, type: bluesky, identifier: a.test, password: p,\n"
                       "     image_fit: stretch, image_background: white}\n") ==
                 (Errors{"/srv/h.yaml:6:17: error: 'targets[0].image_fit' must be one of pad, crop, got 'stretch'",
                         "/srv/h.yaml:6:44: error: 'targets[0].image_background' must be a colour written "
                         "#rrggbb, e.g. \"#ffffff\", got 'white'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(site_static_dir_is_resolved_against_the_configuration) {
  Config config = config_of(
      "site: {title: T, url: https://example.org, author: A, static_dir: www/static}\n"
      "content: {dir: content}\n"
      "output: {dir: public}\n");
  BOOST_TEST(config.site.static_dir == "/srv/www/static");
  BOOST_TEST(config_of(kSite).site.static_dir == "");
}

BOOST_AUTO_TEST_CASE(discord_thread_name_and_telegram_link_preview) {
  Config config = config_of(kSite + "targets:\n" +
                            "  - {name: forum, type: discord, url: 'https://discord.example/api/webhooks/1/x',\n"
                            "     thread_name: '{title}'}\n"
                            "  - {name: chan, type: discord, url: 'https://discord.example/api/webhooks/1/y'}\n"
                            "  - {name: tg, type: telegram, token: t, chat_id: '@n', link_preview: above,\n"
                            "     link_preview_media: small}\n"
                            "  - {name: quiet, type: telegram, token: t, chat_id: '@n', link_preview: false}\n"
                            "  - {name: plain, type: telegram, token: t, chat_id: '@n'}\n");
  BOOST_TEST(config.targets[0].as<DiscordSettings>().thread_name == "{title}");
  BOOST_TEST(config.targets[1].as<DiscordSettings>().thread_name == "");
  const TelegramLinkPreview& above = config.targets[2].as<TelegramSettings>().link_preview;
  BOOST_TEST((above.shown && above.above_text && above.media == "small"));
  BOOST_TEST(!config.targets[3].as<TelegramSettings>().link_preview.shown);
  const TelegramLinkPreview& plain = config.targets[4].as<TelegramSettings>().link_preview;
  BOOST_TEST((plain.shown && !plain.above_text && plain.media == "large"));

  BOOST_TEST(errors_of(kSite + "targets:\n" +
                       "  - {name: forum, type: discord, url: 'https://discord.example/api/webhooks/1/x',\n"
                       "     thread_name: ''}\n"
                       "  - {name: tg, type: telegram, token: t, chat_id: '@n', link_preview: yes,\n"
                       "     link_preview_media: huge}\n"
                       "  - {name: slack, type: slack, url: 'https://hooks.slack.example/x', link_preview: true}\n") ==
                 (Errors{"/srv/h.yaml:6:19: error: 'targets[0].thread_name' must not be empty; write "
                         "thread_name: \"{title}\" for a forum channel, or remove it for a text channel",
                         "/srv/h.yaml:7:71: error: 'targets[1].link_preview' must be one of true, false, "
                         "above, below, got 'yes'",
                         "/srv/h.yaml:8:26: error: 'targets[1].link_preview_media' must be one of large, "
                         "small, auto, got 'huge'",
                         "/srv/h.yaml:9:70: error: unknown key 'link_preview' in 'targets[2]' (expected one of: "
                         "name, type, url, after_timeout, template, language, hashtags, image, image_fit, "
                         "image_background, sections, tags, flag, delay, wait_for_url, events, concurrency, "
                         "rate_per_second, max_attempts, connect_timeout, timeout, ca_file, pace, approval)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
