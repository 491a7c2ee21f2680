// Adding sources and changing their settings, each change written to the audit log in the same
// transaction. One set of checks for the CLI (`newszone source add | set | enable | disable`)
// and the admin (/admin/sources).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/accounts.h"
#include "admin/section_changes.h"
#include "core/result.h"
#include "model/source.h"

namespace nz::admin {

inline constexpr size_t kMaxSourceUrl = 2000;
inline constexpr size_t kMaxUserAgent = 200;
inline constexpr size_t kMaxHeaders = 20;
inline constexpr size_t kMaxHeaderLine = 1000;

// "90s", "10m", "2h", "1d" -> seconds. kInvalidInput naming the field otherwise.
Result<std::chrono::seconds> parse_interval(std::string_view text, FieldNamer name = flag_name);
// The other way: 600 s -> "10m"; 90 s -> "90s".
std::string format_interval(std::chrono::seconds interval);

// The settings as a person typed them; unset ones leave the field alone. Headers are lines
// "Name: value", added to the ones there (after clear_headers, when set).
struct SourceChanges {
  std::optional<std::string> url, every, identity, user_agent;
  std::vector<std::string> headers;
  bool clear_headers = false;
};

// Applies the changes to `settings`. kInvalidInput naming the field: a URL over
// kMaxSourceUrl bytes, an interval parse_interval refuses, an unknown identity key, a user
// agent over kMaxUserAgent, a header not "Name: value" or over kMaxHeaderLine, more than
// kMaxHeaders headers. (The store checks the URL's scheme and the interval's minimum.)
Status apply_source_changes(const SourceChanges& changes, model::SourceSettings& settings,
                            FieldNamer name = flag_name);

// Stores a new source of zone `section`, with default settings changed by `changes`, and
// appends "source.add", in one transaction. The store's errors (kNotFound, kInvalidInput for
// an editorial section or a bad URL, kConflict for the zone's URL twice).
Result<model::Source> add_source(store::Store& store, const core::Clock& clock,
                                 model::SectionId section, const SourceChanges& changes,
                                 const Actor& actor, FieldNamer name = flag_name);

// Changes source `id`'s settings and appends "source.update" before and after, in one
// transaction; nothing changed records nothing. kNotFound.
Result<model::Source> change_source(store::Store& store, const core::Clock& clock,
                                    model::SourceId id, const SourceChanges& changes,
                                    const Actor& actor, FieldNamer name = flag_name);

// Pauses (enabled false) or resumes a source and appends "source.pause" / "source.resume".
// Resuming is a person saying "try again": a 410 and the backoff are forgotten and the
// source is due at once. kNotFound.
Result<model::Source> set_source_enabled(store::Store& store, const core::Clock& clock,
                                         model::SourceId id, bool enabled, const Actor& actor);

// The source's settings as the audit log records them. Header values are left out (they are
// often a partner's credentials): only their names.
std::string source_json(const model::Source& source);

}  // namespace nz::admin
