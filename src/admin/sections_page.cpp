// /admin/sections: every section and zone; creating and editing them with every setting the
// CLI has (admin/section_changes.h checks and audits both), and the live preview of a zone's
// label from the form's unsaved values. Admins and editors.
#include <charconv>

#include "admin/page.h"
#include "admin/pages.h"
#include "admin/section_changes.h"
#include "core/rfc3339.h"
#include "store/store.h"
#include "web/static_files.h"
#include "web/urls.h"
#include "web/zone_label.h"

namespace nz::admin {
namespace {

// The form's labels, for error messages.
std::string form_label(std::string_view key) {
  static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      {"slug", "Slug"},
      {"title", "Title"},
      {"description", "Description"},
      {"partner", "Partner"},
      {"topic", "Topic"},
      {"topic-name", "Topic name"},
      {"moderation", "Moderation"},
      {"contract-start", "Contract start"},
      {"contract-end", "Contract end"},
      {"attribution", "Attribution"},
      {"disclaimer", "Disclaimer"},
      {"link-rel", "Link policy"},
      {"paid-content", "Paid content"},
      {"canonical", "Canonical page"},
      {"noindex", "Noindex"},
      {"position", "Position"}};
  for (auto [k, label] : kLabels) {
    if (k == key) return std::string(label);
  }
  return std::string(key);
}

bool checked(const Form& form, std::string_view name) {
  const std::string v = field(form, name);
  return v == "on" || v == "true" || v == "1";
}

// What the form says, as changes: every field the form has for this kind of section.
// kInvalidInput for a position that is no number.
Result<SectionChanges> changes_from_form(const Form& form, bool zone) {
  SectionChanges c;
  c.title = field(form, "title");
  c.description = field(form, "description");
  c.noindex = checked(form, "noindex");
  const std::string position = field(form, "position");
  if (!position.empty()) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(position.data(), position.data() + position.size(), value);
    if (ec != std::errc() || ptr != position.data() + position.size() || value < -100000 ||
        value > 100000) {
      return Error::InvalidInput("Position must be a whole number, e.g. 10");
    }
    c.position = value;
  }
  if (!zone) return c;
  c.partner = field(form, "partner");
  c.topic = field(form, "topic");
  if (!field(form, "topic_name").empty()) c.topic_name = field(form, "topic_name");
  c.moderation = field(form, "moderation");
  c.contract_start = field(form, "contract_start");
  c.contract_end = field(form, "contract_end");
  c.attribution = field(form, "attribution");
  c.disclaimer = field(form, "disclaimer");
  c.link_rel = field(form, "link_rel");
  c.paid_content = checked(form, "paid_content");
  c.canonical = field(form, "canonical");
  return c;
}

// A section's settings as the form's fields, for the edit form before any POST.
Form form_of(const model::Section& s, const web::PageContext& context,
             const std::string& topic_spec) {
  Form f;
  f["slug"] = s.slug;
  f["title"] = s.title;
  f["description"] = s.description;
  f["position"] = std::to_string(s.position);
  if (s.noindex) f["noindex"] = "on";
  if (const model::Partner* p = context.partner_of(s)) f["partner"] = p->slug;
  f["topic"] = topic_spec;
  f["moderation"] = std::string(model::to_string(s.moderation));
  f["contract_start"] = s.contract_start.value_or("");
  f["contract_end"] = s.contract_end.value_or("");
  f["attribution"] = s.attribution_template;
  f["disclaimer"] = s.disclaimer_template;
  f["link_rel"] = s.link_rel;
  if (s.paid_content) f["paid_content"] = "on";
  f["canonical"] = std::string(model::to_string(s.canonical));
  return f;
}

// The zone as the form would make it, without writing anything: the label fields applied to
// `base` (the stored zone, or a new one), the partner looked up among the context's. The
// topic is left alone (upserting it is a write). A message when the form does not check out.
std::pair<model::Section, std::string> draft_of(const Form& form, model::Section base,
                                                const web::PageContext& context) {
  auto changes = changes_from_form(form, base.is_zone());
  if (!changes) return {base, changes.error().message};
  changes->topic.reset();
  changes->topic_name.reset();
  std::string partner = changes->partner.value_or("");
  changes->partner.reset();
  if (changes->title && changes->title->empty()) changes->title.reset();  // the preview's
  if (auto ok = apply_section_fields(*changes, base, form_label); !ok) {
    return {base, ok.error().message};
  }
  base.partner_id.reset();
  for (const auto& [id, p] : context.partners) {
    if (p.slug == partner) base.partner_id = id;
  }
  return {base, ""};
}

// The zone's label as readers see it (_zone_label.mustache through web::zone_label_view),
// with its title and any archive notice, for _admin_zone_preview.mustache.
render::View preview_view(const AdminServices& services, const web::PageContext& context,
                          const model::Section& draft, const std::string& problem) {
  render::View preview;
  preview.set("preview_title", draft.title.empty() ? std::string("(untitled zone)") : draft.title)
      .set("zone_label", web::zone_label_view(context, draft))
      .set("no_partner", draft.is_zone() && !context.partner_of(draft))
      .set("archived_notice",
           web::archived_notice_view(draft, core::format_date(services.site.clock.now())))
      .set("problem", web::text_or_false(problem));
  return preview;
}

struct FormPage {
  bool creating = false;
  model::Section section;  // the stored one, or a new one of the kind being made
  Form values;
  std::string message;     // an error to show above the form
  std::string notice;      // "Saved." after a save
};

http::Response render_form(const AdminServices& services, const Principal& principal,
                           const web::PageContext& context, const FormPage& page,
                           int status = 200) {
  const model::Section& s = page.section;
  const Form& v = page.values;
  const bool zone = s.is_zone();
  std::string title = page.creating ? (zone ? "New zone" : "New section")
                                    : (zone ? "Zone: " : "Section: ") + s.title;
  render::View partners = render::View::list();
  for (const auto& [id, p] : context.partners) {
    partners.push(render::View()
                      .set("slug", p.slug)
                      .set("name", p.name)
                      .set("selected", field(v, "partner") == p.slug));
  }
  const std::string moderation = field(v, "moderation");
  const std::string canonical = field(v, "canonical");
  render::View view = admin_frame(services, context, title, &principal, "/admin/sections");
  view.set("heading", title)
      .set("creating", page.creating)
      .set("is_zone", zone)
      .set("kind", std::string(zone ? "zone" : "section"))
      .set("action", page.creating ? std::string("/admin/sections")
                                   : "/admin/sections/" + std::to_string(s.id))
      .set("reader_url", page.creating ? render::View(false)
                                       : render::View(web::section_path(s)))
      .set("message", web::text_or_false(page.message))
      .set("notice", web::text_or_false(page.notice))
      .set("id", std::to_string(s.id))
      .set("slug", field(v, "slug"))
      .set("title", field(v, "title"))
      .set("description", field(v, "description"))
      .set("position", field(v, "position"))
      .set("noindex", checked(v, "noindex"))
      .set("partners", std::move(partners))
      .set("partners_none", context.partners.empty())
      .set("topic", field(v, "topic"))
      .set("topic_name", field(v, "topic_name"))
      .set("moderation_auto", moderation != "hold-for-review")
      .set("moderation_hold", moderation == "hold-for-review")
      .set("contract_start", field(v, "contract_start"))
      .set("contract_end", field(v, "contract_end"))
      .set("attribution", field(v, "attribution"))
      .set("disclaimer", field(v, "disclaimer"))
      .set("link_rel", field(v, "link_rel"))
      .set("paid_content", checked(v, "paid_content"))
      .set("canonical_host", canonical != "partner")
      .set("canonical_partner", canonical == "partner")
      .set("preview_script", services.site.static_files.url("admin-preview.js"))
      .set("max_title", std::to_string(kMaxSectionTitle))
      .set("max_description", std::to_string(kMaxSectionDescription))
      .set("max_template", std::to_string(kMaxLabelTemplate))
      .set("max_slug", std::to_string(kMaxSlug));
  if (zone) {
    auto [draft, problem] = draft_of(v, s, context);
    view.set("preview", preview_view(services, context, draft, problem));
  } else {
    view.set("preview", false);
  }
  return admin_page(services, "admin_section_edit", view, status);
}

std::string topic_spec_of(const AdminServices& services, const model::Section& s) {
  if (!s.topic_id) return "";
  auto topic = services.store.find_topic(*s.topic_id);
  if (!topic) return "";
  return std::string(model::to_string(topic->kind)) + ":" + topic->key;
}

// The store's and the checks' refusals are the person's to fix: shown on the form (422).
bool is_form_error(const Error& error) {
  return error.code == ErrorCode::kInvalidInput || error.code == ErrorCode::kConflict ||
         error.code == ErrorCode::kNotFound;
}

}  // namespace

http::Response sections_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  render::View rows = render::View::list();
  for (const auto& s : context->sections) {
    // One count per section on the listing index: cheap for the tens of sections a site has.
    auto page = services.store.list_section_articles(s.id, {.limit = 1, .count_total = true});
    if (!page) return admin_error_for(services, page.error(), &principal);
    const model::Partner* partner = context->partner_of(s);
    std::string contract;
    if (s.contract_start && s.contract_end) {
      contract = *s.contract_start + " – " + *s.contract_end;
    } else if (s.contract_start) {
      contract = "from " + *s.contract_start;
    } else if (s.contract_end) {
      contract = "until " + *s.contract_end;
    }
    rows.push(render::View()
                  .set("id", std::to_string(s.id))
                  .set("title", s.title)
                  .set("slug", s.slug)
                  .set("url", web::section_path(s))
                  .set("kind", std::string(s.is_zone() ? "zone" : "section"))
                  .set("partner", partner ? render::View(partner->name) : render::View(false))
                  .set("moderation", s.is_zone() ? render::View(std::string(
                                                       model::to_string(s.moderation)))
                                                 : render::View(false))
                  .set("contract", web::text_or_false(contract))
                  .set("noindex", s.noindex)
                  .set("articles", std::to_string(page->total)));
  }
  render::View view = admin_frame(services, *context, "Sections and zones", &principal,
                                  "/admin/sections");
  view.set("sections", std::move(rows)).set("sections_none", context->sections.empty());
  return admin_page(services, "admin_sections", view);
}

http::Response new_section_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  const bool zone = request.query_param("kind").value_or("zone") != "section";
  FormPage page{.creating = true,
                .section = {.kind = zone ? model::SectionKind::kPartnerZone
                                         : model::SectionKind::kEditorial}};
  page.values = form_of(page.section, *context, "");
  page.values["position"] = "";
  if (auto partner = request.query_param("partner")) page.values["partner"] = *partner;
  return render_form(services, principal, *context, page);
}

http::Response section_edit_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto id = positive_id(request.param("id"));
  const model::Section* section = id ? context->section(*id) : nullptr;
  if (!section) return admin_error(services, 404, "There is no such section.", &principal);
  FormPage page{.section = *section};
  page.values = form_of(*section, *context, topic_spec_of(services, *section));
  if (request.query_param("saved")) page.notice = "Saved. Readers see the change at once.";
  return render_form(services, principal, *context, page);
}

// POST /admin/sections (create) and /admin/sections/{id} (save): "Preview" renders the form
// with the preview and stores nothing; "Save" checks, stores and audits, or shows the form
// again with the message and the input kept.
http::Response save_section(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);

  FormPage page{.values = form};
  if (request.param("id").empty()) {
    page.creating = true;
    page.section.kind = field(form, "kind") == "section" ? model::SectionKind::kEditorial
                                                         : model::SectionKind::kPartnerZone;
  } else {
    auto id = positive_id(request.param("id"));
    const model::Section* section = id ? context->section(*id) : nullptr;
    if (!section) return admin_error(services, 404, "There is no such section.", &principal);
    page.section = *section;
    page.values["slug"] = section->slug;
  }
  if (field(form, "action") == "preview") return render_form(services, principal, *context, page);
  auto changes = changes_from_form(form, page.section.is_zone());
  if (!changes) {
    page.message = changes.error().message;
    return render_form(services, principal, *context, page, 422);
  }
  if (!page.creating && changes->topic && !changes->topic_name &&
      *changes->topic == topic_spec_of(services, page.section)) {
    changes->topic.reset();  // unchanged: upserting it again could rename the topic
  }
  const Actor actor = Actor::user(principal.user, request.remote_address);
  Result<model::Section> saved =
      page.creating ? create_section(services.store, services.site.clock, page.section.kind,
                                     field(form, "slug"), *changes, actor, form_label)
                    : update_section(services.store, services.site.clock, page.section.id,
                                     *changes, actor, form_label);
  if (!saved) {
    if (!is_form_error(saved.error())) {
      return admin_error_for(services, saved.error(), &principal);
    }
    page.message = saved.error().message;
    return render_form(services, principal, *context, page, 422);
  }
  return see_other("/admin/sections/" + std::to_string(saved->id) + "?saved=1");
}

// POST /admin/sections/preview: the label block alone, from the form's unsaved values, for
// the edit page's script to swap in. Stores nothing.
http::Response preview_section(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  model::Section base{.kind = model::SectionKind::kPartnerZone};
  if (auto id = positive_id(field(form, "id"))) {
    const model::Section* section = context->section(*id);
    if (!section) return admin_error(services, 404, "There is no such section.", &principal);
    base = *section;
  }
  if (!base.is_zone()) return admin_error(services, 400, "Only zones carry a label.", &principal);
  auto [draft, problem] = draft_of(form, base, *context);
  return admin_page(services, "_admin_zone_preview",
                    preview_view(services, *context, draft, problem));
}

}  // namespace nz::admin
