#include "web/feeds.h"

#include <algorithm>

#include <boost/json.hpp>

#include "core/clock.h"
#include "core/html_escape.h"
#include "core/rfc3339.h"
#include "store/article_store.h"
#include "store/section_store.h"
#include "store/topic_store.h"
#include "web/page_frame.h"
#include "web/surrogate_keys.h"
#include "web/urls.h"
#include "web/xml_text.h"
#include "web/zone_label.h"

namespace nz::web {
namespace {

struct FormatInfo {
  FeedFormat format;
  std::string_view extension;
  std::string_view content_type;
  std::string_view name;  // for link titles
};

constexpr FormatInfo kFormats[] = {
    {FeedFormat::kRss, "rss", "application/rss+xml; charset=utf-8", "RSS"},
    {FeedFormat::kAtom, "atom", "application/atom+xml; charset=utf-8", "Atom"},
    {FeedFormat::kJson, "json", "application/feed+json; charset=utf-8", "JSON Feed"},
};

const FormatInfo& info(FeedFormat format) {
  for (const auto& f : kFormats) {
    if (f.format == format) return f;
  }
  return kFormats[0];
}

// "china-news-zone.atom" -> ("china-news-zone", Atom).
std::optional<std::pair<std::string, FeedFormat>> parse_feed_file(std::string_view file) {
  size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  for (const auto& f : kFormats) {
    if (file.substr(dot + 1) == f.extension) {
      return std::pair{std::string(file.substr(0, dot)), f.format};
    }
  }
  return std::nullopt;
}

// The same repair for JSON: Boost.JSON writes strings' bytes as they are.
std::string json_text(std::string_view text) { return xml_clean(text); }

// The host of an absolute URL: "https://www.example.org:8443/x" -> "www.example.org".
std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of(":/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The first image of a sanitized body: its URL (attribute entities decoded) and a MIME type
// guessed from the extension, for enclosures.
std::optional<std::pair<std::string, std::string>> first_image(const std::string& html) {
  size_t img = html.find("<img ");
  if (img == std::string::npos) return std::nullopt;
  size_t end = html.find('>', img);
  size_t src = html.find(" src=\"", img);
  if (src == std::string::npos || src > end) return std::nullopt;
  src += 6;
  size_t close = html.find('"', src);
  if (close == std::string::npos) return std::nullopt;
  std::string url;
  for (size_t i = src; i < close; ++i) {
    if (html[i] == '&') {
      bool decoded = false;
      for (auto [entity, c] : {std::pair{"&amp;", '&'}, std::pair{"&quot;", '"'},
                               std::pair{"&#39;", '\''}, std::pair{"&lt;", '<'},
                               std::pair{"&gt;", '>'}}) {
        if (std::string_view(html).substr(i).starts_with(entity)) {
          url += c;
          i += std::string_view(entity).size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    url += html[i];
  }
  if (!url.starts_with("http://") && !url.starts_with("https://")) return std::nullopt;
  std::string path = url.substr(0, url.find_first_of("?#"));
  std::string lower;
  for (char c : path.substr(path.rfind('.') == std::string::npos ? path.size() : path.rfind('.'))) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::string type = lower == ".png"    ? "image/png"
                     : lower == ".gif"  ? "image/gif"
                     : lower == ".webp" ? "image/webp"
                     : lower == ".avif" ? "image/avif"
                     : lower == ".svg"  ? "image/svg+xml"
                                        : "image/jpeg";
  return std::pair{url, type};
}

// One entry, whatever the format.
struct FeedItem {
  std::string id;
  std::string url;
  std::string title;
  std::string summary;       // plain text
  std::string content_html;  // the body (or, for summaries, the standfirst) and the label
  std::string author;        // the byline, or the partner's name, or empty
  std::optional<model::Partner> partner;
  const model::Section* section = nullptr;
  core::Timestamp published{};
  core::Timestamp updated{};
  std::optional<std::pair<std::string, std::string>> image;  // url, type
  ZoneLabel label;  // empty for the host's articles
};

struct Tombstone {
  std::string id;  // the entry's id, as it was
  core::Timestamp when{};
};

struct FeedMeta {
  std::string title;
  std::string description;
  std::string html_url;  // absolute
  std::string self_url;  // absolute, this feed in this format
  std::string id;        // never changes
  core::Timestamp updated{};
};

// The id of an article's entry, in every feed and format, for ever.
std::string entry_id(const PageContext& context, const model::Article& article) {
  return "tag:" + host_of(context.site.base_url) + "," + core::format_date(article.ingested) +
         ":article/" + std::to_string(article.id);
}

FeedItem make_item(const SiteServices& services, const PageContext& context,
                   const model::Article& article) {
  FeedItem item;
  const model::Section* section = context.section(article.section_id);
  item.section = section;
  item.url = context.site.base_url + article_path(*section, article);
  item.id = entry_id(context, article);
  item.title = article.content.headline;
  item.summary = article.content.standfirst;
  item.published = article.published;
  item.updated = std::max(article.updated, article.published);
  item.author = article.content.author;
  item.image = first_image(article.content.body_html);
  if (const model::Partner* partner = context.partner_of(*section)) {
    item.partner = *partner;
    if (item.author.empty()) item.author = partner->name;
    item.label = {fill_label_template(section->attribution_template, partner->name,
                                      context.site.name),
                  fill_label_template(section->disclaimer_template, partner->name,
                                      context.site.name)};
  }
  std::string html;
  if (services.feeds.full_content) {
    html = article.content.body_html;  // stored sanitized
  } else if (!article.content.standfirst.empty()) {
    html = "<p>" + core::escape_html(article.content.standfirst) + "</p>";
  }
  if (!html.empty()) html += "\n";
  html += "<p><a href=\"" + core::escape_html(item.url) + "\">" +
          (services.feeds.full_content ? "Read on " : "Read the whole story on ") +
          core::escape_html(context.site.name) + "</a></p>";
  if (item.partner) {
    html += "\n<p><em>" + core::escape_html(item.label.attribution) + "</em></p>\n<p><em>" +
            core::escape_html(item.label.disclaimer) + "</em></p>";
  }
  item.content_html = std::move(html);
  return item;
}

std::string rss(const FeedMeta& meta, const std::vector<FeedItem>& items,
                const model::Site& site, const FeedSettings& settings) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
      " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n";
  out += "<title>" + xml_escape(core::escape_html(meta.title)) + "</title>\n";
  out += "<link>" + xml_escape(meta.html_url) + "</link>\n";
  out += "<description>" + xml_escape(core::escape_html(meta.description)) + "</description>\n";
  out += "<language>" + xml_escape(site.language) + "</language>\n";
  out += "<lastBuildDate>" + core::format_http_date(meta.updated) + "</lastBuildDate>\n";
  out += "<generator>newszone</generator>\n";
  out += "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"" +
         xml_escape(meta.self_url) + "\"/>\n";
  if (!settings.websub_hub.empty()) {
    out += "<atom:link rel=\"hub\" href=\"" + xml_escape(settings.websub_hub) + "\"/>\n";
  }
  for (const auto& item : items) {
    // RSS readers take <title> and <description> as HTML: text goes in HTML-escaped.
    out += "<item>\n<title>" + xml_escape(core::escape_html(item.title)) + "</title>\n";
    out += "<link>" + xml_escape(item.url) + "</link>\n";
    out += "<guid isPermaLink=\"false\">" + xml_escape(item.id) + "</guid>\n";
    out += "<pubDate>" + core::format_http_date(item.published) + "</pubDate>\n";
    if (item.updated > item.published) {
      out += "<atom:updated>" + core::format_rfc3339(item.updated) + "</atom:updated>\n";
    }
    if (!item.author.empty()) out += "<dc:creator>" + xml_escape(item.author) + "</dc:creator>\n";
    out += "<category>" + xml_escape(item.section->title) + "</category>\n";
    if (item.partner && !item.partner->url.empty()) {
      out += "<source url=\"" + xml_escape(item.partner->url) + "\">" +
             xml_escape(item.partner->name) + "</source>\n";
    }
    if (settings.full_content) {
      if (!item.summary.empty()) {
        out += "<description>" + xml_escape(core::escape_html(item.summary)) + "</description>\n";
      }
      out += "<content:encoded>" + xml_escape(item.content_html) + "</content:encoded>\n";
    } else {
      out += "<description>" + xml_escape(item.content_html) + "</description>\n";
    }
    if (item.image) {
      out += "<enclosure url=\"" + xml_escape(item.image->first) + "\" type=\"" +
             item.image->second + "\" length=\"0\"/>\n";
    }
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

std::string atom(const FeedMeta& meta, const std::vector<FeedItem>& items,
                 const std::vector<Tombstone>& tombstones, const model::Site& site,
                 const FeedSettings& settings) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\""
                    " xmlns:at=\"http://purl.org/atompub/tombstones/1.0\" xml:lang=\"" +
                    xml_escape(site.language) + "\">\n";
  out += "<id>" + xml_escape(meta.id) + "</id>\n";
  out += "<title type=\"text\">" + xml_escape(meta.title) + "</title>\n";
  out += "<subtitle type=\"text\">" + xml_escape(meta.description) + "</subtitle>\n";
  out += "<updated>" + core::format_rfc3339(meta.updated) + "</updated>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(meta.self_url) +
         "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(meta.html_url) +
         "\"/>\n";
  if (!settings.websub_hub.empty()) {
    out += "<link rel=\"hub\" href=\"" + xml_escape(settings.websub_hub) + "\"/>\n";
  }
  out += "<author><name>" + xml_escape(site.name) + "</name><uri>" + xml_escape(site.base_url) +
         "/</uri></author>\n";
  out += "<generator>newszone</generator>\n";
  for (const auto& item : items) {
    out += "<entry>\n<id>" + xml_escape(item.id) + "</id>\n";
    out += "<title type=\"text\">" + xml_escape(item.title) + "</title>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(item.url) + "\"/>\n";
    out += "<published>" + core::format_rfc3339(item.published) + "</published>\n";
    out += "<updated>" + core::format_rfc3339(item.updated) + "</updated>\n";
    if (!item.author.empty()) {
      out += "<author><name>" + xml_escape(item.author) + "</name></author>\n";
    }
    out += "<category term=\"" + xml_escape(item.section->slug) + "\" label=\"" +
           xml_escape(item.section->title) + "\"/>\n";
    if (item.partner) {
      out += "<source><title type=\"text\">" + xml_escape(item.partner->name) + "</title>";
      if (!item.partner->url.empty()) {
        out += "<link rel=\"alternate\" href=\"" + xml_escape(item.partner->url) + "\"/>";
      }
      out += "</source>\n";
      out += "<rights type=\"text\">" + xml_escape(item.label.attribution) + "</rights>\n";
    }
    if (!item.summary.empty()) {
      out += "<summary type=\"text\">" + xml_escape(item.summary) + "</summary>\n";
    }
    out += "<content type=\"html\">" + xml_escape(item.content_html) + "</content>\n";
    if (item.image) {
      out += "<link rel=\"enclosure\" type=\"" + item.image->second + "\" href=\"" +
             xml_escape(item.image->first) + "\"/>\n";
    }
    out += "</entry>\n";
  }
  // RFC 6721: readers that kept a withdrawn story learn to drop it.
  for (const auto& tombstone : tombstones) {
    out += "<at:deleted-entry ref=\"" + xml_escape(tombstone.id) + "\" when=\"" +
           core::format_rfc3339(tombstone.when) + "\"><at:comment>Withdrawn by " +
           xml_escape(site.name) + ".</at:comment></at:deleted-entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string json_feed(const FeedMeta& meta, const std::vector<FeedItem>& items,
                      const model::Site& site, const FeedSettings& settings) {
  namespace json = boost::json;
  json::array entries;
  for (const auto& item : items) {
    json::object entry{{"id", json_text(item.id)},
                       {"url", json_text(item.url)},
                       {"title", json_text(item.title)},
                       {"content_html", json_text(item.content_html)},
                       {"date_published", core::format_rfc3339(item.published)},
                       {"date_modified", core::format_rfc3339(item.updated)},
                       {"tags", json::array{json::value(json_text(item.section->title))}}};
    if (!item.summary.empty()) entry["summary"] = json_text(item.summary);
    if (!item.author.empty()) {
      entry["authors"] = json::array{json::object{{"name", json_text(item.author)}}};
    }
    if (item.image) {
      entry["image"] = json_text(item.image->first);
      entry["attachments"] = json::array{json::object{{"url", json_text(item.image->first)},
                                                      {"mime_type", item.image->second}}};
    }
    if (item.partner) {
      // JSON Feed's extension convention: a key starting with "_".
      entry["_partner_content"] = json::object{
          {"partner", json::object{{"name", json_text(item.partner->name)},
                                   {"url", json_text(item.partner->url)}}},
          {"zone", json::object{{"slug", item.section->slug},
                                {"title", json_text(item.section->title)}}},
          {"attribution", json_text(item.label.attribution)},
          {"disclaimer", json_text(item.label.disclaimer)}};
    }
    entries.push_back(std::move(entry));
  }
  json::object feed{{"version", "https://jsonfeed.org/version/1.1"},
                    {"title", json_text(meta.title)},
                    {"home_page_url", json_text(meta.html_url)},
                    {"feed_url", json_text(meta.self_url)},
                    {"description", json_text(meta.description)},
                    {"language", json_text(site.language)},
                    {"authors", json::array{json::object{{"name", json_text(site.name)},
                                                         {"url", json_text(site.base_url)}}}},
                    {"items", std::move(entries)}};
  if (!settings.websub_hub.empty()) {
    feed["hubs"] = json::array{json::object{{"type", "WebSub"}, {"url", settings.websub_hub}}};
  }
  return json::serialize(feed) + "\n";
}

// The feed as a response. ETags, Last-Modified and 304s come from the page cache in front
// (cache/caching_handler.h), which compares bytes: a feed whose newest item is unchanged but
// whose labels or tombstones changed is still new.
http::Response respond(const FeedMeta& meta, const std::vector<FeedItem>& items,
                       const std::vector<Tombstone>& tombstones, const model::Site& site,
                       const FeedSettings& settings, FeedFormat format) {
  http::Response response;
  response.status = 200;
  response.body = format == FeedFormat::kRss    ? rss(meta, items, site, settings)
                  : format == FeedFormat::kAtom ? atom(meta, items, tombstones, site, settings)
                                                : json_feed(meta, items, site, settings);
  response.cache_as = "feed";
  response.set_header("Content-Type", std::string(info(format).content_type));
  if (!settings.websub_hub.empty()) {
    // WebSub discovery by headers too (W3C WebSub 4).
    response.headers.emplace_back("Link", "<" + settings.websub_hub + ">; rel=\"hub\"");
    response.headers.emplace_back("Link", "<" + meta.self_url + ">; rel=\"self\"");
  }
  return response;
}

http::Response feed_not_found(const SiteServices& services) {
  return error_page(services, 404,
                    "There is no such feed. Every section, zone and topic page links its own.");
}

// How long a withdrawn story keeps a tombstone in Atom feeds, and how many at most.
constexpr auto kTombstoneDays = std::chrono::days(30);
constexpr int64_t kMaxTombstones = 50;

http::Response serve_feed(const SiteServices& services, const http::Request& request,
                          const PageContext& context, FeedMeta meta,
                          const std::vector<model::Article>& articles,
                          const store::ArticleScope& scope, FeedFormat format) {
  std::vector<FeedItem> items;
  items.reserve(articles.size());
  for (const auto& article : articles) {
    if (!context.section(article.section_id)) continue;
    items.push_back(make_item(services, context, article));
    meta.updated = std::max(meta.updated, items.back().updated);
  }
  std::vector<Tombstone> tombstones;
  if (format == FeedFormat::kAtom) {
    auto withdrawn = services.articles.list_withdrawn_articles(
        scope, services.clock.now() - kTombstoneDays, kMaxTombstones);
    if (!withdrawn) return error_page_for(services, withdrawn.error());
    for (const auto& article : *withdrawn) {
      tombstones.push_back({entry_id(context, article), *article.withdrawn_at});
      meta.updated = std::max(meta.updated, *article.withdrawn_at);
    }
  }
  auto response = respond(meta, items, tombstones, context.site, services.feeds, format);
  // The oldest tombstone leaves the feed 30 days after its withdrawal, with no write then.
  for (const auto& tombstone : tombstones) {
    auto gone = tombstone.when + kTombstoneDays;
    if (!response.fresh_until || gone < *response.fresh_until) response.fresh_until = gone;
  }
  SurrogateKeys keys;
  if (scope.section) {
    keys.add(section_key(*scope.section));
  } else if (scope.topic) {
    keys.add(topic_key(*scope.topic));
  } else {
    keys.add(std::string(kSiteKey));
  }
  keys.add_articles(articles).apply(response);
  return response;
}

}  // namespace

std::string feed_path(const model::Section* section, const model::Topic* topic,
                      FeedFormat format) {
  std::string ext(info(format).extension);
  if (section) return "/feeds/sections/" + section->slug + "." + ext;
  if (topic) return "/feeds/topics/" + topic->slug + "." + ext;
  return "/feeds/all." + ext;
}

render::View feed_links_view(const PageContext& context, const model::Section* section,
                             const model::Topic* topic) {
  render::View list = render::View::list();
  auto add = [&](const model::Section* s, const model::Topic* t, const std::string& title) {
    for (const auto& f : kFormats) {
      list.push(render::View()
                    .set("type", std::string(f.content_type.substr(0, f.content_type.find(';'))))
                    .set("title", title + " (" + std::string(f.name) + ")")
                    .set("url", feed_path(s, t, f.format)));
    }
  };
  if (section) add(section, nullptr, context.site.name + ": " + section->title);
  if (topic) add(nullptr, topic, context.site.name + ": News about " + topic->name);
  add(nullptr, nullptr, context.site.name);
  return list;
}

std::vector<std::string> feeds_of_article(const PageContext& context,
                                          const model::Article& article,
                                          const std::vector<model::Topic>& topics,
                                          const FeedSettings& settings) {
  std::vector<std::string> urls;
  const model::Section* section = context.section(article.section_id);
  if (!section) return urls;
  const std::string& base = context.site.base_url;
  for (const auto& f : kFormats) {
    if (!section->is_zone() || settings.include_partner_content) {
      urls.push_back(base + feed_path(nullptr, nullptr, f.format));
    }
    urls.push_back(base + feed_path(section, nullptr, f.format));
    for (const auto& topic : topics) urls.push_back(base + feed_path(nullptr, &topic, f.format));
  }
  return urls;
}

render::View follow_view(const model::Section* section, const model::Topic* topic) {
  render::View links = render::View::list();
  for (const auto& f : kFormats) {
    links.push(render::View()
                   .set("name", std::string(f.name))
                   .set("url", feed_path(section, topic, f.format)));
  }
  return render::View().set("links", std::move(links));
}

http::Response site_feed(const SiteServices& services, const http::Request& request) {
  auto file = parse_feed_file(request.param("file"));
  if (!file || file->first != "all") return feed_not_found(services);
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  auto articles = services.articles.list_recent_articles(services.feeds.items,
                                                         services.feeds.include_partner_content);
  if (!articles) return error_page_for(services, articles.error());
  const std::string& base = context->site.base_url;
  FeedMeta meta{.title = context->site.name,
                .description = context->site.tagline.empty()
                                   ? "The newest stories from " + context->site.name
                                   : context->site.tagline,
                .html_url = base + "/",
                .self_url = base + feed_path(nullptr, nullptr, file->second),
                .id = "tag:" + host_of(base) + ",2026:feeds/all"};
  return serve_feed(services, request, *context, std::move(meta), *articles,
                    {.include_zones = services.feeds.include_partner_content}, file->second);
}

http::Response section_feed(const SiteServices& services, const http::Request& request) {
  auto file = parse_feed_file(request.param("file"));
  if (!file) return feed_not_found(services);
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  const model::Section* section = nullptr;
  for (const auto& s : context->sections) {
    if (s.slug == file->first) section = &s;
  }
  if (!section) return feed_not_found(services);
  auto page = services.articles.list_section_articles(
      section->id, {.offset = 0, .limit = services.feeds.items, .count_total = false});
  if (!page) return error_page_for(services, page.error());
  const std::string& base = context->site.base_url;
  std::string description = section->description;
  if (const model::Partner* partner = context->partner_of(*section)) {
    // The zone's attribution travels in the feed's own description too.
    std::string attribution = fill_label_template(section->attribution_template, partner->name,
                                                  context->site.name);
    description = description.empty() ? attribution : description + " " + attribution;
  }
  if (description.empty()) description = section->title + " on " + context->site.name;
  FeedMeta meta{.title = context->site.name + ": " + section->title,
                .description = std::move(description),
                .html_url = base + section_path(*section),
                .self_url = base + feed_path(section, nullptr, file->second),
                .id = "tag:" + host_of(base) + ",2026:feeds/sections/" + section->slug};
  return serve_feed(services, request, *context, std::move(meta), page->articles,
                    {.section = section->id}, file->second);
}

http::Response topic_feed(const SiteServices& services, const http::Request& request) {
  auto file = parse_feed_file(request.param("file"));
  if (!file) return feed_not_found(services);
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  auto topic = services.topics.find_topic_by_slug(file->first);
  if (!topic) {
    return topic.error().code == ErrorCode::kNotFound ? feed_not_found(services)
                                                      : error_page_for(services, topic.error());
  }
  auto page = services.articles.list_topic_articles(
      topic->id, {.offset = 0, .limit = services.feeds.items, .count_total = false},
      std::nullopt);
  if (!page) return error_page_for(services, page.error());
  const std::string& base = context->site.base_url;
  FeedMeta meta{.title = context->site.name + ": More News About " + topic->name,
                .description = "Every story about " + topic->name + " on " + context->site.name +
                               ", from all sections and partner zones",
                .html_url = base + topic_path(*topic),
                .self_url = base + feed_path(nullptr, &*topic, file->second),
                .id = "tag:" + host_of(base) + ",2026:feeds/topics/" + topic->slug};
  return serve_feed(services, request, *context, std::move(meta), page->articles,
                    {.topic = topic->id}, file->second);
}

}  // namespace nz::web
