// DeliveryEvent: what a delivery tells its target, and the event's wire
// name: a target's `events:` values, the outbox's `event` column
// (daemon/targets/delivery.h), a webhook body's "type" and a chat
// payload's "event". The post events are announcements (post.published to
// every target that wants the post; post.updated and post.deleted to those
// that list them); websub.publish is a WebSub hub ping and indexnow.submit
// a batch of changed URLs for an IndexNow target, never configured.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

enum class DeliveryEvent { published, updated, deleted, websub_publish, indexnow_submit };

// "post.published", "post.updated", "post.deleted", "websub.publish", "indexnow.submit".
const char* delivery_event_name(DeliveryEvent event);
// The event named `name` exactly; nullopt for any other text.
std::optional<DeliveryEvent> parse_delivery_event(std::string_view name);

// An announcement of a post (published, updated, deleted): what `events:` may list.
bool is_post_event(DeliveryEvent event);
// The names of the post events, in declaration order (for messages).
std::vector<std::string> post_event_names();

}  // namespace herald
