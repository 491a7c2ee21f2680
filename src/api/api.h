// The JSON API under /api/v1. Every route authenticates with a bearer token (crypto/token.h):
// a partner's, which may touch only that partner's zones, or an editor's or admin's, which
// acts as that user (api/auth.h). Errors are JSON:
//   {"error": {"status": 403, "message": "...", "field": "..."}}
#pragma once

#include "http/message.h"

namespace nz::core { class Clock; }
namespace nz::http { class Router; }
namespace nz::store { class Store; }

namespace nz::api {

struct ApiServices {
  store::Store& store;
  const core::Clock& clock;
};

// POST /api/v1/zones/{zone}/articles — a partner pushes one ninjs item, an array of them,
// JSON lines, or an RSS/Atom/JSON Feed document. ?atomic=1 stores all items or none.
//   201  at least one new article (Location: its URL when exactly one)
//   200  only new versions and unchanged items
//   401  no, malformed, unknown or revoked token
//   403  the zone is not the token's partner's
//   404  no such zone
//   413  body over the API limit (sent by the server before this handler runs)
//   415  a Content-Type that is no feed or JSON
//   422  nothing readable, or (atomic) an item that cannot be stored; or every item failed
//   503  the store failed; nothing was lost, try again
// The body always lists each item by index: status (created, updated, unchanged, duplicate,
// failed), id, version, url, and the error when it failed.
http::Response push_articles(const ApiServices& services, const http::Request& request);
// The read side (read_api.cpp), for the token's own partner only; an editor's or admin's token
// reads every zone, section, article, delivery and source. Each answers 401 without a valid
// token, 503 when the store fails, and otherwise:
// GET /api/v1/zones: 200, the partner's zones.
http::Response list_zones(const ApiServices& services, const http::Request& request);
// GET /api/v1/articles?zone=&status=&page=&per_page=: 200, a page of the zones' articles in
// every status, most recently received first; 400 on a bad status, page or per_page (1..100);
// 404 for a zone that is not the partner's.
http::Response list_articles(const ApiServices& services, const http::Request& request);
// GET /api/v1/articles/{id}: 200, one article with its versions; 404 when it is not in the
// partner's zones.
http::Response get_article(const ApiServices& services, const http::Request& request);
// GET /api/v1/deliveries?zone=&page=&per_page=: 200, the delivery log, newest first; 400, 404
// as for articles.
http::Response list_deliveries(const ApiServices& services, const http::Request& request);
// GET /api/v1/sources?zone=: 200, the feeds polled for the zones, their fetch status and last
// error; 404 as for articles.
http::Response list_sources(const ApiServices& services, const http::Request& request);

// The editors' operations (editor_api.cpp), for editors' and admins' tokens (issue 8). Each
// calls the admin's shared function for the change (admin/moderation.h, section_changes.h,
// partner_changes.h, source_changes.h): the same checks, the audit row naming the token's
// user in the same transaction, and readers' pages following at once. Each answers 401
// without a valid token, 403 for a partner's token (before reading anything), 400 naming the
// field for a bad body, 413 for a body over JsonBody::kMaxBytes, 503 when the store fails.
// GET /api/v1/queue?zone=&page=&per_page=: 200, the pending articles (an ArticleList).
http::Response list_queue(const ApiServices& services, const http::Request& request);
// POST /api/v1/articles/{id}/approve | reject {reason} | withdraw {reason} | restore: 200, the
// article as it now stands; 404 unknown; 409 when the decision does not apply to its status.
http::Response approve_article(const ApiServices& services, const http::Request& request);
http::Response reject_article(const ApiServices& services, const http::Request& request);
http::Response withdraw_article(const ApiServices& services, const http::Request& request);
http::Response restore_article(const ApiServices& services, const http::Request& request);
// PATCH /api/v1/articles/{id} {headline?, standfirst?, tags?}: a new version by the token's
// user and/or the topics set to exactly `tags`, all or nothing; 200, the article; 404.
http::Response patch_article(const ApiServices& services, const http::Request& request);
// GET /api/v1/sections: 200, every section and zone. POST: 201, a new one (Location); 409
// for a taken slug. GET /api/v1/sections/{id}: 200; 404. PATCH: 200, changed; 404.
http::Response list_sections(const ApiServices& services, const http::Request& request);
http::Response create_section(const ApiServices& services, const http::Request& request);
http::Response get_section(const ApiServices& services, const http::Request& request);
http::Response patch_section(const ApiServices& services, const http::Request& request);
// GET /api/v1/partners: 200. POST: 201; 409 for a taken slug or name. PATCH
// /api/v1/partners/{id}: 200; 404; 409.
http::Response list_partners(const ApiServices& services, const http::Request& request);
http::Response create_partner(const ApiServices& services, const http::Request& request);
http::Response patch_partner(const ApiServices& services, const http::Request& request);
// POST /api/v1/sources {zone, url, ...}: 201; 409 for the zone's URL twice. PATCH
// /api/v1/sources/{id}: 200; 404. (GET /api/v1/sources is the read side's.)
http::Response create_source(const ApiServices& services, const http::Request& request);
http::Response patch_source(const ApiServices& services, const http::Request& request);

// GET /api/v1/openapi.json: this API in OpenAPI 3.1 (openapi.cpp).
http::Response openapi_document();

// GET /websub/{source}: a hub verifying our subscription (answers the challenge).
// POST /websub/{source}: a hub delivering the feed; checked against the subscription's
// HMAC secret, then ingested like a poll. 202 when received (also when the signature was bad:
// the spec says acknowledge and ignore), 410 when there is no subscription.
http::Response websub_verify(const ApiServices& services, const http::Request& request);
http::Response websub_deliver(const ApiServices& services, const http::Request& request);

// Adds the API's routes. services must outlive the router.
void add_api_routes(http::Router& router, const ApiServices& services);

}  // namespace nz::api
