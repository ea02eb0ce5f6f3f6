// X's OAuth 2.0 token chain (pure): the refresh request, its answer, and
// the chain as kept in the target's state.
//
// X access tokens live 2 hours; the refresh token (scope offline.access)
// is single-use: every refresh answers a new access token AND a new refresh
// token, and the old refresh token is refused from then on (observed, not
// documented: shared/docs/networks.md). So the new pair is saved
// (TargetStateStore, in the outbox) before anything uses it: a crash after
// the refresh loses nothing, and a restart goes on with the new link.
//
// State text: {"seed", "refresh_token", "access_token", "expires_at_ms", "user_id"}.
// `seed` is the configured refresh_token the chain grew from; when the
// configuration names another one (the operator authorized again and
// installed it), the kept chain is dropped and the new seed is used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/targets/http_exchange.h"

namespace herald {

struct XTokens {
  std::string seed;           // the configured refresh token the chain started from
  std::string refresh_token;  // the newest link
  std::string access_token;   // "" until the first refresh
  std::int64_t expires_at_ms = 0;
  std::string user_id;        // the account's id, once looked up

  // Whether the access token can be used at `now_ms` (a minute to spare).
  bool fresh(std::int64_t now_ms) const { return !access_token.empty() && now_ms + 60000 < expires_at_ms; }
};

std::string x_tokens_state(const XTokens& tokens);
// The chain kept in `state` when it grew from `seed`; else a new chain
// holding only `seed` (also when `state` is absent or unreadable).
XTokens read_x_tokens(const std::optional<std::string>& state, const std::string& seed);

// POST {api}/2/oauth2/token, form grant_type=refresh_token, refresh_token,
// client_id; HTTP Basic client_id:client_secret for a confidential client.
HttpRequest x_refresh_request(const std::string& api, const std::string& client_id,
                              const std::string& client_secret, const std::string& refresh_token);

// What a token answer says.
enum class XTokenReply { renewed, refused, retry };
struct XTokenAnswer {
  XTokenReply reply = XTokenReply::retry;
  XTokens tokens;       // renewed: the new pair (seed and user_id kept from `before`)
  std::string detail;   // refused / retry: "invalid_grant: Value passed for the token was invalid."
};
XTokenAnswer read_x_token_answer(const HttpResponse& response, const XTokens& before, std::int64_t now_ms);

}  // namespace herald
