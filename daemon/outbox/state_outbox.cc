#include "daemon/outbox/state_outbox.h"

#include "daemon/outbox/pg_outbox.h"

namespace herald {

std::string instance_name(const Config& config) {
  return config.state.instance.empty() ? default_instance_name() : config.state.instance;
}

Result<std::unique_ptr<Outbox>> open_state_outbox(const Config& config, Outbox::Mode mode, bool wait_for_database) {
  if (!config.state.database) return Outbox::open(outbox_path(config), mode);
  return open_pg_outbox(*config.state.database,
                        PgOutboxOptions{instance_name(config), mode, wait_for_database});
}

}  // namespace herald
