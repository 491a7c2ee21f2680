#include "ingest/feed_ingest.h"

#include <cstdio>

#include "feed/parse.h"
#include "ingest/store_item.h"
#include "sanitize/html_sanitizer.h"
#include "sanitize/html_text.h"

namespace nz::ingest {
namespace {

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

// The article an entry describes, or an error message saying why there is none.
Result<model::Article> article_from_entry(const feed::FeedEntry& entry,
                                          const feed::ParsedFeed& feed,
                                          const IngestOptions& options, core::Timestamp now) {
  model::Article article;
  sanitize::SanitizeOptions sanitize_options{
      .base_url = entry.content_base.value_or(entry.link.value_or(options.base_url)),
      .link_rel = options.link_rel};
  const std::string& raw_body =
      entry.content_html ? *entry.content_html : entry.summary_html.value_or("");
  article.content.body_html = sanitize::sanitize_html(raw_body, sanitize_options);
  // Feeds often send bare text ("Plain text"): a page wants it as a paragraph.
  if (!article.content.body_html.empty() && article.content.body_html.front() != '<') {
    article.content.body_html =
        sanitize::sanitize_html("<p>" + article.content.body_html + "</p>", sanitize_options);
  }
  std::string body_text = sanitize::html_to_text(article.content.body_html);

  if (entry.title && !entry.title->empty()) {
    article.content.headline = *entry.title;
  } else if (!body_text.empty()) {
    article.content.headline = sanitize::standfirst(article.content.body_html, 100);
  } else {
    return Error::InvalidInput("no title and no text");
  }
  if (entry.content_html && entry.summary_html) {
    article.content.standfirst = sanitize::html_to_text(
        sanitize::sanitize_html(*entry.summary_html, sanitize_options));
  } else if (!body_text.empty()) {
    article.content.standfirst =
        sanitize::standfirst(article.content.body_html, options.standfirst_chars);
  }
  while (!article.content.standfirst.empty() &&
         (article.content.standfirst.back() == '\n' || article.content.standfirst.back() == ' ')) {
    article.content.standfirst.pop_back();
  }
  article.content.author = entry.author.value_or("");
  article.content.original_url = entry.link.value_or("");
  article.content.language = feed.feed.language.value_or("en");
  article.guid = entry.id ? *entry.id : content_identity(entry);
  article.published = entry.published ? *entry.published : entry.updated.value_or(now);
  article.updated = entry.updated ? *entry.updated : article.published;
  article.ingested = now;
  article.status = model::ArticleStatus::kPublished;
  return article;
}

}  // namespace

Result<IngestReport> ingest_document(store::Store& store, const model::Section& zone,
                                     std::string_view bytes, const IngestOptions& options,
                                     const core::Clock& clock) {
  auto parsed = feed::parse(bytes, {.base_url = options.base_url});
  if (!parsed) return parsed.error();
  IngestReport report{.format = feed::to_string(parsed->format),
                      .bozo = parsed->bozo,
                      .bozo_reason = parsed->bozo_reason.value_or("")};
  for (size_t i = 0; i < parsed->entries.size(); ++i) {
    auto article = article_from_entry(parsed->entries[i], *parsed, options, clock.now());
    if (!article) {
      report.problems.push_back({i, article.error().message});
      continue;
    }
    auto saved = store_item(store, zone, std::move(*article), {});
    if (!saved) {
      if (saved.error().code == ErrorCode::kUnavailable ||
          saved.error().code == ErrorCode::kCorrupt) {
        return saved.error().with_context("entry " + std::to_string(i));
      }
      report.problems.push_back({i, saved.error().message});
      continue;
    }
    switch (saved->outcome) {
      case store::SaveOutcome::kCreated: ++report.created; break;
      case store::SaveOutcome::kNewVersion: ++report.new_versions; break;
      case store::SaveOutcome::kUnchanged: ++report.unchanged; break;
    }
  }
  return report;
}

}  // namespace nz::ingest
