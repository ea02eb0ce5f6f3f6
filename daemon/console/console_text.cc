#include "daemon/console/console_text.h"

namespace herald {
namespace {

std::string number(std::int64_t n) { return std::to_string(n); }

}  // namespace

std::string state_label(bool spanish, DeliveryState state) {
  switch (state) {
    case DeliveryState::pending:
      return say(spanish, {"pending", "pendiente"});
    case DeliveryState::in_flight:
      return say(spanish, {"sending", "enviándose"});
    case DeliveryState::sent:
      return say(spanish, {"sent", "enviado"});
    case DeliveryState::awaiting_approval:
      return say(spanish, {"awaiting approval", "espera aprobación"});
    case DeliveryState::rejected:
      return say(spanish, {"rejected", "rechazado"});
    case DeliveryState::dead:
      break;
  }
  return say(spanish, {"dead", "fallido"});
}

std::string decided_notice(bool spanish, EditorAction action, std::int64_t delivery_id) {
  if (action == EditorAction::reject) {
    return spanish ? "Envío " + number(delivery_id) + " rechazado: no se publicará."
                   : "rejected delivery " + number(delivery_id);
  }
  return spanish ? "Envío " + number(delivery_id) + " aprobado: se publicará a su turno."
                 : "approved delivery " + number(delivery_id);
}

std::string decided_already_notice(bool spanish, std::int64_t delivery_id, DeliveryState state) {
  return spanish ? "El envío " + number(delivery_id) + " ya estaba decidido: " + state_label(true, state) + "."
                 : "delivery " + number(delivery_id) + " was decided already: it is " + state_label(false, state);
}

std::string no_delivery_notice(bool spanish, std::int64_t delivery_id) {
  return spanish ? "No existe el envío " + number(delivery_id) + "." : "no delivery has id " + number(delivery_id);
}

std::string not_editable_notice(bool spanish, const std::string& target) {
  return spanish ? "El texto de " + target + " no se puede editar; nada se aprobó."
                 : target + "'s text cannot be edited; nothing was approved";
}

std::string text_refused_notice(bool spanish, const std::string& target, const std::string& network,
                                const EditorTextRefusal& refusal) {
  const std::string length = number(static_cast<std::int64_t>(refusal.length));
  const std::string limit = number(static_cast<std::int64_t>(refusal.limit));
  std::string why;
  switch (refusal.kind) {
    case EditorTextRefusal::Kind::empty:
      why = say(spanish, {"the text is empty", "el texto está vacío"});
      break;
    case EditorTextRefusal::Kind::too_long:
      why = spanish
                ? "el texto tiene " + length + " caracteres según los cuenta " + network + "; el límite es " + limit
                : "the text is " + length + " characters as " + network + " counts them; the limit is " + limit;
      break;
    case EditorTextRefusal::Kind::too_many_bytes:
      why = spanish ? "el texto ocupa " + length + " bytes; el límite es " + limit + " bytes"
                    : "the text is " + length + " bytes; the limit is " + limit + " bytes";
      break;
  }
  return target + ": " + why + say(spanish, {"; nothing was approved", "; no se aprobó nada."});
}

std::string requeued_notice(bool spanish, std::int64_t count) {
  if (count == 0) return say(spanish, {"no dead deliveries to retry", "No hay envíos fallidos que reintentar."});
  if (spanish) {
    return count == 1 ? "Se reintenta 1 envío fallido." : "Se reintentan " + number(count) + " envíos fallidos.";
  }
  return count == 1 ? "1 dead delivery requeued" : number(count) + " dead deliveries requeued";
}

std::string resent_notice(bool spanish) {
  return say(spanish, {"resent; the new deliveries are listed below", "Reenviado; los nuevos envíos aparecen abajo."});
}

std::string failed_notice(bool spanish, EditorAction action, const std::string& detail) {
  static constexpr Label kCouldNot[] = {{"could not approve: ", "No se pudo aprobar: "},
                                        {"could not reject: ", "No se pudo rechazar: "},
                                        {"could not retry: ", "No se pudo reintentar: "},
                                        {"could not resend: ", "No se pudo reenviar: "}};
  return say(spanish, kCouldNot[static_cast<int>(action)]) + detail;
}

}  // namespace herald
