// SourceStore keeps the feeds `serve` polls and the state of their polling. Settings (what
// an editor changes) and poll state (what the poller records) are written separately, so
// that an editor disabling a source and a poll finishing at the same moment lose neither.
// Thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "model/source.h"

namespace nz::store {

class SourceStore {
 public:
  virtual ~SourceStore() = default;
  // Stores a new source, due for its first poll at once. kNotFound when the section does not
  // exist; kInvalidInput when it is not a zone, the URL is not http(s) or the interval is
  // under a minute; kConflict when the zone already has a source with that URL.
  virtual Result<model::Source> add_source(model::SectionId section,
                                           const model::SourceSettings& settings) = 0;
  virtual Result<model::Source> find_source(model::SourceId id) = 0;  // kNotFound
  // Sources of one section, or of all, by id.
  virtual Result<std::vector<model::Source>> list_sources(
      std::optional<model::SectionId> section) = 0;
  // Replaces the settings; validated as in add_source. kNotFound. A changed URL also clears
  // the conditional-GET validators and the "gone" flag, and makes the source due now.
  virtual Status set_source_settings(model::SourceId id,
                                     const model::SourceSettings& settings) = 0;
  // Replaces the poll state. kNotFound.
  virtual Status record_poll(model::SourceId id, const model::PollState& state) = 0;
  // Replaces the WebSub subscription state. kNotFound.
  virtual Status record_websub(model::SourceId id, const model::WebSub& websub) = 0;
  // Enabled sources that are not gone and whose next poll is at or before `now`, soonest
  // first, at most `limit`.
  virtual Result<std::vector<model::Source>> due_sources(core::Timestamp now, int limit) = 0;
};

}  // namespace nz::store
