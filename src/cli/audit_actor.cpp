#include "cli/audit_actor.h"

#include <cstdlib>
#include <string>

namespace nz::cli {

admin::Actor cli_actor() {
  admin::Actor actor = admin::Actor::cli();
  if (const char* login = std::getenv("USER"); login && *login) {
    actor.label = std::string("cli (") + login + ")";
  }
  return actor;
}

}  // namespace nz::cli
