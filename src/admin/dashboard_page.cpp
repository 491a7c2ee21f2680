// GET /admin/: what an editor checks first. Today's deliveries per zone (from the delivery
// log), what each zone has waiting for review, and the sources that need attention (their
// poll state), all as the store has them.
#include "admin/page.h"
#include "admin/pages.h"
#include "core/rfc3339.h"
#include "ingest/poll_schedule.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::admin {
namespace {

// Midnight UTC of `now`'s day.
core::Timestamp start_of_day(core::Timestamp now) {
  return std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::floor<std::chrono::days>(now));
}

}  // namespace

http::Response dashboard_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  const core::Timestamp now = services.site.clock.now();
  const core::Timestamp today = start_of_day(now);

  render::View zones = render::View::list();
  int64_t zone_count = 0;
  for (const auto& section : context->sections) {
    if (!section.is_zone()) continue;
    // The delivery log's newest 500 per zone cover a day of any partner we know of; more
    // than that is said as "500 or more" rather than a wrong number.
    auto deliveries = services.store.list_deliveries({.section = section.id, .limit = 500});
    if (!deliveries) return admin_error_for(services, deliveries.error(), &principal);
    int64_t documents = 0, items = 0, created = 0, failed = 0;
    std::string last_received;
    for (const auto& d : *deliveries) {
      if (last_received.empty()) last_received = core::format_rfc3339(d.received);
      if (d.received < today) continue;
      ++documents;
      items += d.counts.items;
      created += d.counts.created;
      if (d.result != "ok" && d.result != model::kDeliveryInProgress) ++failed;
    }
    // Only the count: find_articles counts its matches off the status index.
    auto waiting = services.store.find_articles(
        {.sections = {section.id}, .status = model::ArticleStatus::kPending},
        {.offset = 0, .limit = 1});
    if (!waiting) return admin_error_for(services, waiting.error(), &principal);
    ++zone_count;
    const model::Partner* partner = context->partner_of(section);
    zones.push(render::View()
                   .set("title", section.title)
                   .set("url", web::section_path(section))
                   .set("partner", partner ? partner->name : std::string("-"))
                   .set("documents", documents >= 500 ? std::string("500 or more")
                                                      : std::to_string(documents))
                   .set("items", std::to_string(items))
                   .set("created", std::to_string(created))
                   .set("failed", std::to_string(failed))
                   .set("has_failed", failed > 0)
                   .set("pending", std::to_string(waiting->total))
                   .set("has_pending", waiting->total > 0)
                   .set("queue_url", "/admin/queue?zone=" + section.slug)
                   .set("last_received", last_received.empty() ? render::View("never")
                                                                : render::View(last_received)));
  }

  auto sources = services.store.list_sources(std::nullopt);
  if (!sources) return admin_error_for(services, sources.error(), &principal);
  render::View attention = render::View::list();
  int64_t attention_count = 0;
  for (const auto& source : *sources) {
    std::string status = ingest::source_status(source, now);
    if (status != "failing" && status != "gone" && status != "quiet") continue;
    ++attention_count;
    const model::Section* section = context->section(source.section_id);
    attention.push(render::View()
                       .set("id", std::to_string(source.id))
                       .set("url", source.settings.url)
                       .set("zone", section ? section->title : std::string("-"))
                       .set("status", status)
                       .set("failures", std::to_string(source.state.consecutive_failures))
                       .set("error", web::text_or_false(source.state.last_error)));
  }

  render::View view = admin_frame(services, *context, "Dashboard", &principal, "/admin/");
  view.set("today", core::format_date(now))
      .set("zones", std::move(zones))
      .set("zones_none", zone_count == 0)
      .set("sources_total", std::to_string(sources->size()))
      .set("attention", std::move(attention))
      .set("attention_none", attention_count == 0 && !sources->empty())
      .set("no_sources", sources->empty());
  return admin_page(services, "admin_dashboard", view);
}

}  // namespace nz::admin
