#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/rfc3339.h"
#include "store/article_store.h"
#include "store/topic_store.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/related.h"
#include "web/surrogate_keys.h"
#include "web/search_engines.h"
#include "web/urls.h"

namespace nz::web {

namespace {

constexpr int64_t kMoreNewsCount = 6;
// "Related": how many, and how many of each topic's newest articles are its candidates.
constexpr size_t kRelatedCount = 5;
constexpr int64_t kRelatedCandidatesPerTopic = 40;

// "123-some-slug" -> 123; nullopt when the segment does not start with an id.
std::optional<model::ArticleId> article_id_of(const std::string& segment) {
  model::ArticleId id = 0;
  auto [ptr, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (ec != std::errc() || id <= 0) return std::nullopt;
  if (ptr != segment.data() + segment.size() && *ptr != '-') return std::nullopt;
  return id;
}

}  // namespace

// One article. A partner zone's article shows, in this order: the zone's name, the article,
// the zone's attribution and disclaimer, and "More News About {zone topic}".
http::Response article_page(const SiteServices& services, const http::Request& request) {
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  auto not_found = [&] { return error_page_for(services, Error::NotFound("no such article")); };

  auto id = article_id_of(request.param("article"));
  if (!id) return not_found();
  auto article = services.articles.find_article(*id);
  if (!article) {
    return article.error().code == ErrorCode::kNotFound ? not_found()
                                                        : error_page_for(services, article.error());
  }
  const model::Section* section = context->section(article->section_id);
  if (!section || section->slug != request.param("section")) return not_found();
  // An editor's rejection of an article readers never saw leaves nothing to announce.
  if (model::is_rejected(*article)) return not_found();
  if (article->status == model::ArticleStatus::kWithdrawn) {
    return error_page(services, 410,
                      "This article has been withdrawn by " + context->site.name +
                          " and is no longer available.");
  }
  if (article->status != model::ArticleStatus::kPublished) return not_found();
  // Under a partner's embargo the article does not exist yet, as far as readers can tell.
  if (article->embargo_until && *article->embargo_until > services.clock.now()) return not_found();
  // A near-duplicate (the same story sent again under a new identity) is the original.
  if (article->duplicate_of) {
    auto original = services.articles.find_article(*article->duplicate_of);
    if (original) {
      if (const model::Section* s = context->section(original->section_id)) {
        return http::Response::redirect(301, article_path(*s, *original));
      }
    }
    return not_found();
  }

  std::string path = article_path(*section, *article);
  if (request.path != path) return http::Response::redirect(301, path);  // old or partial slug

  const auto& content = article->content;
  render::View view = frame_view(services, *context, content.headline, section_path(*section));
  bool updated = article->version > 1 && article->updated > article->published;
  view.set("section_title", section->title)
      .set("section_url", section_path(*section))
      .set("is_zone", section->is_zone())
      .set("headline", content.headline)
      .set("standfirst", text_or_false(content.standfirst))
      .set("author", text_or_false(content.author))
      .set("published_iso", core::format_rfc3339(article->published))
      .set("published_human", core::format_human_date(article->published))
      .set("updated_iso", core::format_rfc3339(article->updated))
      .set("updated_human", updated ? render::View(core::format_human_date(article->updated))
                                    : render::View(false))
      // Bodies are stored sanitized: the ingest path sanitizes before it saves.
      .set("body_html", content.body_html)
      .set("zone_label", zone_label_view(*context, *section))
      .set("archived_notice",
           archived_notice_view(*section, core::format_date(services.clock.now())))
      .set("noindex", section->noindex)
      .set("meta_description", text_or_false(content.standfirst));

  // For search engines and social sites: canonical URL, JSON-LD, Open Graph, Twitter card.
  const std::string page_url = context->site.base_url + path;
  const std::string canonical = canonical_url(*section, *article, page_url);
  const std::optional<std::string> image = first_image_url(content.body_html,
                                                           context->site.base_url);
  view.set("canonical_url", canonical)
      .set("json_ld", article_json_ld({.site = context->site,
                                       .section = *section,
                                       .partner = context->partner_of(*section),
                                       .article = *article,
                                       .page_url = page_url,
                                       .canonical_url = canonical,
                                       .image = image}))
      .set("social", social_view({.type = "article",
                                  .title = content.headline,
                                  .description = content.standfirst,
                                  .url = canonical,
                                  .image = image,
                                  .published_time = core::format_rfc3339(article->published),
                                  .modified_time = core::format_rfc3339(
                                      std::max(article->updated, article->published))}));

  // The story, its section, and every list it shows (More News, Related: topic lists).
  SurrogateKeys keys;
  keys.add(article_key(article->id)).add(section_key(section->id));
  render::View more_news(false);
  std::vector<model::ArticleId> shown;  // in "More News": "Related" offers others
  // The newest listed articles of a topic other than this one, as Related takes them: More
  // News shows the first few of the zone topic's, and Related reuses the list instead of
  // asking the store for the zone's biggest topic twice.
  const store::PageRequest newest{.offset = 0,
                                  .limit = kRelatedCandidatesPerTopic,
                                  .count_total = false,
                                  .with_body = false};
  std::optional<std::pair<model::TopicId, std::vector<model::Article>>> zone_newest;
  if (section->is_zone() && section->topic_id) {
    auto topic = services.topics.find_topic(*section->topic_id);
    if (!topic) return error_page_for(services, topic.error());
    auto others = services.articles.list_topic_articles(topic->id, newest, article->id);
    if (!others) return error_page_for(services, others.error());
    auto& all = others->articles;
    std::vector<model::Article> few(all.begin(),
                                    all.begin() + std::min<ptrdiff_t>(kMoreNewsCount,
                                                                      std::ssize(all)));
    for (const auto& a : few) shown.push_back(a.id);
    keys.add(topic_key(topic->id)).add_articles(few);
    more_news = render::View()
                    .set("topic_name", topic->name)
                    .set("topic_url", topic_path(*topic))
                    .set("articles", article_list_view(*context, few, false));
    zone_newest.emplace(topic->id, std::move(all));
  }
  view.set("more_news", std::move(more_news));

  // What the story is about, each a link to its topic page: countries first, then
  // organizations, then the rest, each by name.
  auto topics = services.topics.topics_of(article->id);
  if (!topics) return error_page_for(services, topics.error());

  // "Related": the newest articles of each of the article's topics, ranked (web/related.h).
  std::vector<RelatedCandidate> candidates;
  std::vector<TopicFrequency> frequencies;
  for (const model::Topic& t : *topics) {
    keys.add(topic_key(t.id));
    std::vector<model::Article> newest_of_topic;
    if (zone_newest && zone_newest->first == t.id) {
      newest_of_topic = std::move(zone_newest->second);
      zone_newest.reset();
    } else {
      auto page = services.articles.list_topic_articles(t.id, newest, article->id);
      if (!page) return error_page_for(services, page.error());
      newest_of_topic = std::move(page->articles);
    }
    auto tagged = services.articles.count_topic_tags(t.id);
    if (!tagged) return error_page_for(services, tagged.error());
    frequencies.push_back({t.id, *tagged});
    for (model::Article& a : newest_of_topic) {
      auto it = std::find_if(candidates.begin(), candidates.end(),
                             [&](const RelatedCandidate& c) { return c.article.id == a.id; });
      if (it == candidates.end()) it = candidates.insert(candidates.end(), {std::move(a), {}});
      it->shared_topics.push_back(t.id);
    }
  }
  auto related = rank_related(*article, std::move(candidates), frequencies, shown, kRelatedCount);
  view.set("related",
           related.empty() ? render::View(false)
                           : render::View().set("articles",
                                                article_list_view(*context, related, true)));
  auto by_kind = [](const model::Topic& a, const model::Topic& b) {
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  };
  std::stable_sort(topics->begin(), topics->end(), by_kind);
  render::View topic_list = render::View::list();
  for (const model::Topic& t : *topics) {
    topic_list.push(render::View().set("name", t.name).set("url", topic_path(t)));
  }
  view.set("has_topics", !topics->empty()).set("topics", std::move(topic_list));
  keys.add_articles(related);
  auto response = render_page(services, "article", view);
  response.cache_as = "article";
  response.fresh_until = archive_time(*section, services.clock.now());
  keys.apply(response);
  return response;
}

}  // namespace nz::web
