#include "store/article_store.h"
#include "store/topic_store.h"
#include "web/feeds.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/surrogate_keys.h"
#include "web/search_engines.h"
#include "web/urls.h"

namespace nz::web {

// "More News About {topic}": every published article on the topic, from every section and
// zone, newest first, paginated; partner items carry their partner's name.
http::Response topic_page(const SiteServices& services, const http::Request& request) {
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  auto topic = services.topics.find_topic_by_slug(request.param("topic"));
  if (!topic) return error_page_for(services, topic.error());

  auto page_number = requested_page(request);
  if (!page_number) return error_page_for(services, page_number.error());
  auto page = services.articles.list_topic_articles(
      topic->id, {.offset = (*page_number - 1) * kArticlesPerPage,
                  .limit = kArticlesPerPage,
                  .with_body = false},
      std::nullopt);
  if (!page) return error_page_for(services, page.error());
  if (*page_number > 1 && page->articles.empty()) {
    return error_page_for(services, Error::NotFound("no such page"));
  }

  std::string path = topic_path(*topic);
  std::string title = "More News About " + topic->name;
  if (*page_number > 1) title += " (page " + std::to_string(*page_number) + ")";
  render::View view = frame_view(services, *context, title, path);
  view.set("topic_name", topic->name)
      .set("articles", article_list_view(*context, page->articles, true))
      .set("pagination", pagination_view(path, *page_number, page->total))
      .set("canonical_url", context->site.base_url + page_path(path, *page_number))
      .set("social", social_view({.title = title,
                                  .url = context->site.base_url + page_path(path, *page_number)}))
      .set("feeds", feed_links_view(*context, nullptr, &*topic))
      .set("follow", follow_view(nullptr, &*topic));
  auto response = render_page(services, "topic", view);
  response.cache_as = "topic";
  SurrogateKeys().add(topic_key(topic->id)).add_articles(page->articles).apply(response);
  return response;
}

}  // namespace nz::web
