// URL pieces the fetcher needs to decide where a request and its redirects may go, read with
// libcurl's URL parser so that they agree with what curl will connect to. Internal to
// nz_fetch; no libcurl types here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nz::fetch {

struct UrlParts {
  std::string scheme;  // lower-case: "https"
  std::string host;    // as curl prints it: "example.org", "[::1]"; empty for "file:///x"
  std::string port;    // explicit or the scheme's default: "443"

  // "example.org:443", for messages.
  std::string host_port() const { return host + ":" + port; }
  // "https://example.org:443": where credentials may go. (RFC 6454)
  std::string origin() const;
};

// The parts of an absolute URL; empty when it is not one. Schemes curl does not support are
// read too, so that the caller can name them in a message.
std::optional<UrlParts> split_url(const std::string& url);

// `reference` (a Location value, absolute or relative) resolved against the absolute URL
// `base`, as curl resolves it; empty when either cannot be parsed. (RFC 3986 5.2)
std::optional<std::string> resolve_url(const std::string& base, const std::string& reference);

// True for "http" and "https", the only schemes fetched or followed.
bool is_http_scheme(std::string_view scheme);

}  // namespace nz::fetch
