// /admin/articles: every article in every status, found by section or zone, status and words
// of the headline (admins and editors). /partner/articles: the same list of a partner user's
// own zones only, with each article's status and, when an editor rejected or withdrew it,
// why. A partner can name only its own zones: the list never reaches another partner's.
#include <algorithm>

#include "admin/article_view.h"
#include "admin/page.h"
#include "admin/pages.h"
#include "store/store.h"

namespace nz::admin {
namespace {

constexpr size_t kMaxSearchBytes = 200;

// The status filter's choices: the stored statuses ("rejected" articles are withdrawn ones).
constexpr model::ArticleStatus kStatuses[] = {
    model::ArticleStatus::kPending, model::ArticleStatus::kPublished,
    model::ArticleStatus::kWithdrawn, model::ArticleStatus::kDraft};

http::Response articles_list(const AdminServices& services, const http::Request& request,
                             bool partner_view) {
  auto who = require(services, request,
                     partner_view
                         ? std::initializer_list<model::Role>{model::Role::kPartner}
                         : std::initializer_list<model::Role>{model::Role::kAdmin,
                                                              model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto page = web::requested_page(request);
  if (!page) return admin_error(services, 400, page.error().message, &principal);

  // Which sections may be listed: a partner's own zones, or all.
  std::vector<model::SectionId> allowed;
  if (partner_view) allowed = zones_of(*context, *principal.user.partner_id);
  const std::string zone = request.query_param("zone").value_or("");
  const std::string status_text = request.query_param("status").value_or("");
  std::string words = request.query_param("q").value_or("");
  std::string message;
  if (words.size() > kMaxSearchBytes) {
    words.resize(kMaxSearchBytes);
    message = "Only the first " + std::to_string(kMaxSearchBytes) + " characters were searched for.";
  }

  store::ArticleQuery query{.sections = allowed, .headline_contains = words};
  if (!zone.empty()) {
    auto it = std::find_if(context->sections.begin(), context->sections.end(),
                           [&](const model::Section& s) { return s.slug == zone; });
    const bool visible =
        it != context->sections.end() &&
        (!partner_view || std::find(allowed.begin(), allowed.end(), it->id) != allowed.end());
    if (!visible) {
      return admin_error(services, 404, "There is no such zone here.", &principal);
    }
    query.sections = {it->id};
  }
  if (!status_text.empty()) {
    query.status = model::parse_article_status(status_text);
    if (!query.status) {
      return admin_error(services, 400, "There is no status \"" + status_text + "\".",
                         &principal);
    }
  }
  const std::string path = partner_view ? "/partner/articles" : "/admin/articles";
  const bool nothing_to_list = partner_view && allowed.empty();
  store::ArticlePage found;
  if (!nothing_to_list) {
    auto result = services.store.find_articles(
        query, {.offset = (*page - 1) * kArticlesShown, .limit = kArticlesShown});
    if (!result) return admin_error_for(services, result.error(), &principal);
    found = std::move(*result);
  }
  render::View rows = render::View::list();
  for (const auto& a : found.articles) rows.push(article_row(*context, a, path + "/"));
  render::View statuses = render::View::list();
  for (auto s : kStatuses) {
    const std::string name(model::to_string(s));
    statuses.push(render::View().set("name", name).set("selected", name == status_text));
  }
  std::string filter;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    if (!filter.empty()) filter += "&";
    filter += std::string(name) + "=" + query_escape(value);
  };
  add("zone", zone);
  add("status", status_text);
  add("q", words);

  render::View view = admin_frame(services, *context,
                                  partner_view ? "Your articles" : "Articles", &principal, path);
  view.set("path", path)
      .set("partner_view", partner_view)
      .set("articles", std::move(rows))
      .set("articles_none", found.articles.empty())
      .set("no_zones", nothing_to_list)
      .set("filtered", !filter.empty())
      .set("total", std::to_string(found.total))
      .set("zones", section_options(*context, allowed, zone))
      .set("statuses", std::move(statuses))
      .set("q", words)
      .set("message", web::text_or_false(message))
      .set("pagination", list_pagination(path, filter, *page, found.total));
  return admin_page(services, "admin_articles", view);
}

}  // namespace

http::Response articles_page(const AdminServices& services, const http::Request& request) {
  return articles_list(services, request, false);
}

http::Response partner_articles_page(const AdminServices& services,
                                     const http::Request& request) {
  return articles_list(services, request, true);
}

}  // namespace nz::admin
