#include "http/router.h"

#include <gtest/gtest.h>

namespace nz::http {
namespace {

Request make(Method method, std::string path) {
  Request r;
  r.method = method;
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

Handler says(std::string what) {
  return [what](Request&) { return Response::text(200, what); };
}

TEST(RouterTest, MatchesLiteralAndParamSegments) {
  Router router;
  router.get("/", says("home"));
  router.get("/zones/{zone}/entries/{id}", [](Request& r) {
    return Response::text(200, r.param("zone") + "|" + r.param("id"));
  });
  Request home = make(Method::kGet, "/");
  EXPECT_EQ(router.dispatch(home).body, "home");
  Request entry = make(Method::kGet, "/zones/china/entries/42");
  auto response = router.dispatch(entry);
  EXPECT_EQ(response.body, "china|42");
  EXPECT_EQ(entry.params.at("zone"), "china");
}

TEST(RouterTest, TrailingSlashMustAgree) {
  Router router;
  router.get("/zones/{zone}/", says("zone page"));
  router.get("/about", says("about"));
  Request slash = make(Method::kGet, "/zones/china/");
  EXPECT_EQ(router.dispatch(slash).body, "zone page");
  Request no_slash = make(Method::kGet, "/zones/china");
  EXPECT_EQ(router.dispatch(no_slash).status, 404);
  Request about_slash = make(Method::kGet, "/about/");
  EXPECT_EQ(router.dispatch(about_slash).status, 404);
}

TEST(RouterTest, ParamDoesNotMatchEmptySegment) {
  Router router;
  router.get("/a/{x}/b", says("x"));
  Request r = make(Method::kGet, "/a//b");
  EXPECT_EQ(router.dispatch(r).status, 404);
}

TEST(RouterTest, FirstRouteAddedWins) {
  Router router;
  router.get("/zones/new", says("literal"));
  router.get("/zones/{zone}", says("param"));
  Request r = make(Method::kGet, "/zones/new");
  EXPECT_EQ(router.dispatch(r).body, "literal");
}

TEST(RouterTest, OtherMethodGives405WithAllow) {
  Router router;
  router.get("/items", says("list"));
  router.post("/items", says("created"));
  Request r = make(Method::kDelete, "/items");
  auto response = router.dispatch(r);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "GET, HEAD, POST");
}

TEST(RouterTest, HeadFallsBackToGetButPrefersHeadRoute) {
  Router router;
  router.get("/a", says("get a"));
  router.get("/b", says("get b"));
  router.add(Method::kHead, "/b", says("head b"));
  Request a = make(Method::kHead, "/a");
  EXPECT_EQ(router.dispatch(a).body, "get a");
  Request b = make(Method::kHead, "/b");
  EXPECT_EQ(router.dispatch(b).body, "head b");
}

TEST(RouterTest, NotFoundHandlerAndDefault) {
  Router router;
  Request r = make(Method::kGet, "/nowhere");
  auto plain = router.dispatch(r);
  EXPECT_EQ(plain.status, 404);
  router.set_not_found([](Request& req) { return Response::html(404, "<h1>" + req.path + "</h1>"); });
  EXPECT_EQ(router.dispatch(r).body, "<h1>/nowhere</h1>");
}

TEST(RouterTest, ALongerNotFoundPrefixWins) {
  Router router;
  router.set_not_found([](Request&) { return Response::html(404, "site"); });
  router.set_not_found("/api/", [](Request&) { return Response::json(404, "api"); });
  router.set_not_found("/api/v2/", [](Request&) { return Response::json(404, "v2"); });
  auto body_for = [&](std::string path) {
    Request r;
    r.path = path;
    return router.dispatch(r).body;
  };
  EXPECT_EQ(body_for("/nowhere"), "site");
  EXPECT_EQ(body_for("/api/v1/nothing"), "api");
  EXPECT_EQ(body_for("/api/v2/x"), "v2");
  EXPECT_EQ(body_for("/apiary"), "site");
}

}  // namespace
}  // namespace nz::http
