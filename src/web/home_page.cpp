#include "core/clock.h"
#include "store/article_store.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/surrogate_keys.h"
#include "web/urls.h"

namespace nz::web {

namespace {
constexpr int64_t kHomeArticlesPerSection = 5;
}

// The front page: the newest articles of every section and zone, in the sections' order.
http::Response home_page(const SiteServices& services, const http::Request& request) {
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());

  render::View sections = render::View::list();
  SurrogateKeys keys;
  keys.add(std::string(kSiteKey));
  for (const auto& section : context->sections) {
    auto page = services.articles.list_section_articles(
        section.id, {.offset = 0,
                     .limit = kHomeArticlesPerSection,
                     .count_total = false,
                     .with_body = false});
    if (!page) return error_page_for(services, page.error());
    keys.add(section_key(section.id)).add_articles(page->articles);
    const model::Partner* partner = context->partner_of(section);
    sections.push(render::View()
                      .set("slug", section.slug)
                      .set("title", section.title)
                      .set("url", section_path(section))
                      .set("is_zone", section.is_zone())
                      .set("partner_name", partner ? render::View(partner->name)
                                                   : render::View(false))
                      .set("articles", article_list_view(*context, page->articles, false)));
  }
  render::View view = frame_view(services, *context, "", "/");
  view.set("sections", std::move(sections));
  if (!context->site.tagline.empty()) view.set("meta_description", context->site.tagline);
  auto response = render_page(services, "home", view);
  response.cache_as = "home";
  keys.apply(response);
  return response;
}

}  // namespace nz::web
