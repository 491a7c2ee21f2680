#include "ingest/poller.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include "fetch/test_server.h"
#include "store/sqlite/sqlite_store.h"

namespace nz::ingest {
namespace {

using fetch::testing::Reply;
using fetch::testing::SeenRequest;
using fetch::testing::TestServer;
using std::chrono::seconds;

std::string feed(const std::string& guid, const std::string& title) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>PDO</title>"
         "<item><guid>" + guid + "</guid><title>" + title + "</title>"
         "<description>Text of " + title + "</description></item></channel></rss>";
}

class PollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("nz_poller_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::SqliteStore::open(
        {.path = (dir_ / "newszone.db").string(), .clock = &clock_});
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    auto partner = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
    auto zone = store_->add_section({.slug = "zone", .title = "Zone",
                                     .kind = model::SectionKind::kPartnerZone,
                                     .partner_id = partner->id});
    ASSERT_TRUE(zone) << zone.error().message;
    zone_ = *zone;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  model::Source add_source(const std::string& url) {
    auto source = store_->add_source(zone_.id, {.url = url});
    EXPECT_TRUE(source) << source.error().message;
    return *source;
  }

  Poller poller(PollerOptions options = {}) {
    options.host_spacing = std::chrono::milliseconds(0);
    return Poller(*store_, clock_, options, [this](bool failure, const std::string& line) {
      std::lock_guard lock(log_mutex_);
      log_.push_back((failure ? "FAIL " : "") + line);
    });
  }

  model::Source reload(model::SourceId id) { return *store_->find_source(id); }

  core::FakeClock clock_{core::Timestamp{seconds{1'800'000'000}}};
  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  model::Section zone_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

TEST_F(PollerTest, IngestsADueSourceThenSendsAConditionalGetAndGets304) {
  TestServer server([](const SeenRequest& request) {
    if (request.header("if-none-match") == "\"v1\"") return Reply{.status = 304};
    return Reply{.headers = {{"ETag", "\"v1\""}, {"Content-Type", "application/rss+xml"}},
                 .body = feed("g1", "Polled story")};
  });
  auto source = add_source(server.url("/feed.xml"));
  auto p = poller();
  auto first = p.poll_due();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].result.kind, PollResult::Kind::kIngested) << first[0].result.error;
  EXPECT_EQ(first[0].ingest->counts.created, 1);
  EXPECT_EQ(store_->list_section_articles(zone_.id, {})->total, 1);
  auto after = reload(source.id);
  EXPECT_EQ(after.state.etag, "\"v1\"");
  EXPECT_EQ(after.state.last_success, clock_.now());
  EXPECT_GE(after.state.next_poll, clock_.now() + std::chrono::minutes(10));
  EXPECT_TRUE(p.poll_due().empty());  // not due again yet

  clock_.advance(std::chrono::minutes(12));
  auto second = p.poll_due();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].result.kind, PollResult::Kind::kNotModified);
  EXPECT_EQ(server.requests().back().header("user-agent"), "newszone/0.1 (feed poller)");
  // The delivery log holds the one document received.
  EXPECT_EQ(store_->list_deliveries({.source = source.id})->size(), 1u);
}

TEST_F(PollerTest, APermanentRedirectUpdatesTheSourceAndATemporaryOneDoesNot) {
  TestServer server([](const SeenRequest& request) {
    if (request.target == "/old.xml") return Reply::redirect(301, "/new.xml");
    if (request.target == "/moving.xml") return Reply::redirect(302, "/new.xml");
    return Reply{.body = feed("g1", "Story")};
  });
  auto moved = add_source(server.url("/old.xml"));
  auto p = poller();
  auto report = p.poll_now(moved);
  EXPECT_EQ(report.moved_to, server.url("/new.xml"));
  EXPECT_EQ(reload(moved.id).settings.url, server.url("/new.xml"));

  auto temporary = add_source(server.url("/moving.xml"));
  auto again = p.poll_now(temporary);
  EXPECT_EQ(again.result.kind, PollResult::Kind::kIngested);
  EXPECT_FALSE(again.moved_to);
  EXPECT_EQ(reload(temporary.id).settings.url, server.url("/moving.xml"));
}

TEST_F(PollerTest, GoneStopsPollingAndFailuresAreRecordedAndLogged) {
  TestServer server([](const SeenRequest& request) {
    if (request.target == "/gone.xml") return Reply{.status = 410};
    if (request.target == "/busy.xml") {
      return Reply{.status = 503, .headers = {{"Retry-After", "7200"}}};
    }
    return Reply{.status = 200, .body = "<html><body>Not a feed</body></html>"};
  });
  auto gone = add_source(server.url("/gone.xml"));
  auto busy = add_source(server.url("/busy.xml"));
  auto html = add_source(server.url("/page.html"));
  auto p = poller();
  auto reports = p.poll_due();
  ASSERT_EQ(reports.size(), 1u);  // one per host per round: all three share 127.0.0.1
  reports = p.poll_due();
  ASSERT_EQ(reports.size(), 1u);
  reports = p.poll_due();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(p.poll_due().empty());

  EXPECT_TRUE(reload(gone.id).state.gone);
  auto busy_state = reload(busy.id).state;
  EXPECT_EQ(busy_state.consecutive_failures, 1);
  EXPECT_NE(busy_state.last_error.find("HTTP 503"), std::string::npos) << busy_state.last_error;
  EXPECT_GE(busy_state.next_poll, clock_.now() + std::chrono::hours(2));  // Retry-After
  auto html_state = reload(html.id).state;
  EXPECT_NE(html_state.last_error.find("not a feed"), std::string::npos) << html_state.last_error;
  EXPECT_EQ(store_->count_articles().value(), 0);

  clock_.advance(std::chrono::hours(24 * 30));
  for (const auto& r : p.poll_due()) EXPECT_NE(r.source_id, gone.id);  // never again
  std::lock_guard lock(log_mutex_);
  int failures = 0;
  for (const auto& line : log_) failures += line.starts_with("FAIL ");
  EXPECT_GE(failures, 3);
}

TEST_F(PollerTest, SlowAndOversizedResponsesFailWithTheLimitNamed) {
  TestServer server([](const SeenRequest& request) {
    if (request.target == "/slow.xml") {
      return Reply{.body = feed("g", "Slow"), .stall_after = 10};
    }
    return Reply{.body = std::string(4096, 'x')};
  });
  auto slow = add_source(server.url("/slow.xml"));
  auto big = add_source(server.url("/big.xml"));
  auto p = poller({.timeout = std::chrono::milliseconds(300), .max_body_bytes = 1024});
  auto slow_report = p.poll_now(slow);
  EXPECT_EQ(slow_report.result.kind, PollResult::Kind::kFailed);
  EXPECT_NE(slow_report.result.error.find("timed out after 300 ms"), std::string::npos)
      << slow_report.result.error;
  auto big_report = p.poll_now(big);
  EXPECT_NE(big_report.result.error.find("larger than 1 KiB"), std::string::npos)
      << big_report.result.error;
}

TEST_F(PollerTest, ASourcesUserAgentAndExtraHeadersAreSent) {
  TestServer server([](const SeenRequest&) {
    return Reply{.body = feed("same-guid-every-time", "Story one")};
  });
  auto source = add_source(server.url("/feed.xml"));
  model::SourceSettings settings = source.settings;
  settings.headers = {{"X-Api-Key", "secret"}};
  settings.user_agent = "HelsinkiTimes/1.0";
  ASSERT_TRUE(store_->set_source_settings(source.id, settings));
  auto p = poller();
  p.poll_now(reload(source.id));
  auto seen = server.requests().back();
  EXPECT_EQ(seen.header("x-api-key"), "secret");
  EXPECT_EQ(seen.header("user-agent"), "HelsinkiTimes/1.0");
}

TEST_F(PollerTest, AFeedNamingAHubGetsASubscriptionRequestOnce) {
  std::string hub_url;
  TestServer server([&hub_url](const SeenRequest& request) {
    if (request.target == "/hub") return Reply{.status = 202};
    return Reply{.body = "<?xml version=\"1.0\"?><rss version=\"2.0\" "
                         "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>P</title>"
                         "<atom:link rel=\"hub\" href=\"" + hub_url + "\"/>"
                         "<item><guid>g</guid><title>T</title></item></channel></rss>"};
  });
  hub_url = server.url("/hub");
  auto source = add_source(server.url("/feed.xml"));
  PollerOptions options{.callback_base = "https://www.example.org/"};
  options.host_spacing = std::chrono::milliseconds(0);
  Poller p(*store_, clock_, options, [](bool, const std::string&) {});
  auto report = p.poll_now(source);
  ASSERT_TRUE(report.websub);
  EXPECT_EQ(report.websub->state, model::WebSub::State::kRequested);
  auto stored = reload(source.id).websub;
  EXPECT_EQ(stored.hub, hub_url);
  EXPECT_EQ(stored.topic, server.url("/feed.xml"));  // no self link: the URL polled
  EXPECT_EQ(stored.secret.size(), 64u);
  auto hub_requests = [&] {
    int n = 0;
    for (const auto& r : server.requests()) {
      if (r.target == "/hub") {
        ++n;
        EXPECT_EQ(r.method, "POST");
        EXPECT_EQ(r.header("content-type"), "application/x-www-form-urlencoded");
      }
    }
    return n;
  };
  EXPECT_EQ(hub_requests(), 1);
  // While the hub verifies, polling goes on without asking again.
  p.poll_now(reload(source.id));
  EXPECT_EQ(hub_requests(), 1);
}

}  // namespace
}  // namespace nz::ingest
