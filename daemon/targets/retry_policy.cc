#include "daemon/targets/retry_policy.h"

#include <algorithm>

#include "feeds/http_reason.h"
#include "feeds/text.h"

namespace herald {
namespace {

constexpr std::size_t kExcerptBytes = 200;

// What a status means, before attempts and timing are considered.
struct Verdict {
  bool retryable = false;
  std::string what;  // after "HTTP <code> <phrase>: "; empty: nothing to add
  bool permanent_for_target = false;
};

Verdict verdict_for(int status) {
  if (status >= 300 && status < 400) return {false, "redirects are not followed: update the url"};
  switch (status) {
    case 408: case 425: case 429: case 500: case 502: case 503: case 504:
      return {true, ""};
    case 400: return {false, "the receiver rejected the request"};
    case 401:
      return {false, "the receiver refused the credentials: check the secret or token", true};
    case 403: return {false, "the receiver refused access: check the secret or token", true};
    case 404:
      return {false, "nothing at the url: the webhook or endpoint may have been deleted", true};
    case 405: return {false, "the url does not accept this method"};
    case 410: return {false, "the receiver removed this webhook", true};
    case 413: return {false, "the request is larger than the receiver accepts"};
    case 422: return {false, "the receiver rejected the content"};
    case 501: case 505: return {false, "the receiver does not support the request"};
    default: break;
  }
  if (status >= 400 && status < 500) return {false, "the receiver rejected the request"};
  if (status >= 500 && status < 600) return {true, ""};
  return {true, "unexpected status"};
}

// "HTTP 410 Gone", or "HTTP 425" for a status without a registered phrase.
std::string status_line(int status) {
  std::string line = "HTTP " + std::to_string(status);
  if (std::string_view phrase = http_reason_phrase(status); !phrase.empty()) {
    line += ' ';
    line += phrase;
  }
  return line;
}

// A short single-line excerpt of a text body; "" for HTML pages, binary or
// invalid UTF-8 (they say nothing a person can use in one line).
std::string body_excerpt(std::string_view body) {
  std::string text = trim(body);
  if (text.empty() || text[0] == '<' || find_invalid_utf8(text) != std::string::npos) return "";
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  text = squash_whitespace(text);
  if (text.size() <= kExcerptBytes) return text;
  std::size_t cut = kExcerptBytes;
  // Back to the first byte of the code point the cut falls in.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

// The reason of a failed attempt and whether it may be retried.
Verdict describe(const HttpResponse& response) {
  if (response.status == 0) {
    if (response.timed_out) return {true, "timed out"};
    std::string error = response.error.empty() ? "no response" : response.error;
    return {true, "network error: " + error};
  }
  Verdict verdict = verdict_for(response.status);
  std::string reason = status_line(response.status);
  if (!verdict.what.empty()) reason += ": " + verdict.what;
  std::string excerpt = body_excerpt(response.body);
  if (!excerpt.empty()) reason += " (response: " + excerpt + ")";
  verdict.what = std::move(reason);
  return verdict;
}

}  // namespace

RetryPolicy retry_policy_for(const TargetConfig& target, const DeliveryConfig& delivery) {
  RetryPolicy policy;
  policy.max_attempts = target.max_attempts > 0 ? target.max_attempts : delivery.max_attempts;
  policy.backoff_initial = delivery.backoff_initial;
  policy.backoff_max = delivery.backoff_max;
  return policy;
}

std::chrono::milliseconds backoff_delay(int attempts, const RetryPolicy& policy,
                                        const UniformRandom& random) {
  std::int64_t cap = std::max<std::int64_t>(policy.backoff_max.count(), 0);
  std::int64_t base = std::min(std::max<std::int64_t>(policy.backoff_initial.count(), 0), cap);
  for (int i = 1; i < attempts && base < cap; ++i) base = std::min(base * 2, cap);
  double r = std::clamp(random(), 0.0, 1.0);
  double delay = policy.jitter == Jitter::full ? r * static_cast<double>(base)
                                               : (0.5 + 0.5 * r) * static_cast<double>(base);
  return std::chrono::milliseconds(static_cast<std::int64_t>(delay));
}

RetryDecision decide_retry(const HttpResponse& response, int attempts, const RetryPolicy& policy,
                           std::int64_t now_ms, const UniformRandom& random,
                           const Redactor& redactor,
                           std::optional<std::chrono::milliseconds> body_wait) {
  RetryDecision decision;
  if (response.status >= 200 && response.status < 300) return decision;
  Verdict verdict = describe(response);
  decision.reason = redactor.apply(verdict.what);
  decision.permanent_for_target = verdict.permanent_for_target;
  if (!verdict.retryable || attempts >= policy.max_attempts) {
    decision.kind = RetryDecision::Kind::dead;
    if (verdict.retryable) {
      decision.reason =
          "gave up after " + std::to_string(attempts) + " attempts: " + decision.reason;
    }
    return decision;
  }
  decision.kind = RetryDecision::Kind::retry;
  std::int64_t at = now_ms + backoff_delay(attempts, policy, random).count();
  std::optional<std::int64_t> server_at =
      server_retry_at_ms(response.status, response.headers, body_wait, now_ms);
  if (server_at) at = std::max(at, *server_at);
  decision.retry_at_ms = std::min(at, now_ms + policy.wait_max.count());
  return decision;
}

DeliveryOutcome to_delivery_outcome(const RetryDecision& decision, std::int64_t id,
                                    std::int64_t now_ms, int http_status) {
  DeliveryOutcome outcome;
  outcome.id = id;
  outcome.at_ms = now_ms;
  outcome.http_status = http_status;
  switch (decision.kind) {
    case RetryDecision::Kind::sent:
      outcome.kind = DeliveryOutcome::Kind::sent;
      break;
    case RetryDecision::Kind::retry:
      outcome.kind = DeliveryOutcome::Kind::retry;
      outcome.retry_at_ms = decision.retry_at_ms;
      break;
    case RetryDecision::Kind::dead:
      outcome.kind = DeliveryOutcome::Kind::dead;
      outcome.target_refused = decision.permanent_for_target;
      break;
  }
  outcome.error = decision.reason;
  return outcome;
}

DeliveryOutcome failed_request_outcome(const HttpResponse& response, const Delivery& delivery,
                                       const std::string& what, const RetryPolicy& policy, std::int64_t now_ms,
                                       const UniformRandom& random, const Redactor& redactor) {
  RetryDecision decision = decide_retry(response, delivery.attempts, policy, now_ms, random, redactor);
  decision.reason = what + ": " + decision.reason;
  return to_delivery_outcome(decision, delivery.id, now_ms, response.status);
}

}  // namespace herald
