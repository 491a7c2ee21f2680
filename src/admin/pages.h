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
// sections_page.cpp, partners_page.cpp, sources_page.cpp: /admin/sections, /admin/partners,
// /admin/sources and their forms; admins and editors.
http::Response sections_page(const AdminServices& services, const http::Request& request);
http::Response new_section_page(const AdminServices& services, const http::Request& request);
http::Response section_edit_page(const AdminServices& services, const http::Request& request);
http::Response save_section(const AdminServices& services, const http::Request& request);
http::Response preview_section(const AdminServices& services, const http::Request& request);
http::Response partners_page(const AdminServices& services, const http::Request& request);
http::Response add_partner(const AdminServices& services, const http::Request& request);
http::Response partner_edit_page(const AdminServices& services, const http::Request& request);
http::Response save_partner(const AdminServices& services, const http::Request& request);
http::Response sources_page(const AdminServices& services, const http::Request& request);
http::Response add_source_submit(const AdminServices& services, const http::Request& request);
http::Response source_page(const AdminServices& services, const http::Request& request);
http::Response save_source(const AdminServices& services, const http::Request& request);
http::Response pause_source(const AdminServices& services, const http::Request& request);
http::Response resume_source(const AdminServices& services, const http::Request& request);
http::Response test_source(const AdminServices& services, const http::Request& request);
// Moderation and articles (issue 8). queue_page.cpp: /admin/queue and its bulk form.
http::Response queue_page(const AdminServices& services, const http::Request& request);
http::Response queue_submit(const AdminServices& services, const http::Request& request);
// articles_page.cpp: /admin/articles (every article) and /partner/articles (the partner's).
http::Response articles_page(const AdminServices& services, const http::Request& request);
http::Response partner_articles_page(const AdminServices& services,
                                     const http::Request& request);
// article_page.cpp: /admin/articles/{id} with its forms, /partner/articles/{id} read-only.
http::Response article_page(const AdminServices& services, const http::Request& request);
http::Response partner_article_page(const AdminServices& services,
                                    const http::Request& request);
http::Response article_action(const AdminServices& services, const http::Request& request);
http::Response remove_article_topic(const AdminServices& services,
                                    const http::Request& request);
// partner_deliveries_page.cpp: /partner/deliveries, the partner's own delivery log.
http::Response partner_deliveries(const AdminServices& services, const http::Request& request);
// reset_page.cpp: an admin makes a one-time password reset link; /admin/reset uses it.
http::Response make_reset_link(const AdminServices& services, const http::Request& request);
http::Response reset_form(const AdminServices& services, const http::Request& request);
http::Response reset_submit(const AdminServices& services, const http::Request& request);
// tokens_page.cpp: /admin/tokens, an admin's or editor's own API tokens (issue 8).
http::Response tokens_page(const AdminServices& services, const http::Request& request);
http::Response create_user_token_submit(const AdminServices& services,
                                        const http::Request& request);
http::Response revoke_user_token_submit(const AdminServices& services,
                                        const http::Request& request);

}  // namespace nz::admin
