// What every reader page shares: the site's frame (masthead, navigation, footer), article
// lists, pagination and error pages.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "http/message.h"
#include "model/article.h"
#include "model/partner.h"
#include "model/section.h"
#include "model/site.h"
#include "render/view.h"
#include "web/services.h"

namespace nz::web {

inline constexpr int64_t kArticlesPerPage = 20;

// Loaded once per request: the site, its sections and partners.
struct PageContext {
  model::Site site;
  std::vector<model::Section> sections;
  std::map<model::PartnerId, model::Partner> partners;

  const model::Section* section(model::SectionId id) const;
  // The partner of a zone; nullptr for editorial sections.
  const model::Partner* partner_of(const model::Section& section) const;
};

// The site, its sections and its partners, as every page needs them: read from the store, or
// taken from services.context_cache when nothing was committed since it was filled.
Result<PageContext> load_page_context(const SiteServices& services);

// The page context of the last load, with the store's commit token read before that load
// (store::Store::commit_token): while the token stays the same nothing was committed, so the
// context is still the store's. Thread-safe.
class PageContextCache {
 public:
  explicit PageContextCache(std::function<std::optional<uint64_t>()> commit_token)
      : commit_token_(std::move(commit_token)) {}
  std::optional<uint64_t> token() const { return commit_token_(); }
  std::optional<PageContext> find(uint64_t token) const;
  void put(uint64_t token, const PageContext& context);

 private:
  std::function<std::optional<uint64_t>()> commit_token_;
  mutable std::mutex mutex_;
  std::optional<uint64_t> token_;
  std::shared_ptr<const PageContext> context_;
};

// The frame's view: site name and language, navigation (current_path marked), stylesheet,
// year and the <title> ("page_title — Site", or the site's name alone when page_title is empty).
render::View frame_view(const SiteServices& services, const PageContext& context,
                        std::string_view page_title, std::string_view current_path);

// A string for a template, or false when empty, so that {{#x}} sections skip it and a missing
// key never falls through to an outer one of the same name.
render::View text_or_false(const std::string& text);

// A list view of article summaries for _article_list.mustache. With show_section each item
// names its section or zone; partner items always name their partner.
render::View article_list_view(const PageContext& context,
                               const std::vector<model::Article>& articles, bool show_section);

// The page number from "?page=N": 1 when absent, kInvalidInput when not a number >= 1.
Result<int64_t> requested_page(const http::Request& request);

// Pagination for _pagination.mustache, or false when everything fits on one page.
render::View pagination_view(const std::string& path, int64_t page, int64_t total);

// The zone's label view ({attribution, disclaimer}), or false for an editorial section.
render::View zone_label_view(const PageContext& context, const model::Section& section);

// A notice when the zone's contract has ended by `today` ("YYYY-MM-DD"), else false.
render::View archived_notice_view(const model::Section& section, const std::string& today);
// When that notice will appear (the day after contract_end, 00:00 UTC), if it has not yet:
// pages showing it are right until then (http::Response::fresh_until).
std::optional<std::chrono::system_clock::time_point> archive_time(const model::Section& section,
                                                                  core::Timestamp now);

// Renders a page template into a 200 (or `status`) HTML response; a rendering failure becomes
// the plain 500 page.
http::Response render_page(const SiteServices& services, std::string_view template_name,
                           const render::View& view, int status = 200);

// The site's error page for a status, with a short title and a helpful message. Falls back to
// plain text when even that cannot be rendered.
http::Response error_page(const SiteServices& services, int status, std::string_view message);

// The error page for a failed store call: its code's status and, for 5xx, a generic message
// (the detail goes to the log, not to the reader).
http::Response error_page_for(const SiteServices& services, const Error& error);

}  // namespace nz::web
