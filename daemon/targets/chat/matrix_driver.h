// The Matrix target (type: matrix): one PUT of matrix_payload.h with the
// bot's access token, read by matrix_response.h. The txnId is the
// delivery's message id, so a retry after a timeout never posts twice: an
// ambiguous attempt is always retried. The token is redacted everywhere.
#pragma once

#include <memory>
#include <string>

#include "daemon/targets/target_driver.h"

namespace herald {

DriverResult make_matrix_driver(const TargetConfig& target, const Config& config,
                                TargetStateStore* state, const DriverInputs& inputs);

}  // namespace herald
