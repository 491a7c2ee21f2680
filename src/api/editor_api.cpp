// The editors' operations in the JSON API (issue 8), for the tokens of editors and admins: the
// moderation queue and its decisions, corrections, and sections, zones, partners and sources.
//
// Each calls the shared function the admin's page calls (admin/moderation.h,
// section_changes.h, partner_changes.h, source_changes.h), so the checks, the audit row
// written in the same transaction (actor: the token's user) and the readers' pages following
// at once are those of the admin. A partner's token is refused (403) before anything is read;
// no token, or a bad or revoked one, or a disabled user's, is 401 (api/auth.h).
//
// Bodies are JSON objects (json_body.h); a field the operation does not know, or of the wrong
// type, is 400 naming it, as is a value the shared function refuses.
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <variant>

#include "admin/moderation.h"
#include "admin/partner_changes.h"
#include "admin/section_changes.h"
#include "admin/source_changes.h"
#include "api/api.h"
#include "api/auth.h"
#include "api/json_body.h"
#include "api/paging.h"
#include "api/resource_json.h"
#include "core/clock.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::api {
namespace {

namespace json = boost::json;

const std::string kUnavailable = "the store is unavailable; try again shortly";

// The fields of a section or zone, as the admin's form has them (section_changes.h).
const std::vector<std::string_view> kSectionFields = {
    "title",        "description",    "position",    "noindex",     "partner",
    "topic",        "topic_name",     "moderation",  "contract_start", "contract_end",
    "attribution",  "disclaimer",     "link_rel",    "paid_content", "canonical",
    "kind",         "slug"};
const std::vector<std::string_view> kSourceFields = {"zone",       "url",     "every",
                                                     "identity",   "user_agent", "headers",
                                                     "enabled"};

// The editor or admin the token acts for.
struct Editor {
  Credential who;
  admin::Actor actor;
  std::string base_url;
};

std::variant<Editor, http::Response> require_editor(const ApiServices& services,
                                                    const http::Request& request) {
  auto who = identify(services.store, services.clock, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  Credential& credential = std::get<Credential>(who);
  if (!credential.is_staff()) {
    return json_error(403, "this is an editors' operation; a partner's token pushes into and "
                           "reads its own zones only");
  }
  // The user, as in the admin; the label also names the token, so that the log tells what
  // came through which token.
  admin::Actor actor = admin::Actor::user(*credential.user, request.remote_address);
  actor.label += " (API token " + credential.token.prefix + ")";
  return Editor{.who = std::move(credential),
                .actor = std::move(actor),
                .base_url = site_base_url(services.store)};
}

// A setting's key as the JSON body names it ("contract-end" -> "contract_end"), for the
// shared functions' messages.
std::string json_name(std::string_view key) {
  if (key == "header") return "headers";
  std::string out(key);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::optional<int64_t> path_id(const http::Request& request) {
  const std::string text = request.param("id");
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id < 1) return std::nullopt;
  return id;
}

http::Response bad_body(const JsonBody& body) {
  return json_error(body.too_large() ? 413 : 400, body.message(), body.field());
}

// The body field a shared function's message is about: the first of `fields` it starts with,
// else the first it names; `fallback` when none.
std::string field_of(const std::string& message, const std::vector<std::string_view>& fields,
                     std::string_view fallback) {
  std::string lower = message;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view f : fields) {
    if (lower.rfind(f, 0) == 0 &&
        (lower.size() == f.size() || lower[f.size()] == ' ' || lower[f.size()] == ':')) {
      return std::string(f);
    }
  }
  for (std::string_view f : fields) {
    if (lower.find(" " + std::string(f) + " ") != std::string::npos) return std::string(f);
  }
  return std::string(fallback);
}

// The answer for a shared function's error. kInvalidInput is the body's fault (400 naming
// the field); kNotFound is `not_found` (404 for the path's id, 400 for a name in the body);
// kConflict 409; anything else the store's failure.
http::Response refusal(const Error& error, const std::vector<std::string_view>& fields,
                       std::string_view fallback = "", int not_found = 404) {
  switch (error.code) {
    case ErrorCode::kInvalidInput:
      return json_error(400, error.message, field_of(error.message, fields, fallback));
    case ErrorCode::kNotFound:
      return json_error(not_found, error.message,
                        not_found == 400 ? field_of(error.message, fields, fallback) : "");
    case ErrorCode::kConflict:
      return json_error(409, error.message, field_of(error.message, fields, ""));
    default:
      return json_error(503, kUnavailable);
  }
}

// ---- articles ----

http::Response article_answer(const ApiServices& services, const Editor& editor,
                              const model::Article& article) {
  auto section = services.store.find_section(article.section_id);
  if (!section) return json_error(503, kUnavailable);
  auto body = article_detail(services.store, editor.base_url, *section, article);
  if (!body) return json_error(503, kUnavailable);
  return json_answer(200, *body);
}

http::Response decide_on(const ApiServices& services, const http::Request& request,
                         admin::Decision decision) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto id = path_id(request);
  if (!id) return json_error(404, "there is no article " + request.param("id"));
  const bool reasoned = admin::needs_reason(decision);
  JsonBody body(request.body, reasoned ? std::vector<std::string_view>{"reason"}
                                       : std::vector<std::string_view>{});
  const std::string reason = body.text("reason").value_or("");
  if (!body.ok()) return bad_body(body);
  auto decided = admin::decide(services.store, services.clock, editor.actor, *id, decision,
                               reason);
  if (!decided) return refusal(decided.error(), {"reason"}, "reason");
  return article_answer(services, editor, *decided);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Makes the article's topics exactly `names`: a name that one of its topics already has is
// kept; others are added (admin::add_topic), then the topics not named are removed
// (admin::remove_topic). Call inside a transaction.
Status set_topics(const ApiServices& services, const admin::Actor& actor, model::ArticleId id,
                  const std::vector<std::string>& names) {
  auto current = services.store.topics_of(id);
  if (!current) return current.error();
  std::set<model::TopicId> keep;
  for (const std::string& name : names) {
    const std::string wanted = lowercase(admin::one_line(name));
    auto known = std::find_if(current->begin(), current->end(), [&](const model::Topic& t) {
      return lowercase(t.name) == wanted;
    });
    if (known != current->end() && !wanted.empty()) {
      keep.insert(known->id);
      continue;
    }
    auto added = admin::add_topic(services.store, services.clock, actor, id, name);
    if (!added) return added.error();
    keep.insert(added->id);
  }
  for (const auto& t : *current) {
    if (keep.count(t.id)) continue;
    if (auto removed = admin::remove_topic(services.store, services.clock, actor, id, t.id);
        !removed) {
      return removed;
    }
  }
  return Ok();
}

// ---- sections ----

// "Section": every setting of a section or zone, as the admin's form shows it.
json::object section_answer_json(const ApiServices& services, const std::string& base_url,
                                 const model::Section& s,
                                 const std::map<model::PartnerId, std::string>& partner_slugs) {
  json::value partner = nullptr;
  if (s.partner_id) {
    auto it = partner_slugs.find(*s.partner_id);
    if (it != partner_slugs.end()) partner = json::value(it->second);
  }
  json::value topic = nullptr;
  if (s.topic_id) {
    if (auto t = services.store.find_topic(*s.topic_id)) {
      topic = json::value(std::string(model::to_string(t->kind)) + ":" + t->key);
    }
  }
  return {{"id", s.id},
          {"kind", s.is_zone() ? "zone" : "section"},
          {"slug", s.slug},
          {"title", s.title},
          {"description", s.description},
          {"position", s.position},
          {"url", base_url + web::section_path(s)},
          {"noindex", s.noindex},
          {"partner", partner},
          {"topic", topic},
          {"moderation", model::to_string(s.moderation)},
          {"contract_start", s.contract_start ? json::value(*s.contract_start) : nullptr},
          {"contract_end", s.contract_end ? json::value(*s.contract_end) : nullptr},
          {"attribution", s.attribution_template},
          {"disclaimer", s.disclaimer_template},
          {"link_rel", s.link_rel},
          {"paid_content", s.paid_content},
          {"canonical", model::to_string(s.canonical)}};
}

Result<std::map<model::PartnerId, std::string>> partner_slugs(store::Store& store) {
  auto partners = store.list_partners();
  if (!partners) return partners.error();
  std::map<model::PartnerId, std::string> out;
  for (const auto& p : *partners) out[p.id] = p.slug;
  return out;
}

http::Response section_answer(const ApiServices& services, const Editor& editor,
                              const model::Section& section, int status) {
  auto slugs = partner_slugs(services.store);
  if (!slugs) return json_error(503, kUnavailable);
  auto response =
      json_answer(status, section_answer_json(services, editor.base_url, section, *slugs));
  if (status == 201) {
    response.set_header("Location", "/api/v1/sections/" + std::to_string(section.id));
  }
  return response;
}

// The body's settings, as the admin's form gives them to the shared functions.
admin::SectionChanges section_changes(JsonBody& body) {
  admin::SectionChanges c;
  c.title = body.text("title");
  c.description = body.text("description");
  if (auto position = body.integer("position", -100000, 100000)) {
    c.position = static_cast<int>(*position);
  }
  c.noindex = body.flag("noindex");
  c.partner = body.text("partner");
  c.topic = body.text("topic");
  if (auto name = body.text("topic_name"); name && !name->empty()) c.topic_name = name;
  c.moderation = body.text("moderation");
  c.contract_start = body.text("contract_start");
  c.contract_end = body.text("contract_end");
  c.attribution = body.text("attribution");
  c.disclaimer = body.text("disclaimer");
  c.link_rel = body.text("link_rel");
  c.paid_content = body.flag("paid_content");
  c.canonical = body.text("canonical");
  return c;
}

// ---- sources ----

admin::SourceChanges source_changes(JsonBody& body) {
  admin::SourceChanges c;
  c.url = body.text("url");
  c.every = body.text("every");
  c.identity = body.text("identity");
  c.user_agent = body.text("user_agent");
  if (auto headers = body.texts("headers")) {
    c.headers = std::move(*headers);  // the extra headers become exactly these
    c.clear_headers = true;
  }
  return c;
}

http::Response source_answer(const ApiServices& services, const model::Source& source,
                             int status) {
  auto zone = services.store.find_section(source.section_id);
  if (!zone) return json_error(503, kUnavailable);
  auto response = json_answer(status, source_json(source, zone->slug, services.clock.now()));
  if (status == 201) {
    response.set_header("Location", "/api/v1/sources/" + std::to_string(source.id));
  }
  return response;
}

}  // namespace

// ---- the moderation queue and articles ----

http::Response list_queue(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto pages = paging(request);
  if (!pages) return json_error(400, pages.error().message);
  auto sections = services.store.list_sections();
  if (!sections) return json_error(503, kUnavailable);
  store::ArticleQuery query{.status = model::ArticleStatus::kPending};
  if (auto slug = request.query_param("zone"); slug && !slug->empty()) {
    auto it = std::find_if(sections->begin(), sections->end(),
                           [&](const model::Section& s) { return s.slug == *slug; });
    if (it == sections->end()) {
      return json_error(404, "there is no section or zone \"" + *slug + "\"");
    }
    query.sections.push_back(it->id);
  }
  auto found =
      services.store.find_articles(query, {.offset = pages->offset(), .limit = pages->per_page});
  if (!found) return json_error(503, kUnavailable);
  json::array articles;
  for (const auto& a : found->articles) {
    auto s = std::find_if(sections->begin(), sections->end(),
                          [&](const model::Section& x) { return x.id == a.section_id; });
    if (s != sections->end()) articles.push_back(article_summary(editor.base_url, *s, a));
  }
  return json_answer(200, {{"page", pages->page},
                           {"per_page", pages->per_page},
                           {"total", found->total},
                           {"articles", std::move(articles)}});
}

http::Response approve_article(const ApiServices& services, const http::Request& request) {
  return decide_on(services, request, admin::Decision::kApprove);
}
http::Response reject_article(const ApiServices& services, const http::Request& request) {
  return decide_on(services, request, admin::Decision::kReject);
}
http::Response withdraw_article(const ApiServices& services, const http::Request& request) {
  return decide_on(services, request, admin::Decision::kWithdraw);
}
http::Response restore_article(const ApiServices& services, const http::Request& request) {
  return decide_on(services, request, admin::Decision::kRestore);
}

http::Response patch_article(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto id = path_id(request);
  if (!id) return json_error(404, "there is no article " + request.param("id"));
  JsonBody body(request.body, {"headline", "standfirst", "tags"});
  auto headline = body.text("headline");
  auto standfirst = body.text("standfirst");
  auto tags = body.texts("tags");
  if (body.ok() && !headline && !standfirst && !tags) {
    body.fail("", "send at least one of headline, standfirst and tags");
  }
  if (!body.ok()) return bad_body(body);
  if (auto found = services.store.find_article(*id); !found) return refusal(found.error(), {});
  // One transaction: a refused tag leaves the headline as it was, too.
  std::string step;  // the field being applied, for a refusal's message
  model::Article result;
  Status done = services.store.atomically([&]() -> Status {
    auto before = services.store.find_article(*id);
    if (!before) return before.error();
    if (headline || standfirst) {
      step = headline ? "headline" : "standfirst";
      auto edited = admin::edit(services.store, services.clock, editor.actor, *id,
                                headline.value_or(before->content.headline),
                                standfirst.value_or(before->content.standfirst), false);
      if (!edited) return edited.error();
    }
    if (tags) {
      step = "tags";
      if (auto set = set_topics(services, editor.actor, *id, *tags); !set) return set;
    }
    auto after = services.store.find_article(*id);
    if (!after) return after.error();
    result = *after;
    return Ok();
  });
  if (!done) {
    // The article was there: kNotFound is a topic the site does not know, the body's fault.
    if (step == "tags") return refusal(done.error(), {}, "tags", 400);
    return refusal(done.error(), {"headline", "standfirst"}, step);
  }
  return article_answer(services, editor, result);
}

// ---- sections and zones ----

http::Response list_sections(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto sections = services.store.list_sections();
  auto slugs = partner_slugs(services.store);
  if (!sections || !slugs) return json_error(503, kUnavailable);
  json::array list;
  for (const auto& s : *sections) {
    list.push_back(section_answer_json(services, editor.base_url, s, *slugs));
  }
  return json_answer(200, {{"sections", std::move(list)}});
}

http::Response create_section(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  JsonBody body(request.body, kSectionFields);
  const auto kind = body.text("kind");
  const std::string slug = body.text("slug").value_or("");
  admin::SectionChanges changes = section_changes(body);
  if (body.ok() && (!kind || (*kind != "section" && *kind != "zone"))) {
    body.fail("kind", "kind is required: \"section\" (the site's own) or \"zone\" (a "
                      "partner's)");
  }
  if (!body.ok()) return bad_body(body);
  const auto section_kind =
      *kind == "zone" ? model::SectionKind::kPartnerZone : model::SectionKind::kEditorial;
  auto made = admin::create_section(services.store, services.clock, section_kind, slug, changes,
                                    editor.actor, json_name);
  if (!made) return refusal(made.error(), kSectionFields, "", 400);
  return section_answer(services, editor, *made, 201);
}

http::Response get_section(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto id = path_id(request);
  if (!id) return json_error(404, "there is no section " + request.param("id"));
  auto section = services.store.find_section(*id);
  if (!section) return refusal(section.error(), {});
  return section_answer(services, editor, *section, 200);
}

http::Response patch_section(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto id = path_id(request);
  if (!id) return json_error(404, "there is no section " + request.param("id"));
  auto section = services.store.find_section(*id);
  if (!section) return refusal(section.error(), {});
  JsonBody body(request.body, kSectionFields);
  for (std::string_view fixed : {"kind", "slug"}) {
    if (body.has(fixed)) {
      body.fail(fixed, std::string(fixed) + " is fixed once a section is made (its pages' "
                                            "addresses use it)");
    }
  }
  admin::SectionChanges changes = section_changes(body);
  if (!body.ok()) return bad_body(body);
  auto saved = admin::update_section(services.store, services.clock, *id, changes,
                                     editor.actor, json_name);
  if (!saved) return refusal(saved.error(), kSectionFields, "", 400);
  return section_answer(services, editor, *saved, 200);
}

// ---- partners ----

http::Response list_partners(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  auto partners = services.store.list_partners();
  if (!partners) return json_error(503, kUnavailable);
  json::array list;
  for (const auto& p : *partners) list.push_back(partner_json(p));
  return json_answer(200, {{"partners", std::move(list)}});
}

http::Response create_partner(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  JsonBody body(request.body, {"slug", "name", "url"});
  model::Partner partner{.slug = body.text("slug").value_or(""),
                         .name = body.text("name").value_or(""),
                         .url = body.text("url").value_or("")};
  if (!body.ok()) return bad_body(body);
  auto made = admin::create_partner(services.store, services.clock, partner, editor.actor,
                                    json_name);
  if (!made) return refusal(made.error(), {"slug", "name", "url"}, "", 400);
  auto response = json_answer(201, partner_json(*made));
  response.set_header("Location", "/api/v1/partners/" + std::to_string(made->id));
  return response;
}

http::Response patch_partner(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto id = path_id(request);
  if (!id) return json_error(404, "there is no partner " + request.param("id"));
  auto partner = services.store.find_partner(*id);
  if (!partner) return refusal(partner.error(), {});
  JsonBody body(request.body, {"name", "url"});
  admin::PartnerChanges changes{.name = body.text("name"), .url = body.text("url")};
  if (!body.ok()) return bad_body(body);
  auto saved = admin::update_partner(services.store, services.clock, *id, changes, editor.actor,
                                     json_name);
  if (!saved) return refusal(saved.error(), {"name", "url"});
  return json_answer(200, partner_json(*saved));
}

// ---- sources ----

http::Response create_source(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  JsonBody body(request.body, kSourceFields);
  const std::string zone_slug = body.text("zone").value_or("");
  admin::SourceChanges changes = source_changes(body);
  const auto enabled = body.flag("enabled");
  if (body.ok() && zone_slug.empty()) body.fail("zone", "zone is required: the zone's slug");
  if (body.ok() && (!changes.url || changes.url->empty())) {
    body.fail("url", "url is required: the feed's address");
  }
  if (!body.ok()) return bad_body(body);
  auto zone = services.store.find_section_by_slug(zone_slug);
  if (!zone) {
    if (zone.error().code != ErrorCode::kNotFound) return json_error(503, kUnavailable);
    return json_error(400, "zone: there is no zone \"" + zone_slug + "\"", "zone");
  }
  model::Source result;
  Status done = services.store.atomically([&]() -> Status {
    auto added = admin::add_source(services.store, services.clock, zone->id, changes,
                                   editor.actor, json_name);
    if (!added) return added.error();
    result = *added;
    if (enabled == false) {
      auto paused = admin::set_source_enabled(services.store, services.clock, result.id, false,
                                              editor.actor);
      if (!paused) return paused.error();
      result = *paused;
    }
    return Ok();
  });
  // The store refuses an editorial section or a URL that is not http(s) as kInvalidInput.
  if (!done) return refusal(done.error(), kSourceFields, "url", 400);
  return source_answer(services, result, 201);
}

http::Response patch_source(const ApiServices& services, const http::Request& request) {
  auto who = require_editor(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Editor& editor = std::get<Editor>(who);
  auto id = path_id(request);
  if (!id) return json_error(404, "there is no source " + request.param("id"));
  auto source = services.store.find_source(*id);
  if (!source) return refusal(source.error(), {});
  JsonBody body(request.body, {"url", "every", "identity", "user_agent", "headers", "enabled"});
  admin::SourceChanges changes = source_changes(body);
  const auto enabled = body.flag("enabled");
  if (!body.ok()) return bad_body(body);
  const bool settings = changes.url || changes.every || changes.identity || changes.user_agent ||
                        changes.clear_headers;
  model::Source result = *source;
  Status done = services.store.atomically([&]() -> Status {
    if (settings) {
      auto changed = admin::change_source(services.store, services.clock, *id, changes,
                                          editor.actor, json_name);
      if (!changed) return changed.error();
      result = *changed;
    }
    if (enabled && *enabled != result.settings.enabled) {
      auto switched = admin::set_source_enabled(services.store, services.clock, *id, *enabled,
                                                editor.actor);
      if (!switched) return switched.error();
      result = *switched;
    }
    return Ok();
  });
  if (!done) return refusal(done.error(), kSourceFields, "url");
  return source_answer(services, result, 200);
}

}  // namespace nz::api
