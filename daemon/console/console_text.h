// What the console says, in the site's language (Spanish when
// site.language starts with "es", else English): every sentence as a
// `Label` {English, Spanish} read with `say`, the pages' (console_pages.cc)
// and the app's alike; a delivery's state as people read it; and the
// notices an action leaves above the next page (approved, rejected,
// requeued, resent, an editor's text refused by the network's limit,
// decided already, what failed). A detail that comes from below (an
// outbox's error) is quoted as it is, inside a sentence of the site's
// language. Pure.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/targets/approval.h"
#include "daemon/targets/delivery.h"

namespace herald {

struct Label {
  const char* en;
  const char* es;
};
inline const char* say(bool spanish, const Label& label) { return spanish ? label.es : label.en; }

// Refusals and login answers.
inline constexpr Label kGetOrPost{"GET or POST only", "Solo GET o POST."};
inline constexpr Label kLogInFirst{"log in first: no session, or it has ended",
                                   "Inicie sesión primero: no hay sesión o ha terminado."};
inline constexpr Label kFormExpired{"this form has expired or did not come from this console; reload the page",
                                    "Este formulario ha caducado o no viene de esta consola; recargue la página."};
inline constexpr Label kViewerCannotDecide{
    "a viewer cannot change what is announced; ask an editor",
    "Una cuenta de lectura no puede cambiar lo que se anuncia; pídalo a un editor."};
inline constexpr Label kNoSuchPage{"No such page.", "No existe esa página."};
inline constexpr Label kNoSuchDelivery{"no such delivery", "No existe ese envío."};
inline constexpr Label kNoSuchAction{"no such action", "No existe esa acción."};
inline constexpr Label kWrongLogin{"Wrong account or password.", "Cuenta o contraseña incorrecta."};
inline constexpr Label kTooManyFailures{"Too many failed logins; try again after ",
                                        "Demasiados intentos fallidos; vuelva a probar después de "};
inline constexpr Label kTooManyAtOnce{"Too many logins at once; try again in a moment.",
                                      "Demasiados inicios de sesión a la vez; vuelva a probar en un momento."};
inline constexpr Label kChooseTargets{"choose at least one target to resend to",
                                      "Elija al menos un destino al que reenviar."};

// A delivery's state: "awaiting approval", "espera aprobación".
std::string state_label(bool spanish, DeliveryState state);

enum class EditorAction { approve, reject, retry, resend };

// "approved delivery 7" / "Envío 7 aprobado."; the same for a rejection.
std::string decided_notice(bool spanish, EditorAction action, std::int64_t delivery_id);
// Delivery `delivery_id` is no longer awaiting approval: "delivery 7 was
// decided already: it is sent".
std::string decided_already_notice(bool spanish, std::int64_t delivery_id, DeliveryState state);
std::string no_delivery_notice(bool spanish, std::int64_t delivery_id);
// `target`'s text cannot be edited (a webhook, a chat bridge).
std::string not_editable_notice(bool spanish, const std::string& target);
// An editor's text for `target` (of network `network`) refused: "toot: the
// text is 612 characters as mastodon counts them; the limit is 500;
// nothing was approved".
std::string text_refused_notice(bool spanish, const std::string& target, const std::string& network,
                                const EditorTextRefusal& refusal);
// "2 dead deliveries requeued" / "Se reintentan 2 envíos fallidos."; none: nothing to retry.
std::string requeued_notice(bool spanish, std::int64_t count);
std::string resent_notice(bool spanish);
// `action` failed for a reason from below: "could not approve: <detail>".
std::string failed_notice(bool spanish, EditorAction action, const std::string& detail);

}  // namespace herald
