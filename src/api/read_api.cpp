// The read side of the JSON API (issue 8): GET /api/v1/zones, /api/v1/articles,
// /api/v1/articles/{id}, /api/v1/deliveries and /api/v1/sources.
//
// A partner's token sees its own partner only: its zones, their articles in every status, the
// deliveries into them and the sources polled for them. Another partner's zone or article is
// 404, the same as one that does not exist, so the answers never tell them apart. Every store
// query names the partner's zones (or the partner), never "all".
//
// An editor's or admin's token (a user's) sees what the admin shows them: every zone, every
// section's articles (?zone= may name any section), every delivery and every source.
#include <boost/json.hpp>

#include <charconv>
#include <variant>

#include "api/api.h"
#include "api/auth.h"
#include "api/paging.h"
#include "api/resource_json.h"
#include "core/clock.h"
#include "core/rfc3339.h"
#include "store/store.h"

namespace nz::api {
namespace {

namespace json = boost::json;

// The caller and what it may read, for the rest of the call.
struct Caller {
  Credential who;
  std::vector<model::Section> zones;  // what GET /api/v1/zones lists
  std::vector<model::Section> scope;  // the sections whose articles and deliveries it reads
  std::string base_url;               // the site's, without a trailing slash

  const model::Section* section(model::SectionId id) const {
    for (const auto& s : scope) {
      if (s.id == id) return &s;
    }
    return nullptr;
  }
};

std::variant<Caller, http::Response> identify_caller(const ApiServices& services,
                                                     const http::Request& request) {
  auto who = identify(services.store, services.clock, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  auto sections = services.store.list_sections();
  if (!sections) return json_error(503, "the store is unavailable; try again shortly");
  Caller caller{.who = std::move(std::get<Credential>(who)),
                .base_url = site_base_url(services.store)};
  const bool staff = caller.who.is_staff();
  for (auto& s : *sections) {
    const bool own_zone =
        s.is_zone() && s.partner_id && s.partner_id == caller.who.token.partner_id;
    if (staff ? s.is_zone() : own_zone) caller.zones.push_back(s);
    if (staff || own_zone) caller.scope.push_back(std::move(s));
  }
  return caller;
}

// ?zone=SLUG, one of the sections the caller reads: nullptr when absent; kNotFound when it is
// not the caller's (or does not exist).
Result<const model::Section*> zone_param(const Caller& caller, const http::Request& request) {
  auto slug = request.query_param("zone");
  if (!slug || slug->empty()) return static_cast<const model::Section*>(nullptr);
  for (const auto& z : caller.scope) {
    if (z.slug == *slug) return &z;
  }
  return Error::NotFound(caller.who.is_staff()
                             ? "there is no section or zone \"" + *slug + "\""
                             : "there is no zone \"" + *slug + "\" among this token's partner's "
                               "zones");
}

std::string_view way(model::Channel channel) {
  return channel == model::Channel::kFile ? "import" : model::to_string(channel);
}

http::Response ok(const json::object& body) { return json_answer(200, body); }

}  // namespace

http::Response list_zones(const ApiServices& services, const http::Request& request) {
  auto who = identify_caller(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  json::array zones;
  for (const auto& z : caller.zones) zones.push_back(zone_json(caller.base_url, z));
  return ok({{"zones", std::move(zones)}});
}

http::Response list_articles(const ApiServices& services, const http::Request& request) {
  auto who = identify_caller(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  auto pages = paging(request);
  if (!pages) return json_error(400, pages.error().message);
  store::ArticleQuery query;
  if (auto text = request.query_param("status"); text && !text->empty()) {
    query.status = model::parse_article_status(*text);
    if (!query.status) {
      return json_error(400, "status must be draft, pending, published or withdrawn, not \"" +
                                 *text + "\"");
    }
  }
  auto zone = zone_param(caller, request);
  if (!zone) return json_error(404, zone.error().message);
  // The caller's sections only; a query naming no section would cover every section, so a
  // partner without zones asks nothing.
  for (const auto& z : caller.scope) {
    if (!*zone || *zone == &z) query.sections.push_back(z.id);
  }
  store::ArticlePage found;
  if (!query.sections.empty()) {
    auto page = services.store.find_articles(
        query, {.offset = pages->offset(), .limit = pages->per_page});
    if (!page) return json_error(503, "the store is unavailable; try again shortly");
    found = std::move(*page);
  }
  json::array articles;
  for (const auto& a : found.articles) {
    if (const model::Section* z = caller.section(a.section_id)) {
      articles.push_back(article_summary(caller.base_url, *z, a));
    }
  }
  return ok({{"page", pages->page},
             {"per_page", pages->per_page},
             {"total", found.total},
             {"articles", std::move(articles)}});
}

http::Response get_article(const ApiServices& services, const http::Request& request) {
  auto who = identify_caller(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  const std::string text = request.param("id");
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  const std::string missing = "there is no article " + text +
                              (caller.who.is_staff() ? "" : " in this token's partner's zones");
  if (ec != std::errc() || ptr != text.data() + text.size() || id < 1) {
    return json_error(404, missing);
  }
  auto article = services.store.find_article(id);
  if (!article) {
    if (article.error().code == ErrorCode::kNotFound) return json_error(404, missing);
    return json_error(503, "the store is unavailable; try again shortly");
  }
  const model::Section* zone = caller.section(article->section_id);
  if (!zone) return json_error(404, missing);  // another partner's, or the host's own
  auto body = article_detail(services.store, caller.base_url, *zone, *article);
  if (!body) return json_error(503, "the store is unavailable; try again shortly");
  return ok(*body);
}

http::Response list_deliveries(const ApiServices& services, const http::Request& request) {
  auto who = identify_caller(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  auto pages = paging(request);
  if (!pages) return json_error(400, pages.error().message);
  auto zone = zone_param(caller, request);
  if (!zone) return json_error(404, zone.error().message);
  // A user's token has no partner: every delivery.
  store::DeliveryFilter filter{.partner = caller.who.token.partner_id,
                               .limit = static_cast<int>(pages->per_page),
                               .offset = pages->offset()};
  if (*zone) filter.section = (*zone)->id;
  auto total = services.store.count_deliveries(filter);
  auto found = services.store.list_deliveries(filter);
  if (!total || !found) return json_error(503, "the store is unavailable; try again shortly");
  json::array deliveries;
  for (const auto& d : *found) {
    const model::Section* z = caller.section(d.section_id);
    if (!z) continue;
    const bool ok_result = d.result == model::kDeliveryOk;
    const bool running = d.result == model::kDeliveryInProgress;
    deliveries.push_back(json::object{
        {"id", d.id},
        {"received", core::format_rfc3339(d.received)},
        {"zone", z->slug},
        {"way", way(d.channel)},
        {"token_id", d.token_id ? json::value(*d.token_id) : nullptr},
        {"source_id", d.source_id ? json::value(*d.source_id) : nullptr},
        {"origin", d.origin},
        {"bytes", d.bytes},
        {"sha256", d.raw_sha256},
        {"format", d.format},
        {"items", d.counts.items},
        {"created", d.counts.created},
        {"updated", d.counts.new_versions},
        {"unchanged", d.counts.unchanged},
        {"duplicates", d.counts.duplicates},
        {"failed", d.counts.failed},
        {"result", ok_result ? "ok" : running ? "in progress" : "failed"},
        {"error", ok_result || running ? json::value(nullptr) : json::value(d.result)}});
  }
  return ok({{"page", pages->page},
             {"per_page", pages->per_page},
             {"total", *total},
             {"deliveries", std::move(deliveries)}});
}

http::Response list_sources(const ApiServices& services, const http::Request& request) {
  auto who = identify_caller(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  auto zone = zone_param(caller, request);
  if (!zone) return json_error(404, zone.error().message);
  const core::Timestamp now = services.clock.now();
  json::array sources;
  for (const auto& z : caller.scope) {
    if ((*zone && *zone != &z) || !z.is_zone()) continue;
    auto found = services.store.list_sources(z.id);
    if (!found) return json_error(503, "the store is unavailable; try again shortly");
    for (const auto& s : *found) sources.push_back(source_json(s, z.slug, now));
  }
  return ok({{"sources", std::move(sources)}});
}

}  // namespace nz::api
