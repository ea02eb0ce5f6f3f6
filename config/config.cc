// Placeholder: the configuration loader is being written (see config.h).
#include "config/config.h"
