#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include "api/api.h"
#include "api/auth.h"
#include "core/clock.h"
#include "ingest/feed_ingest.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::api {
namespace {

namespace json = boost::json;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// The media types a push may carry; the parser detects the format from the bytes themselves,
// so these only keep out what is plainly not a feed (form posts, HTML, images).
constexpr std::array<std::string_view, 10> kAcceptedTypes = {
    "application/json",     "application/ninjs+json", "application/x-ndjson",
    "application/jsonl",    "application/feed+json",  "application/rss+xml",
    "application/atom+xml", "application/rdf+xml",    "application/xml",
    "text/xml"};

struct ContentType {
  std::string media_type;
  std::string charset;
};

ContentType parse_content_type(std::string_view header) {
  ContentType out;
  size_t semi = header.find(';');
  out.media_type = lower(trim(header.substr(0, semi)));
  while (semi != std::string_view::npos) {
    header.remove_prefix(semi + 1);
    semi = header.find(';');
    std::string param = trim(header.substr(0, semi));
    if (lower(param).starts_with("charset=")) {
      std::string value = param.substr(8);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      out.charset = lower(value);
    }
  }
  return out;
}

json::object item_json(const ingest::ItemResult& item, const model::Section& zone,
                       const std::string& base_url) {
  json::object o{{"index", item.index}, {"status", ingest::to_string(item.outcome)}};
  if (!item.guid.empty()) o["guid"] = item.guid;
  if (item.article) {
    o["id"] = item.article->id;
    o["version"] = item.article->version;
    o["article_status"] = model::to_string(item.article->status);
    o["url"] = base_url + web::article_path(zone, *item.article);
  }
  if (item.duplicate_of) o["duplicate_of"] = *item.duplicate_of;
  if (item.outcome == ingest::ItemOutcome::kFailed) o["error"] = item.error;
  return o;
}

std::string site_base(const ApiServices& services) {
  auto site = services.store.get_site();
  if (!site) return "";
  std::string base = site->base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

http::Response push_articles(const ApiServices& services, const http::Request& request) {
  auto who = authenticate(services.store, request);
  if (!who) {
    if (who.error().code == ErrorCode::kInvalidInput) {
      return json_error(401, who.error().message);
    }
    return json_error(503, "the store is unavailable; try again shortly");
  }
  const model::ApiToken* token = &who->token;
  const std::string slug = request.param("zone");
  auto zone = services.store.find_section_by_slug(slug);
  if (!zone || !zone->is_zone()) {
    if (zone || zone.error().code == ErrorCode::kNotFound) {
      return json_error(404, "there is no partner zone \"" + slug + "\"");
    }
    return json_error(503, "the store is unavailable; try again shortly");
  }
  if (!token->partner_id) {
    return json_error(403, "articles are pushed with their partner's token, not a user's");
  }
  if (zone->partner_id != token->partner_id) {
    return json_error(403, "this token's partner does not supply the zone \"" + slug + "\"");
  }

  auto content_type_header = request.header("content-type");
  if (!content_type_header) {
    return json_error(415, "send a Content-Type: application/json for ninjs, application/rss+xml "
                      "or application/atom+xml for feeds");
  }
  ContentType content_type = parse_content_type(*content_type_header);
  if (std::find(kAcceptedTypes.begin(), kAcceptedTypes.end(), content_type.media_type) ==
      kAcceptedTypes.end()) {
    return json_error(415, "\"" + content_type.media_type +
                          "\" is not accepted; send ninjs as application/json or a feed as "
                          "application/rss+xml or application/atom+xml");
  }
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return json_error(422, "the body is empty; send one ninjs item, an array of them, or a feed");
  }

  const auto atomic = request.query_param("atomic");
  ingest::IngestOptions options{.atomic = atomic && (*atomic == "1" || *atomic == "true")};
  ingest::DocumentOrigin origin{.channel = model::Channel::kPush,
                                .origin = token->prefix,
                                .token_id = token->id,
                                .http_charset = content_type.charset};
  auto report =
      ingest::ingest_document(services.store, *zone, request.body, origin, options, services.clock);
  (void)services.store.touch_token(token->id, services.clock.now());
  if (!report) {
    if (report.error().code == ErrorCode::kInvalidInput) {
      return json_error(422, "nothing could be read: " + report.error().message);
    }
    return json_error(503, "the store failed; nothing was lost, send again: " +
                          report.error().message);
  }

  const std::string base = site_base(services);
  json::array items;
  for (const auto& item : report->items) items.push_back(item_json(item, *zone, base));
  const auto& c = report->counts;
  json::object body{{"delivery", report->delivery_id},
                    {"format", report->format},
                    {"created", c.created},
                    {"updated", c.new_versions},
                    {"unchanged", c.unchanged},
                    {"duplicates", c.duplicates},
                    {"failed", c.failed},
                    {"items", std::move(items)}};
  json::array warnings;
  if (report->bozo) warnings.emplace_back("malformed document, recovered: " + report->bozo_reason);
  if (!report->guid_warning.empty()) warnings.emplace_back(report->guid_warning);
  if (!warnings.empty()) body["warnings"] = std::move(warnings);

  int status = 200;
  if (!report->atomic_failure.empty()) {
    body["error"] = json::object{{"status", 422},
                                 {"message", "nothing stored (atomic): " + report->atomic_failure}};
    status = 422;
  } else if (c.items > 0 && c.failed == c.items) {
    body["error"] = json::object{{"status", 422}, {"message", "no item could be stored"}};
    status = 422;
  } else if (c.items == 0) {
    body["error"] = json::object{{"status", 422}, {"message", "the document holds no items"}};
    status = 422;
  } else if (c.created > 0) {
    status = 201;
  }
  auto response = http::Response::json(status, json::serialize(body) + "\n");
  if (status == 201 && c.created == 1) {
    for (const auto& item : report->items) {
      if (item.outcome == ingest::ItemOutcome::kCreated && item.article) {
        response.set_header("Location", base + web::article_path(*zone, *item.article));
      }
    }
  }
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace nz::api
