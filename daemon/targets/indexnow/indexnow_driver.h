// The IndexNow driver (`type: indexnow`): one request per batch of changed
// URLs (indexnow_request.h), its answer read by indexnow_response.h. It
// announces no post: the announcer records indexnow.submit deliveries whose
// payload is the batch (indexnow_batch.h); payload() of a post (a `herald
// resend`) is the batch of its one URL. Pure, sans-I/O.
#pragma once

#include "config/config.h"
#include "daemon/targets/target_driver.h"

namespace herald {

DriverResult make_indexnow_driver(const TargetConfig& target, const Config& config, const DriverInputs& inputs);

}  // namespace herald
