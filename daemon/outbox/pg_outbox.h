// PgOutbox: the Outbox (outbox.h) in the PostgreSQL database of
// state.database, shared by several `herald run` instances. Same contract
// as the SQLite outbox, with what sharing changes:
//
// - A new post is announced once for the whole cluster: record() inserts
//   each post with INSERT ... ON CONFLICT DO NOTHING, and only the instance
//   whose insert made the row records the post's post.published deliveries
//   (an editor's resend, resent_by set, and the other events are recorded
//   whoever made the post's row). The losing instance's transaction waits
//   for the winner's to end, so it never decides on a post half recorded.
// - A change is announced once for the cluster too (NewDelivery::change):
//   record() inserts each edit or deletion of a post, keyed by (post id,
//   event, signature of the version: change_signature.h), into
//   announced_changes with ON CONFLICT DO NOTHING, and records its
//   deliveries only where its insert made the row; the losing instance
//   waits for the winner's transaction as above. So two instances seeing
//   the same edit announce it once, and an instance lagging behind (its
//   copy of the content an edit late) announces nothing the other did.
//   The price: a post edited back to a version announced earlier as an
//   update (A -> B -> A -> B: the second B) is not announced again. A
//   WebSub ping's change is the feed's bytes: pinged_feeds keeps per topic
//   the version the hubs last heard of, and a ping is recorded only by the
//   instance whose upsert changed it (a feed that comes back to an earlier
//   version is pinged again). An IndexNow batch names the changes of its
//   URLs (NewDelivery::changes), recorded as above (a new post: by its
//   row), and is left out when another instance recorded them all.
// - Claims take rows FOR UPDATE SKIP LOCKED (pg_delivery_claims.h) and
//   name the claiming instance (`instance`) as the lease's holder; an
//   expired lease is taken over by any instance, with the same message_id.
// - finish() applies an outcome only while this instance holds the lease
//   (in flight, lease_holder = instance): an instance whose lease expired
//   and was taken over cannot overwrite the new holder's result. A sent
//   delivery keeps the instance as sent_by (herald status shows it).
// - One live read-write outbox per instance name: it holds a session-level
//   advisory lock on the name while connected; a second one with the same
//   name is refused at open (or, waiting for the database, cannot work
//   until the first is gone: check_file() says why).
// - recover_in_flight() returns to pending only this instance's leases
//   (its previous process died: same state.instance); another instance's
//   leases expire and are taken over.
// - Leases are timed by the database's clock (pg_delivery_claims.h), so a
//   step of this machine's clock moves none: shift_waits() moves nothing
//   (the shared retry times are the cluster's), and leases() gives each
//   lease's end in this machine's clock (the time left by the database's
//   clock, from wall_clock_ms()), for the engine's wake-ups.
// - wall_mark() is kept per instance (meta key "wall_mark:<instance>").
// - change_counter() counts the notifications (LISTEN/NOTIFY on
//   kOutboxChannel, outbox_pg_schema.h) that triggers send when a
//   transaction of any instance changes posts, deliveries, the audit or a
//   pace, as they reach this connection (a few milliseconds after the
//   commit): the first call LISTENs, then a call reads only what the
//   socket holds, no table. A reconnection counts as a change (the
//   notifications sent meanwhile are lost).
// - check_file() says whether the database answered the last call (from
//   any thread: it reads only what the calls noted).
//
// Losing the database: a call that fails on a broken connection closes
// it (a read-only outbox's statement is asked again at once on a new
// connection, so the first question after a restart is answered), and
// a later call starts connecting again, at most once per backoff (1 s
// doubling to 30 s), on a thread of its own: no call waits for the
// attempt (up to 3 s when the host went silent), the first call after it
// ended takes the connection; meanwhile calls fail with the reason and check_file()
// says the database is unreachable (the daemon's health), record() too, so the announcer records nothing it
// cannot keep and the posts stay unseen until the database is back.
//
// A PgOutbox belongs to one thread (one connection); `path()` is the
// database's URL with its password masked.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "config/database_url.h"
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/pg_delivery_claims.h"

namespace herald {

// The instance name herald run uses when state.instance is not set: the
// host's name (gethostname), "herald" when it has none.
std::string default_instance_name();

struct PgOutboxOptions {
  std::string instance;  // this instance's name (state.instance); required
  Outbox::Mode mode = Outbox::Mode::read_write;  // read_only: no migration, the schema must be current
  // A first connection that fails still gives an outbox, unreachable until
  // a later call connects (herald run starts while the database is down).
  bool wait_for_database = false;
  // The first wait before connecting again after a failure (doubling to 30 s).
  std::chrono::milliseconds first_backoff{1000};
  // Whose clock times the leases: the database's; the instance's `now_ms`
  // only for tests that drive time through the calls (as SQLite's).
  PgLeaseClock lease_clock = PgLeaseClock::database;
};

// Connects to `database` and (read_write) migrates the outbox's schema to
// Outbox::kSchemaVersion; the Result holds the outbox or why not, naming
// the database by its masked URL.
Result<std::unique_ptr<Outbox>> open_pg_outbox(const DatabaseConfig& database, const PgOutboxOptions& options);

}  // namespace herald
