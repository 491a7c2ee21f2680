#include "app/serve.h"

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include "admin/admin.h"
#include "api/api.h"
#include "app/cdn_purger.h"
#include "app/demo_site.h"
#include "app/hub_notifier.h"
#include "app/open_store.h"
#include "app/page_cache_freshness.h"
#include "cache/caching_handler.h"
#include "cache/page_cache.h"
#include "http/router.h"
#include "ingest/poller.h"
#include "http/server.h"
#include "render/renderer.h"
#include "search/indexer.h"
#include "search/search_index.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/services.h"
#include "web/static_files.h"

namespace nz::app {

std::string resolve_theme_dir(const Config& config) {
  if (!config.theme_dir.empty()) return config.theme_dir;
  std::error_code ec;
  if (std::filesystem::is_directory("themes/default", ec)) return "themes/default";
  return NZ_DEFAULT_THEME_DIR;
}

namespace {

// GETs and HEADs of the reader's site, which only read.
bool reader_page(const http::Request& request) {
  if (request.method != http::Method::kGet && request.method != http::Method::kHead) {
    return false;
  }
  for (std::string_view prefix : {"/admin", "/partner", "/api/", "/websub/"}) {
    if (request.path.starts_with(prefix)) return false;
  }
  return true;
}

// Keeps the search index in step with the store until stopped: every second it applies what
// changed (search::catch_up) and moves to a generation `newszone reindex` built. A failure is
// logged once, with the recovery, not every second.
void follow_store(search::SearchIndex& index, const search::IndexerSources& sources,
                  std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::string last_error;
  bool first = true;
  while (!stop.stop_requested()) {
    auto moved = index.follow_current();
    auto applied = moved ? search::catch_up(index, sources, [&](int64_t n) {
      if (first && n % 10000 == 0) spdlog::info("search index: {} changes applied", n);
    }) : Result<int64_t>(moved.error());
    if (moved && *moved) spdlog::info("search index: now using {}", index.generation_dir());
    if (!applied) {
      if (applied.error().message != last_error) {
        last_error = applied.error().message;
        spdlog::warn("search index is behind: {} (retrying every second)", last_error);
      }
    } else {
      if (!last_error.empty()) spdlog::info("search index caught up again");
      last_error.clear();
      if (first) {
        spdlog::info("search index ready: {} articles, {} changes applied at start",
                     index.document_count(), *applied);
      }
      first = false;
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
  }
}

}  // namespace

int serve(const Config& config, const ServeOptions& options) {
  auto fail = [](const Error& error) {
    spdlog::error("{}", error.message);
    return 1;
  };
  auto address = parse_listen_address(config.listen);
  if (!address) return fail(address.error().with_context("--listen"));

  core::SystemClock clock;
  auto store = open_store(config, clock);
  if (!store) return fail(store.error());
  if (options.demo) {
    auto seeded = seed_demo_site(**store, clock);
    if (!seeded) return fail(seeded.error().with_context("demo site"));
    if (*seeded) spdlog::info("demo site written to {}", config.data_dir);
  }

  std::string theme_dir = resolve_theme_dir(config);
  auto renderer = render::Renderer::load(theme_dir);
  if (!renderer) return fail(renderer.error());
  auto static_files = web::StaticFiles::load(std::filesystem::path(theme_dir) / "static");
  if (!static_files) return fail(static_files.error());

  // The search index lives beside the database and follows the store (search/indexer.h).
  // A server without one still serves every other page; /search then answers 503.
  // An unreadable index is set aside for a fresh generation, which the indexer fills.
  std::unique_ptr<search::SearchIndex> search_index;
  const std::string search_dir = (std::filesystem::path(config.data_dir) / "search").string();
  auto opened = search::SearchIndex::open(search_dir);
  if (!opened && opened.error().code == ErrorCode::kCorrupt) {
    spdlog::warn("search index unreadable ({}); building a new one from the store",
                 opened.error().message);
    auto gen = search::new_generation(search_dir);
    if (gen && search::switch_current(search_dir, *gen)) {
      opened = search::SearchIndex::open(search_dir);
    }
  }
  if (opened) {
    search_index = std::move(*opened);
  } else {
    spdlog::error("search is off: {}", opened.error().message);
  }

  web::PageContextCache context_cache([&store] { return (*store)->commit_token(); });
  web::SiteServices services{.site = **store,
                             .partners = **store,
                             .sections = **store,
                             .topics = **store,
                             .articles = **store,
                             .renderer = **renderer,
                             .clock = clock,
                             .static_files = *static_files,
                             .search = search_index.get(),
                             .sitemap_urls_per_file = config.sitemap_urls_per_file,
                             .feeds = {.full_content = config.feeds_full_content,
                                       .include_partner_content =
                                           config.feeds_include_partner_content,
                                       .items = config.feed_items,
                                       .websub_hub = config.websub_hub},
                             .context_cache = &context_cache};
  api::ApiServices api_services{.store = **store, .clock = clock};
  admin::AdminServices admin_services{
      .store = **store,
      .site = services,
      .settings = {
          .secure_cookies = config.admin_secure_cookies,
          .session_idle = std::chrono::seconds(config.admin_session_idle_seconds),
          .session_max = std::chrono::seconds(config.admin_session_max_seconds),
          .login_window = std::chrono::seconds(config.admin_login_window_seconds),
          .account_failures = config.admin_login_account_failures,
          .address_failures = config.admin_login_address_failures,
          .reset_link_life = std::chrono::seconds(config.admin_reset_link_seconds)}};
  if (!config.admin_secure_cookies) {
    spdlog::warn("admin session cookies are sent without Secure ([admin] secure_cookies): "
                 "use this only over plain http on a trusted network");
  }
  http::Router router;
  api::add_api_routes(router, api_services);
  // Before the site's routes: "/{section}/" would otherwise match /admin/ and /partner/.
  admin::add_admin_routes(router, admin_services);
  web::add_site_routes(router, services);

  http::ServerConfig server_config{
      .host = address->host,
      .port = address->port,
      .threads = config.threads,
      .max_body_bytes = static_cast<size_t>(config.max_body_bytes),
      .max_api_body_bytes = static_cast<size_t>(config.max_api_body_bytes),
      .read_timeout = std::chrono::seconds(config.read_timeout),
      .idle_timeout = std::chrono::seconds(config.idle_timeout),
      .access_log = config.access_log,
      .steer_by_cpu = config.steer_by_cpu,
  };
  // The page cache in front of the router (cache/caching_handler.h), kept true to the store
  // by `freshness` before every lookup.
  cache::PageCache page_cache(static_cast<size_t>(config.cache_max_bytes));
  PageCacheFreshness freshness(**store, page_cache, clock);
  if (config.cache_max_bytes > 0) {
    if (auto started = freshness.start(); !started) return fail(started.error());
  }
  auto policy = cache::CachePolicy::defaults();
  for (const auto& [kind, value] : config.cache_control) policy.control[kind] = value;
  cache::CachingHandler caching(
      page_cache, std::move(policy), clock, [&freshness] { return freshness.check(); },
      [&router, &store](http::Request& request) {
        // A reader page reads from one snapshot (store.h, read_snapshot): one transaction
        // for its dozen queries, never two commits mixed on one page. The admin, the portal,
        // the API and WebSub may write while answering a GET, so they read as they go.
        std::unique_ptr<store::Store::ReadSnapshot> snapshot;
        if (reader_page(request)) snapshot = (*store)->read_snapshot();
        return router.dispatch(request);
      });
  http::Server server(
      server_config, [&caching](http::Request& request) { return caching.handle(request); },
      [&services](const http::Request&) {
        return web::error_page(services, 500,
                               "The page could not be shown right now. Please try again.");
      });
  auto port = server.listen();
  if (!port) return fail(port.error());
  server.install_signal_handlers();  // before "listening": scripts may signal right after it
  // Tests and scripts read this line to learn the port when they asked for port 0.
  spdlog::info("listening on http://{}:{}/ (data {}, theme {})",
               address->host.find(':') != std::string::npos ? "[" + address->host + "]"
                                                            : address->host,
               *port, config.data_dir, theme_dir);
  std::optional<ingest::Poller> poller;
  std::jthread poller_thread;
  if (config.poller_enabled) {
    auto site = (*store)->get_site();
    poller.emplace(**store, clock,
                   ingest::PollerOptions{.user_agent = config.poller_user_agent,
                                         .callback_base = site ? site->base_url : ""},
                   [](bool failure, const std::string& line) {
                     if (failure) {
                       spdlog::warn("poll {}", line);
                     } else {
                       spdlog::info("poll {}", line);
                     }
                   });
    poller_thread = std::jthread([&poller](std::stop_token stop) { poller->run(stop); });
  }
  std::jthread index_thread;
  if (search_index) {
    index_thread = std::jthread([&](std::stop_token stop) {
      follow_store(*search_index, {**store, **store, **store}, stop);
    });
  }
  std::optional<HubNotifier> hub;
  std::jthread hub_thread;
  if (!config.websub_hub.empty()) {
    hub.emplace(**store, clock, services.feeds);
    if (auto started = hub->start(); !started) {
      spdlog::warn("WebSub hub notifications off: {}", started.error().message);
    } else {
      hub_thread = std::jthread([&hub](std::stop_token stop) {
        hub->run(stop, std::chrono::seconds(2), [](bool failure, const std::string& line) {
          if (failure) {
            spdlog::warn("{}", line);
          } else {
            spdlog::info("{}", line);
          }
        });
      });
    }
  }
  std::optional<CdnPurger> purger;
  std::jthread purger_thread;
  if (!config.cdn_purge_url.empty()) {
    CdnPurgeSettings settings{.url = config.cdn_purge_url};
    if (!config.cdn_purge_header.empty()) {
      settings.header = *parse_header_line(config.cdn_purge_header);  // checked by the config
    }
    purger.emplace(**store, clock, std::move(settings));
    if (auto started = purger->start(); !started) {
      spdlog::warn("CDN purges off: {}", started.error().message);
    } else {
      purger_thread = std::jthread([&purger](std::stop_token stop) {
        purger->run(stop, std::chrono::seconds(1), [](bool failure, const std::string& line) {
          if (failure) {
            spdlog::warn("{}", line);
          } else {
            spdlog::info("{}", line);
          }
        });
      });
    }
  }
  server.run(/*handle_signals=*/true);
  if (purger_thread.joinable()) {
    purger_thread.request_stop();
    purger_thread.join();
  }
  if (hub_thread.joinable()) {
    hub_thread.request_stop();
    hub_thread.join();
  }
  if (index_thread.joinable()) {
    index_thread.request_stop();
    index_thread.join();  // the batch in flight commits first
  }
  if (poller_thread.joinable()) {
    poller_thread.request_stop();
    poller_thread.join();  // a poll in flight finishes first, bounded by its timeout
  }
  spdlog::info("stopped");
  return 0;
}

}  // namespace nz::app
