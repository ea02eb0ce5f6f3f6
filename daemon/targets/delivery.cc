#include "daemon/targets/delivery.h"

namespace herald {

const char* delivery_state_name(DeliveryState state) {
  switch (state) {
    case DeliveryState::pending:
      return "pending";
    case DeliveryState::in_flight:
      return "in_flight";
    case DeliveryState::sent:
      return "sent";
    case DeliveryState::awaiting_approval:
      return "awaiting_approval";
    case DeliveryState::rejected:
      return "rejected";
    case DeliveryState::dead:
      break;
  }
  return "dead";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view name) {
  for (DeliveryState s : {DeliveryState::pending, DeliveryState::in_flight, DeliveryState::sent,
                          DeliveryState::dead, DeliveryState::awaiting_approval, DeliveryState::rejected}) {
    if (name == delivery_state_name(s)) return s;
  }
  return std::nullopt;
}

}  // namespace herald
