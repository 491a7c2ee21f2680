#include "admin/source_changes.h"

#include <boost/json.hpp>
#include <charconv>

#include "core/clock.h"
#include "store/store.h"

namespace nz::admin {

Result<std::chrono::seconds> parse_interval(std::string_view text, FieldNamer name) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9 || text.size() != digits + 1) {
    return Error::InvalidInput(name("every") + " \"" + std::string(text) +
                               "\": write a number and s, m, h or d, e.g. 10m");
  }
  int64_t n = 0;
  std::from_chars(text.data(), text.data() + digits, n);
  switch (text.back()) {
    case 's': return std::chrono::seconds(n);
    case 'm': return std::chrono::seconds(n * 60);
    case 'h': return std::chrono::seconds(n * 3600);
    case 'd': return std::chrono::seconds(n * 86400);
  }
  return Error::InvalidInput(name("every") + " \"" + std::string(text) +
                             "\": the unit must be s, m, h or d");
}

std::string format_interval(std::chrono::seconds s) {
  const int64_t n = s.count();
  if (n != 0 && n % 86400 == 0) return std::to_string(n / 86400) + "d";
  if (n != 0 && n % 3600 == 0) return std::to_string(n / 3600) + "h";
  if (n != 0 && n % 60 == 0) return std::to_string(n / 60) + "m";
  return std::to_string(n) + "s";
}

Status apply_source_changes(const SourceChanges& c, model::SourceSettings& settings,
                            FieldNamer name) {
  if (c.url) {
    if (c.url->size() > kMaxSourceUrl) {
      return Error::InvalidInput(name("url") + " is too long: at most " +
                                 std::to_string(kMaxSourceUrl) + " characters");
    }
    settings.url = *c.url;
  }
  if (c.every) {
    auto every = parse_interval(*c.every, name);
    if (!every) return every.error();
    settings.every = *every;
  }
  if (c.identity) {
    auto key = model::parse_identity_key(*c.identity);
    if (!key) {
      return Error::InvalidInput(name("identity") + " must be guid, link or link-without-query");
    }
    settings.identity_key = *key;
  }
  if (c.user_agent) {
    if (c.user_agent->size() > kMaxUserAgent) {
      return Error::InvalidInput(name("user-agent") + " is too long: at most " +
                                 std::to_string(kMaxUserAgent) + " characters");
    }
    settings.user_agent = *c.user_agent;
  }
  if (c.clear_headers) settings.headers.clear();
  for (const auto& header : c.headers) {
    size_t colon = header.find(':');
    if (colon == std::string::npos || colon == 0) {
      return Error::InvalidInput(name("header") + " \"" + header +
                                 "\": write it as \"Name: value\"");
    }
    if (header.size() > kMaxHeaderLine) {
      return Error::InvalidInput(name("header") + " is too long: at most " +
                                 std::to_string(kMaxHeaderLine) + " characters");
    }
    std::string value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    settings.headers.emplace_back(header.substr(0, colon), value);
  }
  if (settings.headers.size() > kMaxHeaders) {
    return Error::InvalidInput(name("header") + ": at most " + std::to_string(kMaxHeaders) +
                               " extra headers");
  }
  return Ok();
}

Result<model::Source> add_source(store::Store& store, const core::Clock& clock,
                                 model::SectionId section, const SourceChanges& changes,
                                 const Actor& actor, FieldNamer name) {
  model::SourceSettings settings;
  if (auto ok = apply_source_changes(changes, settings, name); !ok) return ok.error();
  model::Source added;
  Status done = store.atomically([&]() -> Status {
    auto stored = store.add_source(section, settings);
    if (!stored) return stored.error();
    added = *stored;
    return record_change(store, clock, actor, "source.add",
                         "source:" + std::to_string(added.id), "", source_json(added));
  });
  if (!done) return done.error();
  return added;
}

Result<model::Source> change_source(store::Store& store, const core::Clock& clock,
                                    model::SourceId id, const SourceChanges& changes,
                                    const Actor& actor, FieldNamer name) {
  model::Source after;
  Status done = store.atomically([&]() -> Status {
    auto before = store.find_source(id);
    if (!before) return before.error();
    after = *before;
    if (auto ok = apply_source_changes(changes, after.settings, name); !ok) return ok;
    const std::string before_json = source_json(*before);
    const std::string after_json = source_json(after);
    if (before_json == after_json && before->settings.headers == after.settings.headers) {
      return Ok();
    }
    if (auto saved = store.set_source_settings(id, after.settings); !saved) return saved;
    return record_change(store, clock, actor, "source.update", "source:" + std::to_string(id),
                         before_json, after_json);
  });
  if (!done) return done.error();
  return after;
}

Result<model::Source> set_source_enabled(store::Store& store, const core::Clock& clock,
                                         model::SourceId id, bool enabled, const Actor& actor) {
  model::Source after;
  Status done = store.atomically([&]() -> Status {
    auto before = store.find_source(id);
    if (!before) return before.error();
    after = *before;
    after.settings.enabled = enabled;
    if (auto saved = store.set_source_settings(id, after.settings); !saved) return saved;
    if (enabled) {
      after.state.gone = false;
      after.state.consecutive_failures = 0;
      after.state.next_poll = clock.now();
      if (auto saved = store.record_poll(id, after.state); !saved) return saved;
    }
    if (before->settings.enabled == enabled && !before->state.gone) return Ok();
    return record_change(store, clock, actor, enabled ? "source.resume" : "source.pause",
                         "source:" + std::to_string(id), source_json(*before),
                         source_json(after));
  });
  if (!done) return done.error();
  return after;
}

std::string source_json(const model::Source& source) {
  boost::json::object o;
  o["id"] = source.id;
  o["section_id"] = source.section_id;
  o["url"] = source.settings.url;
  o["every_seconds"] = source.settings.every.count();
  o["enabled"] = source.settings.enabled;
  o["identity"] = std::string(model::to_string(source.settings.identity_key));
  o["user_agent"] = source.settings.user_agent;
  boost::json::array headers;
  for (const auto& [header, value] : source.settings.headers) headers.emplace_back(header);
  o["headers"] = std::move(headers);
  if (source.state.gone) o["gone"] = true;
  return boost::json::serialize(o);
}

}  // namespace nz::admin
