// Router: maps a method and path to a handler. Patterns are literal segments and "{name}"
// segments that match one non-empty segment; a pattern ending in "/" matches only paths
// ending in "/". HEAD is answered by the GET route when no HEAD route exists.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace nz::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void add(Method method, std::string pattern, Handler handler);
  void get(std::string pattern, Handler handler) { add(Method::kGet, std::move(pattern), std::move(handler)); }
  void post(std::string pattern, Handler handler) { add(Method::kPost, std::move(pattern), std::move(handler)); }
  void patch(std::string pattern, Handler handler) { add(Method::kPatch, std::move(pattern), std::move(handler)); }

  // Sets the handler for paths no route matches (e.g. the site's 404 page).
  void set_not_found(Handler handler) { not_found_ = std::move(handler); }
  // The same for unmatched paths that start with `prefix` (e.g. "/api/", whose 404 is JSON);
  // the longest matching prefix wins over set_not_found.
  void set_not_found(std::string prefix, Handler handler) {
    prefixed_not_found_.emplace_back(std::move(prefix), std::move(handler));
  }

  // Routes the request: fills request.params and calls the first matching route, in the order
  // added. A path that matches a route under another method answers 405 with Allow.
  Response dispatch(Request& request) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;
    bool trailing_slash;
    Handler handler;
  };
  bool match(const Route& route, const Request& request,
             std::map<std::string, std::string>& params) const;

  std::vector<Route> routes_;
  Handler not_found_;
  std::vector<std::pair<std::string, Handler>> prefixed_not_found_;
};

}  // namespace nz::http
