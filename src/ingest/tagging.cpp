#include "ingest/tagging.h"

#include <algorithm>
#include <cctype>

#include "core/slug.h"
#include "topics/gazetteer.h"
#include "topics/tagger.h"

namespace nz::ingest {
namespace {

// Whether the tag starting at html[i] ('<') ends a block: its words end a paragraph.
bool is_block_tag(std::string_view html, size_t i) {
  static constexpr std::string_view kBlocks[] = {"p", "h2", "h3", "h4", "h5", "h6", "li",
                                                 "blockquote", "br", "tr", "pre", "figcaption",
                                                 "dd", "dt", "caption", "hr"};
  size_t name = i + 1 + (i + 1 < html.size() && html[i + 1] == '/');
  size_t end = name;
  while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
  std::string_view tag = html.substr(name, end - name);
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

}  // namespace

// The words of the sanitizer's own output, cheaply, for fingerprints, topics and emptiness
// checks: that output escapes every & < > " in text and attributes, so '<' and '>' only
// ever delimit tags. A block's tag becomes a newline (the tagger's paragraphs), any other a
// space (words of adjacent elements stay apart), and the four escapes are decoded. Not for
// display: html_to_text (a full parse) keeps paragraphs exactly.
std::string text_of_sanitized(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool in_tag = false;
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (in_tag) {
      in_tag = c != '>';
      continue;
    }
    if (c == '<') {
      in_tag = true;
      out += is_block_tag(html, i) ? '\n' : ' ';
    } else if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEscapes[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
      bool decoded = false;
      for (const auto& [escape, ch] : kEscapes) {
        if (html.substr(i, escape.size()) == escape) {
          out += ch;
          i += escape.size() - 1;
          decoded = true;
          break;
        }
      }
      if (!decoded) out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<size_t> find_topics(std::string_view headline, std::string_view text) {
  std::vector<size_t> out;
  for (const topics::TopicScore& t : topics::tag(topics::Gazetteer::embedded(), headline, text)) {
    out.push_back(t.topic);
  }
  return out;
}

Result<model::TopicId> TopicIds::get(size_t topic) {
  if (auto it = ids_.find(topic); it != ids_.end()) return it->second;
  const topics::TopicInfo& info = topics::Gazetteer::embedded().topics().at(topic);
  auto stored =
      store_.upsert_topic({.kind = info.kind, .key = info.key, .name = info.name,
                           .slug = info.slug});
  if (!stored) return stored.error();
  ids_.emplace(topic, stored->id);
  return stored->id;
}

Result<size_t> retag_article(store::Store& store, const model::Article& article, TopicIds& ids) {
  const std::vector<size_t> found =
      find_topics(article.content.headline, text_of_sanitized(article.content.body_html));
  std::vector<model::TopicId> topic_ids;
  for (size_t t : found) {
    auto id = ids.get(t);
    if (!id) return id.error();
    topic_ids.push_back(*id);
  }
  if (auto done = store.set_tagger_topics(article.id, topic_ids); !done) return done.error();
  return found.size();
}

Result<model::Topic> find_or_create_topic(store::Store& store, std::string_view name) {
  auto stored = store.find_topic_by_slug(name);
  if (stored || stored.error().code != ErrorCode::kNotFound) return stored;
  const std::string slug = core::slugify(name);
  if (!slug.empty() && slug != name) {
    stored = store.find_topic_by_slug(slug);
    if (stored || stored.error().code != ErrorCode::kNotFound) return stored;
  }
  auto same_letters = [](std::string_view x, std::string_view y) {
    return x.size() == y.size() &&
           std::equal(x.begin(), x.end(), y.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  const topics::Gazetteer& g = topics::Gazetteer::embedded();
  for (const topics::TopicInfo& t : g.topics()) {
    const bool iso_code = t.kind == model::TopicKind::kCountry && t.key == name;
    if (t.slug != name && t.slug != slug && !iso_code && !same_letters(t.name, name)) continue;
    return store.upsert_topic({.kind = t.kind, .key = t.key, .name = t.name, .slug = t.slug});
  }
  return Error::NotFound("no topic \"" + std::string(name) +
                         "\": give a topic's name or slug (china, sco) or a country's ISO code "
                         "(CN)");
}

}  // namespace nz::ingest
