#include "app/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace nz::app {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

class ConfigTest : public ::testing::Test {
 protected:
  std::string write_config(const std::string& text) {
    auto path = std::filesystem::temp_directory_path() /
                ("nz_config_test_" +
                 std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                 ".toml");
    std::ofstream(path) << text;
    paths_.push_back(path);
    return path.string();
  }
  void TearDown() override {
    for (const auto& p : paths_) std::filesystem::remove(p);
  }
  std::vector<std::filesystem::path> paths_;
};

TEST_F(ConfigTest, DefaultsNeedNoConfiguration) {
  auto config = load_config({}, env_of({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->data_dir, "./data");
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->threads, 0);
  EXPECT_TRUE(config->steer_by_cpu);
}

TEST_F(ConfigTest, SteeringByCpuCanBeTurnedOff) {
  std::string file = write_config("[server]\nsteer_by_cpu = false\n");
  auto from_file = load_config({.config_file = file}, env_of({}));
  ASSERT_TRUE(from_file) << from_file.error().message;
  EXPECT_FALSE(from_file->steer_by_cpu);
  auto from_env = load_config({}, env_of({{"NEWSZONE_STEER_BY_CPU", "false"}}));
  ASSERT_TRUE(from_env) << from_env.error().message;
  EXPECT_FALSE(from_env->steer_by_cpu);
  auto bad = load_config({}, env_of({{"NEWSZONE_STEER_BY_CPU", "sometimes"}}));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("NEWSZONE_STEER_BY_CPU"), std::string::npos);
}

TEST_F(ConfigTest, FileThenEnvironmentThenFlagsEachOverride) {
  std::string file = write_config(
      "data_dir = \"/from/file\"\n[server]\nlisten = \"127.0.0.1:1111\"\nthreads = 3\n"
      "idle_timeout = 7\n[log]\nlevel = \"warn\"\n");
  // File alone.
  auto from_file = load_config({.config_file = file}, env_of({}));
  ASSERT_TRUE(from_file) << from_file.error().message;
  EXPECT_EQ(from_file->data_dir, "/from/file");
  EXPECT_EQ(from_file->listen, "127.0.0.1:1111");
  EXPECT_EQ(from_file->threads, 3);
  EXPECT_EQ(from_file->idle_timeout, 7);
  EXPECT_EQ(from_file->log_level, "warn");

  // The environment beats the file.
  auto env = env_of({{"NEWSZONE_LISTEN", "127.0.0.1:2222"}, {"NEWSZONE_DATA_DIR", "/from/env"}});
  auto from_env = load_config({.config_file = file}, env);
  ASSERT_TRUE(from_env);
  EXPECT_EQ(from_env->listen, "127.0.0.1:2222");
  EXPECT_EQ(from_env->data_dir, "/from/env");
  EXPECT_EQ(from_env->threads, 3);  // untouched by env: still the file's

  // Flags beat both.
  auto from_flags = load_config(
      {.config_file = file, .data_dir = "/from/flag", .listen = "127.0.0.1:3333"}, env);
  ASSERT_TRUE(from_flags);
  EXPECT_EQ(from_flags->listen, "127.0.0.1:3333");
  EXPECT_EQ(from_flags->data_dir, "/from/flag");
}

TEST_F(ConfigTest, ConfigFileMayComeFromTheEnvironment) {
  std::string file = write_config("data_dir = \"/x\"\n");
  auto config = load_config({}, env_of({{"NEWSZONE_CONFIG", file}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->data_dir, "/x");
}

TEST_F(ConfigTest, UnknownKeyIsAnErrorNamingIt) {
  std::string file = write_config("[server]\nlisen = \"127.0.0.1:1\"\n");
  auto config = load_config({.config_file = file}, env_of({}));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(config.error().message.find("server.lisen"), std::string::npos)
      << config.error().message;
}

TEST_F(ConfigTest, BadValuesAreErrorsNamingTheirSource) {
  std::string file = write_config("[server]\nthreads = \"many\"\n");
  auto config = load_config({.config_file = file}, env_of({}));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("server.threads"), std::string::npos);

  auto env = load_config({}, env_of({{"NEWSZONE_THREADS", "-1"}}));
  ASSERT_FALSE(env);
  EXPECT_NE(env.error().message.find("NEWSZONE_THREADS"), std::string::npos);

  auto flag = load_config({.listen = "nonsense"}, env_of({}));
  ASSERT_FALSE(flag);
  EXPECT_NE(flag.error().message.find("--listen"), std::string::npos);

  auto level = load_config({}, env_of({{"NEWSZONE_LOG_LEVEL", "loud"}}));
  ASSERT_FALSE(level);
}

TEST_F(ConfigTest, SitemapUrlsPerFileIsOneToTheProtocolsFiftyThousand) {
  EXPECT_EQ(load_config({}, env_of({}))->sitemap_urls_per_file, 50000);
  std::string file = write_config("[sitemap]\nurls_per_file = 1000\n");
  EXPECT_EQ(load_config({.config_file = file}, env_of({}))->sitemap_urls_per_file, 1000);
  EXPECT_EQ(load_config({}, env_of({{"NEWSZONE_SITEMAP_URLS_PER_FILE", "2"}}))
                ->sitemap_urls_per_file,
            2);
  for (const char* bad : {"0", "50001", "many"}) {
    auto config = load_config({}, env_of({{"NEWSZONE_SITEMAP_URLS_PER_FILE", bad}}));
    ASSERT_FALSE(config) << bad;
    EXPECT_NE(config.error().message.find("NEWSZONE_SITEMAP_URLS_PER_FILE"), std::string::npos);
  }
}

TEST_F(ConfigTest, EveryDocumentedTableIsKnownInTheFile) {
  std::string file = write_config(
      "data_dir = \"d\"\n[server]\nthreads = 2\n[poller]\nenabled = false\n"
      "user_agent = \"ua\"\n[theme]\ndir = \"t\"\n[sitemap]\nurls_per_file = 10\n"
      "[log]\nlevel = \"warn\"\n");
  auto config = load_config({.config_file = file}, env_of({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FALSE(config->poller_enabled);
  EXPECT_EQ(config->poller_user_agent, "ua");
  EXPECT_EQ(config->sitemap_urls_per_file, 10);
  EXPECT_EQ(config->log_level, "warn");

  std::string typo = write_config("[pollers]\nenabled = false\n");
  auto rejected = load_config({.config_file = typo}, env_of({}));
  ASSERT_FALSE(rejected);
  EXPECT_NE(rejected.error().message.find("pollers"), std::string::npos);
}

TEST_F(ConfigTest, MalformedTomlIsAnErrorWithTheLine) {
  std::string file = write_config("data_dir = \"x\"\n[server\n");
  auto config = load_config({.config_file = file}, env_of({}));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(config.error().message.find(":2:"), std::string::npos) << config.error().message;
}

TEST_F(ConfigTest, MissingFileIsUnavailable) {
  auto config = load_config({.config_file = "/nonexistent/newszone.toml"}, env_of({}));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kUnavailable);
}

TEST_F(ConfigTest, PollerAndFeedsTablesAreRead) {
  std::string file = write_config(
      "[poller]\nenabled = false\n[feeds]\nfull_content = false\n"
      "include_partner_content = true\nitems = 20\nwebsub_hub = \"https://hub.example/\"\n");
  auto config = load_config({.config_file = file}, env_of({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FALSE(config->poller_enabled);
  EXPECT_FALSE(config->feeds_full_content);
  EXPECT_TRUE(config->feeds_include_partner_content);
  EXPECT_EQ(config->feed_items, 20);
  EXPECT_EQ(config->websub_hub, "https://hub.example/");
  auto bad = load_config({}, env_of({{"NEWSZONE_WEBSUB_HUB", "ftp://hub"}}));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("NEWSZONE_WEBSUB_HUB"), std::string::npos);
}

TEST_F(ConfigTest, AdminSessionsAreSecureByDefaultAndTheirLimitsConfigurable) {
  auto defaults = load_config({}, env_of({}));
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_TRUE(defaults->admin_secure_cookies);
  EXPECT_EQ(defaults->admin_session_idle_seconds, 12 * 3600);
  EXPECT_EQ(defaults->admin_login_account_failures, 5);
  std::string file = write_config(
      "[admin]\nsecure_cookies = false\nlogin_window_seconds = 60\n"
      "login_account_failures = 3\n");
  auto config = load_config({.config_file = file},
                            env_of({{"NEWSZONE_ADMIN_SESSION_MAX_SECONDS", "3600"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FALSE(config->admin_secure_cookies);
  EXPECT_EQ(config->admin_login_window_seconds, 60);
  EXPECT_EQ(config->admin_login_account_failures, 3);
  EXPECT_EQ(config->admin_session_max_seconds, 3600);
  // A lock lasts no longer than the window, so the window is bounded.
  EXPECT_FALSE(load_config({}, env_of({{"NEWSZONE_ADMIN_LOGIN_WINDOW_SECONDS", "999999"}})));
}

TEST_F(ConfigTest, ResetLinksLastAnHourUnlessSetAndNeverMoreThanADay) {
  auto defaults = load_config({}, env_of({}));
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->admin_reset_link_seconds, 3600);
  auto config = load_config({}, env_of({{"NEWSZONE_ADMIN_RESET_LINK_SECONDS", "600"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->admin_reset_link_seconds, 600);
  EXPECT_FALSE(load_config({}, env_of({{"NEWSZONE_ADMIN_RESET_LINK_SECONDS", "172800"}})));
}

TEST(ListenAddressTest, ParsesHostAndPort) {
  auto v4 = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:99999", "::1:80", "h:x"}) {
    EXPECT_FALSE(parse_listen_address(bad)) << bad;
  }
}

}  // namespace
}  // namespace nz::app
