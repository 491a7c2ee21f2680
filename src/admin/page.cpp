#include "admin/page.h"

#include <algorithm>
#include <charconv>

#include <spdlog/spdlog.h>

#include "core/rfc3339.h"
#include "http/error_status.h"
#include "store/store.h"

namespace nz::admin {
namespace {

std::string_view title_for(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 401: return "Please sign in";
    case 403: return "Not allowed";
    case 404: return "Page not found";
    case 429: return "Too many attempts";
    default: return status >= 500 ? "Something went wrong" : "Request not accepted";
  }
}

}  // namespace

render::View admin_frame(const AdminServices& services, const web::PageContext& context,
                         std::string_view title, const Principal* who,
                         std::string_view current_path) {
  render::View view = web::frame_view(services.site, context, title, current_path);
  render::View nav = render::View::list();
  auto item = [&](std::string label, std::string url) {
    nav.push(render::View()
                 .set("title", std::move(label))
                 .set("url", url)
                 .set("is_zone", false)
                 .set("current", current_path == url));
  };
  if (who) {
    if (who->user.role == model::Role::kPartner) {
      item("Your zones", "/partner/");
      item("Your articles", "/partner/articles");
      item("Delivery log", "/partner/deliveries");
    } else {
      item("Dashboard", "/admin/");
      // Moderation (issue 8): the queue's length is one count off an index.
      auto pending = services.store.find_articles({.status = model::ArticleStatus::kPending},
                                                  {.offset = 0, .limit = 1});
      item(pending && pending->total > 0 ? "Queue (" + std::to_string(pending->total) + ")"
                                         : std::string("Queue"),
           "/admin/queue");
      item("Articles", "/admin/articles");
      item("Sections", "/admin/sections");
      item("Partners", "/admin/partners");
      item("Sources", "/admin/sources");
      item("API tokens", "/admin/tokens");  // issue 8: the user's own tokens
      if (who->user.role == model::Role::kAdmin) {
        item("Users", "/admin/users");
        item("Audit log", "/admin/audit");
      }
    }
  }
  item("View the site", "/");
  view.set("nav", std::move(nav))
      .set("noindex", true)
      .set("feeds", false)
      .set("admin", true)
      .set("signed_in", who ? render::View(render::View()
                                               .set("email", who->user.email)
                                               .set("role", std::string(model::to_string(
                                                                who->user.role)))
                                               .set("csrf", who->session.csrf_token))
                            : render::View(false))
      .set("csrf", who ? render::View(who->session.csrf_token) : render::View(false));
  return view;
}

void make_private(http::Response& response) {
  response.cache_as.clear();
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Content-Security-Policy", "frame-ancestors 'none'");
  response.set_header("Referrer-Policy", "same-origin");
}

http::Response admin_page(const AdminServices& services, std::string_view template_name,
                          const render::View& view, int status) {
  http::Response response = web::render_page(services.site, template_name, view, status);
  make_private(response);
  return response;
}

http::Response admin_error(const AdminServices& services, int status, std::string_view message,
                           const Principal* who) {
  auto context = web::load_page_context(services.site);
  if (!context) {
    http::Response response = web::error_page(services.site, status, message);
    make_private(response);
    return response;
  }
  render::View view = admin_frame(services, *context, title_for(status), who, "");
  view.set("status", std::to_string(status))
      .set("error_title", std::string(title_for(status)))
      .set("error_message", std::string(message))
      .set("sign_in", who ? render::View(false) : render::View(true))
      .set("landing", who ? render::View(std::string(landing_path(who->user)))
                          : render::View(false));
  return admin_page(services, "admin_error", view, status);
}

http::Response admin_error_for(const AdminServices& services, const Error& error,
                               const Principal* who) {
  int status = http::error_status(error.code);
  if (status >= 500) {
    spdlog::error("admin: {}", error.message);
    return admin_error(services, status, "This could not be done right now. Please try again.",
                       who);
  }
  return admin_error(services, status, error.message, who);
}

http::Response see_other(std::string location) {
  http::Response response = http::Response::redirect(303, std::move(location));
  make_private(response);
  return response;
}

std::variant<Principal, http::Response> require(const AdminServices& services,
                                                const http::Request& request,
                                                std::initializer_list<model::Role> roles,
                                                const Form* form) {
  const bool post = request.method == http::Method::kPost;
  if (post && !same_origin(request)) {
    return admin_error(services, 403,
                       "This form was sent from another site, so it was not accepted.");
  }
  auto who = current_principal(services, request);
  if (!who) return admin_error_for(services, who.error(), nullptr);
  if (!*who) {
    if (!post) return see_other("/admin/login");
    return admin_error(services, 401, "Please sign in to do this.");
  }
  const Principal& principal = **who;
  if (std::find(roles.begin(), roles.end(), principal.user.role) == roles.end()) {
    return admin_error(services, 403,
                       principal.user.role == model::Role::kPartner
                           ? "This page is for the site's editors. Your zones are in the "
                             "partner portal."
                           : "Your account cannot use this page.",
                       &principal);
  }
  if (post && (!form || !csrf_matches(*form, principal.session.csrf_token))) {
    return admin_error(services, 403,
                       "This form had expired or did not come from this site, so nothing was "
                       "changed. Reload the page and try again.",
                       &principal);
  }
  return principal;
}

std::optional<int64_t> positive_id(std::string_view text) {
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id < 1) return std::nullopt;
  return id;
}

std::string when(const std::optional<core::Timestamp>& t) {
  return t ? core::format_rfc3339(*t) : std::string("never");
}

render::View token_rows(const std::vector<model::ApiToken>& tokens) {
  render::View rows = render::View::list();
  for (const auto& t : tokens) {
    rows.push(render::View()
                  .set("id", std::to_string(t.id))
                  .set("revoked", t.revoked.has_value())
                  .set("name", t.name)
                  .set("prefix", t.prefix)
                  .set("created", core::format_rfc3339(t.created))
                  .set("last_used", when(t.last_used))
                  .set("status", t.revoked ? "revoked " + core::format_rfc3339(*t.revoked)
                                           : std::string("valid")));
  }
  return rows;
}

}  // namespace nz::admin
