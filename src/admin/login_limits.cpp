#include "admin/login_limits.h"

#include <algorithm>

namespace nz::admin {

GateDecision login_gate(const store::LoginFailureCounts& counts, bool known_address,
                        core::Timestamp now, const AdminSettings& settings) {
  // Rounded up to whole seconds, at least one, never more than the window.
  auto until_oldest_leaves = [&](std::optional<core::Timestamp> oldest) {
    if (!oldest) return settings.login_window;
    auto left = *oldest + settings.login_window - now;
    return std::clamp<std::chrono::seconds>(left, std::chrono::seconds{1},
                                            settings.login_window);
  };
  if (counts.address >= settings.address_failures) {
    // The address's oldest failure is not kept apart; the whole window is the honest bound.
    return {.gate = LoginGate::kAddressLimited, .retry_after = settings.login_window};
  }
  if (counts.account >= settings.account_failures && !known_address) {
    return {.gate = LoginGate::kAccountLocked,
            .retry_after = until_oldest_leaves(counts.oldest_account_failure)};
  }
  return {};
}

}  // namespace nz::admin
