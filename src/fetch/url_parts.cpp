#include "fetch/url_parts.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>

namespace nz::fetch {
namespace {

using UrlHandle = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> get_part(CURLU* u, CURLUPart which, unsigned flags) {
  char* text = nullptr;
  if (curl_url_get(u, which, &text, flags) != CURLUE_OK || text == nullptr) return std::nullopt;
  std::string out(text);
  curl_free(text);
  return out;
}

}  // namespace

std::string UrlParts::origin() const { return scheme + "://" + lowercase(host) + ":" + port; }

std::optional<UrlParts> split_url(const std::string& url) {
  UrlHandle u(curl_url(), curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
                CURLUE_OK) {
    return std::nullopt;
  }
  auto scheme = get_part(u.get(), CURLUPART_SCHEME, 0);
  if (!scheme) return std::nullopt;
  return UrlParts{.scheme = lowercase(*scheme),
                  .host = get_part(u.get(), CURLUPART_HOST, 0).value_or(""),
                  .port = get_part(u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT).value_or("")};
}

std::optional<std::string> resolve_url(const std::string& base, const std::string& reference) {
  UrlHandle u(curl_url(), curl_url_cleanup);
  // Setting a relative URL on a handle that holds an absolute one resolves it.
  if (!u || curl_url_set(u.get(), CURLUPART_URL, base.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
                CURLUE_OK ||
      curl_url_set(u.get(), CURLUPART_URL, reference.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
          CURLUE_OK) {
    return std::nullopt;
  }
  return get_part(u.get(), CURLUPART_URL, 0);
}

bool is_http_scheme(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

}  // namespace nz::fetch
