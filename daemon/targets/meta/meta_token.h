// The long-lived user token of an Instagram or Threads account (pure): when
// it is due for a refresh, the refresh request, its answer, and the token
// as kept in the target's state (TargetStateStore, in the outbox).
//
// Both networks' long-lived tokens live 60 days and can be refreshed once
// they are at least 24 hours old and not expired; the refresh answers a new
// token valid 60 days from then (shared/docs/networks.md: Instagram
// `ig_refresh_token`, Threads `th_refresh_token`). An expired token cannot
// be refreshed: the operator must get a new one (docs/targets.md). herald
// refreshes a token once it is a day old, at the first delivery after
// that, so a target that announces at least every 59 days never expires;
// the new token is saved before anything uses it.
//
// State text: {"seed", "token", "obtained_ms", "expires_at_ms"}. `seed` is
// the configured token the chain grew from; when the configuration names
// another one (the operator installed a new token), the kept chain is
// dropped and the new seed is used, obtained "now" (its age is unknown).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/targets/http_exchange.h"

namespace herald {

inline constexpr std::int64_t kMetaRefreshAfterMs = 24LL * 3600 * 1000;  // a day old
inline constexpr std::int64_t kMetaRefreshRetryMs = 3600 * 1000;         // after a failed refresh

struct MetaToken {
  std::string seed;
  std::string token;
  std::int64_t obtained_ms = 0;    // when herald first had it (or refreshed it)
  std::int64_t expires_at_ms = 0;  // 0: unknown (a configured token)

  // Whether a refresh is due at `now_ms`.
  bool refresh_due(std::int64_t now_ms) const { return now_ms - obtained_ms >= kMetaRefreshAfterMs; }
};

std::string meta_token_state(const MetaToken& token);
// The chain kept in `state` when it grew from `seed`; else a new chain
// holding only `seed`, obtained at `now_ms` (also when `state` is absent
// or unreadable).
MetaToken read_meta_token(const std::optional<std::string>& state, const std::string& seed, std::int64_t now_ms);

// GET {url}/refresh_access_token?grant_type={grant}&access_token={token}.
HttpRequest meta_refresh_request(const std::string& url, const std::string& grant, const std::string& token);

// What a refresh answer says.
enum class MetaTokenReply { renewed, refused, failed };
struct MetaTokenAnswer {
  MetaTokenReply reply = MetaTokenReply::failed;
  MetaToken token;     // renewed: the new token (seed kept from `before`)
  std::string detail;  // refused / failed: "code 190: Error validating access token: ..."
};
MetaTokenAnswer read_meta_token_answer(const HttpResponse& response, const MetaToken& before, std::int64_t now_ms);

}  // namespace herald
