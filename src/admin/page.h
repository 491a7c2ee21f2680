// What every admin and portal page shares: the frame (the site's, with the admin's own
// navigation), responses that no cache keeps, and the role checks every route starts with.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "admin/admin.h"
#include "admin/form.h"
#include "admin/session.h"
#include "core/clock.h"
#include "http/message.h"
#include "model/api_token.h"
#include "render/view.h"
#include "web/page_frame.h"

namespace nz::admin {

// The site's frame with the navigation a signed-in user needs (or none before sign-in), the
// session's CSRF token as "csrf" for forms, and noindex.
render::View admin_frame(const AdminServices& services, const web::PageContext& context,
                         std::string_view title, const Principal* who,
                         std::string_view current_path);

// Makes a response private: Cache-Control: no-store (no browser, proxy or CDN keeps it;
// it never sets cache_as, so the page cache does not either), no framing, no referrer
// leaving the site.
void make_private(http::Response& response);

// Renders an admin template into a private response.
http::Response admin_page(const AdminServices& services, std::string_view template_name,
                          const render::View& view, int status = 200);

// The admin's error page for `status` with `message`, private.
http::Response admin_error(const AdminServices& services, int status, std::string_view message,
                           const Principal* who = nullptr);
// A failed store call: 5xx logged and said plainly, others with their message.
http::Response admin_error_for(const AdminServices& services, const Error& error,
                               const Principal* who);

// A whole number >= 1 from a path segment or a form field; nullopt otherwise.
std::optional<int64_t> positive_id(std::string_view text);

// A time as the admin and portal tables show it (RFC 3339), or "never".
std::string when(const std::optional<core::Timestamp>& t);

// The rows of a tokens table (the partner portal's and /admin/tokens): id, name, prefix,
// created, last used and whether it is valid or since when revoked.
render::View token_rows(const std::vector<model::ApiToken>& tokens);

// A 303 to `location`, private.
http::Response see_other(std::string location);

// The signed-in user when their role is one of `roles`; otherwise the answer to send:
// a 303 to /admin/login for anonymous GETs, 401 for anonymous POSTs, 403 for a wrong role.
// For POST it also checks the origin and the form's CSRF token (403 when either fails), so
// that a handler reached with a Principal may change things.
std::variant<Principal, http::Response> require(const AdminServices& services,
                                                const http::Request& request,
                                                std::initializer_list<model::Role> roles,
                                                const Form* form = nullptr);

}  // namespace nz::admin
