// /search (HTML) and /api/v1/search (JSON): the same search, read from the same parameters.
//   q        the words; phrases in quotes, AND, OR, NOT, -word, headline:word, author:name
//   section  a section's or zone's slug
//   topic    a topic's slug
//   from, to published on or after / on or before a day, YYYY-MM-DD (UTC)
//   page     1, 2, ... (10 results a page)
// A filter that names nothing, or a date that is not one, is left out and the page says so.
#include <boost/json.hpp>

#include "core/percent_encode.h"
#include "core/rfc3339.h"
#include "search/search_index.h"
#include "store/article_store.h"
#include "store/topic_store.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/urls.h"

namespace nz::web {
namespace {

constexpr int64_t kResultsPerPage = 10;
constexpr int64_t kMaxPage = 100;  // deeper than any reader goes; bounds the work per request

struct SearchForm {
  std::string q;
  std::string section_slug;
  std::string topic_slug;
  std::string from;
  std::string to;
  int64_t page = 1;
};

struct Outcome {
  SearchForm form;
  search::SearchResults results;
  std::vector<model::Article> articles;      // the hits still listed, in rank order
  std::vector<std::string> snippets;         // one per article, HTML
  std::optional<model::Section> section;     // the section filter, when it names one
  std::optional<model::Topic> topic;         // the topic filter, when it names one
  std::vector<std::string> notices;          // what was not searched as asked, in words
};

std::optional<core::Timestamp> parse_day(const std::string& text, bool end_of_day) {
  auto t = core::parse_rfc3339(text + "T00:00:00Z");
  if (text.size() != 10 || !t) return std::nullopt;
  return end_of_day ? *t + std::chrono::seconds(86399) : *t;
}

// "/search?q=...&section=..." for the form's values with another query or page.
std::string search_url(const SearchForm& form, const std::string& q, int64_t page) {
  std::string url = "/search?q=" + core::percent_encode(q, true);
  if (!form.section_slug.empty()) url += "&section=" + core::percent_encode(form.section_slug);
  if (!form.topic_slug.empty()) url += "&topic=" + core::percent_encode(form.topic_slug);
  if (!form.from.empty()) url += "&from=" + core::percent_encode(form.from);
  if (!form.to.empty()) url += "&to=" + core::percent_encode(form.to);
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

bool is_listed(const model::Article& article, core::Timestamp now) {
  return article.status == model::ArticleStatus::kPublished && !article.duplicate_of &&
         (!article.embargo_until || *article.embargo_until <= now);
}

// Reads the parameters, runs the search and loads the articles found. Errors are the
// store's or the index's; what a reader typed never is one.
Result<Outcome> run_search(const SiteServices& services, const PageContext& context,
                           const http::Request& request) {
  Outcome out;
  SearchForm& form = out.form;
  form.q = request.query_param("q").value_or("");
  form.section_slug = request.query_param("section").value_or("");
  form.topic_slug = request.query_param("topic").value_or("");
  form.from = request.query_param("from").value_or("");
  form.to = request.query_param("to").value_or("");
  auto page = requested_page(request);
  if (!page) {
    out.notices.push_back("The page number was not one, so the first page is shown.");
  } else if (*page > kMaxPage) {
    out.notices.push_back("Results stop at page " + std::to_string(kMaxPage) +
                          "; try more words or a filter.");
  }
  form.page = page ? std::min(*page, kMaxPage) : 1;

  search::SearchQuery query{.text = form.q,
                            .offset = (form.page - 1) * kResultsPerPage,
                            .limit = kResultsPerPage};
  if (!form.section_slug.empty()) {
    for (const auto& section : context.sections) {
      if (section.slug == form.section_slug) out.section = section;
    }
    if (out.section) {
      query.section = out.section->id;
    } else {
      out.notices.push_back("There is no section \"" + form.section_slug +
                            "\", so every section was searched.");
      form.section_slug.clear();
    }
  }
  if (!form.topic_slug.empty()) {
    auto topic = services.topics.find_topic_by_slug(form.topic_slug);
    if (topic) {
      out.topic = *topic;
      query.topic = topic->id;
    } else if (topic.error().code == ErrorCode::kNotFound) {
      out.notices.push_back("There is no topic \"" + form.topic_slug +
                            "\", so every topic was searched.");
      form.topic_slug.clear();
    } else {
      return topic.error();
    }
  }
  for (auto [text, bound, end_of_day] :
       {std::tuple{&form.from, &query.from, false}, std::tuple{&form.to, &query.to, true}}) {
    if (text->empty()) continue;
    *bound = parse_day(*text, end_of_day);
    if (!*bound) {
      out.notices.push_back("\"" + *text + "\" is not a date like 2026-11-29, so it was left out.");
      text->clear();
    }
  }

  if (!services.search) return Error::Unavailable("search is not running");
  const core::Timestamp now = services.clock.now();
  auto results = services.search->search(query, now);
  if (!results) return results.error();
  out.results = std::move(*results);
  if (!out.results.notice.empty()) out.notices.push_back(out.results.notice);
  // The index trails the store by up to a second: check each hit against the store, so that
  // an article withdrawn a moment ago is not shown.
  for (const auto& hit : out.results.hits) {
    auto article = services.articles.find_article(hit.id);
    if (!article) {
      if (article.error().code == ErrorCode::kNotFound) continue;
      return article.error();
    }
    if (!is_listed(*article, now) || !context.section(article->section_id)) continue;
    out.articles.push_back(std::move(*article));
    out.snippets.push_back(hit.snippet_html);
  }
  return out;
}

render::View filter_options(const PageContext& context, const std::string& selected) {
  render::View list = render::View::list();
  for (const auto& section : context.sections) {
    list.push(render::View()
                  .set("slug", section.slug)
                  .set("title", section.title)
                  .set("selected", section.slug == selected));
  }
  return list;
}

}  // namespace

http::Response search_page(const SiteServices& services, const http::Request& request) {
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  auto outcome = run_search(services, *context, request);
  if (!outcome) {
    if (outcome.error().code == ErrorCode::kUnavailable) {
      return error_page(services, 503,
                        "Search is not available right now. Please try again in a minute, or "
                        "browse the sections above.");
    }
    return error_page_for(services, outcome.error());
  }
  const SearchForm& form = outcome->form;
  std::string title = form.q.empty() ? "Search" : "Search: " + form.q;
  render::View view = frame_view(services, *context, title, "/search");

  render::View results = article_list_view(*context, outcome->articles, true);
  render::View items = render::View::list();
  for (size_t i = 0; i < results.items().size(); ++i) {
    render::View item = results.items()[i];
    item.set("snippet", text_or_false(outcome->snippets[i]));
    items.push(std::move(item));
  }
  render::View notices = render::View::list();
  for (const auto& notice : outcome->notices) notices.push(render::View(notice));

  const int64_t total = outcome->results.total_estimate;
  const int64_t pages = std::min(kMaxPage, (total + kResultsPerPage - 1) / kResultsPerPage);
  render::View pagination(false);
  if (pages > 1) {
    pagination = render::View()
                     .set("page", std::to_string(form.page))
                     .set("pages", std::to_string(pages))
                     .set("prev_url", form.page > 1
                                          ? render::View(search_url(form, form.q, form.page - 1))
                                          : render::View(false))
                     .set("next_url", form.page < pages
                                          ? render::View(search_url(form, form.q, form.page + 1))
                                          : render::View(false));
  }
  render::View suggestion(false);
  if (!outcome->results.suggestion.empty()) {
    suggestion = render::View()
                     .set("text", outcome->results.suggestion)
                     .set("url", search_url(form, outcome->results.suggestion, 1));
  }
  bool filtered = outcome->section || outcome->topic || !form.from.empty() || !form.to.empty();
  view.set("q", form.q)
      .set("searched", !form.q.empty())
      .set("sections", filter_options(*context, form.section_slug))
      .set("topic_slug", form.topic_slug)
      .set("topic_name", outcome->topic ? render::View(outcome->topic->name) : render::View(false))
      .set("from", form.from)
      .set("to", form.to)
      .set("has_filters", filtered)
      .set("unfiltered_url", search_url(SearchForm{}, form.q, 1))
      .set("has_results", !items.items().empty())
      .set("results", items)
      .set("total", std::to_string(total))
      .set("one_result", total == 1)
      .set("notices", notices)
      .set("suggestion", suggestion)
      .set("pagination", pagination)
      .set("noindex", true);  // result pages are not for search engines
  return render_page(services, "search", view);
}

http::Response search_api(const SiteServices& services, const http::Request& request) {
  auto fail = [](int status, const std::string& message) {
    boost::json::object body{{"error", {{"status", status}, {"message", message}}}};
    return http::Response::json(status, boost::json::serialize(body));
  };
  auto context = load_page_context(services);
  if (!context) return fail(503, "the site could not be read; try again");
  auto outcome = run_search(services, *context, request);
  if (!outcome) {
    return outcome.error().code == ErrorCode::kUnavailable
               ? fail(503, "search is not available right now; try again")
               : fail(500, "the search failed");
  }
  boost::json::array results;
  for (size_t i = 0; i < outcome->articles.size(); ++i) {
    const model::Article& article = outcome->articles[i];
    const model::Section* section = context->section(article.section_id);
    const model::Partner* partner = context->partner_of(*section);
    boost::json::object item{
        {"id", article.id},
        {"url", context->site.base_url + article_path(*section, article)},
        {"headline", article.content.headline},
        {"standfirst", article.content.standfirst},
        {"published", core::format_rfc3339(article.published)},
        {"section", {{"slug", section->slug}, {"title", section->title}}},
        {"snippet_html", outcome->snippets[i]}};
    // Partner content is labelled wherever it appears.
    if (partner) {
      item["partner"] = {{"name", partner->name}, {"url", partner->url}};
    } else {
      item["partner"] = nullptr;
    }
    results.push_back(std::move(item));
  }
  boost::json::array notices;
  for (const auto& notice : outcome->notices) notices.emplace_back(notice);
  const SearchForm& form = outcome->form;
  boost::json::object body{
      {"query", form.q},
      {"page", form.page},
      {"per_page", kResultsPerPage},
      {"total_estimate", outcome->results.total_estimate},
      {"suggestion", outcome->results.suggestion.empty()
                         ? boost::json::value(nullptr)
                         : boost::json::value(outcome->results.suggestion)},
      {"notices", std::move(notices)},
      {"results", std::move(results)}};
  return http::Response::json(200, boost::json::serialize(body));
}

}  // namespace nz::web
