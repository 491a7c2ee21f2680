// The demo site: Helsinki Times with its own section and the partner zone "China News Zone"
// supplied by People's Daily Online, as in the seed page, plus demo articles marked as such.
#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace nz::app {

// Fills an empty store with the demo site, or completes a demo whose seeding was cut short,
// and returns whether it wrote anything. A store holding any section that is not the demo's is
// a real site and is left alone (false). Safe to run on every start (`serve --demo`).
Result<bool> seed_demo_site(store::Store& store, const core::Clock& clock);

}  // namespace nz::app
