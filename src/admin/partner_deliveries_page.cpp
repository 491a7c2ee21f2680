// GET /partner/deliveries: a partner user's delivery log, every document pushed, polled or
// imported into its own zones, newest first, in pages; ?zone=SLUG narrows it to one of them.
// Only the signed-in user's partner is read: a zone of another partner is 404, as is one
// that does not exist, so the answer never tells another partner's zones apart.
#include "admin/page.h"
#include "admin/pages.h"
#include "core/rfc3339.h"
#include "store/store.h"

namespace nz::admin {
namespace {

constexpr int kDeliveriesPerPage = 50;

std::string way(model::Channel channel) {
  return channel == model::Channel::kFile ? "import" : std::string(model::to_string(channel));
}

std::string page_url(std::string_view zone, int64_t page) {
  std::string url = "/partner/deliveries";
  std::string sep = "?";
  if (!zone.empty()) {
    url += "?zone=" + std::string(zone);
    sep = "&";
  }
  if (page > 1) url += sep + "page=" + std::to_string(page);
  return url;
}

}  // namespace

http::Response partner_deliveries(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kPartner});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  const model::PartnerId partner_id = *principal.user.partner_id;  // the store's CHECK
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto partner = context->partners.find(partner_id);
  if (partner == context->partners.end()) {
    return admin_error(services, 404, "Your partner account has no partner on this site.",
                       &principal);
  }

  std::vector<const model::Section*> zones;
  const model::Section* only = nullptr;
  const std::string zone_slug = request.query_param("zone").value_or("");
  for (const auto& section : context->sections) {
    if (!section.is_zone() || section.partner_id != partner_id) continue;
    zones.push_back(&section);
    if (section.slug == zone_slug) only = &section;
  }
  if (!zone_slug.empty() && !only) {
    return admin_error(services, 404, "None of your zones is called \"" + zone_slug + "\".",
                       &principal);
  }
  auto page = web::requested_page(request);
  if (!page) return admin_error(services, 400, page.error().message, &principal);

  store::DeliveryFilter filter{.partner = partner_id, .limit = kDeliveriesPerPage,
                               .offset = (*page - 1) * kDeliveriesPerPage};
  if (only) filter.section = only->id;
  auto total = services.store.count_deliveries(filter);
  if (!total) return admin_error_for(services, total.error(), &principal);
  const int64_t pages = std::max<int64_t>(1, (*total + kDeliveriesPerPage - 1) /
                                                 kDeliveriesPerPage);
  if (*page > pages) {
    return admin_error(services, 404, "The log has " + std::to_string(pages) +
                                          (pages == 1 ? " page." : " pages."), &principal);
  }
  auto deliveries = services.store.list_deliveries(filter);
  if (!deliveries) return admin_error_for(services, deliveries.error(), &principal);

  // Who sent each: the token (by its name and display form) for a push, the feed for a poll.
  auto tokens = services.store.list_tokens(partner_id);
  if (!tokens) return admin_error_for(services, tokens.error(), &principal);
  std::map<int64_t, const model::ApiToken*> token_by_id;
  for (const auto& t : *tokens) token_by_id[t.id] = &t;
  std::map<model::SectionId, const model::Section*> zone_by_id;
  for (const auto* z : zones) zone_by_id[z->id] = z;

  render::View rows = render::View::list();
  for (const auto& d : *deliveries) {
    auto zone = zone_by_id.find(d.section_id);
    if (zone == zone_by_id.end()) continue;  // the store's filter already keeps these out
    // A push names its token and its display form; a poll its feed; an import its file.
    std::string from = d.origin.empty() ? std::string("-") : d.origin;
    std::string from_detail;
    if (d.token_id) {
      auto token = token_by_id.find(*d.token_id);
      if (token != token_by_id.end()) {
        from = token->second->name;
        from_detail = token->second->prefix;
      }
    }
    const bool ok = d.result == model::kDeliveryOk;
    const bool running = d.result == model::kDeliveryInProgress;
    rows.push(render::View()
                  .set("received", core::format_rfc3339(d.received))
                  .set("zone", zone->second->title)
                  .set("zone_url", page_url(zone->second->slug, 1))
                  .set("way", way(d.channel))
                  .set("from", from)
                  .set("from_detail", web::text_or_false(from_detail))
                  .set("format", web::text_or_false(d.format))
                  .set("items", std::to_string(d.counts.items))
                  .set("created", std::to_string(d.counts.created))
                  .set("new_versions", std::to_string(d.counts.new_versions))
                  .set("unchanged", std::to_string(d.counts.unchanged))
                  .set("duplicates", std::to_string(d.counts.duplicates))
                  .set("failed", std::to_string(d.counts.failed))
                  .set("result", ok ? std::string("ok") : running ? "in progress" : "failed")
                  .set("result_class", std::string(ok ? "ok" : running ? "quiet" : "failing"))
                  .set("error", ok || running ? render::View(false) : render::View(d.result)));
  }
  render::View filters = render::View::list();
  filters.push(render::View()
                   .set("title", std::string("All your zones"))
                   .set("url", page_url("", 1))
                   .set("current", only == nullptr));
  for (const auto* z : zones) {
    filters.push(render::View()
                     .set("title", z->title)
                     .set("url", page_url(z->slug, 1))
                     .set("current", only == z));
  }
  const std::string slug = only ? only->slug : "";
  render::View pagination(false);
  if (pages > 1) {
    pagination = render::View()
                     .set("page", std::to_string(*page))
                     .set("pages", std::to_string(pages))
                     .set("prev_url", *page > 1 ? render::View(page_url(slug, *page - 1))
                                                : render::View(false))
                     .set("next_url", *page < pages ? render::View(page_url(slug, *page + 1))
                                                    : render::View(false));
  }
  std::string title = "Delivery log";
  if (only) title += ": " + only->title;
  if (*page > 1) title += " (page " + std::to_string(*page) + ")";
  render::View view = admin_frame(services, *context, title, &principal, "/partner/deliveries");
  view.set("partner_name", partner->second.name)
      .set("heading", title)
      .set("total", std::to_string(*total))
      .set("filters", std::move(filters))
      .set("show_filters", zones.size() > 1)
      .set("deliveries", std::move(rows))
      .set("deliveries_none", deliveries->empty())
      .set("zones_none", zones.empty())
      .set("pagination", std::move(pagination));
  return admin_page(services, "partner_deliveries", view);
}

}  // namespace nz::admin
