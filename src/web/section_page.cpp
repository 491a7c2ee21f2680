#include "core/clock.h"
#include "core/rfc3339.h"
#include "store/article_store.h"
#include "store/section_store.h"
#include "web/feeds.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/surrogate_keys.h"
#include "web/search_engines.h"
#include "web/urls.h"

namespace nz::web {

// A section's or zone's index: its published articles, newest first, paginated. A zone's
// index carries the zone's label too.
http::Response section_page(const SiteServices& services, const http::Request& request) {
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  const model::Section* section = nullptr;
  for (const auto& s : context->sections) {
    if (s.slug == request.param("section")) section = &s;
  }
  if (!section) return error_page_for(services, Error::NotFound("no such section"));

  auto page_number = requested_page(request);
  if (!page_number) return error_page_for(services, page_number.error());
  auto page = services.articles.list_section_articles(
      section->id, {.offset = (*page_number - 1) * kArticlesPerPage,
                    .limit = kArticlesPerPage,
                    .with_body = false});
  if (!page) return error_page_for(services, page.error());
  if (*page_number > 1 && page->articles.empty()) {
    return error_page_for(services, Error::NotFound("no such page"));
  }

  std::string path = section_path(*section);
  std::string title = section->title;
  if (*page_number > 1) title += " (page " + std::to_string(*page_number) + ")";
  render::View view = frame_view(services, *context, title, path);
  view.set("section_title", section->title)
      .set("section_description", text_or_false(section->description))
      .set("articles", article_list_view(*context, page->articles, false))
      .set("pagination", pagination_view(path, *page_number, page->total))
      .set("zone_label", zone_label_view(*context, *section))
      .set("archived_notice",
           archived_notice_view(*section, core::format_date(services.clock.now())))
      .set("canonical_url", context->site.base_url + page_path(path, *page_number))
      .set("social", social_view({.title = title,
                                  .description = section->description,
                                  .url = context->site.base_url + page_path(path, *page_number)}))
      .set("noindex", section->noindex)
      .set("meta_description", text_or_false(section->description))
      .set("feeds", feed_links_view(*context, section, nullptr))
      .set("follow", follow_view(section, nullptr));
  auto response = render_page(services, "section", view);
  response.cache_as = "section";
  response.fresh_until = archive_time(*section, services.clock.now());
  SurrogateKeys().add(section_key(section->id)).add_articles(page->articles).apply(response);
  return response;
}

}  // namespace nz::web
