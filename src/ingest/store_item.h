// Storing one incoming article in its section: the last step of every way in (import, feed
// ingest, and later the push API), so that moderation and tagging are decided in one place.
#pragma once

#include <span>

#include "model/article.h"
#include "model/section.h"
#include "model/topic.h"
#include "store/store.h"

namespace nz::ingest {

// Saves `article` in `section` (one transaction: new article, new version, or nothing when
// unchanged), then:
//  - a zone that holds articles for review gets new published items as pending;
//  - an item marked withdrawn withdraws the stored article even when its content is unchanged
//    (a partner's take-down), and an item no longer marked withdrawn lifts the partner's own
//    take-down; an article an editor withdrew stays withdrawn whatever arrives (a tombstone);
//  - the article is tagged with the zone's topic and with `topics` (created when new), as
//    an editor's tags: they were chosen by a person, and re-tagging keeps them.
// Errors are the store's; the article may be stored while a later tag failed, and storing it
// again is harmless (idempotent by guid).
Result<store::SaveResult> store_item(store::Store& store, const model::Section& section,
                                     model::Article article,
                                     std::span<const model::Topic> topics);

}  // namespace nz::ingest
