// The console's sentences in both languages: counts, refusals of an
// editor's text, failures quoted from below.
#include "daemon/console/console_text.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(console_text)

BOOST_AUTO_TEST_CASE(requeued_counts_read_right_in_both_languages) {
  BOOST_TEST(requeued_notice(false, 0) == "no dead deliveries to retry");
  BOOST_TEST(requeued_notice(false, 2) == "2 dead deliveries requeued");
  BOOST_TEST(requeued_notice(true, 0) == "No hay envíos fallidos que reintentar.");
  BOOST_TEST(requeued_notice(true, 2) == "Se reintentan 2 envíos fallidos.");
}

BOOST_AUTO_TEST_CASE(a_refused_text_says_why_in_both_languages) {
  EditorTextRefusal bytes{EditorTextRefusal::Kind::too_many_bytes, 3500, 3000};
  BOOST_TEST(text_refused_notice(false, "sky", "bluesky", bytes) ==
             "sky: the text is 3500 bytes; the limit is 3000 bytes; nothing was approved");
  BOOST_TEST(text_refused_notice(true, "sky", "bluesky", bytes) ==
             "sky: el texto ocupa 3500 bytes; el límite es 3000 bytes; no se aprobó nada.");
  EditorTextRefusal empty{EditorTextRefusal::Kind::empty, 0, 300};
  BOOST_TEST(text_refused_notice(true, "sky", "bluesky", empty) == "sky: el texto está vacío; no se aprobó nada.");
}

BOOST_AUTO_TEST_CASE(failures_quote_their_detail_inside_the_sites_language) {
  BOOST_TEST(failed_notice(false, EditorAction::resend, "post 9 is not in the outbox") ==
             "could not resend: post 9 is not in the outbox");
  BOOST_TEST(failed_notice(true, EditorAction::reject, "disk full") == "No se pudo rechazar: disk full");
  BOOST_TEST(state_label(true, DeliveryState::awaiting_approval) == "espera aprobación");
  BOOST_TEST(decided_already_notice(false, 7, DeliveryState::rejected) == "delivery 7 was decided already: it is rejected");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
