#include "web/page_frame.h"
#include "web/pages.h"
#include "web/static_files.h"

namespace nz::web {

// A theme asset. Fingerprinted URLs (?v= matching the content) may be cached for a year;
// anything else briefly, so that a changed theme shows up.
http::Response static_file(const SiteServices& services, const http::Request& request) {
  const StaticFile* file = services.static_files.find(request.param("file"));
  if (!file) return error_page_for(services, Error::NotFound("no such file"));
  http::Response response{.status = 200, .headers = {}, .body = file->body};
  response.set_header("Content-Type", file->content_type);
  response.set_header("ETag", "\"" + file->fingerprint + "\"");
  auto version = request.query_param("v");
  response.set_header("Cache-Control", version && *version == file->fingerprint
                                           ? "public, max-age=31536000, immutable"
                                           : "public, max-age=300");
  if (auto match = request.header("if-none-match");
      match && *match == "\"" + file->fingerprint + "\"") {
    response.status = 304;
    response.body.clear();
  }
  return response;
}

}  // namespace nz::web
