// Who the audit log names for a change made on the command line.
#pragma once

#include "admin/accounts.h"

namespace nz::cli {

// The actor "cli", with the system account when known: "cli (root)".
admin::Actor cli_actor();

}  // namespace nz::cli
