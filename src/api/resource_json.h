// The JSON the API answers with for each resource, written once for the partners' read side
// (read_api.cpp) and the editors' operations (editor_api.cpp), so that an article, a zone or a
// source looks the same whichever call returns it. The shapes are the OpenAPI document's
// schemas of the same names (openapi.cpp).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "http/message.h"
#include "model/article.h"
#include "model/partner.h"
#include "model/section.h"
#include "model/source.h"

namespace nz::store { class Store; }

namespace nz::api {

// The site's base URL without a trailing slash; "" when the store cannot say.
std::string site_base_url(store::Store& store);

// null, or the time as RFC 3339.
boost::json::value time_or_null(const std::optional<core::Timestamp>& t);

// "Zone": a partner zone as its partner sees it.
boost::json::object zone_json(const std::string& base_url, const model::Section& zone);

// "ArticleSummary": `a`, which is in `section`.
boost::json::object article_summary(const std::string& base_url, const model::Section& section,
                                    const model::Article& a);

// "Article": the summary, the content, its state as the admin names it (rejected too), the
// editor's reason, its topics' names, and every version. The store's error when it fails.
Result<boost::json::object> article_detail(store::Store& store, const std::string& base_url,
                                           const model::Section& section,
                                           const model::Article& a);

// "Source": its settings and fetch state, never its extra headers nor its WebSub secret
// (they may hold credentials). `zone_slug` is its zone's.
boost::json::object source_json(const model::Source& s, const std::string& zone_slug,
                                core::Timestamp now);

// "Partner".
boost::json::object partner_json(const model::Partner& p);

// `body` as JSON with `status`, Cache-Control: no-store.
http::Response json_answer(int status, const boost::json::object& body);

}  // namespace nz::api
