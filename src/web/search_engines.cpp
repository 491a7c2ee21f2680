#include "web/search_engines.h"

#include <boost/json.hpp>

#include "core/rfc3339.h"

namespace nz::web {
namespace {

constexpr size_t kMaxWebUrlBytes = 2048;  // the sitemaps protocol's limit, and browsers'

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Appends the UTF-8 encoding of a code point (entities in attribute values).
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the character references the sanitizer's serializer writes in attribute values:
// &amp; &quot; &#39; &lt; &gt; and numeric ones. Anything else is kept as it is.
std::string decode_attribute(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size();) {
    if (value[i] != '&') {
      out += value[i++];
      continue;
    }
    size_t semi = value.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += value[i++];
      continue;
    }
    std::string_view name = value.substr(i + 1, semi - i - 1);
    if (name == "amp") out += '&';
    else if (name == "quot") out += '"';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "apos") out += '\'';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      uint32_t cp = 0;
      bool ok = name.size() > (hex ? 2u : 1u);
      for (char c : name.substr(hex ? 2 : 1)) {
        int d = (c >= '0' && c <= '9') ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0 || cp > 0x10FFFF) { ok = false; break; }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out.append(value.substr(i, semi - i + 1));
      } else {
        append_utf8(out, cp);
      }
    } else {
      out.append(value.substr(i, semi - i + 1));
    }
    i = semi + 1;
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The value of attribute `name` in the tag text between "<img" and ">", or nullopt.
std::optional<std::string> attribute_of(std::string_view tag, std::string_view name) {
  for (size_t i = 0; i < tag.size();) {
    while (i < tag.size() && (is_space(tag[i]) || tag[i] == '/')) ++i;
    size_t start = i;
    while (i < tag.size() && !is_space(tag[i]) && tag[i] != '=' && tag[i] != '/') ++i;
    std::string_view attr = tag.substr(start, i - start);
    if (attr.empty()) return std::nullopt;
    while (i < tag.size() && is_space(tag[i])) ++i;
    std::string_view value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && is_space(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char quote = tag[i++];
        size_t end = tag.find(quote, i);
        if (end == std::string_view::npos) return std::nullopt;
        value = tag.substr(i, end - i);
        i = end + 1;
      } else {
        size_t vstart = i;
        while (i < tag.size() && !is_space(tag[i])) ++i;
        value = tag.substr(vstart, i - vstart);
      }
    }
    if (attr.size() == name.size() && starts_with_ci(attr, name)) return decode_attribute(value);
  }
  return std::nullopt;
}

boost::json::object organization(std::string_view type, std::string_view name,
                                  std::string_view url) {
  boost::json::object o;
  o["@type"] = type;
  o["name"] = name;
  if (is_web_url(url)) o["url"] = url;
  return o;
}

}  // namespace

bool is_web_url(std::string_view url) {
  if (url.size() > kMaxWebUrlBytes) return false;
  size_t scheme = starts_with_ci(url, "https://") ? 8 : starts_with_ci(url, "http://") ? 7 : 0;
  if (scheme == 0 || url.size() == scheme) return false;
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return false;
  }
  return true;
}

std::string canonical_url(const model::Section& section, const model::Article& article,
                          const std::string& host_page_url) {
  if (section.is_zone() && section.canonical == model::CanonicalPolicy::kPartner &&
      is_web_url(article.content.original_url)) {
    return article.content.original_url;
  }
  return host_page_url;
}

std::optional<std::string> first_image_url(std::string_view body_html, std::string_view base_url) {
  // Sanitized HTML: text is escaped, so every "<img" is the start of an img element.
  for (size_t pos = 0; (pos = body_html.find('<', pos)) != std::string_view::npos; ++pos) {
    std::string_view rest = body_html.substr(pos + 1);
    if (!starts_with_ci(rest, "img") || rest.size() < 4 ||
        !(is_space(rest[3]) || rest[3] == '>' || rest[3] == '/')) {
      continue;
    }
    size_t end = rest.find('>');
    if (end == std::string_view::npos) return std::nullopt;
    auto src = attribute_of(rest.substr(3, end - 3), "src");
    if (!src || src->empty()) return std::nullopt;  // the first image decides
    std::string url = *src;
    if (url.starts_with("//")) {
      url = (starts_with_ci(base_url, "https:") ? "https:" : "http:") + url;
    } else if (url.starts_with("/")) {
      url = std::string(base_url) + url;
    }
    if (!is_web_url(url)) return std::nullopt;
    return url;
  }
  return std::nullopt;
}

std::string json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string article_json_ld(const ArticleStructuredData& d) {
  const auto& content = d.article.content;
  boost::json::object o;
  o["@context"] = "https://schema.org";
  // schema.org: AdvertiserContentArticle is "an Article that an external entity has paid to
  // place or to produce to its specifications".
  o["@type"] = d.section.is_zone() && d.section.paid_content ? "AdvertiserContentArticle"
                                                             : "NewsArticle";
  o["headline"] = content.headline;
  if (!content.standfirst.empty()) o["description"] = content.standfirst;
  if (!content.language.empty()) o["inLanguage"] = content.language;
  o["url"] = d.page_url;
  o["datePublished"] = core::format_rfc3339(d.article.published);
  o["dateModified"] = core::format_rfc3339(std::max(d.article.updated, d.article.published));
  if (!content.author.empty()) {
    boost::json::object person;
    person["@type"] = "Person";
    person["name"] = content.author;
    o["author"] = std::move(person);
  } else if (d.partner) {
    o["author"] = organization("Organization", d.partner->name, d.partner->url);
  } else {
    o["author"] = organization("Organization", d.site.name, d.site.base_url);
  }
  o["publisher"] = organization("NewsMediaOrganization", d.site.name, d.site.base_url);
  if (d.partner) {
    o["sourceOrganization"] = organization("Organization", d.partner->name, d.partner->url);
  }
  if (d.image) o["image"] = boost::json::array{boost::json::string(*d.image)};
  o["isAccessibleForFree"] = true;
  boost::json::object page;
  page["@type"] = "WebPage";
  page["@id"] = d.canonical_url;
  o["mainEntityOfPage"] = std::move(page);
  o["articleSection"] = d.section.title;
  return json_for_script(boost::json::serialize(o));
}

render::View social_view(const SocialTags& tags) {
  auto text_or_false = [](const std::string& s) {
    return s.empty() ? render::View(false) : render::View(s);
  };
  return render::View()
      .set("og_type", tags.type)
      .set("og_title", tags.title)
      .set("og_description", text_or_false(tags.description))
      .set("og_url", tags.url)
      .set("og_image", tags.image ? render::View(*tags.image) : render::View(false))
      .set("published_time", text_or_false(tags.published_time))
      .set("modified_time", text_or_false(tags.modified_time))
      .set("twitter_card", tags.image ? "summary_large_image" : "summary");
}

}  // namespace nz::web
