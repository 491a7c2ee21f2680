// StaticFiles: the theme's static assets (CSS, images), read once at start and served from
// memory under fingerprinted URLs ("/static/style.css?v=3f2a9c1b") so that browsers and
// CDNs may cache them for a year.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nz::web {

struct StaticFile {
  std::string body;
  std::string content_type;
  std::string fingerprint;  // 16 hex digits of the content's FNV-1a hash
};

class StaticFiles {
 public:
  // Reads every regular file directly in dir (no subfolders). An absent folder gives an
  // empty set; an unreadable file kUnavailable.
  static Result<StaticFiles> load(const std::filesystem::path& dir);

  const StaticFile* find(std::string_view name) const;
  // "/static/NAME?v=FINGERPRINT", or "/static/NAME" when there is no such file.
  std::string url(std::string_view name) const;

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
};

}  // namespace nz::web
