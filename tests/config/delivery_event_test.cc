// Delivery events: the wire names round-trip, and only the post events are
// what a target's `events:` may list.
#include "config/delivery_event.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(delivery_event)

BOOST_AUTO_TEST_CASE(event_names_round_trip) {
  for (DeliveryEvent e : {DeliveryEvent::published, DeliveryEvent::updated, DeliveryEvent::deleted,
                          DeliveryEvent::websub_publish, DeliveryEvent::indexnow_submit}) {
    BOOST_TEST((parse_delivery_event(delivery_event_name(e)) == e));
  }
  BOOST_TEST(std::string(delivery_event_name(DeliveryEvent::published)) == "post.published");
  BOOST_TEST(std::string(delivery_event_name(DeliveryEvent::updated)) == "post.updated");
  BOOST_TEST(std::string(delivery_event_name(DeliveryEvent::deleted)) == "post.deleted");
  BOOST_TEST(std::string(delivery_event_name(DeliveryEvent::websub_publish)) == "websub.publish");
  BOOST_TEST(!parse_delivery_event("resend").has_value());
  BOOST_TEST(!parse_delivery_event("Post.Published").has_value());
}

BOOST_AUTO_TEST_CASE(post_events_are_the_announcements) {
  BOOST_TEST(is_post_event(DeliveryEvent::published));
  BOOST_TEST(is_post_event(DeliveryEvent::updated));
  BOOST_TEST(is_post_event(DeliveryEvent::deleted));
  BOOST_TEST(!is_post_event(DeliveryEvent::websub_publish));
  BOOST_TEST(!is_post_event(DeliveryEvent::indexnow_submit));
  BOOST_TEST(std::string(delivery_event_name(DeliveryEvent::indexnow_submit)) == "indexnow.submit");
  BOOST_TEST(post_event_names() ==
                 (std::vector<std::string>{"post.published", "post.updated", "post.deleted"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
