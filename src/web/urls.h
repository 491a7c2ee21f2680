// The site's URL scheme, in one place: every page and link is built from these.
#pragma once

#include <string>

#include "model/article.h"
#include "model/section.h"
#include "model/topic.h"

namespace nz::web {

// "/china-news-zone/"
std::string section_path(const model::Section& section);
// "/china-news-zone/1-xi-to-attend-sco-summit"; the id makes it stable, the slug readable.
std::string article_path(const model::Section& section, const model::Article& article);
// "/topics/china"
std::string topic_path(const model::Topic& topic);
// path with "?page=N" (none for page 1).
std::string page_path(const std::string& path, int64_t page);

}  // namespace nz::web
