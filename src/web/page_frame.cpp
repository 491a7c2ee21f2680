#include "web/page_frame.h"

#include <charconv>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/rfc3339.h"
#include "http/error_status.h"
#include "core/html_escape.h"
#include "render/renderer.h"
#include "store/partner_store.h"
#include "store/section_store.h"
#include "store/site_store.h"
#include "web/feeds.h"
#include "web/search_engines.h"
#include "web/static_files.h"
#include "web/urls.h"
#include "web/zone_label.h"

namespace nz::web {

const model::Section* PageContext::section(model::SectionId id) const {
  for (const auto& s : sections) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const model::Partner* PageContext::partner_of(const model::Section& section) const {
  if (!section.is_zone() || !section.partner_id) return nullptr;
  auto it = partners.find(*section.partner_id);
  return it == partners.end() ? nullptr : &it->second;
}

std::optional<PageContext> PageContextCache::find(uint64_t token) const {
  std::lock_guard lock(mutex_);
  if (!context_ || token_ != token) return std::nullopt;
  return *context_;
}

void PageContextCache::put(uint64_t token, const PageContext& context) {
  auto copy = std::make_shared<const PageContext>(context);
  std::lock_guard lock(mutex_);
  token_ = token;
  context_ = std::move(copy);
}

Result<PageContext> load_page_context(const SiteServices& services) {
  // The token is read before the store: a commit in between makes the next request reload.
  std::optional<uint64_t> token;
  if (services.context_cache) {
    token = services.context_cache->token();
    if (token) {
      if (auto kept = services.context_cache->find(*token)) return std::move(*kept);
    }
  }
  PageContext context;
  auto site = services.site.get_site();
  if (!site) return site.error();
  context.site = std::move(*site);
  auto sections = services.sections.list_sections();
  if (!sections) return sections.error();
  context.sections = std::move(*sections);
  auto partners = services.partners.list_partners();
  if (!partners) return partners.error();
  for (auto& p : *partners) context.partners.emplace(p.id, std::move(p));
  if (token) services.context_cache->put(*token, context);
  return context;
}

render::View text_or_false(const std::string& text) {
  return text.empty() ? render::View(false) : render::View(text);
}

render::View frame_view(const SiteServices& services, const PageContext& context,
                        std::string_view page_title, std::string_view current_path) {
  render::View view;
  view.set("site_name", context.site.name)
      .set("site_language", context.site.language)
      .set("site_tagline", text_or_false(context.site.tagline))
      .set("page_title", page_title.empty()
                             ? context.site.name
                             : std::string(page_title) + " — " + context.site.name)
      .set("stylesheet_url", services.static_files.url("style.css"))
      .set("feeds", feed_links_view(context, nullptr, nullptr))
      .set("year", core::format_date(services.clock.now()).substr(0, 4))
      .set("meta_description", false)
      .set("canonical_url", false)
      .set("social", false)
      .set("json_ld", false)
      .set("noindex", false);
  render::View nav = render::View::list();
  for (const auto& section : context.sections) {
    std::string path = section_path(section);
    nav.push(render::View()
                 .set("title", section.title)
                 .set("url", path)
                 .set("is_zone", section.is_zone())
                 .set("current", current_path == path));
  }
  view.set("nav", std::move(nav));
  return view;
}

render::View article_list_view(const PageContext& context,
                               const std::vector<model::Article>& articles, bool show_section) {
  render::View list = render::View::list();
  for (const auto& article : articles) {
    const model::Section* section = context.section(article.section_id);
    if (!section) continue;  // the store guarantees it; skip rather than show a broken link
    const model::Partner* partner = context.partner_of(*section);
    list.push(render::View()
                  .set("url", article_path(*section, article))
                  .set("headline", article.content.headline)
                  .set("standfirst", text_or_false(article.content.standfirst))
                  .set("published_iso", core::format_rfc3339(article.published))
                  .set("published_human", core::format_human_date(article.published))
                  .set("show_section", show_section)
                  .set("section_title", section->title)
                  .set("section_url", section_path(*section))
                  .set("is_partner", partner != nullptr)
                  .set("partner_name", partner ? render::View(partner->name) : render::View(false)));
  }
  return list;
}

Result<int64_t> requested_page(const http::Request& request) {
  auto text = request.query_param("page");
  if (!text) return int64_t{1};
  int64_t page = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), page);
  if (ec != std::errc() || ptr != text->data() + text->size() || page < 1 || page > 1000000) {
    return Error::InvalidInput("page must be a whole number from 1, not \"" + *text + "\"");
  }
  return page;
}

render::View pagination_view(const std::string& path, int64_t page, int64_t total) {
  int64_t pages = std::max<int64_t>(1, (total + kArticlesPerPage - 1) / kArticlesPerPage);
  if (pages <= 1) return render::View(false);
  render::View view;
  view.set("page", std::to_string(page))
      .set("pages", std::to_string(pages))
      .set("prev_url", page > 1 ? render::View(page_path(path, page - 1)) : render::View(false))
      .set("next_url",
           page < pages ? render::View(page_path(path, page + 1)) : render::View(false));
  return view;
}

render::View zone_label_view(const PageContext& context, const model::Section& section) {
  const model::Partner* partner = context.partner_of(section);
  if (!partner) return render::View(false);
  // The partner's name links to the partner's site, with the zone's link policy as rel.
  const bool link = is_web_url(partner->url);
  render::View parts = render::View::list();
  for (const LabelPart& part : label_template_parts(section.attribution_template, partner->name,
                                                    context.site.name)) {
    parts.push(render::View()
                   .set("text", part.text)
                   .set("link", part.is_partner && link ? render::View(partner->url)
                                                        : render::View(false))
                   .set("rel", text_or_false(section.link_rel)));
  }
  return render::View()
      .set("attribution", fill_label_template(section.attribution_template, partner->name,
                                              context.site.name))
      .set("attribution_parts", std::move(parts))
      .set("disclaimer", fill_label_template(section.disclaimer_template, partner->name,
                                             context.site.name));
}

render::View archived_notice_view(const model::Section& section, const std::string& today) {
  if (!section.is_zone() || !section.contract_end || *section.contract_end >= today) {
    return render::View(false);
  }
  return render::View("Archive: the partnership behind " + section.title + " ended on " +
                      *section.contract_end + ". Its articles are kept here as they were.");
}

std::optional<std::chrono::system_clock::time_point> archive_time(const model::Section& section,
                                                                  core::Timestamp now) {
  if (!section.is_zone() || !section.contract_end) return std::nullopt;
  auto end = core::parse_rfc3339(*section.contract_end);  // a bare date: midnight UTC
  if (!end) return std::nullopt;
  auto archived = *end + std::chrono::days(1);
  if (archived <= now) return std::nullopt;
  return archived;
}

http::Response render_page(const SiteServices& services, std::string_view template_name,
                           const render::View& view, int status) {
  auto html = services.renderer.render(template_name, view);
  if (!html) {
    spdlog::error("render {}: {}", template_name, html.error().message);
    return http::Response::html(500, "<!DOCTYPE html><title>Server error</title>"
                                     "<h1>Server error</h1><p>This page could not be shown.</p>");
  }
  return http::Response::html(status, std::move(*html));
}

namespace {

std::string_view error_title(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 404: return "Page not found";
    case 405: return "Method not allowed";
    case 410: return "This article has been withdrawn";
    case 503: return "Temporarily unavailable";
    default: return status >= 500 ? "Something went wrong" : "Request not accepted";
  }
}

}  // namespace

http::Response error_page(const SiteServices& services, int status, std::string_view message) {
  auto context = load_page_context(services);
  if (!context) {
    // The store itself failed: still answer, in plain words.
    return http::Response::html(
        status, "<!DOCTYPE html><html lang=\"en\"><title>" + std::string(error_title(status)) +
                    "</title><h1>" + std::string(error_title(status)) + "</h1><p>" +
                    core::escape_html(message) + "</p></html>");
  }
  render::View view = frame_view(services, *context, error_title(status), "");
  view.set("status", std::to_string(status))
      .set("error_title", std::string(error_title(status)))
      .set("error_message", std::string(message))
      .set("noindex", true);
  auto response = render_page(services, "error", view, status);
  response.status = status;
  return response;
}

http::Response error_page_for(const SiteServices& services, const Error& error) {
  int status = http::error_status(error.code);
  if (status >= 500) {
    spdlog::error("{}", error.message);
    return error_page(services, status,
                      "The page could not be shown right now. Please try again in a moment.");
  }
  if (status == 404) {
    return error_page(services, 404,
                      "There is no page at this address. It may have moved; the front page "
                      "and the sections above list every article.");
  }
  return error_page(services, status, error.message);
}

}  // namespace nz::web
