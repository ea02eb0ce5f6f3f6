// AsioDeliveryIo: the delivery engine's DeliveryIo in production. One Asio
// io_context run by a thread of its own, with the HTTP client (libcurl
// multi driven by that loop, daemon/net/http_client.h), Asio steady timers,
// the system clocks and the system's random numbers (system_driver_inputs,
// also what the daemon's own drivers read).
#pragma once

#include <memory>

#include "config/config.h"
#include "daemon/delivery/delivery_io.h"

namespace herald {

// The client is sized for `config`'s lanes (one connection per request a
// lane may have in flight).
std::unique_ptr<DeliveryIo> make_asio_delivery_io(const Config& config);

// daemon/base's system_random and wall_clock_us.
DriverInputs system_driver_inputs();

}  // namespace herald
