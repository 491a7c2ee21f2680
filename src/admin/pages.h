// The admin's and the partner portal's handlers, one file each, reached by add_admin_routes.
#pragma once

#include "admin/admin.h"
#include "http/message.h"

namespace nz::admin {

// login_page.cpp: the sign-in form, signing in, signing out.
http::Response login_form(const AdminServices& services, const http::Request& request);
http::Response login_submit(const AdminServices& services, const http::Request& request);
http::Response logout(const AdminServices& services, const http::Request& request);
// dashboard_page.cpp: /admin/ for admins and editors.
http::Response dashboard_page(const AdminServices& services, const http::Request& request);
// partner_page.cpp: /partner/ for partner users, their own zones only.
http::Response partner_page(const AdminServices& services, const http::Request& request);
// partner_tokens_page.cpp: a partner user makes (shown once) and revokes their API tokens.
http::Response create_token(const AdminServices& services, const http::Request& request);
http::Response revoke_token(const AdminServices& services, const http::Request& request);
// users_page.cpp: /admin/users and its forms, /admin/audit; admins only.
http::Response users_page(const AdminServices& services, const http::Request& request);
http::Response add_user(const AdminServices& services, const http::Request& request);
http::Response disable_user(const AdminServices& services, const http::Request& request);
http::Response enable_user(const AdminServices& services, const http::Request& request);
http::Response audit_page(const AdminServices& services, const http::Request& request);
// partner_deliveries_page.cpp: /partner/deliveries, the partner's own delivery log.
http::Response partner_deliveries(const AdminServices& services, const http::Request& request);
// reset_page.cpp: an admin makes a one-time password reset link; /admin/reset uses it.
http::Response make_reset_link(const AdminServices& services, const http::Request& request);
http::Response reset_form(const AdminServices& services, const http::Request& request);
http::Response reset_submit(const AdminServices& services, const http::Request& request);

}  // namespace nz::admin
