#include "admin/article_view.h"

#include <algorithm>

#include "admin/moderation.h"
#include "admin/page.h"
#include "core/rfc3339.h"
#include "web/urls.h"

namespace nz::admin {

std::string query_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<model::SectionId> zones_of(const web::PageContext& context,
                                       model::PartnerId partner) {
  std::vector<model::SectionId> out;
  for (const auto& s : context.sections) {
    if (s.is_zone() && s.partner_id == partner) out.push_back(s.id);
  }
  return out;
}

std::string short_time(core::Timestamp t) {
  const std::string full = core::format_rfc3339(t);  // "2026-11-29T08:05:09Z"
  return full.size() >= 16 ? full.substr(0, 10) + " " + full.substr(11, 5) : full;
}

std::string status_class(const model::Article& article) {
  std::string label = status_label(article);
  std::replace(label.begin(), label.end(), ' ', '-');
  return "status-" + label;
}

render::View article_row(const web::PageContext& context, const model::Article& article,
                         std::string_view link_prefix) {
  const model::Section* section = context.section(article.section_id);
  const model::Partner* partner = section ? context.partner_of(*section) : nullptr;
  const std::string status = status_label(article);
  const bool readable = section && article.status == model::ArticleStatus::kPublished;
  return render::View()
      .set("id", std::to_string(article.id))
      .set("headline", article.content.headline)
      .set("url", std::string(link_prefix) + std::to_string(article.id))
      .set("zone", section ? section->title : std::string("-"))
      .set("is_zone", section && section->is_zone())
      .set("partner", partner ? partner->name : std::string("-"))
      .set("received", short_time(article.ingested))
      .set("version", std::to_string(article.version))
      .set("status", status)
      .set("status_class", status_class(article))
      .set("reason", web::text_or_false(article.status_reason))
      .set("reader_url", readable ? render::View(web::article_path(*section, article))
                                  : render::View(false));
}

render::View section_options(const web::PageContext& context,
                             const std::vector<model::SectionId>& only, std::string_view chosen) {
  render::View options = render::View::list();
  for (const auto& s : context.sections) {
    if (!only.empty() && std::find(only.begin(), only.end(), s.id) == only.end()) continue;
    options.push(render::View()
                     .set("slug", s.slug)
                     .set("title", s.title)
                     .set("is_zone", s.is_zone())
                     .set("selected", s.slug == chosen));
  }
  return options;
}

render::View list_pagination(std::string_view path, std::string_view query, int64_t page,
                             int64_t total) {
  const int64_t pages = std::max<int64_t>(1, (total + kArticlesShown - 1) / kArticlesShown);
  if (pages <= 1) return render::View(false);
  auto url = [&](int64_t n) {
    std::string u(path);
    u += "?";
    if (!query.empty()) u += std::string(query) + "&";
    return u + "page=" + std::to_string(n);
  };
  return render::View()
      .set("page", std::to_string(page))
      .set("pages", std::to_string(pages))
      .set("prev_url", page > 1 ? render::View(url(page - 1)) : render::View(false))
      .set("next_url", page < pages ? render::View(url(page + 1)) : render::View(false));
}

}  // namespace nz::admin
