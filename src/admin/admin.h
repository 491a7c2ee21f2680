// The admin (editors) and the partner portal (partners): sign-in, sessions, and the pages
// behind them (issue 8). Every route checks the session and the role on the server.
#pragma once

#include <chrono>

#include "web/services.h"

namespace nz::http { class Router; }
namespace nz::store { class Store; }

namespace nz::admin {

// Sessions and login limits, from the config's [admin] table (app/config.h).
struct AdminSettings {
  // The session cookie carries Secure, so browsers send it only over https. Off only for a
  // site served over plain http (local use, tests).
  bool secure_cookies = true;
  // A session ends after this long without a request...
  std::chrono::seconds session_idle{12 * 3600};
  // ...and this long after sign-in, whatever the activity.
  std::chrono::seconds session_max{7 * 24 * 3600};
  // Failed logins are counted over this window. An account with `account_failures` in it is
  // refused until the oldest leaves the window (never longer than the window); an address
  // with `address_failures` gets 429 the same way.
  std::chrono::seconds login_window{15 * 60};
  int account_failures = 5;
  int address_failures = 30;
  // A locked account still opens from an address its user signed in from within this long.
  std::chrono::seconds known_address_for{30 * 24 * 3600};
  // A password reset link works for this long after it is made (admin/password_reset.h).
  std::chrono::seconds reset_link_life{3600};
};

// What the admin routes need. The admin changes everything the site holds, so it works on
// the whole store; `site` gives the pages their frame (web/page_frame.h). Every member
// outlives the router.
struct AdminServices {
  store::Store& store;
  const web::SiteServices& site;
  AdminSettings settings{};
};

// Adds /admin/login, /admin/logout, /admin/, /admin/users, /admin/audit, /admin/reset,
// /admin/sections, /admin/partners, /admin/sources, /admin/queue, /admin/articles, /partner/,
// /partner/tokens, /partner/articles and /partner/deliveries.
void add_admin_routes(http::Router& router, const AdminServices& services);

}  // namespace nz::admin
