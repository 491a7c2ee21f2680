// Router: first match in insertion order; 405 when only other methods match (RFC 9110 15.5.6).
#include "http/router.h"

#include <array>
#include <string_view>

namespace nz::http {
namespace {

// "/a/b/" -> {"a", "b"}; empty segments inside ("/a//b") are kept so they match nothing.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return segments;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

bool has_trailing_slash(std::string_view path) { return path.size() > 1 && path.back() == '/'; }

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
  Route route{.method = method,
              .segments = {},
              .trailing_slash = has_trailing_slash(pattern),
              .handler = std::move(handler)};
  for (std::string_view segment : split_path(pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

bool Router::match(const Route& route, const Request& request,
                   std::map<std::string, std::string>& params) const {
  if (request.path.empty() || request.path.front() != '/') return false;
  if (route.trailing_slash != has_trailing_slash(request.path)) return false;
  std::vector<std::string_view> segments = split_path(request.path);
  if (segments.size() != route.segments.size()) return false;
  params.clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (is_param(want)) {
      if (segments[i].empty()) return false;
      params[want.substr(1, want.size() - 2)] = std::string(segments[i]);
    } else if (want != segments[i]) {
      return false;
    }
  }
  return true;
}

Response Router::dispatch(Request& request) const {
  std::map<std::string, std::string> params;
  // HEAD is GET without the body (RFC 9110 9.3.2), so a GET route answers it when no HEAD
  // route does; the server drops the body.
  const std::array<Method, 2> tries = {request.method, Method::kGet};
  size_t n_tries = request.method == Method::kHead ? 2 : 1;
  for (size_t t = 0; t < n_tries; ++t) {
    for (const Route& route : routes_) {
      if (route.method != tries[t] || !match(route, request, params)) continue;
      request.params = std::move(params);
      return route.handler(request);
    }
  }

  // Allow lists every method the resource supports, in a stable order.
  constexpr std::array<Method, 7> kOrder = {Method::kGet,   Method::kHead,   Method::kPost,
                                            Method::kPut,   Method::kPatch,  Method::kDelete,
                                            Method::kOptions};
  std::array<bool, 7> allowed{};
  bool any = false;
  for (const Route& route : routes_) {
    if (!match(route, request, params)) continue;
    for (size_t i = 0; i < kOrder.size(); ++i) {
      if (kOrder[i] == route.method) {
        allowed[i] = true;
        any = true;
      }
    }
    if (route.method == Method::kGet) allowed[1] = true;  // HEAD comes with GET
  }
  if (any) {
    std::string allow;
    for (size_t i = 0; i < kOrder.size(); ++i) {
      if (!allowed[i]) continue;
      if (!allow.empty()) allow += ", ";
      allow += to_string(kOrder[i]);
    }
    Response response = Response::text(405, "Method Not Allowed\n");
    response.set_header("Allow", std::move(allow));
    return response;
  }

  request.params.clear();
  const Handler* best = nullptr;
  size_t best_length = 0;
  for (const auto& [prefix, handler] : prefixed_not_found_) {
    if (request.path.starts_with(prefix) && prefix.size() >= best_length) {
      best = &handler;
      best_length = prefix.size();
    }
  }
  if (best) return (*best)(request);
  if (not_found_) return not_found_(request);
  return Response::text(404, "Not Found\n");
}

}  // namespace nz::http
