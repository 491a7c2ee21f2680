#include "api/resource_json.h"

#include <boost/json.hpp>

#include "admin/moderation.h"
#include "core/rfc3339.h"
#include "ingest/poll_schedule.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::api {

namespace json = boost::json;

std::string site_base_url(store::Store& store) {
  auto site = store.get_site();
  if (!site) return "";
  std::string base = site->base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

json::value time_or_null(const std::optional<core::Timestamp>& t) {
  if (!t) return nullptr;
  return json::value(core::format_rfc3339(*t));
}

json::object zone_json(const std::string& base_url, const model::Section& zone) {
  return {{"id", zone.id},
          {"slug", zone.slug},
          {"title", zone.title},
          {"description", zone.description},
          {"url", base_url + web::section_path(zone)},
          {"moderation", model::to_string(zone.moderation)},
          {"noindex", zone.noindex},
          {"contract_start", zone.contract_start ? json::value(*zone.contract_start) : nullptr},
          {"contract_end", zone.contract_end ? json::value(*zone.contract_end) : nullptr}};
}

json::object article_summary(const std::string& base_url, const model::Section& section,
                             const model::Article& a) {
  return {{"id", a.id},
          {"zone", section.slug},
          {"guid", a.guid},
          {"headline", a.content.headline},
          {"status", model::to_string(a.status)},
          {"version", a.version},
          {"url", base_url + web::article_path(section, a)},
          {"published", core::format_rfc3339(a.published)},
          {"updated", core::format_rfc3339(a.updated)},
          {"ingested", core::format_rfc3339(a.ingested)},
          {"embargo_until", time_or_null(a.embargo_until)},
          {"duplicate_of", a.duplicate_of ? json::value(*a.duplicate_of) : nullptr},
          {"withdrawn_at", time_or_null(a.withdrawn_at)}};
}

Result<json::object> article_detail(store::Store& store, const std::string& base_url,
                                    const model::Section& section, const model::Article& a) {
  auto versions = store.list_versions(a.id);
  if (!versions) return versions.error();
  auto topics = store.topics_of(a.id);
  if (!topics) return topics.error();
  json::object body = article_summary(base_url, section, a);
  body["state"] = admin::status_label(a);
  body["reason"] = a.status_reason.empty() ? json::value(nullptr) : json::value(a.status_reason);
  json::array tags;
  for (const auto& t : *topics) tags.push_back(json::value(t.name));
  body["tags"] = std::move(tags);
  body["standfirst"] = a.content.standfirst;
  body["body_html"] = a.content.body_html;
  body["author"] = a.content.author;
  body["language"] = a.content.language;
  body["original_url"] = a.content.original_url;
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
  return body;
}

json::object source_json(const model::Source& s, const std::string& zone_slug,
                         core::Timestamp now) {
  return {{"id", s.id},
          {"zone", zone_slug},
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
          {"gone", s.state.gone}};
}

json::object partner_json(const model::Partner& p) {
  return {{"id", p.id}, {"slug", p.slug}, {"name", p.name}, {"url", p.url}};
}

http::Response json_answer(int status, const json::object& body) {
  auto response = http::Response::json(status, json::serialize(body) + "\n");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace nz::api
