// When a login may be tried: failed logins are counted per account and per client address
// over a window (AdminSettings), so guessing is slow from one address and slow against one
// account from many.
//
// A lock is never longer than the window, attempts refused during it are not counted (so
// they cannot prolong it), and it does not apply from an address the user signed in from
// recently: somebody guessing elsewhere cannot keep an editor out of their usual place.
// An account that does not exist is locked the same way, so the answer never tells whether
// it does.
#pragma once

#include <chrono>

#include "admin/admin.h"
#include "core/clock.h"
#include "store/user_store.h"

namespace nz::admin {

enum class LoginGate { kOpen, kAccountLocked, kAddressLimited };

struct GateDecision {
  LoginGate gate = LoginGate::kOpen;
  std::chrono::seconds retry_after{0};  // when not kOpen: until the oldest failure leaves
};

// The decision for an attempt at `now` given the failures counted since now - window.
// `known_address`: the named user signed in from this address recently.
GateDecision login_gate(const store::LoginFailureCounts& counts, bool known_address,
                        core::Timestamp now, const AdminSettings& settings);

}  // namespace nz::admin
