// The demo site: Helsinki Times with its own section and the partner zone "China News Zone"
// supplied by People's Daily Online, as in the seed page, plus demo articles marked as such.
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace nz::app {

// Fills an empty store with the demo site and returns true; leaves a store that already has
// sections alone and returns false (so `serve --demo` can be run again and again).
Result<bool> seed_demo_site(store::Store& store, const core::Clock& clock);

}  // namespace nz::app
