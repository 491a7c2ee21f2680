// The parts of sign-in that need no store: cookies, session lifetimes, login limits, forms.
// Sign-in end to end is tested against the real server (tests/integration/test_admin_auth.py).
#include <gtest/gtest.h>

#include "admin/accounts.h"
#include "admin/form.h"
#include "admin/login_limits.h"
#include "admin/session.h"
#include "admin/tokens.h"

namespace nz::admin {
namespace {

using std::chrono::seconds;

core::Timestamp at(int64_t s) { return core::Timestamp{seconds{s}}; }

http::Request with_headers(std::vector<std::pair<std::string, std::string>> headers) {
  http::Request request;
  request.headers = std::move(headers);
  return request;
}

TEST(CookieValue, FindsTheNamedCookieAmongOthersAndHeaders) {
  auto request = with_headers({{"cookie", "a=1; nz_session=abc ; b=2"}, {"cookie", "c=3"}});
  EXPECT_EQ(cookie_value(request, "nz_session"), "abc");
  EXPECT_EQ(cookie_value(request, "c"), "3");
  EXPECT_EQ(cookie_value(request, "nz"), std::nullopt);
  EXPECT_EQ(cookie_value(with_headers({}), "nz_session"), std::nullopt);
}

TEST(SetCookie, IsHttpOnlyStrictAndSecureUnlessSwitchedOff) {
  AdminSettings settings;
  EXPECT_EQ(set_cookie("nz_session", "v", "/", seconds{60}, settings),
            "nz_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
  settings.secure_cookies = false;
  EXPECT_EQ(set_cookie("nz_session", "", "/", seconds{0}, settings),
            "nz_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
}

TEST(SessionState, EndsAfterTheIdleLimitAndTheAbsoluteEnd) {
  AdminSettings settings{.session_idle = seconds{100}, .session_max = seconds{1000}};
  model::Session session{.created = at(0), .expires = at(1000), .last_seen = at(500)};
  EXPECT_EQ(session_state(session, at(599), settings), SessionState::kLive);
  EXPECT_EQ(session_state(session, at(600), settings), SessionState::kIdle);
  session.last_seen = at(990);
  EXPECT_EQ(session_state(session, at(999), settings), SessionState::kLive);
  EXPECT_EQ(session_state(session, at(1000), settings), SessionState::kEnded);
}

struct GateCase {
  const char* name;
  store::LoginFailureCounts counts;
  bool known_address;
  LoginGate gate;
  int64_t retry_after;
};

TEST(LoginGate, LocksAccountsAndAddressesForAtMostTheWindow) {
  const AdminSettings settings{.login_window = seconds{900}, .account_failures = 5,
                               .address_failures = 30};
  const core::Timestamp now = at(10'000);
  const GateCase cases[] = {
      {"no failures", {}, false, LoginGate::kOpen, 0},
      {"four failures", {.account = 4, .address = 4}, false, LoginGate::kOpen, 0},
      {"five failures lock until the oldest leaves",
       {.account = 5, .address = 5, .oldest_account_failure = at(9'500)}, false,
       LoginGate::kAccountLocked, 400},
      {"never longer than the window",
       {.account = 9, .address = 9, .oldest_account_failure = at(20'000)}, false,
       LoginGate::kAccountLocked, 900},
      {"a known address is not locked out",
       {.account = 9, .address = 0, .oldest_account_failure = at(9'500)}, true,
       LoginGate::kOpen, 0},
      {"an address with thirty failures waits",
       {.account = 0, .address = 30}, false, LoginGate::kAddressLimited, 900},
      {"even at a known address", {.account = 0, .address = 30}, true,
       LoginGate::kAddressLimited, 900},
  };
  for (const auto& c : cases) {
    GateDecision decision = login_gate(c.counts, c.known_address, now, settings);
    EXPECT_EQ(decision.gate, c.gate) << c.name;
    EXPECT_EQ(decision.retry_after.count(), c.retry_after) << c.name;
  }
}

TEST(ParseForm, DecodesFieldsAndKeepsTheFirstOfARepeatedName) {
  Form form = parse_form("email=a%40x.org&password=two+words%21&csrf=t&csrf=u&flag");
  EXPECT_EQ(field(form, "email"), "a@x.org");
  EXPECT_EQ(field(form, "password"), "two words!");
  EXPECT_EQ(field(form, "csrf"), "t");
  EXPECT_EQ(field(form, "flag"), "");
  EXPECT_EQ(field(form, "missing"), "");
}

TEST(FieldValues, GivesEveryValueOfARepeatedNameInOrder) {
  const std::string_view body = "id=3&action=approve&id=12&%69d=7&idx=9&id";
  EXPECT_EQ(field_values(body, "id"), (std::vector<std::string>{"3", "12", "7", ""}));
  EXPECT_EQ(field_values(body, "action"), (std::vector<std::string>{"approve"}));
  EXPECT_TRUE(field_values(body, "missing").empty());
  EXPECT_TRUE(field_values("", "id").empty());
}

TEST(SameOrigin, AcceptsOnlyThisHostOrNoOrigin) {
  EXPECT_TRUE(same_origin(with_headers({{"host", "127.0.0.1:8080"}})));
  EXPECT_TRUE(same_origin(
      with_headers({{"host", "News.Example.org"}, {"origin", "https://news.example.org"}})));
  EXPECT_FALSE(same_origin(
      with_headers({{"host", "news.example.org"}, {"origin", "https://evil.example"}})));
  EXPECT_FALSE(same_origin(
      with_headers({{"host", "news.example.org"}, {"origin", "https://news.example.org:444"}})));
  EXPECT_FALSE(same_origin(with_headers({{"host", "news.example.org"}, {"origin", "null"}})));
}

TEST(CsrfMatches, NeedsTheSameNonEmptyToken) {
  EXPECT_TRUE(csrf_matches(parse_form("csrf=abc"), "abc"));
  EXPECT_FALSE(csrf_matches(parse_form("csrf=abd"), "abc"));
  EXPECT_FALSE(csrf_matches(parse_form("other=abc"), "abc"));
  EXPECT_FALSE(csrf_matches(parse_form("csrf="), ""));
}

TEST(NormalizeEmail, TrimsAndLowercases) {
  EXPECT_EQ(normalize_email("  Editor@Example.ORG "), "editor@example.org");
}

TEST(UserJson, RecordsTheUserButNeverTheHash) {
  model::User user{.id = 3, .email = "p@x.org", .role = model::Role::kPartner,
                   .partner_id = 7, .password_hash = "$argon2id$secret"};
  std::string json = user_json(user);
  EXPECT_EQ(json, R"({"id":3,"email":"p@x.org","role":"partner","partner_id":7,)"
                  R"("disabled":false})");
  EXPECT_EQ(json.find("argon2id"), std::string::npos);
}

TEST(TokenJson, RecordsTheDisplayFormButNeverTheTokenOrItsHash) {
  model::ApiToken token{.id = 7,
                        .partner_id = 2,
                        .name = "CMS",
                        .prefix = "nzp_AbCd1234",
                        .hash = "0123abcd",
                        .created = at(1'700'000'000)};
  EXPECT_EQ(token_json(token),
            R"({"id":7,"partner_id":2,"user_id":null,"name":"CMS","display":"nzp_AbCd1234",)"
            R"("created":"2023-11-14T22:13:20Z","revoked":null})");
  token.revoked = at(1'700'000'060);
  EXPECT_NE(token_json(token).find(R"("revoked":"2023-11-14T22:14:20Z")"), std::string::npos);
  EXPECT_EQ(token_json(token).find("0123abcd"), std::string::npos);
  // An editor's token (issue 8) names its user instead.
  token.partner_id.reset();
  token.user_id = 5;
  EXPECT_NE(token_json(token).find(R"("partner_id":null,"user_id":5,)"), std::string::npos);
  EXPECT_EQ(token_json(token).find("0123abcd"), std::string::npos);
}

}  // namespace
}  // namespace nz::admin
