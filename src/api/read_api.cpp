// The read side of the JSON API for partner tokens (issue 8): GET /api/v1/zones,
// /api/v1/articles, /api/v1/articles/{id}, /api/v1/deliveries and /api/v1/sources. Each
// answers for the token's own partner only: its zones, their articles in every status, the
// deliveries into them and the sources polled for them. Another partner's zone or article is
// 404, the same as one that does not exist, so the answers never tell them apart. Every
// store query names the partner's zones (or the partner), never "all".
#include <boost/json.hpp>

#include <charconv>
#include <variant>

#include "api/api.h"
#include "api/auth.h"
#include "core/clock.h"
#include "core/rfc3339.h"
#include "ingest/poll_schedule.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::api {
namespace {

namespace json = boost::json;

constexpr int64_t kDefaultPerPage = 20;
constexpr int64_t kMaxPerPage = 100;
constexpr int64_t kMaxPage = 100000;
// last_used is written at most this often: reading is not a write per request.
constexpr std::chrono::seconds kTouchEvery{60};

// The token's partner and its zones, for the rest of the call.
struct Caller {
  model::ApiToken token;
  std::vector<model::Section> zones;
  std::string base_url;  // the site's, without a trailing slash

  const model::Section* zone(model::SectionId id) const {
    for (const auto& z : zones) {
      if (z.id == id) return &z;
    }
    return nullptr;
  }
};

std::variant<Caller, http::Response> identify(const ApiServices& services,
                                              const http::Request& request) {
  auto token = authenticate(services.store, request);
  if (!token) {
    if (token.error().code == ErrorCode::kInvalidInput) {
      return json_error(401, token.error().message);
    }
    return json_error(503, "the store is unavailable; try again shortly");
  }
  const core::Timestamp now = services.clock.now();
  if (!token->last_used || now - *token->last_used >= kTouchEvery) {
    (void)services.store.touch_token(token->id, now);  // a missed touch loses nothing
  }
  auto sections = services.store.list_sections();
  auto site = services.store.get_site();
  if (!sections || !site) return json_error(503, "the store is unavailable; try again shortly");
  Caller caller{.token = std::move(*token), .base_url = site->base_url};
  while (!caller.base_url.empty() && caller.base_url.back() == '/') caller.base_url.pop_back();
  for (auto& s : *sections) {
    if (s.is_zone() && s.partner_id == caller.token.partner_id) {
      caller.zones.push_back(std::move(s));
    }
  }
  return caller;
}

Result<int64_t> number_param(const http::Request& request, std::string_view name,
                             int64_t fallback, int64_t low, int64_t high) {
  auto text = request.query_param(name);
  if (!text) return fallback;
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || ptr != text->data() + text->size() || n < low || n > high) {
    return Error::InvalidInput(std::string(name) + " must be a whole number from " +
                               std::to_string(low) + " to " + std::to_string(high) +
                               ", not \"" + *text + "\"");
  }
  return n;
}

struct Paging {
  int64_t page = 1;
  int64_t per_page = kDefaultPerPage;
  int64_t offset() const { return (page - 1) * per_page; }
};

Result<Paging> paging(const http::Request& request) {
  auto page = number_param(request, "page", 1, 1, kMaxPage);
  if (!page) return page.error();
  auto per_page = number_param(request, "per_page", kDefaultPerPage, 1, kMaxPerPage);
  if (!per_page) return per_page.error();
  return Paging{.page = *page, .per_page = *per_page};
}

// ?zone=SLUG, one of the caller's zones: nullptr when absent; kNotFound when it is not the
// caller's (or does not exist).
Result<const model::Section*> zone_param(const Caller& caller, const http::Request& request) {
  auto slug = request.query_param("zone");
  if (!slug || slug->empty()) return static_cast<const model::Section*>(nullptr);
  for (const auto& z : caller.zones) {
    if (z.slug == *slug) return &z;
  }
  return Error::NotFound("there is no zone \"" + *slug + "\" among this token's partner's zones");
}

json::value time_or_null(const std::optional<core::Timestamp>& t) {
  if (!t) return nullptr;
  return json::value(core::format_rfc3339(*t));
}

json::object zone_json(const Caller& caller, const model::Section& zone) {
  return {{"id", zone.id},
          {"slug", zone.slug},
          {"title", zone.title},
          {"description", zone.description},
          {"url", caller.base_url + web::section_path(zone)},
          {"moderation", model::to_string(zone.moderation)},
          {"noindex", zone.noindex},
          {"contract_start", zone.contract_start ? json::value(*zone.contract_start) : nullptr},
          {"contract_end", zone.contract_end ? json::value(*zone.contract_end) : nullptr}};
}

json::object article_summary(const Caller& caller, const model::Section& zone,
                             const model::Article& a) {
  return {{"id", a.id},
          {"zone", zone.slug},
          {"guid", a.guid},
          {"headline", a.content.headline},
          {"status", model::to_string(a.status)},
          {"version", a.version},
          {"url", caller.base_url + web::article_path(zone, a)},
          {"published", core::format_rfc3339(a.published)},
          {"updated", core::format_rfc3339(a.updated)},
          {"ingested", core::format_rfc3339(a.ingested)},
          {"embargo_until", time_or_null(a.embargo_until)},
          {"duplicate_of", a.duplicate_of ? json::value(*a.duplicate_of) : nullptr},
          {"withdrawn_at", time_or_null(a.withdrawn_at)}};
}

std::string_view way(model::Channel channel) {
  return channel == model::Channel::kFile ? "import" : model::to_string(channel);
}

http::Response ok(json::object body) {
  auto response = http::Response::json(200, json::serialize(body) + "\n");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

http::Response list_zones(const ApiServices& services, const http::Request& request) {
  auto who = identify(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  json::array zones;
  for (const auto& z : caller.zones) zones.push_back(zone_json(caller, z));
  return ok({{"zones", std::move(zones)}});
}

http::Response list_articles(const ApiServices& services, const http::Request& request) {
  auto who = identify(services, request);
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
  // The partner's zones only; a query naming no section would cover every section, so a
  // partner without zones asks nothing.
  for (const auto& z : caller.zones) {
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
    if (const model::Section* z = caller.zone(a.section_id)) {
      articles.push_back(article_summary(caller, *z, a));
    }
  }
  return ok({{"page", pages->page},
             {"per_page", pages->per_page},
             {"total", found.total},
             {"articles", std::move(articles)}});
}

http::Response get_article(const ApiServices& services, const http::Request& request) {
  auto who = identify(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  const std::string text = request.param("id");
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  const std::string missing = "there is no article " + text + " in this token's partner's zones";
  if (ec != std::errc() || ptr != text.data() + text.size() || id < 1) {
    return json_error(404, missing);
  }
  auto article = services.store.find_article(id);
  if (!article) {
    if (article.error().code == ErrorCode::kNotFound) return json_error(404, missing);
    return json_error(503, "the store is unavailable; try again shortly");
  }
  const model::Section* zone = caller.zone(article->section_id);
  if (!zone) return json_error(404, missing);  // another partner's, or the host's own
  auto versions = services.store.list_versions(id);
  if (!versions) return json_error(503, "the store is unavailable; try again shortly");
  json::object body = article_summary(caller, *zone, *article);
  body["standfirst"] = article->content.standfirst;
  body["body_html"] = article->content.body_html;
  body["author"] = article->content.author;
  body["language"] = article->content.language;
  body["original_url"] = article->content.original_url;
  json::array list;
  for (const auto& v : *versions) {
    list.push_back(json::object{
        {"version", v.version},
        {"created", core::format_rfc3339(v.created)},
        {"delivery", v.delivery_id ? json::value(*v.delivery_id) : nullptr},
        {"headline", v.content.headline},
        {"standfirst", v.content.standfirst}});
  }
  body["versions"] = std::move(list);
  return ok(std::move(body));
}

http::Response list_deliveries(const ApiServices& services, const http::Request& request) {
  auto who = identify(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  auto pages = paging(request);
  if (!pages) return json_error(400, pages.error().message);
  auto zone = zone_param(caller, request);
  if (!zone) return json_error(404, zone.error().message);
  store::DeliveryFilter filter{.partner = caller.token.partner_id,
                               .limit = static_cast<int>(pages->per_page),
                               .offset = pages->offset()};
  if (*zone) filter.section = (*zone)->id;
  auto total = services.store.count_deliveries(filter);
  auto found = services.store.list_deliveries(filter);
  if (!total || !found) return json_error(503, "the store is unavailable; try again shortly");
  json::array deliveries;
  for (const auto& d : *found) {
    const model::Section* z = caller.zone(d.section_id);
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
  auto who = identify(services, request);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Caller& caller = std::get<Caller>(who);
  auto zone = zone_param(caller, request);
  if (!zone) return json_error(404, zone.error().message);
  const core::Timestamp now = services.clock.now();
  json::array sources;
  for (const auto& z : caller.zones) {
    if (*zone && *zone != &z) continue;
    auto found = services.store.list_sources(z.id);
    if (!found) return json_error(503, "the store is unavailable; try again shortly");
    // Never the extra request headers nor the WebSub secret: they may hold credentials.
    for (const auto& s : *found) {
      sources.push_back(json::object{
          {"id", s.id},
          {"zone", z.slug},
          {"url", s.settings.url},
          {"enabled", s.settings.enabled},
          {"every_seconds", s.settings.every.count()},
          {"status", ingest::source_status(s, now)},
          {"last_attempt", time_or_null(s.state.last_attempt)},
          {"last_success", time_or_null(s.state.last_success)},
          {"last_error", s.state.last_error.empty() ? json::value(nullptr)
                                                    : json::value(s.state.last_error)},
          {"consecutive_failures", s.state.consecutive_failures},
          {"next_poll", core::format_rfc3339(s.state.next_poll)},
          {"gone", s.state.gone}});
    }
  }
  return ok({{"sources", std::move(sources)}});
}

}  // namespace nz::api
