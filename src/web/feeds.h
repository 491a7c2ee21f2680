// Output feeds (issue 7): the whole site, each section and zone, and each topic, in RSS 2.0,
// Atom 1.0 and JSON Feed 1.1.
//   /feeds/all.{rss,atom,json}               the host's own sections (and zones, when the site
//                                            chooses: FeedSettings::include_partner_content)
//   /feeds/sections/{slug}.{rss,atom,json}   a section or a partner zone
//   /feeds/topics/{slug}.{rss,atom,json}     a topic: "More News About ..."
// A partner zone's item carries its label everywhere a reader or aggregator may see it: the
// attribution and disclaimer at the end of its content, the partner as author (when the item
// names none) and as source, and the zone as category. Ids never change (a tag URI made from
// the site's host, the day the article was first stored and its id). Feeds answer conditional
// GETs (strong ETag of the body, Last-Modified of the newest item) with 304.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include "model/article.h"
#include "model/section.h"
#include "model/topic.h"
#include "render/view.h"
#include "web/services.h"

namespace nz::web {

struct PageContext;

enum class FeedFormat { kRss, kAtom, kJson };

// "/feeds/all.rss", "/feeds/sections/china-news-zone.atom", "/feeds/topics/china.json".
std::string feed_path(const model::Section* section, const model::Topic* topic,
                      FeedFormat format);

// The <link rel="alternate"> list for _head.mustache: the site's feeds, then the section's or
// the topic's when given (those first, as readers subscribe from the page they are on).
render::View feed_links_view(const PageContext& context, const model::Section* section,
                             const model::Topic* topic);

// The visible "Follow: RSS · Atom · JSON Feed" links of a section's or topic's page.
render::View follow_view(const model::Section* section, const model::Topic* topic);

// The absolute URLs of every feed an article appears in (site, its section or zone, its
// topics; each in every format): what a WebSub hub is told about when it changes.
std::vector<std::string> feeds_of_article(const PageContext& context,
                                          const model::Article& article,
                                          const std::vector<model::Topic>& topics,
                                          const FeedSettings& settings);

http::Response site_feed(const SiteServices& services, const http::Request& request);
http::Response section_feed(const SiteServices& services, const http::Request& request);
http::Response topic_feed(const SiteServices& services, const http::Request& request);

}  // namespace nz::web
