// Config: how one newszone process runs. Read from a TOML file, then NEWSZONE_* environment
// variables, then command-line flags, each overriding the one before. Every field works with
// its default, so `newszone serve` needs no configuration at all.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"

namespace nz::app {

struct Config {
  // Folder holding the database (newszone.db); created when missing.  TOML: data_dir,
  // env NEWSZONE_DATA_DIR, flag --data.
  std::string data_dir = "./data";
  // "HOST:PORT" to listen on; port 0 picks a free one.  [server] listen, NEWSZONE_LISTEN,
  // --listen.
  std::string listen = "127.0.0.1:8080";
  // Worker threads; 0 means one per core.  [server] threads, NEWSZONE_THREADS, --threads.
  int threads = 0;
  // Largest request body accepted (413 beyond).  [server] max_body_bytes, NEWSZONE_MAX_BODY_BYTES.
  int64_t max_body_bytes = 1024 * 1024;
  // Largest request body accepted under /api/ (partners push batches).
  // [server] max_api_body_bytes, NEWSZONE_MAX_API_BODY_BYTES.
  int64_t max_api_body_bytes = 16 * 1024 * 1024;
  // Whether `serve` polls the sources (`newszone source add`).  [poller] enabled,
  // NEWSZONE_POLLER ("true"/"false").
  bool poller_enabled = true;
  // The User-Agent the poller sends unless a source sets its own.  [poller] user_agent,
  // NEWSZONE_POLLER_USER_AGENT.
  std::string poller_user_agent = "newszone/0.1 (feed poller)";
  // Seconds a client has to send a whole request.  [server] read_timeout, NEWSZONE_READ_TIMEOUT.
  int read_timeout = 10;
  // Seconds an idle keep-alive connection stays open.  [server] idle_timeout,
  // NEWSZONE_IDLE_TIMEOUT.
  int idle_timeout = 30;
  // One line per request on stdout.  [server] access_log, NEWSZONE_ACCESS_LOG.
  bool access_log = true;
  // A connection goes to the worker of the CPU that received it (http::ServerConfig).
  // [server] steer_by_cpu, NEWSZONE_STEER_BY_CPU.
  bool steer_by_cpu = true;
  // Theme folder; empty means ./themes/default, else the one beside the source tree.
  // [theme] dir, NEWSZONE_THEME_DIR.
  std::string theme_dir;
  // URLs per monthly sitemap file (/sitemaps/YYYY-MM.xml); a month with more is split into
  // parts. 1..50,000, the sitemaps protocol's limit.  [sitemap] urls_per_file,
  // NEWSZONE_SITEMAP_URLS_PER_FILE.
  int64_t sitemap_urls_per_file = 50000;
  // trace, debug, info, warn, error.  [log] level, NEWSZONE_LOG_LEVEL.
  std::string log_level = "info";
  // Feeds carry whole articles (true) or summaries.  [feeds] full_content,
  // NEWSZONE_FEEDS_FULL_CONTENT.
  bool feeds_full_content = true;
  // Whether the site-wide feeds carry partner zones' articles too (each labelled).
  // [feeds] include_partner_content, NEWSZONE_FEEDS_INCLUDE_PARTNER_CONTENT.
  bool feeds_include_partner_content = false;
  // Items in each feed, newest first.  [feeds] items, NEWSZONE_FEEDS_ITEMS.
  int feed_items = 50;
  // A WebSub hub (https://...) named in every feed and pinged on every change; empty: none.
  // [feeds] websub_hub, NEWSZONE_WEBSUB_HUB.
  std::string websub_hub;
  // The CDN's purge endpoint (app/cdn_purger.h); empty: no purges.  [cdn] purge_url,
  // NEWSZONE_CDN_PURGE_URL.
  std::string cdn_purge_url;
  // One "Name: value" header with the CDN's credentials.  [cdn] purge_header,
  // NEWSZONE_CDN_PURGE_HEADER.
  std::string cdn_purge_header;
  // Bytes of rendered pages kept in memory (cache/page_cache.h), least recently used out
  // first; 0 renders every page every time.  [cache] max_bytes, NEWSZONE_CACHE_MAX_BYTES.
  int64_t cache_max_bytes = int64_t{256} << 20;
  // Cache-Control per kind of page, replacing cache::CachePolicy::defaults() for the kinds set:
  // home, section, topic, article, feed, sitemap, robots, default.  [cache.control] article =
  // "...", NEWSZONE_CACHE_CONTROL_ARTICLE and so on.
  std::map<std::string, std::string> cache_control;
  // The admin's session cookie carries Secure (sent over https only). Switch off only to use
  // the admin over plain http, e.g. on 127.0.0.1.  [admin] secure_cookies,
  // NEWSZONE_ADMIN_SECURE_COOKIES.
  bool admin_secure_cookies = true;
  // A signed-in session ends after this many seconds without a request (default 12 h) and
  // this many after sign-in whatever the activity (default 7 days).  [admin]
  // session_idle_seconds, session_max_seconds; NEWSZONE_ADMIN_SESSION_IDLE_SECONDS, ..._MAX_...
  int64_t admin_session_idle_seconds = 12 * 3600;
  int64_t admin_session_max_seconds = 7 * 24 * 3600;
  // Failed sign-ins are counted over this many seconds (default 15 min): an account with
  // login_account_failures (5) is refused for the rest of the window, an address with
  // login_address_failures (30) gets 429.  [admin] login_window_seconds,
  // login_account_failures, login_address_failures; NEWSZONE_ADMIN_LOGIN_...
  int64_t admin_login_window_seconds = 15 * 60;
  int admin_login_account_failures = 5;
  int admin_login_address_failures = 30;
  // A password reset link (made on /admin/users or with `newszone user reset-link`) works
  // for this many seconds (default 1 h).  [admin] reset_link_seconds,
  // NEWSZONE_ADMIN_RESET_LINK_SECONDS.
  int64_t admin_reset_link_seconds = 3600;
};

// Flags given on the command line; unset ones leave the config alone.
struct ConfigFlags {
  std::optional<std::string> config_file;  // --config
  std::optional<std::string> data_dir;     // --data
  std::optional<std::string> listen;       // --listen
  std::optional<int> threads;              // --threads
};

// Reads an environment variable; returns nullopt when unset. (Tests pass a map.)
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_environment();

// Builds the config: defaults, then the TOML file (flags.config_file, else NEWSZONE_CONFIG;
// none when neither is set), then the environment, then the flags. Fails with kInvalidInput and
// a one-line message naming the file, key or variable on an unknown key, a wrong type or an
// out-of-range value; kUnavailable when the named file cannot be read.
Result<Config> load_config(const ConfigFlags& flags, const EnvLookup& env);

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
// "127.0.0.1:8080", "[::1]:8080", "localhost:0". kInvalidInput otherwise.
Result<ListenAddress> parse_listen_address(const std::string& text);

}  // namespace nz::app
