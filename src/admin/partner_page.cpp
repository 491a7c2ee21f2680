// GET /partner/: a partner user's own zones, read-only. For each: the latest documents
// delivered and what became of them, the sources polled for it and their state, and the
// newest published articles; then the partner's API tokens (never the tokens themselves)
// with the forms to make and revoke them (partner_tokens_page.cpp).
// Only the signed-in user's partner is ever read: there is no parameter to name another.
#include "admin/page.h"
#include "admin/pages.h"
#include "core/rfc3339.h"
#include "ingest/poll_schedule.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::admin {
namespace {

constexpr int kDeliveriesShown = 10;
constexpr int64_t kArticlesShown = 10;

}  // namespace

http::Response partner_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kPartner});
  if (auto* refused = std::get_if<http::Response>(&who)) {
    return std::move(*refused);
  }
  const Principal& principal = std::get<Principal>(who);
  const model::PartnerId partner_id = *principal.user.partner_id;  // the store's CHECK
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto partner = context->partners.find(partner_id);
  if (partner == context->partners.end()) {
    return admin_error(services, 404, "Your partner account has no partner on this site.",
                       &principal);
  }
  const core::Timestamp now = services.site.clock.now();

  render::View zones = render::View::list();
  int64_t zone_count = 0;
  for (const auto& section : context->sections) {
    if (!section.is_zone() || section.partner_id != partner_id) continue;
    ++zone_count;
    auto deliveries =
        services.store.list_deliveries({.section = section.id, .limit = kDeliveriesShown});
    if (!deliveries) return admin_error_for(services, deliveries.error(), &principal);
    render::View delivery_rows = render::View::list();
    for (const auto& d : *deliveries) {
      delivery_rows.push(render::View()
                             .set("received", core::format_rfc3339(d.received))
                             .set("channel", std::string(model::to_string(d.channel)))
                             .set("format", d.format.empty() ? std::string("-") : d.format)
                             .set("items", std::to_string(d.counts.items))
                             .set("created", std::to_string(d.counts.created))
                             .set("new_versions", std::to_string(d.counts.new_versions))
                             .set("unchanged", std::to_string(d.counts.unchanged))
                             .set("duplicates", std::to_string(d.counts.duplicates))
                             .set("failed", std::to_string(d.counts.failed))
                             .set("result", d.result)
                             .set("result_class",
                                  std::string(d.result == "ok" ? "ok" : "failing")));
    }
    auto sources = services.store.list_sources(section.id);
    if (!sources) return admin_error_for(services, sources.error(), &principal);
    render::View source_rows = render::View::list();
    for (const auto& s : *sources) {
      source_rows.push(render::View()
                           .set("url", s.settings.url)
                           .set("status", ingest::source_status(s, now))
                           .set("last_success", when(s.state.last_success))
                           .set("error", web::text_or_false(s.state.last_error)));
    }
    auto articles = services.store.list_section_articles(section.id,
                                                         {.offset = 0, .limit = kArticlesShown});
    if (!articles) return admin_error_for(services, articles.error(), &principal);
    render::View article_rows = render::View::list();
    for (const auto& a : articles->articles) {
      article_rows.push(render::View()
                            .set("headline", a.content.headline)
                            .set("url", web::article_path(section, a))
                            .set("published", core::format_rfc3339(a.published))
                            .set("version", std::to_string(a.version))
                            .set("status", std::string(model::to_string(a.status))));
    }
    zones.push(render::View()
                   .set("title", section.title)
                   .set("url", web::section_path(section))
                   .set("published_total", std::to_string(articles->total))
                   .set("deliveries", std::move(delivery_rows))
                   .set("deliveries_none", deliveries->empty())
                   .set("deliveries_url", "/partner/deliveries?zone=" + section.slug)
                   .set("articles_url", "/partner/articles?zone=" + section.slug)
                   .set("sources", std::move(source_rows))
                   .set("sources_none", sources->empty())
                   .set("articles", std::move(article_rows))
                   .set("articles_none", articles->articles.empty()));
  }

  auto tokens = services.store.list_tokens(partner_id);
  if (!tokens) return admin_error_for(services, tokens.error(), &principal);

  render::View view = admin_frame(services, *context, partner->second.name, &principal,
                                  "/partner/");
  view.set("partner_name", partner->second.name)
      .set("zones", std::move(zones))
      .set("zones_none", zone_count == 0)
      .set("tokens", token_rows(*tokens))
      .set("tokens_none", tokens->empty());
  return admin_page(services, "partner_home", view);
}

}  // namespace nz::admin
