// Surrogate keys (issue 6 in part, issue 7's "the CDN keys are purged"): every reader page
// and feed names what it shows, so that a CDN in front can drop exactly the pages a change
// touches. A page carries
//   "a<ID>"  for each article it shows (the article page itself, list items, Related, ...),
//   "s<ID>"  for a section or zone whose list it shows,
//   "t<ID>"  for a topic whose list it shows,
//   "site"   for the site-wide lists (front page, site feeds),
//   "sitemaps" for the sitemaps and robots.txt,
// in Surrogate-Key (space-separated: Fastly, Varnish xkey) and Cache-Tag (comma-separated:
// Cloudflare, Akamai). When an article changes, the keys to purge are its own, its
// section's, its topics', "site" and "sitemaps" (keys_of_change): every page that showed it,
// and every list it may now join or leave.
#pragma once

#include <string>
#include <vector>

#include "http/message.h"
#include "model/article.h"
#include "model/section.h"
#include "model/topic.h"

namespace nz::web {

inline constexpr std::string_view kSiteKey = "site";
inline constexpr std::string_view kSitemapsKey = "sitemaps";

std::string article_key(model::ArticleId id);
std::string section_key(model::SectionId id);
std::string topic_key(model::TopicId id);

// Collects keys without repeats, in the order first added.
class SurrogateKeys {
 public:
  SurrogateKeys& add(std::string key);
  SurrogateKeys& add_articles(const std::vector<model::Article>& articles);
  const std::vector<std::string>& keys() const { return keys_; }
  // Sets Surrogate-Key and Cache-Tag on the response (nothing when there are no keys).
  void apply(http::Response& response) const;

 private:
  std::vector<std::string> keys_;
};

// What to purge when `article` changed (new, corrected, withdrawn, retagged).
std::vector<std::string> keys_of_change(const model::Article& article,
                                        const std::vector<model::Topic>& topics);

}  // namespace nz::web
