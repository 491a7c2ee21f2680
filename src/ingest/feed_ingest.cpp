#include "ingest/feed_ingest.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <future>
#include <thread>
#include <map>
#include <set>

#include "crypto/digest.h"
#include "feed/parse.h"
#include "ingest/near_duplicate.h"
#include "ingest/store_item.h"
#include "sanitize/html_sanitizer.h"
#include "sanitize/html_text.h"
#include "ingest/tagging.h"

namespace nz::ingest {
namespace {

// How many of a zone's most recent articles a new one is compared with for near-duplicates.
constexpr int64_t kNearDuplicateWindow = 10000;
// Items stored per transaction. Each item is still all-or-nothing (a savepoint of its own),
// but one commit, one fsync, per chunk instead of per item is what lets a 100,000-item
// import run at thousands of items a second. A crash loses at most the chunk in flight,
// never a committed item, and sending the document again completes it.
constexpr size_t kItemsPerCommit = 256;
// Documents with fewer entries are built on the calling thread.
constexpr size_t kParallelFrom = 64;

// An identity for an entry without id and link: the hash of what it says, so that the same
// entry sent again is recognised. FNV-1a, 64-bit: not for security, only for identity.
std::string content_identity(const feed::FeedEntry& entry) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  mix(entry.title.value_or(""));
  mix(entry.content_html.value_or(""));
  mix(entry.summary_html.value_or(""));
  char buf[40];
  std::snprintf(buf, sizeof buf, "urn:newszone:content:%016llx",
                static_cast<unsigned long long>(h));
  return buf;
}

std::string without_query(std::string_view url) {
  size_t cut = url.find_first_of("?#");
  return std::string(url.substr(0, cut));
}

// The identity of an entry under the source's identity key.
std::string identity(const feed::FeedEntry& entry, model::IdentityKey key) {
  if (key != model::IdentityKey::kGuid && entry.link && !entry.link->empty()) {
    return key == model::IdentityKey::kLink ? *entry.link : without_query(*entry.link);
  }
  return entry.id ? *entry.id : content_identity(entry);
}

// Everything the partner sent that the article's own fields do not hold, as one JSON object
// with a fixed key order (so that the same metadata always compares equal); "" when none.
std::string metadata_json(const feed::FeedEntry& entry) {
  boost::json::object meta;
  auto text = [&meta](const char* key, const std::optional<std::string>& value) {
    if (value && !value->empty()) meta[key] = *value;
  };
  auto list = [&meta](const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    boost::json::array out;
    for (const auto& v : values) out.emplace_back(v);
    meta[key] = std::move(out);
  };
  text("byline", entry.byline);
  text("rights", entry.rights);
  text("usage_terms", entry.usage_terms);
  text("rights_link", entry.rights_link);
  if (entry.pubstatus) meta["pubstatus"] = feed::to_string(*entry.pubstatus);
  list("places", entry.places);
  list("subjects", entry.subjects);
  list("categories", entry.categories);
  if (!entry.enclosures.empty()) {
    boost::json::array enclosures;
    for (const auto& e : entry.enclosures) {
      boost::json::object o;
      o["url"] = e.url;
      if (e.type) o["type"] = *e.type;
      if (e.length) o["length"] = *e.length;
      enclosures.emplace_back(std::move(o));
    }
    meta["enclosures"] = std::move(enclosures);
  }
  if (meta.empty()) return "";
  return boost::json::serialize(meta);
}

bool has_words(std::string_view text) {
  return text.find_first_not_of(" \t\n\r\f") != std::string_view::npos;
}

// An article ready to store, with the tagger's topics (indexes into the gazetteer).
struct BuiltArticle {
  model::Article article;
  std::vector<size_t> topics;
};

// The article an entry describes, or an error message saying why there is none.
Result<BuiltArticle> article_from_entry(const feed::FeedEntry& entry,
                                          const feed::ParsedFeed& feed,
                                          const model::Section& zone,
                                          const IngestOptions& options, core::Timestamp now) {
  model::Article article;
  sanitize::SanitizeOptions sanitize_options{
      .base_url = entry.content_base.value_or(entry.link.value_or(options.base_url)),
      .link_rel = zone.link_rel};
  const std::string& raw_body =
      entry.content_html ? *entry.content_html : entry.summary_html.value_or("");
  article.content.body_html = sanitize::sanitize_html(raw_body, sanitize_options);
  // Feeds often send bare text ("Plain text"): a page wants it as a paragraph.
  if (!article.content.body_html.empty() && article.content.body_html.front() != '<') {
    article.content.body_html =
        sanitize::sanitize_html("<p>" + article.content.body_html + "</p>", sanitize_options);
  }
  std::string body_text = text_of_sanitized(article.content.body_html);
  const bool body_has_text = has_words(body_text);

  if (entry.title && !entry.title->empty()) {
    article.content.headline = *entry.title;
  } else if (body_has_text) {
    article.content.headline = sanitize::standfirst(article.content.body_html, 100);
  } else {
    return Error::InvalidInput("no title and no text");
  }
  if (entry.content_html && entry.summary_html) {
    // Text only, so the summary needs no sanitizing: html_to_text keeps only visible text
    // (never script or style content), and pages escape it like any plain text.
    article.content.standfirst = sanitize::html_to_text(*entry.summary_html);
  } else if (body_has_text) {
    article.content.standfirst =
        sanitize::standfirst(article.content.body_html, options.standfirst_chars);
  }
  while (!article.content.standfirst.empty() &&
         (article.content.standfirst.back() == '\n' || article.content.standfirst.back() == ' ')) {
    article.content.standfirst.pop_back();
  }
  article.content.author = entry.author.value_or(entry.byline.value_or(""));
  article.content.original_url = entry.link.value_or("");
  article.content.language = entry.language.value_or(feed.feed.language.value_or("en"));
  article.content.metadata_json = metadata_json(entry);
  article.guid = identity(entry, options.identity_key);
  article.published = entry.published ? *entry.published : entry.updated.value_or(now);
  article.updated = entry.updated ? *entry.updated : article.published;
  article.ingested = now;
  // A partner's "withheld" or "canceled" takes the article down (store_item records it as the
  // partner's take-down, which the partner can lift by sending it as usable again).
  const bool taken_down = entry.pubstatus && *entry.pubstatus != feed::PubStatus::kUsable;
  article.status = taken_down ? model::ArticleStatus::kWithdrawn : model::ArticleStatus::kPublished;
  article.embargo_until = entry.embargoed;
  article.simhash = simhash(article.content.headline + "\n\n" + body_text);
  BuiltArticle built{.article = std::move(article)};
  built.topics = find_topics(built.article.content.headline, body_text);
  return built;
}

std::string story_text(const model::Article& a) {
  return a.content.headline + "\n\n" + sanitize::html_to_text(a.content.body_html);
}

// Entries of one document sharing one identity but telling different stories: the guids
// cannot be trusted to tell items apart.
std::string repeated_guid_warning(
    const std::map<std::string, std::set<std::string>>& headlines_by_guid) {
  for (const auto& [guid, seen] : headlines_by_guid) {
    if (seen.size() > 1) {
      return std::to_string(seen.size()) + " different stories share the identity \"" + guid +
             "\", so each replaces the last; set the source's identity key to link";
    }
  }
  return "";
}

class DocumentIngest {
 public:
  DocumentIngest(store::Store& store, const model::Section& zone, model::DeliveryId delivery)
      : store_(store), zone_(zone), delivery_(delivery) {}

  Status load_fingerprints() {
    auto prints = store_.list_fingerprints(zone_.id, kNearDuplicateWindow);
    if (!prints) return prints.error();
    // Oldest first, so that the index's window drops the oldest as new articles arrive.
    for (auto it = prints->rbegin(); it != prints->rend(); ++it) index_.add(it->first, it->second);
    return Ok();
  }

  // Stores one article and, when it is new or changed, the tagger's topics for it; a
  // kUnavailable or kCorrupt error means the store itself failed.
  Result<ItemResult> store_one(size_t index, model::Article article,
                               const std::vector<size_t>& topics) {
    ItemResult item{.index = index, .guid = article.guid};
    article.delivery_id = delivery_;
    auto existing = store_.find_article_by_guid(zone_.id, article.guid);
    if (!existing && existing.error().code != ErrorCode::kNotFound) return existing.error();
    if (!existing && article.simhash) {
      if (auto found = find_original(article)) {
        if (!*found) return found->error();
        const model::Article& original = **found;
        article.duplicate_of = original.id;
        if (!original.content.original_url.empty() &&
            original.content.original_url == article.content.original_url) {
          link_under_new_guid_ = original.content.original_url;
        }
      }
    }
    auto saved = store_item(store_, zone_, std::move(article), {});
    if (!saved) {
      if (saved.error().code == ErrorCode::kUnavailable ||
          saved.error().code == ErrorCode::kCorrupt) {
        return saved.error();
      }
      item.error = saved.error().message;
      return item;
    }
    switch (saved->outcome) {
      case store::SaveOutcome::kCreated:
        item.outcome = saved->article.duplicate_of ? ItemOutcome::kDuplicate : ItemOutcome::kCreated;
        break;
      case store::SaveOutcome::kNewVersion: item.outcome = ItemOutcome::kNewVersion; break;
      case store::SaveOutcome::kUnchanged: item.outcome = ItemOutcome::kUnchanged; break;
    }
    if (item.outcome != ItemOutcome::kUnchanged) {
      std::vector<model::TopicId> ids;
      for (size_t t : topics) {
        auto id = topic_ids_.get(t);
        if (!id) return id.error();
        ids.push_back(*id);
      }
      if (auto tagged = store_.set_tagger_topics(saved->article.id, ids); !tagged) {
        return tagged.error();
      }
    }
    item.duplicate_of = saved->article.duplicate_of;
    if (item.outcome == ItemOutcome::kCreated && saved->article.simhash) {
      index_.add(saved->article.id, *saved->article.simhash);
    }
    item.article = std::move(saved->article);
    return item;
  }

  // Set when a near-duplicate had the same link as its original: a guid that changed.
  const std::string& link_under_new_guid() const { return link_under_new_guid_; }

  // After a rollback: topics created inside it are gone again.
  void forget_topic_ids() { topic_ids_.forget(); }

 private:
  // The zone's article this new one repeats, if any; none when it is a new story.
  std::optional<Result<model::Article>> find_original(const model::Article& article) {
    std::optional<std::vector<uint64_t>> ours;  // made once, when there is a candidate
    for (model::ArticleId candidate : index_.candidates(*article.simhash)) {
      auto other = store_.find_article(candidate);
      if (!other) return Result<model::Article>(other.error());
      if (!ours) ours = shingles(story_text(article));
      if (jaccard(*ours, shingles(story_text(*other))) >= kNearDuplicateJaccard) {
        return Result<model::Article>(std::move(*other));
      }
    }
    return std::nullopt;
  }

  store::Store& store_;
  TopicIds topic_ids_{store_};
  const model::Section& zone_;
  model::DeliveryId delivery_;
  NearDuplicateIndex index_{static_cast<size_t>(kNearDuplicateWindow)};
  std::string link_under_new_guid_;
};

void count(model::DeliveryCounts& counts, ItemOutcome outcome) {
  switch (outcome) {
    case ItemOutcome::kCreated: ++counts.created; break;
    case ItemOutcome::kNewVersion: ++counts.new_versions; break;
    case ItemOutcome::kUnchanged: ++counts.unchanged; break;
    case ItemOutcome::kDuplicate: ++counts.duplicates; break;
    case ItemOutcome::kFailed: ++counts.failed; break;
  }
}

std::string summary(const IngestReport& report) {
  if (!report.atomic_failure.empty()) return "nothing stored: " + report.atomic_failure;
  for (const auto& item : report.items) {
    if (item.outcome == ItemOutcome::kFailed) {
      return std::to_string(report.counts.failed) + " of " + std::to_string(report.items.size()) +
             " items not stored; first: item " + std::to_string(item.index) + ": " + item.error;
    }
  }
  return std::string(model::kDeliveryOk);
}

}  // namespace

std::string_view to_string(ItemOutcome outcome) {
  switch (outcome) {
    case ItemOutcome::kCreated: return "created";
    case ItemOutcome::kNewVersion: return "updated";
    case ItemOutcome::kUnchanged: return "unchanged";
    case ItemOutcome::kDuplicate: return "duplicate";
    case ItemOutcome::kFailed: return "failed";
  }
  return "failed";
}

Result<IngestReport> ingest_document(store::Store& store, const model::Section& zone,
                                     std::string_view bytes, const DocumentOrigin& origin,
                                     const IngestOptions& options, const core::Clock& clock) {
  const core::Timestamp now = clock.now();
  auto delivery = store.begin_delivery({.received = now,
                                        .section_id = zone.id,
                                        .channel = origin.channel,
                                        .token_id = origin.token_id,
                                        .source_id = origin.source_id,
                                        .origin = origin.origin,
                                        .bytes = static_cast<int64_t>(bytes.size()),
                                        .raw_sha256 = crypto::sha256_hex(bytes)});
  if (!delivery) return delivery.error();
  IngestReport report{.delivery_id = delivery->id};

  auto parsed =
      feed::parse(bytes, {.base_url = options.base_url, .http_charset = origin.http_charset});
  if (!parsed) {
    (void)store.finish_delivery(delivery->id, "", {}, "unreadable: " + parsed.error().message);
    return parsed.error();
  }
  report.format = feed::to_string(parsed->format);
  report.bozo = parsed->bozo;
  report.bozo_reason = parsed->bozo_reason.value_or("");
  report.hub = parsed->feed.hub.value_or("");
  report.self = parsed->feed.self.value_or("");
  report.counts.items = static_cast<int64_t>(parsed->entries.size());

  // Articles are built (sanitized, the costly part) on every core: all of them before any is
  // stored when atomic, so that one bad item refuses the lot; else a chunk ahead of the store.
  const size_t n = parsed->entries.size();
  std::vector<std::optional<BuiltArticle>> articles(n);
  report.items.resize(n);
  auto build = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      report.items[i].index = i;
      auto article = article_from_entry(parsed->entries[i], *parsed, zone, options, now);
      if (!article) {
        report.items[i].error = article.error().message;
        continue;
      }
      report.items[i].guid = article->article.guid;
      articles[i] = std::move(*article);
    }
  };
  const size_t workers =
      n < kParallelFrom ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  auto build_parallel = [&](size_t begin, size_t end) {
    if (workers == 1 || end - begin < kParallelFrom) return build(begin, end);
    std::vector<std::jthread> threads;
    const size_t count = end - begin;
    for (size_t w = 0; w < workers; ++w) {
      threads.emplace_back(build, begin + count * w / workers, begin + count * (w + 1) / workers);
    }
  };
  std::map<std::string, std::set<std::string>> headlines_by_guid;
  auto note_guids = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (articles[i]) {
        headlines_by_guid[articles[i]->article.guid].insert(articles[i]->article.content.headline);
      }
    }
  };
  DocumentIngest ingest(store, zone, delivery->id);
  // Stores items [begin, end), each in a savepoint of its own.
  auto store_range = [&](size_t begin, size_t end) -> Status {
    for (size_t i = begin; i < end; ++i) {
      if (!articles[i]) {
        if (options.atomic) {
          return Error::InvalidInput("item " + std::to_string(i) + ": " + report.items[i].error);
        }
        continue;
      }
      Result<ItemResult> item = Error::Internal("not run");
      Status one = store.atomically([&]() -> Status {
        item = ingest.store_one(i, std::move(articles[i]->article), articles[i]->topics);
        if (!item) return item.error();
        // A refused item (kFailed) undoes whatever of it was written, e.g. a tag.
        return item->outcome == ItemOutcome::kFailed ? Error::InvalidInput(item->error) : Ok();
      });
      if (!item) return item.error().with_context("item " + std::to_string(i));
      // A rolled-back item may have created topics: their ids are no longer valid.
      if (!one) ingest.forget_topic_ids();
      if (!one && one.error().code != ErrorCode::kInvalidInput) {
        return one.error().with_context("item " + std::to_string(i));
      }
      report.items[i] = std::move(*item);
      if (options.atomic && report.items[i].outcome == ItemOutcome::kFailed) {
        return Error::InvalidInput("item " + std::to_string(i) + ": " + report.items[i].error);
      }
    }
    return Ok();
  };
  // Marks items [begin, end) as not stored after their transaction was rolled back.
  auto unstore = [&](size_t begin, size_t end, const std::string& why) {
    for (size_t i = begin; i < end; ++i) {
      auto& item = report.items[i];
      item.outcome = ItemOutcome::kFailed;
      item.article.reset();
      item.duplicate_of.reset();
      if (item.error.empty()) item.error = why;
    }
  };
  auto store_all = [&]() -> Status {
    if (auto loaded = ingest.load_fingerprints(); !loaded) return loaded.error();
    if (options.atomic) {
      // All or nothing: every article is built before anything is stored.
      build_parallel(0, n);
      note_guids(0, n);
      return store_range(0, n);
    }
    // A pipeline: the next chunk is built (sanitized) on other threads while this one is
    // stored, so the store's single writer is never idle waiting for the sanitizer.
    auto chunk_end = [&](size_t begin) { return std::min(n, begin + kItemsPerCommit); };
    std::future<void> next;
    if (n > 0) next = std::async(std::launch::async, build_parallel, 0, chunk_end(0));
    for (size_t begin = 0; begin < n; begin += kItemsPerCommit) {
      const size_t end = chunk_end(begin);
      next.get();
      if (end < n) next = std::async(std::launch::async, build_parallel, end, chunk_end(end));
      note_guids(begin, end);
      if (auto done = store.atomically([&] { return store_range(begin, end); }); !done) {
        unstore(begin, end, "not stored: " + done.error().message);
        if (next.valid()) next.wait();  // its threads use what this frame owns
        return done;
      }
      if (options.progress) options.progress(end, n);
    }
    return Ok();
  };
  Status stored = options.atomic ? store.atomically(store_all) : store_all();
  report.guid_warning = repeated_guid_warning(headlines_by_guid);
  if (!stored) {
    const bool store_failed = stored.error().code == ErrorCode::kUnavailable ||
                              stored.error().code == ErrorCode::kCorrupt;
    if (store_failed || !options.atomic) {
      (void)store.finish_delivery(delivery->id, report.format, report.counts,
                                  "store failed: " + stored.error().message);
      return stored.error();
    }
    // atomic: one item could not be stored, so none was. Say which.
    report.atomic_failure = stored.error().message;
    unstore(0, n, "not stored, because another item failed (atomic)");
  }

  // Atom tombstones (RFC 6721): the partner deleted these entries. Only this zone's articles
  // are touched, and an editor's own withdrawal is left as it is.
  if (!report.atomic_failure.empty()) parsed->deleted_entries.clear();
  for (const auto& deleted : parsed->deleted_entries) {
    auto article = store.find_article_by_guid(zone.id, deleted.ref);
    if (!article) {
      if (article.error().code == ErrorCode::kNotFound) continue;
      return article.error();
    }
    if (article->status == model::ArticleStatus::kWithdrawn) continue;
    if (auto done = store.set_article_status(article->id, model::ArticleStatus::kWithdrawn,
                                             model::Actor::kPartner);
        !done) {
      return done.error();
    }
    ++report.deleted;
  }

  if (report.guid_warning.empty() && !ingest.link_under_new_guid().empty()) {
    report.guid_warning = "a story already stored from " + ingest.link_under_new_guid() +
                          " arrived again under a new guid; if guids change with the " +
                          "headline, set the source's identity key to link";
  }
  for (const auto& item : report.items) count(report.counts, item.outcome);
  if (auto done = store.finish_delivery(delivery->id, report.format, report.counts,
                                        summary(report));
      !done) {
    return done.error();
  }
  return report;
}

}  // namespace nz::ingest
