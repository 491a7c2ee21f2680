#include "app/article_json.h"

#include <boost/json.hpp>

#include "core/rfc3339.h"
#include "core/html_escape.h"

namespace nz::app {
namespace {

Result<std::string> string_field(const boost::json::object& o, const char* name, bool required) {
  const auto* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) return Error::InvalidInput(std::string("missing \"") + name + "\"");
    return std::string();
  }
  if (!v->is_string()) return Error::InvalidInput(std::string("\"") + name + "\" must be a string");
  return std::string(v->as_string());
}

Result<std::vector<std::string>> string_list(const boost::json::object& o, const char* name) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(name);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return Error::InvalidInput(std::string("\"") + name + "\" must be a list");
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      return Error::InvalidInput(std::string("\"") + name + "\" must list strings");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<std::string> split_paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = trim(text.substr(pos, end - pos));
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current += ' ';
      current += line;
    }
    pos = end + 1;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

std::string paragraphs_to_html(const std::vector<std::string>& paragraphs) {
  std::string html;
  for (const auto& p : paragraphs) {
    std::string text = p;
    for (char& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    if (!html.empty()) html += '\n';
    html += "<p>" + core::escape_html(text) + "</p>";
  }
  return html;
}

Result<ArticleImport> article_from_json(const boost::json::object& o, core::Timestamp now) {
  ArticleImport out;
  auto section = string_field(o, "section", true);
  if (!section) return section.error();
  out.section_slug = *section;
  auto headline = string_field(o, "headline", true);
  if (!headline) return headline.error();
  if (trim(*headline).empty()) return Error::InvalidInput("\"headline\" must not be empty");
  auto& a = out.article;
  a.content.headline = trim(*headline);
  for (auto [name, field] : {std::pair{"guid", &a.guid},
                             std::pair{"standfirst", &a.content.standfirst},
                             std::pair{"author", &a.content.author},
                             std::pair{"original_url", &a.content.original_url}}) {
    auto v = string_field(o, name, false);
    if (!v) return v.error();
    *field = *v;
  }
  auto language = string_field(o, "language", false);
  if (!language) return language.error();
  if (!language->empty()) a.content.language = *language;

  auto paragraphs = string_list(o, "paragraphs");
  if (!paragraphs) return paragraphs.error();
  if (paragraphs->empty()) {
    auto body = string_field(o, "body", false);
    if (!body) return body.error();
    *paragraphs = split_paragraphs(*body);
  }
  a.content.body_html = paragraphs_to_html(*paragraphs);

  auto published = string_field(o, "published", false);
  if (!published) return published.error();
  if (published->empty()) {
    a.published = now;
  } else {
    auto t = core::parse_rfc3339(*published);
    if (!t) return t.error().with_context("\"published\"");
    a.published = *t;
  }
  a.updated = a.published;
  a.ingested = now;

  auto status = string_field(o, "status", false);
  if (!status) return status.error();
  a.status = model::ArticleStatus::kPublished;
  if (!status->empty()) {
    auto parsed = model::parse_article_status(*status);
    if (!parsed) {
      return Error::InvalidInput("\"status\" must be draft, pending, published or withdrawn");
    }
    a.status = *parsed;
  }
  auto topics = string_list(o, "topics");
  if (!topics) return topics.error();
  out.topics = std::move(*topics);
  return out;
}

Result<ArticleImport> article_from_json_text(std::string_view text, core::Timestamp now) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return Error::InvalidInput("not JSON: " + ec.message());
  if (!value.is_object()) return Error::InvalidInput("expected a JSON object");
  return article_from_json(value.as_object(), now);
}

}  // namespace nz::app
