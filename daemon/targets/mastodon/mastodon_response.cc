#include "daemon/targets/mastodon/mastodon_response.h"

#include <boost/json.hpp>

#include <algorithm>

#include "feeds/text.h"

namespace herald {
namespace {

namespace json = boost::json;

constexpr std::size_t kErrorBytes = 300;

std::optional<json::object> object_of(const std::string& body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  return std::move(parsed.get_object());
}

// A member as text: strings as they are, numbers spelled (ids are strings
// in Mastodon, but be lenient).
std::string text_member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (!value) return "";
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_int64()) return std::to_string(value->get_int64());
  if (value->is_uint64()) return std::to_string(value->get_uint64());
  return "";
}

DeliveryOutcome dead_with(std::string reason, int status, const MastodonReplyContext& context) {
  DeliveryOutcome outcome;
  outcome.kind = DeliveryOutcome::Kind::dead;
  outcome.error = context.redactor.apply(reason);
  outcome.at_ms = context.now_ms;
  outcome.http_status = status;
  return outcome;
}

std::string status_text(int status) { return "HTTP " + std::to_string(status); }

// The server's words, for a reason: " (the server said: ...)" or "".
std::string server_said(const std::string& body) {
  std::string text = mastodon_error_text(body);
  return text.empty() ? "" : " (the server said: " + text + ")";
}

DeliveryOutcome token_refused(const HttpResponse& response, const MastodonReplyContext& context) {
  return dead_with("the token was refused (" + status_text(response.status) +
                       "): create a new access token with the write:statuses and write:media scopes "
                       "(Preferences > Development > New application)" +
                       server_said(response.body),
                   response.status, context);
}

// Mastodon's X-RateLimit-Reset is an ISO-8601 instant with milliseconds
// ("2025-11-29T12:05:00.385Z"); retry_hints.h reads dates to the whole
// second, so a 429's retry waits until the second after it: never before
// the quota is back.
void after_reset(const HttpResponse& response, const MastodonReplyContext& context,
                 DeliveryOutcome& outcome) {
  if (response.status != 429 || outcome.kind != DeliveryOutcome::Kind::retry) return;
  std::string reset = response.header("x-ratelimit-reset");
  if (reset.find('-') == std::string::npos) return;  // seconds or epoch: exact already
  std::optional<std::int64_t> at = header_instant_ms(reset, context.now_ms, true);
  if (!at) return;
  std::int64_t wait_max = context.now_ms + context.policy.wait_max.count();
  outcome.retry_at_ms = std::min(std::max(outcome.retry_at_ms, *at + 1000), wait_max);
}

DeliveryOutcome policy_outcome(const HttpResponse& response, const MastodonReplyContext& context) {
  RetryDecision decision = decide_retry(response, context.attempts, context.policy, context.now_ms,
                                        context.random, context.redactor);
  DeliveryOutcome outcome = to_delivery_outcome(decision, 0, context.now_ms, response.status);
  after_reset(response, context, outcome);
  return outcome;
}

}  // namespace

std::string mastodon_error_text(const std::string& body) {
  std::string text;
  if (std::optional<json::object> object = object_of(body)) {
    text = text_member(*object, "error");
  } else if (!body.empty() && body.front() != '<' && find_invalid_utf8(body) == std::string::npos) {
    text = body;
  }
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  text = squash_whitespace(trim(text));
  if (text.size() <= kErrorBytes) return text;
  std::size_t cut = kErrorBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

DeliveryOutcome mastodon_status_outcome(const HttpResponse& response, const MastodonReplyContext& context) {
  switch (response.status) {
    case 200: {
      DeliveryOutcome outcome;
      outcome.kind = DeliveryOutcome::Kind::sent;
      outcome.at_ms = context.now_ms;
      outcome.http_status = 200;
      if (std::optional<json::object> status = object_of(response.body)) {
        outcome.remote_id = text_member(*status, "id");
        outcome.remote_url = text_member(*status, "url");
      }
      return outcome;
    }
    case 401:
    case 403:
      return token_refused(response, context);
    case 404:
      return dead_with("the server has no Mastodon API at the target's url (HTTP 404 on "
                       "/api/v1/statuses): check url, e.g. url: https://mastodon.social",
                       404, context);
    case 422:
      return dead_with("the server refused the status (HTTP 422)" + server_said(response.body) +
                           "; it is not retried",
                       422, context);
    default:
      return policy_outcome(response, context);
  }
}

MastodonMediaReply mastodon_media_reply(const HttpResponse& response, bool polling,
                                        const MastodonReplyContext& context) {
  MastodonMediaReply reply;
  int status = response.status;
  bool processing = status == (polling ? 206 : 202);
  if (status == 200 || processing) {
    std::optional<json::object> media = object_of(response.body);
    reply.id = media ? text_member(*media, "id") : "";
    if (!reply.id.empty()) {
      reply.kind = processing ? MastodonMediaReply::Kind::processing : MastodonMediaReply::Kind::ready;
      return reply;
    }
    if (!polling) {
      reply.kind = MastodonMediaReply::Kind::rejected;
      reply.reason = "the server's answer to the upload (" + status_text(status) + ") has no media id";
      return reply;
    }
    // A poll that names no id still tells the state.
    reply.kind = processing ? MastodonMediaReply::Kind::processing : MastodonMediaReply::Kind::ready;
    return reply;
  }
  if (status == 401 || status == 403) {
    reply.outcome = token_refused(response, context);
    return reply;
  }
  if (!polling && (status == 404 || status == 413 || status == 415 || status == 422)) {
    reply.kind = MastodonMediaReply::Kind::rejected;
    reply.reason = context.redactor.apply("the server refused the image (" + status_text(status) + ")" +
                                          server_said(response.body));
    return reply;
  }
  reply.outcome = policy_outcome(response, context);
  if (reply.outcome.kind == DeliveryOutcome::Kind::sent) {
    // Another 2xx: not an answer a media request should get.
    RetryDecision decision;
    decision.kind = RetryDecision::Kind::retry;
    decision.retry_at_ms = context.now_ms + backoff_delay(context.attempts, context.policy, context.random).count();
    reply.outcome = to_delivery_outcome(decision, 0, context.now_ms, status);
    reply.outcome.error = "unexpected answer to the media request (" + status_text(status) + ")";
  }
  return reply;
}

}  // namespace herald
