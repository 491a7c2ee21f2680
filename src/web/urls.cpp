#include "web/urls.h"

namespace nz::web {

std::string section_path(const model::Section& section) { return "/" + section.slug + "/"; }

std::string article_path(const model::Section& section, const model::Article& article) {
  return "/" + section.slug + "/" + std::to_string(article.id) + "-" + article.slug;
}

std::string topic_path(const model::Topic& topic) { return "/topics/" + topic.slug; }

std::string page_path(const std::string& path, int64_t page) {
  return page <= 1 ? path : path + "?page=" + std::to_string(page);
}

}  // namespace nz::web
