// What the moderation queue, the article lists and the article view (admin and partner
// portal) share: reading ids and filters from the request, an article as a table row, pages
// of a list, and who may see which articles.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include "model/article.h"
#include "render/view.h"
#include "web/page_frame.h"

namespace nz::admin {

// Articles per page of the queue and the article lists.
inline constexpr int64_t kArticlesShown = 50;

// Query-string escaping of one value (RFC 3986 unreserved characters kept).
std::string query_escape(std::string_view value);

// The ids of the sections of partner `partner` (its zones), in the context's order.
std::vector<model::SectionId> zones_of(const web::PageContext& context,
                                       model::PartnerId partner);

// A time as the admin's tables show it, in UTC: "2026-11-29 08:05".
std::string short_time(core::Timestamp t);

// "status-" and the article's status label with dashes for spaces: a CSS class.
std::string status_class(const model::Article& article);

// One article for a list: id, headline, link (`link_prefix` + id), zone and partner,
// received (ingested) time, status (moderation.h status_label) and reason, reader URL.
render::View article_row(const web::PageContext& context, const model::Article& article,
                         std::string_view link_prefix);

// The section choices of a filter: {slug, title, selected}, zones marked.
render::View section_options(const web::PageContext& context,
                             const std::vector<model::SectionId>& only, std::string_view chosen);

// Pagination for _pagination.mustache over `total` articles at kArticlesShown a page, keeping
// `query` ("zone=x&status=y", already escaped) in the links; false for a single page.
render::View list_pagination(std::string_view path, std::string_view query, int64_t page,
                             int64_t total);

}  // namespace nz::admin
