// /admin/sources: the feeds the server polls, with the state the poller records; adding one to
// a zone, changing its settings, pausing and resuming it (admin/source_changes.h checks and
// audits each), a "Test fetch" that stores nothing (admin/test_fetch.h), and each source's
// history of deliveries. Admins and editors.

#include "admin/page.h"
#include "admin/pages.h"
#include "admin/source_changes.h"
#include "admin/test_fetch.h"
#include "core/rfc3339.h"
#include "ingest/poll_schedule.h"
#include "store/store.h"

namespace nz::admin {
namespace {

constexpr int kHistoryShown = 50;

std::string form_label(std::string_view key) {
  if (key == "url") return "Feed URL";
  if (key == "every") return "Poll every";
  if (key == "identity") return "Item identity";
  if (key == "user-agent") return "User-Agent";
  if (key == "header") return "Extra header";
  return std::string(key);
}

// The non-empty lines of a textarea, trimmed of CR.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

SourceChanges changes_from_form(const Form& form) {
  SourceChanges c;
  c.url = field(form, "url");
  c.every = field(form, "every").empty() ? std::string("10m") : field(form, "every");
  c.identity = field(form, "identity").empty() ? std::string("guid") : field(form, "identity");
  c.user_agent = field(form, "user_agent");
  c.headers = lines_of(field(form, "headers"));
  c.clear_headers = field(form, "clear_headers") == "on";
  return c;
}

render::View identity_options(const std::string& selected) {
  render::View list = render::View::list();
  for (auto key : {model::IdentityKey::kGuid, model::IdentityKey::kLink,
                   model::IdentityKey::kLinkWithoutQuery}) {
    const std::string value(model::to_string(key));
    list.push(render::View().set("value", value).set("selected", value == selected));
  }
  return list;
}

render::View test_view(const TestFetchReport& r) {
  render::View first = render::View::list();
  for (const auto& h : r.first) {
    first.push(render::View().set("title", h.title).set("link", web::text_or_false(h.link)));
  }
  render::View warnings = render::View::list();
  for (const auto& w : r.warnings) warnings.push(render::View(w));
  return render::View()
      .set("url", r.url)
      .set("ok", r.ok())
      .set("error", web::text_or_false(r.error))
      .set("status", r.status ? render::View(std::to_string(r.status)) : render::View(false))
      .set("final_url", r.final_url != r.url ? web::text_or_false(r.final_url)
                                               : render::View(false))
      .set("content_type", web::text_or_false(r.content_type))
      .set("bytes", std::to_string(r.bytes))
      .set("elapsed", std::to_string(r.elapsed.count()))
      .set("format", web::text_or_false(r.format))
      .set("feed_title", web::text_or_false(r.feed_title))
      .set("items", std::to_string(r.items))
      .set("first", std::move(first))
      .set("warnings", std::move(warnings))
      .set("has_warnings", !r.warnings.empty());
}

// The list and the "Add a source" form; `test` is a test fetch's report to show above it.
http::Response render_sources(const AdminServices& services, const Principal& principal,
                              int status, const std::string& message, const Form& form,
                              const std::optional<TestFetchReport>& test) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto sources = services.store.list_sources(std::nullopt);
  if (!sources) return admin_error_for(services, sources.error(), &principal);
  const core::Timestamp now = services.site.clock.now();
  render::View rows = render::View::list();
  for (const auto& s : *sources) {
    const model::Section* zone = context->section(s.section_id);
    const bool polled = s.settings.enabled && !s.state.gone;
    rows.push(render::View()
                  .set("id", std::to_string(s.id))
                  .set("url", s.settings.url)
                  .set("zone", zone ? zone->title : std::string("-"))
                  .set("every", format_interval(s.settings.every))
                  .set("status", ingest::source_status(s, now))
                  .set("last_poll", when(s.state.last_attempt))
                  .set("last_success", when(s.state.last_success))
                  .set("error", web::text_or_false(s.state.last_error))
                  .set("failures", std::to_string(s.state.consecutive_failures))
                  .set("next_poll", polled ? core::format_rfc3339(s.state.next_poll)
                                           : std::string("not polled")));
  }
  render::View zones = render::View::list();
  for (const auto& s : context->sections) {
    if (!s.is_zone()) continue;
    zones.push(render::View()
                   .set("id", std::to_string(s.id))
                   .set("title", s.title)
                   .set("selected", field(form, "zone") == std::to_string(s.id)));
  }
  const bool zones_none = zones.empty_list();
  render::View view = admin_frame(services, *context, "Sources", &principal, "/admin/sources");
  view.set("sources", std::move(rows))
      .set("sources_none", sources->empty())
      .set("zones", std::move(zones))
      .set("zones_none", zones_none)
      .set("message", web::text_or_false(message))
      .set("url", field(form, "url"))
      .set("every", field(form, "every").empty() ? std::string("10m") : field(form, "every"))
      .set("identities", identity_options(field(form, "identity")))
      .set("user_agent", field(form, "user_agent"))
      .set("headers", field(form, "headers"))
      .set("test", test ? test_view(*test) : render::View(false));
  return admin_page(services, "admin_sources", view, status);
}

struct SourcePage {
  std::string message, notice;
  Form form;  // the settings form as typed, after an error
  std::optional<TestFetchReport> test;
};

http::Response render_source(const AdminServices& services, const Principal& principal,
                             const model::Source& s, const SourcePage& page, int status = 200) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto deliveries = services.store.list_deliveries({.source = s.id, .limit = kHistoryShown});
  if (!deliveries) return admin_error_for(services, deliveries.error(), &principal);
  render::View history = render::View::list();
  for (const auto& d : *deliveries) {
    const bool ok = d.result == model::kDeliveryOk;
    const bool in_progress = d.result == model::kDeliveryInProgress;
    history.push(render::View()
                     .set("received", core::format_rfc3339(d.received))
                     .set("format", d.format.empty() ? std::string("-") : d.format)
                     .set("bytes", std::to_string(d.bytes))
                     .set("items", std::to_string(d.counts.items))
                     .set("created", std::to_string(d.counts.created))
                     .set("new_versions", std::to_string(d.counts.new_versions))
                     .set("unchanged", std::to_string(d.counts.unchanged))
                     .set("duplicates", std::to_string(d.counts.duplicates))
                     .set("failed", std::to_string(d.counts.failed))
                     .set("has_failed", d.counts.failed > 0)
                     .set("result", d.result)
                     .set("result_class", std::string(ok ? "ok" : in_progress ? "new" : "failing")));
  }
  render::View headers = render::View::list();
  for (const auto& [name, value] : s.settings.headers) headers.push(render::View(name));
  const model::Section* zone = context->section(s.section_id);
  const core::Timestamp now = services.site.clock.now();
  const bool polled = s.settings.enabled && !s.state.gone;
  const Form& f = page.form;
  const bool kept = !f.empty();
  const std::string identity =
      kept ? field(f, "identity") : std::string(model::to_string(s.settings.identity_key));
  render::View view = admin_frame(services, *context, "Source " + std::to_string(s.id),
                                  &principal, "/admin/sources");
  view.set("id", std::to_string(s.id))
      .set("source_url", s.settings.url)
      .set("zone", zone ? zone->title : std::string("-"))
      .set("zone_id", std::to_string(s.section_id))
      .set("status", ingest::source_status(s, now))
      .set("enabled", s.settings.enabled)
      .set("gone", s.state.gone)
      .set("created", core::format_rfc3339(s.created))
      .set("last_poll", when(s.state.last_attempt))
      .set("last_success", when(s.state.last_success))
      .set("last_new_item", when(s.state.last_new_item))
      .set("next_poll", polled ? core::format_rfc3339(s.state.next_poll)
                               : std::string("not polled"))
      .set("error", web::text_or_false(s.state.last_error))
      .set("failures", std::to_string(s.state.consecutive_failures))
      .set("guid_warning", web::text_or_false(s.state.guid_warning))
      .set("websub", s.websub.state == model::WebSub::State::kNone
                         ? render::View(false)
                         : render::View(std::string(model::to_string(s.websub.state)) + " at " +
                                        s.websub.hub))
      .set("url", kept ? field(f, "url") : s.settings.url)
      .set("every", kept ? field(f, "every") : format_interval(s.settings.every))
      .set("identities", identity_options(identity))
      .set("user_agent", kept ? field(f, "user_agent") : s.settings.user_agent)
      .set("new_headers", field(f, "headers"))
      .set("header_names", std::move(headers))
      .set("headers_none", s.settings.headers.empty())
      .set("history", std::move(history))
      .set("history_none", deliveries->empty())
      .set("message", web::text_or_false(page.message))
      .set("notice", web::text_or_false(page.notice))
      .set("test", page.test ? test_view(*page.test) : render::View(false));
  return admin_page(services, "admin_source", view, status);
}

bool is_form_error(const Error& error) {
  return error.code == ErrorCode::kInvalidInput || error.code == ErrorCode::kConflict ||
         error.code == ErrorCode::kNotFound;
}

// The request's source, or the answer to send instead.
std::variant<model::Source, http::Response> find(const AdminServices& services,
                                                 const http::Request& request,
                                                 const Principal& principal) {
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such source.", &principal);
  auto source = services.store.find_source(*id);
  if (!source) return admin_error_for(services, source.error(), &principal);
  return *source;
}

http::Response pause_or_resume(const AdminServices& services, const http::Request& request,
                               bool enabled) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto found = find(services, request, principal);
  if (auto* refused = std::get_if<http::Response>(&found)) return std::move(*refused);
  const auto& source = std::get<model::Source>(found);
  auto changed = set_source_enabled(services.store, services.site.clock, source.id, enabled,
                                    Actor::user(principal.user, request.remote_address));
  if (!changed) return admin_error_for(services, changed.error(), &principal);
  return see_other("/admin/sources/" + std::to_string(source.id) +
                   (enabled ? "?resumed=1" : "?paused=1"));
}

}  // namespace

http::Response sources_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  Form form;
  if (auto zone = request.query_param("zone")) form["zone"] = *zone;
  return render_sources(services, std::get<Principal>(who), 200, "", form, std::nullopt);
}

// POST /admin/sources: "Add source", or "Test fetch" of the typed URL and settings, which
// stores nothing and shows the form again with what the fetch found.
http::Response add_source_submit(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  const SourceChanges changes = changes_from_form(form);
  if (field(form, "action") == "test") {
    model::SourceSettings settings;
    if (auto ok = apply_source_changes(changes, settings, form_label); !ok) {
      return render_sources(services, principal, 422, ok.error().message, form, std::nullopt);
    }
    return render_sources(services, principal, 200, "", form,
                          test_fetch(settings, services.site.clock));
  }
  auto zone = positive_id(field(form, "zone"));
  if (!zone) {
    return render_sources(services, principal, 422, "Choose the zone the feed's articles go to.",
                          form, std::nullopt);
  }
  auto added = add_source(services.store, services.site.clock, *zone, changes,
                          Actor::user(principal.user, request.remote_address), form_label);
  if (!added) {
    if (!is_form_error(added.error())) return admin_error_for(services, added.error(), &principal);
    return render_sources(services, principal, 422, added.error().message, form, std::nullopt);
  }
  return see_other("/admin/sources/" + std::to_string(added->id) + "?added=1");
}

http::Response source_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto found = find(services, request, principal);
  if (auto* refused = std::get_if<http::Response>(&found)) return std::move(*refused);
  SourcePage page;
  if (request.query_param("added")) {
    page.notice = "Source added: the server polls it at once, then at its interval.";
  } else if (request.query_param("saved")) {
    page.notice = "Saved.";
  } else if (request.query_param("paused")) {
    page.notice = "Paused: the server no longer polls this source. Its articles stay.";
  } else if (request.query_param("resumed")) {
    page.notice = "Resumed: the server polls this source at once.";
  }
  return render_source(services, principal, std::get<model::Source>(found), page);
}

http::Response save_source(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto found = find(services, request, principal);
  if (auto* refused = std::get_if<http::Response>(&found)) return std::move(*refused);
  const auto& source = std::get<model::Source>(found);
  auto changed = change_source(services.store, services.site.clock, source.id,
                               changes_from_form(form),
                               Actor::user(principal.user, request.remote_address), form_label);
  if (!changed) {
    if (!is_form_error(changed.error())) {
      return admin_error_for(services, changed.error(), &principal);
    }
    return render_source(services, principal, source,
                         {.message = changed.error().message, .form = form}, 422);
  }
  return see_other("/admin/sources/" + std::to_string(source.id) + "?saved=1");
}

http::Response pause_source(const AdminServices& services, const http::Request& request) {
  return pause_or_resume(services, request, false);
}

http::Response resume_source(const AdminServices& services, const http::Request& request) {
  return pause_or_resume(services, request, true);
}

// POST /admin/sources/{id}/test: fetches the stored source's feed now and parses it, storing
// nothing (no articles, no delivery, no poll state), and shows what it found.
http::Response test_source(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto found = find(services, request, principal);
  if (auto* refused = std::get_if<http::Response>(&found)) return std::move(*refused);
  const auto& source = std::get<model::Source>(found);
  return render_source(services, principal, source,
                       {.test = test_fetch(source.settings, services.site.clock)});
}

}  // namespace nz::admin
