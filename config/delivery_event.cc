#include "config/delivery_event.h"

#include <array>

#include "config/enum_names.h"

namespace herald {
namespace {

// Indexed by DeliveryEvent.
constexpr std::array<const char*, 5> kNames = {"post.published", "post.updated", "post.deleted",
                                               "websub.publish", "indexnow.submit"};

}  // namespace

const char* delivery_event_name(DeliveryEvent event) { return enum_name(kNames, event); }

std::optional<DeliveryEvent> parse_delivery_event(std::string_view name) {
  return enum_by_name<DeliveryEvent>(kNames, name);
}

bool is_post_event(DeliveryEvent event) {
  return event != DeliveryEvent::websub_publish && event != DeliveryEvent::indexnow_submit;
}

std::vector<std::string> post_event_names() { return enum_names_where(kNames, is_post_event); }

}  // namespace herald
