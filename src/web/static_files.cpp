#include "web/static_files.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace nz::web {
namespace {

std::string fingerprint_of(std::string_view data) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a, 64-bit
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string content_type_for(const std::filesystem::path& path) {
  auto ext = path.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Result<StaticFiles> StaticFiles::load(const std::filesystem::path& dir) {
  StaticFiles files;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return files;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return Error::Unavailable("static files " + dir.string() + ": " + ec.message());
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in && !in.eof()) {
      return Error::Unavailable("static file " + entry.path().string() + ": cannot read");
    }
    StaticFile file{.body = body.str(), .content_type = content_type_for(entry.path())};
    file.fingerprint = fingerprint_of(file.body);
    files.files_.emplace(entry.path().filename().string(), std::move(file));
  }
  return files;
}

const StaticFile* StaticFiles::find(std::string_view name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

std::string StaticFiles::url(std::string_view name) const {
  const StaticFile* file = find(name);
  std::string url = "/static/" + std::string(name);
  if (file) url += "?v=" + file->fingerprint;
  return url;
}

}  // namespace nz::web
