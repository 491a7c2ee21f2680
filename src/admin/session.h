// Sessions of people signed in to the admin or the partner portal: the cookie, its lifetime
// and the store's record of it.
//
// The cookie "nz_session" holds 256 random bits; the store keeps only their hash
// (crypto::secret_hash), so a copy of the database signs nobody in. Every login makes a new
// session id (a session fixed before login is never carried over). The cookie is HttpOnly,
// SameSite=Strict, Path=/ and, unless switched off for plain http, Secure; the server ends
// a session after AdminSettings::session_idle without requests or session_max after login.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "admin/admin.h"
#include "core/clock.h"
#include "core/result.h"
#include "http/message.h"
#include "model/user.h"

namespace nz::admin {

inline constexpr std::string_view kSessionCookie = "nz_session";
// The login form's own CSRF token before there is a session (a double-submit cookie).
inline constexpr std::string_view kLoginCookie = "nz_login";

// A signed-in user and the session they came with.
struct Principal {
  model::User user;
  model::Session session;
};

// The value of cookie `name` in the request's Cookie headers; nullopt when absent.
std::optional<std::string> cookie_value(const http::Request& request, std::string_view name);

// A Set-Cookie value: `name`=`value` with HttpOnly, SameSite=Strict, `path`, Max-Age and
// Secure when settings.secure_cookies. A max_age of 0 tells the browser to drop it.
std::string set_cookie(std::string_view name, std::string_view value, std::string_view path,
                       std::chrono::seconds max_age, const AdminSettings& settings);

enum class SessionState { kLive, kIdle, kEnded };
// kEnded after the absolute end (session.expires), kIdle when the last request was longer
// ago than settings.session_idle, else kLive.
SessionState session_state(const model::Session& session, core::Timestamp now,
                           const AdminSettings& settings);

// The request's signed-in user, or nullopt for anonymous: no cookie, a malformed or unknown
// one, a session past its end (deleted on the way) or a disabled user. Moves the session's
// last_seen once a minute. Fails only when the store does.
Result<std::optional<Principal>> current_principal(const AdminServices& services,
                                                   const http::Request& request);

struct StartedSession {
  Principal principal;
  std::string set_cookie;  // the Set-Cookie header value carrying the new session id
};

// A new session for `user` signing in from `address`. The session named by the request's
// cookie, if any, is deleted first: its id is never reused.
Result<StartedSession> start_session(const AdminServices& services, const model::User& user,
                                     const http::Request& request);

// Ends the session on the server; the returned Set-Cookie value clears the browser's.
Result<std::string> end_session(const AdminServices& services, const Principal& principal);

// Where a signed-in user starts: /admin/ for staff, /partner/ for partners.
std::string_view landing_path(const model::User& user);

}  // namespace nz::admin
