#include "app/config.h"

#include "app/cdn_purger.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <list>
#include <set>

#include <toml++/toml.h>

namespace nz::app {
namespace {

Result<int64_t> parse_integer(const std::string& what, const std::string& text, int64_t min,
                              int64_t max) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    return Error::InvalidInput(what + ": \"" + text + "\" is not a whole number");
  }
  if (value < min || value > max) {
    return Error::InvalidInput(what + ": " + text + " is out of range (" + std::to_string(min) +
                               ".." + std::to_string(max) + ")");
  }
  return value;
}

Result<bool> parse_bool(const std::string& what, const std::string& text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return Error::InvalidInput(what + ": \"" + text + "\" is not true or false");
}

Status check_log_level(const std::string& what, const std::string& level) {
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
  if (!kLevels.contains(level)) {
    return Error::InvalidInput(what + ": \"" + level +
                               "\" is not one of trace, debug, info, warn, error, off");
  }
  return Ok();
}

// Setting one key's value, whatever its source, so that the file, the environment and the
// flags apply the same checks.
struct Setting {
  const char* toml_path;  // "server.listen"
  const char* env_name;   // "NEWSZONE_LISTEN"
  std::function<Status(Config&, const std::string& what, const std::string& text)> apply;
};

// [cache.control] KIND: one Cache-Control value, e.g. "public, max-age=60, s-maxage=600".
Setting cache_control_setting(const char* kind, const char* env_name) {
  static std::list<std::string> paths;  // the Setting keeps a pointer: they must stay put
  paths.push_back(std::string("cache.control.") + kind);
  return {paths.back().c_str(), env_name,
          [kind](Config& c, const std::string& what, const std::string& v) -> Status {
            bool printable = !v.empty();
            for (unsigned char ch : v) printable = printable && ch >= 0x20 && ch < 0x7f;
            if (!printable) {
              return Error::InvalidInput(
                  what + ": a Cache-Control value is one line of printable ASCII, e.g. "
                         "\"public, max-age=60, s-maxage=600\"");
            }
            c.cache_control[kind] = v;
            return Ok();
          }};
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      {"data_dir", "NEWSZONE_DATA_DIR",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         if (v.empty()) return Error::InvalidInput(what + ": must not be empty");
         c.data_dir = v;
         return Ok();
       }},
      {"server.listen", "NEWSZONE_LISTEN",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto parsed = parse_listen_address(v);
         if (!parsed) return parsed.error().with_context(what);
         c.listen = v;
         return Ok();
       }},
      {"server.threads", "NEWSZONE_THREADS",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 0, 256);
         if (!n) return n.error();
         c.threads = static_cast<int>(*n);
         return Ok();
       }},
      {"server.max_body_bytes", "NEWSZONE_MAX_BODY_BYTES",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1024, int64_t{1} << 30);
         if (!n) return n.error();
         c.max_body_bytes = *n;
         return Ok();
       }},
      {"server.max_api_body_bytes", "NEWSZONE_MAX_API_BODY_BYTES",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1024, int64_t{1} << 30);
         if (!n) return n.error();
         c.max_api_body_bytes = *n;
         return Ok();
       }},
      {"poller.user_agent", "NEWSZONE_POLLER_USER_AGENT",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         if (v.empty() || v.find_first_of("\r\n") != std::string::npos) {
           return Error::InvalidInput(what + ": a User-Agent is one non-empty line");
         }
         c.poller_user_agent = v;
         return Ok();
       }},
      {"sitemap.urls_per_file", "NEWSZONE_SITEMAP_URLS_PER_FILE",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, 50000);
         if (!n) return n.error();
         c.sitemap_urls_per_file = *n;
         return Ok();
       }},
      {"poller.enabled", "NEWSZONE_POLLER",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto b = parse_bool(what, v);
         if (!b) return b.error();
         c.poller_enabled = *b;
         return Ok();
       }},
      {"server.read_timeout", "NEWSZONE_READ_TIMEOUT",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, 3600);
         if (!n) return n.error();
         c.read_timeout = static_cast<int>(*n);
         return Ok();
       }},
      {"server.idle_timeout", "NEWSZONE_IDLE_TIMEOUT",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, 3600);
         if (!n) return n.error();
         c.idle_timeout = static_cast<int>(*n);
         return Ok();
       }},
      {"server.access_log", "NEWSZONE_ACCESS_LOG",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto b = parse_bool(what, v);
         if (!b) return b.error();
         c.access_log = *b;
         return Ok();
       }},
      {"server.steer_by_cpu", "NEWSZONE_STEER_BY_CPU",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto b = parse_bool(what, v);
         if (!b) return b.error();
         c.steer_by_cpu = *b;
         return Ok();
       }},
      {"theme.dir", "NEWSZONE_THEME_DIR",
       [](Config& c, const std::string&, const std::string& v) -> Status {
         c.theme_dir = v;
         return Ok();
       }},
      {"feeds.full_content", "NEWSZONE_FEEDS_FULL_CONTENT",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto b = parse_bool(what, v);
         if (!b) return b.error();
         c.feeds_full_content = *b;
         return Ok();
       }},
      {"feeds.include_partner_content", "NEWSZONE_FEEDS_INCLUDE_PARTNER_CONTENT",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto b = parse_bool(what, v);
         if (!b) return b.error();
         c.feeds_include_partner_content = *b;
         return Ok();
       }},
      {"feeds.items", "NEWSZONE_FEEDS_ITEMS",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, 200);
         if (!n) return n.error();
         c.feed_items = static_cast<int>(*n);
         return Ok();
       }},
      {"feeds.websub_hub", "NEWSZONE_WEBSUB_HUB",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         if (!v.empty() && !v.starts_with("https://") && !v.starts_with("http://")) {
           return Error::InvalidInput(what + ": a hub is an http(s) URL, not \"" + v + "\"");
         }
         if (v.find_first_of(" \t\r\n\"<>") != std::string::npos) {
           return Error::InvalidInput(what + ": \"" + v + "\" is not a URL");
         }
         c.websub_hub = v;
         return Ok();
       }},
      {"cdn.purge_url", "NEWSZONE_CDN_PURGE_URL",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         if (!v.empty() && !v.starts_with("https://") && !v.starts_with("http://")) {
           return Error::InvalidInput(what + ": a purge endpoint is an http(s) URL, not \"" +
                                      v + "\"");
         }
         c.cdn_purge_url = v;
         return Ok();
       }},
      {"cdn.purge_header", "NEWSZONE_CDN_PURGE_HEADER",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         if (!v.empty()) {
           if (auto parsed = parse_header_line(v); !parsed) {
             return Error::InvalidInput(what + ": " + parsed.error().message);
           }
         }
         c.cdn_purge_header = v;
         return Ok();
       }},
      {"cache.max_bytes", "NEWSZONE_CACHE_MAX_BYTES",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 0, int64_t{1} << 40);
         if (!n) return n.error();
         c.cache_max_bytes = *n;
         return Ok();
       }},
      cache_control_setting("default", "NEWSZONE_CACHE_CONTROL_DEFAULT"),
      cache_control_setting("home", "NEWSZONE_CACHE_CONTROL_HOME"),
      cache_control_setting("section", "NEWSZONE_CACHE_CONTROL_SECTION"),
      cache_control_setting("topic", "NEWSZONE_CACHE_CONTROL_TOPIC"),
      cache_control_setting("article", "NEWSZONE_CACHE_CONTROL_ARTICLE"),
      cache_control_setting("feed", "NEWSZONE_CACHE_CONTROL_FEED"),
      cache_control_setting("sitemap", "NEWSZONE_CACHE_CONTROL_SITEMAP"),
      cache_control_setting("robots", "NEWSZONE_CACHE_CONTROL_ROBOTS"),
      {"admin.secure_cookies", "NEWSZONE_ADMIN_SECURE_COOKIES",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto b = parse_bool(what, v);
         if (!b) return b.error();
         c.admin_secure_cookies = *b;
         return Ok();
       }},
      {"admin.session_idle_seconds", "NEWSZONE_ADMIN_SESSION_IDLE_SECONDS",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, int64_t{366} * 24 * 3600);
         if (!n) return n.error();
         c.admin_session_idle_seconds = *n;
         return Ok();
       }},
      {"admin.session_max_seconds", "NEWSZONE_ADMIN_SESSION_MAX_SECONDS",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, int64_t{366} * 24 * 3600);
         if (!n) return n.error();
         c.admin_session_max_seconds = *n;
         return Ok();
       }},
      {"admin.login_window_seconds", "NEWSZONE_ADMIN_LOGIN_WINDOW_SECONDS",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         // At most a day: a lock lasts no longer than the window.
         auto n = parse_integer(what, v, 1, 24 * 3600);
         if (!n) return n.error();
         c.admin_login_window_seconds = *n;
         return Ok();
       }},
      {"admin.login_account_failures", "NEWSZONE_ADMIN_LOGIN_ACCOUNT_FAILURES",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, 1000);
         if (!n) return n.error();
         c.admin_login_account_failures = static_cast<int>(*n);
         return Ok();
       }},
      {"admin.login_address_failures", "NEWSZONE_ADMIN_LOGIN_ADDRESS_FAILURES",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         auto n = parse_integer(what, v, 1, 100000);
         if (!n) return n.error();
         c.admin_login_address_failures = static_cast<int>(*n);
         return Ok();
       }},
      {"admin.reset_link_seconds", "NEWSZONE_ADMIN_RESET_LINK_SECONDS",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         // At most a day: a link that lives longer is a standing way into the account.
         auto n = parse_integer(what, v, 1, 24 * 3600);
         if (!n) return n.error();
         c.admin_reset_link_seconds = *n;
         return Ok();
       }},
      {"log.level", "NEWSZONE_LOG_LEVEL",
       [](Config& c, const std::string& what, const std::string& v) -> Status {
         if (auto s = check_log_level(what, v); !s) return s;
         c.log_level = v;
         return Ok();
       }},
  };
  return kSettings;
}

// A TOML value as the text the environment would give, so one parser checks both.
std::optional<std::string> toml_value_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (node.is_integer()) return std::to_string(*node.value<int64_t>());
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  return std::nullopt;
}

Status apply_file(Config& config, const std::string& path) {
  if (!std::ifstream(path)) return Error::Unavailable(path + ": cannot read the config file");
  // Debian's toml++ is built with exceptions: they stop here.
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& err) {
    return Error::InvalidInput(path + ":" + std::to_string(err.source().begin.line) + ": " +
                               std::string(err.description()));
  }
  std::set<std::string> known;
  for (const auto& s : settings()) known.insert(s.toml_path);
  // Every key must be one we know: a typo should fail loudly, not be ignored.
  std::string unknown;
  auto check_table = [&](const toml::table& t, const std::string& prefix, auto& self) -> void {
    for (const auto& [key, node] : t) {
      std::string full = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      if (const toml::table* sub = node.as_table()) {
        // A table is known when a known key lies in it ("poller" for "poller.enabled").
        auto inside = known.lower_bound(full + ".");
        if (inside != known.end() && inside->starts_with(full + ".")) {
          self(*sub, full, self);
          continue;
        }
      }
      if (!known.contains(full) && unknown.empty()) unknown = full;
    }
  };
  check_table(table, "", check_table);
  if (!unknown.empty()) return Error::InvalidInput(path + ": unknown key \"" + unknown + "\"");

  for (const auto& s : settings()) {
    auto node = table.at_path(s.toml_path);
    if (!node) continue;
    auto text = toml_value_text(*node.node());
    std::string what = path + ": " + s.toml_path;
    if (!text) return Error::InvalidInput(what + ": expected a string, number or boolean");
    if (auto applied = s.apply(config, what, *text); !applied) return applied;
  }
  return Ok();
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

Result<ListenAddress> parse_listen_address(const std::string& text) {
  auto fail = [&] {
    return Error::InvalidInput("\"" + text + "\" is not HOST:PORT (e.g. 127.0.0.1:8080)");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return fail();
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.back() != ']' || host.size() < 3) return fail();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return fail();  // a bare IPv6 address needs brackets
  }
  auto port = parse_integer("port", text.substr(colon + 1), 0, 65535);
  if (!port) return fail();
  return ListenAddress{.host = host, .port = static_cast<uint16_t>(*port)};
}

Result<Config> load_config(const ConfigFlags& flags, const EnvLookup& env) {
  Config config;
  std::optional<std::string> file = flags.config_file;
  if (!file) file = env("NEWSZONE_CONFIG");
  if (file) {
    if (auto applied = apply_file(config, *file); !applied) return applied.error();
  }
  for (const auto& s : settings()) {
    if (auto value = env(s.env_name)) {
      if (auto applied = s.apply(config, s.env_name, *value); !applied) return applied.error();
    }
  }
  auto flag = [&](std::string_view toml_path, const std::string& label,
                  const std::optional<std::string>& value) -> Status {
    if (!value) return Ok();
    for (const auto& s : settings()) {
      if (s.toml_path == toml_path) return s.apply(config, label, *value);
    }
    return Error::Internal("no setting " + std::string(toml_path));
  };
  std::optional<std::string> threads;
  if (flags.threads) threads = std::to_string(*flags.threads);
  if (auto s = flag("data_dir", "--data", flags.data_dir); !s) return s.error();
  if (auto s = flag("server.listen", "--listen", flags.listen); !s) return s.error();
  if (auto s = flag("server.threads", "--threads", threads); !s) return s.error();
  return config;
}

}  // namespace nz::app
