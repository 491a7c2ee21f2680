#include "search/search_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <mutex>
#include <shared_mutex>

#include <xapian.h>

namespace nz::search {
namespace {

namespace fs = std::filesystem;

// Value slots.
constexpr Xapian::valueno kPublishedSlot = 0;    // sortable_serialise(seconds since epoch)
constexpr Xapian::valueno kVisibleFromSlot = 1;  // the embargo's end, or 0

// Term prefixes. Free text is unprefixed; "S" the headline, "A" the author (so that
// headline:word and author:name work); boolean filter terms carry the ids.
constexpr std::string_view kIdPrefix = "Q";
constexpr std::string_view kSectionPrefix = "XS";
constexpr std::string_view kTopicPrefix = "XT";
constexpr std::string_view kLanguagePrefix = "L";  // "Len", "Lfi"; "L" alone: unknown

constexpr std::string_view kAppliedSeqKey = "nz:last_change_seq";
constexpr std::string_view kCurrentLink = "current";
constexpr std::string_view kGenerationPrefix = "gen-";

// The document's data: its language, a newline, then the text snippets are cut from: the
// standfirst and the start of the body. Snippet time grows with this text (every word is
// stemmed); a word found only further down gets the story's opening as its snippet.
constexpr size_t kSnippetSourceBytes = 1500;
constexpr size_t kSnippetChars = 200;

// A query that finds fewer than this asks the spelling dictionary for a better one.
constexpr Xapian::doccount kSuggestBelow = 3;

std::string seconds_value(core::Timestamp t) {
  return Xapian::sortable_serialise(static_cast<double>(t.time_since_epoch().count()));
}

std::string id_term(model::ArticleId id) { return std::string(kIdPrefix) + std::to_string(id); }

// Longest prefix of `text` of at most `max` bytes that does not split a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// "fi" for "fi", "FI" and "fi-FI"; letters only, at most 8 of them, else empty.
std::string primary_language(std::string_view tag) {
  std::string primary(tag.substr(0, tag.find_first_of("-_")));
  if (primary.size() > 8) return "";
  for (char& c : primary) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return "";
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return primary;
}

// The Snowball stemmer for a language ("fi", "en-GB"), or none (words as they are) for
// languages Snowball does not know, such as Chinese.
Xapian::Stem stemmer_for(std::string_view language) {
  std::string primary = primary_language(language);
  if (primary.empty()) return Xapian::Stem();
  try {
    return Xapian::Stem(primary);
  } catch (const Xapian::InvalidArgumentError&) {
    return Xapian::Stem();
  }
}

// Relevance gets a boost that halves every half-life of an article's age.
class RecencySource final : public Xapian::ValuePostingSource {
 public:
  RecencySource(double now, double boost, double half_life)
      : Xapian::ValuePostingSource(kPublishedSlot), now_(now), boost_(boost),
        half_life_(half_life) {}

  double get_weight() const override {
    double age = std::max(0.0, now_ - Xapian::sortable_unserialise(get_value()));
    return boost_ * std::exp2(-age / half_life_);
  }
  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(boost_);
  }
  RecencySource* clone() const override { return new RecencySource(now_, boost_, half_life_); }
  std::string name() const override { return "nz::RecencySource"; }

 private:
  double now_;
  double boost_;
  double half_life_;
};

Error xapian_error(const Xapian::Error& e, const std::string& what) {
  std::string message = what + ": " + e.get_description();
  std::string_view type = e.get_type();
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return Error::Corrupt(message + " (run `newszone reindex` to rebuild the index)");
  }
  return Error::Unavailable(message);
}

Xapian::Document make_document(const IndexedArticle& a, Xapian::TermGenerator& generator) {
  Xapian::Document doc;
  generator.set_document(doc);
  Xapian::Stem stemmer = stemmer_for(a.language);
  generator.set_stemmer(stemmer);
  // Stems only (Z-prefixed, with positions, so phrases work on them): half the terms of
  // stems plus word forms. A language without a stemmer keeps its words as they are.
  generator.set_stemming_strategy(stemmer.is_none() ? Xapian::TermGenerator::STEM_NONE
                                                    : Xapian::TermGenerator::STEM_ALL_Z);
  const auto base = Xapian::TermGenerator::FLAG_CJK_NGRAM;
  // Only headlines feed the spelling dictionary: they are edited text and keep it small.
  generator.set_flags(base | Xapian::TermGenerator::FLAG_SPELLING);
  generator.index_text(a.headline, 3);
  generator.set_flags(base);
  generator.index_text(a.headline, 1, "S");
  generator.increase_termpos();
  generator.index_text(a.standfirst, 2);
  generator.increase_termpos();
  generator.index_text(a.body_text);
  generator.increase_termpos();
  generator.index_text(a.author);
  generator.index_text(a.author, 1, "A");
  generator.increase_termpos();
  generator.index_text(a.section_title);
  for (const auto& [id, name] : a.topics) {
    generator.increase_termpos();
    generator.index_text(name);
    doc.add_boolean_term(std::string(kTopicPrefix) + std::to_string(id));
  }
  doc.add_boolean_term(id_term(a.id));
  doc.add_boolean_term(std::string(kLanguagePrefix) + primary_language(a.language));
  doc.add_boolean_term(std::string(kSectionPrefix) + std::to_string(a.section_id));
  doc.add_value(kPublishedSlot, seconds_value(a.published));
  doc.add_value(kVisibleFromSlot,
                a.embargo_until ? seconds_value(*a.embargo_until) : Xapian::sortable_serialise(0));

  std::string data = a.language + "\n";
  std::string source = a.standfirst.empty() ? a.body_text : a.standfirst + "\n" + a.body_text;
  data += utf8_prefix(source, kSnippetSourceBytes);
  doc.set_data(data);
  return doc;
}

struct ParsedQuery {
  Xapian::Query query;
  std::string notice;
};

constexpr unsigned kQueryFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_CJK_NGRAM;

Xapian::QueryParser make_parser(const Xapian::Database& db, std::string_view language) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("headline", "S");
  parser.add_prefix("author", "A");
  Xapian::Stem stemmer = stemmer_for(language);
  parser.set_stemmer(stemmer);
  // As the articles of that language were indexed (make_document).
  parser.set_stemming_strategy(stemmer.is_none() ? Xapian::QueryParser::STEM_NONE
                                                 : Xapian::QueryParser::STEM_ALL_Z);
  return parser;
}

std::vector<std::string> languages_in(const Xapian::Database& db) {
  std::vector<std::string> languages;
  const std::string prefix(kLanguagePrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    languages.push_back((*it).substr(prefix.size()));
  }
  return languages;
}

// The text without the words the query language uses as operators, for reading it as words.
std::string without_operators(const std::string& text) {
  static constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find_first_of(" \t\r\n", i);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + i, end - i);
    if (std::find(std::begin(kOperators), std::end(kOperators), word) == std::end(kOperators)) {
      out.append(word).push_back(' ');
    }
    i = end + 1;
  }
  return out;
}

// The reader's words as a query that reads each article in its own language: one branch per
// language in the index, parsed with that language's stemmer and limited to its articles,
// OR-ed. So "vaalit" finds Finnish word forms, "elections" English ones, and NOT, AND and
// phrases mean the same in every branch. Operators that do not parse ("AND" alone, a dangling
// NOT) make it read the text as plain words instead, and say so.
ParsedQuery parse(const Xapian::Database& db, const std::string& text) {
  std::vector<std::string> languages = languages_in(db);
  auto parse_with = [&](const std::string& words, unsigned flags) {
    std::vector<Xapian::Query> branches;
    for (const auto& language : languages) {
      Xapian::Query q = make_parser(db, language).parse_query(words, flags);
      if (q.empty()) continue;
      branches.emplace_back(Xapian::Query::OP_FILTER, q,
                            Xapian::Query(std::string(kLanguagePrefix) + language));
    }
    return Xapian::Query(Xapian::Query::OP_OR, branches.begin(), branches.end());
  };
  try {
    return {parse_with(text, kQueryFlags), ""};
  } catch (const Xapian::QueryParserError&) {
    return {parse_with(without_operators(text), Xapian::QueryParser::FLAG_CJK_NGRAM),
            "Searched for the words only: the query's operators could not be read."};
  }
}

}  // namespace

struct SearchIndex::Impl {
  IndexOptions options;
  std::string dir;  // empty when opened on a generation directly

  // The writer and the generation it writes; changed only by follow_current().
  mutable std::mutex write_mutex;
  std::unique_ptr<Xapian::WritableDatabase> writer;
  Xapian::TermGenerator generator;

  mutable std::shared_mutex gen_mutex;
  std::string gen_dir;

  // Readers for searches: Xapian database handles are not thread-safe, so each search takes
  // one from the pool and gives it back.
  struct Reader {
    std::string gen_dir;
    Xapian::Database db;
  };
  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<Reader>> pool;

  std::string current_gen() const {
    std::shared_lock lock(gen_mutex);
    return gen_dir;
  }

  std::unique_ptr<Reader> acquire() const {
    std::string gen = current_gen();
    {
      std::lock_guard lock(pool_mutex);
      while (!pool.empty()) {
        auto reader = std::move(pool.back());
        pool.pop_back();
        if (reader->gen_dir == gen) return reader;
      }
    }
    return std::make_unique<Reader>(Reader{gen, Xapian::Database(gen)});
  }

  void release(std::unique_ptr<Reader> reader) const {
    std::lock_guard lock(pool_mutex);
    pool.push_back(std::move(reader));
  }

  Result<SearchResults> run(Xapian::Database& db, const SearchQuery& query,
                            core::Timestamp now) const;
};

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::open_generation(const std::string& gen_dir,
                                                                  IndexOptions options,
                                                                  Durability durability) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->gen_dir = gen_dir;
  int flags = Xapian::DB_CREATE_OR_OPEN;
  if (durability == Durability::kAtSync) flags |= Xapian::DB_NO_SYNC;
  try {
    impl->writer = std::make_unique<Xapian::WritableDatabase>(gen_dir, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    return Error::Unavailable("search index " + gen_dir +
                              " is locked by another process: is a server already running on "
                              "this data folder?");
  } catch (const Xapian::Error& e) {
    return xapian_error(e, "search index " + gen_dir);
  }
  impl->generator.set_database(*impl->writer);
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::open(const std::string& dir,
                                                       IndexOptions options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::Unavailable("search index " + dir + ": " + ec.message());
  fs::path link = fs::path(dir) / kCurrentLink;
  if (!fs::is_symlink(link, ec)) {
    auto gen = new_generation(dir);
    if (!gen) return gen.error();
    if (auto switched = switch_current(dir, *gen); !switched) return switched.error();
  }
  fs::path target = fs::read_symlink(link, ec);
  if (ec) return Error::Unavailable("search index " + link.string() + ": " + ec.message());
  auto index = open_generation((fs::path(dir) / target).string(), std::move(options));
  if (!index) return index.error();
  (*index)->impl_->dir = dir;
  return index;
}

int64_t SearchIndex::last_applied_seq() const {
  std::lock_guard lock(impl_->write_mutex);
  std::string value = impl_->writer->get_metadata(std::string(kAppliedSeqKey));
  return value.empty() ? 0 : std::stoll(value);
}

int64_t SearchIndex::document_count() const {
  std::lock_guard lock(impl_->write_mutex);
  return impl_->writer->get_doccount();
}

std::string SearchIndex::generation_dir() const { return impl_->current_gen(); }

Status SearchIndex::apply(const std::vector<IndexedArticle>& upserts,
                          const std::vector<model::ArticleId>& removals, int64_t applied_seq) {
  std::lock_guard lock(impl_->write_mutex);
  auto& db = *impl_->writer;
  try {
    for (const auto& article : upserts) {
      if (article.id <= 0 || article.id > std::numeric_limits<Xapian::docid>::max()) {
        return Error::InvalidInput("article id " + std::to_string(article.id) +
                                   " is outside what the search index can hold");
      }
      db.replace_document(static_cast<Xapian::docid>(article.id),
                          make_document(article, impl_->generator));
    }
    for (model::ArticleId id : removals) db.delete_document(id_term(id));
    db.set_metadata(std::string(kAppliedSeqKey), std::to_string(applied_seq));
    db.commit();
  } catch (const Xapian::Error& e) {
    // The recorded sequence number stays where it was, so the indexer applies these changes
    // again; replacing and deleting by id make that harmless.
    return xapian_error(e, "search index " + impl_->current_gen());
  }
  return {};
}

Status SearchIndex::sync() {
  std::lock_guard lock(impl_->write_mutex);
  const std::string gen = impl_->current_gen();
  auto fsync_path = [](const fs::path& path, int flags) -> Status {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return Error::Unavailable("search index " + path.string() + ": cannot open");
    int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) return Error::Unavailable("search index " + path.string() + ": fsync");
    return {};
  };
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(gen, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    if (auto synced = fsync_path(entry.path(), O_RDONLY); !synced) return synced;
  }
  if (ec) return Error::Unavailable("search index " + gen + ": " + ec.message());
  return fsync_path(gen, O_RDONLY | O_DIRECTORY);
}

Result<bool> SearchIndex::follow_current() {
  if (impl_->dir.empty()) return false;
  std::error_code ec;
  fs::path target = fs::read_symlink(fs::path(impl_->dir) / kCurrentLink, ec);
  if (ec) return Error::Unavailable("search index " + impl_->dir + ": " + ec.message());
  std::string gen = (fs::path(impl_->dir) / target).string();
  if (gen == impl_->current_gen()) return false;
  std::lock_guard lock(impl_->write_mutex);
  try {
    impl_->writer.reset();
    impl_->writer = std::make_unique<Xapian::WritableDatabase>(gen, Xapian::DB_OPEN);
  } catch (const Xapian::Error& e) {
    return xapian_error(e, "search index " + gen);
  }
  impl_->generator.set_database(*impl_->writer);
  std::unique_lock gen_lock(impl_->gen_mutex);
  impl_->gen_dir = gen;
  return true;
}

Result<SearchResults> SearchIndex::Impl::run(Xapian::Database& db, const SearchQuery& query,
                                             core::Timestamp now) const {
  SearchResults results;
  std::string text(utf8_prefix(query.text, kMaxQueryBytes));
  if (text.size() < query.text.size()) {
    results.notice = "Your search was long, so only its first " +
                     std::to_string(kMaxQueryBytes) + " characters were used.";
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return results;

  ParsedQuery parsed = parse(db, text);
  if (!parsed.notice.empty()) {
    results.notice += (results.notice.empty() ? "" : " ") + parsed.notice;
  }
  if (parsed.query.empty()) return results;

  std::vector<Xapian::Query> filters;
  filters.emplace_back(Xapian::Query::OP_VALUE_LE, kVisibleFromSlot, seconds_value(now));
  if (query.section) {
    filters.emplace_back(std::string(kSectionPrefix) + std::to_string(*query.section));
  }
  if (query.topic) filters.emplace_back(std::string(kTopicPrefix) + std::to_string(*query.topic));
  if (query.from) {
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, kPublishedSlot, seconds_value(*query.from));
  }
  if (query.to) {
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, kPublishedSlot, seconds_value(*query.to));
  }
  Xapian::Query filtered(Xapian::Query::OP_FILTER, parsed.query,
                         Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  auto* recency = new RecencySource(static_cast<double>(now.time_since_epoch().count()),
                                    options.recency_boost,
                                    static_cast<double>(options.recency_half_life.count()));
  Xapian::Query ranked(Xapian::Query::OP_AND_MAYBE, filtered, Xapian::Query(recency->release()));

  Xapian::Enquire enquire(db);
  enquire.set_query(ranked);
  int64_t limit = std::clamp<int64_t>(query.limit, 1, 100);
  int64_t offset = std::clamp<int64_t>(query.offset, 0, 100000);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                       static_cast<Xapian::doccount>(limit));
  results.total_estimate = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::string data = it.get_document().get_data();
    size_t newline = data.find('\n');
    std::string language = newline == std::string::npos ? "" : data.substr(0, newline);
    std::string source = newline == std::string::npos ? data : data.substr(newline + 1);
    SearchHit hit;
    hit.id = static_cast<model::ArticleId>(*it);
    hit.score = it.get_weight();
    // No SNIPPET_BACKGROUND_MODEL: it only breaks ties between windows with the same query
    // words, by how rare their other words are, and looks up the frequency of every distinct
    // word of every hit's text in the index to do so: about half of all query time at
    // 100,000 articles (docs/benchmarks.md, "Search (issue 5)").
    hit.snippet_html = mset.snippet(source, kSnippetChars, stemmer_for(language),
                                    Xapian::MSet::SNIPPET_EXHAUSTIVE |
                                        Xapian::MSet::SNIPPET_CJK_NGRAM,
                                    "<mark>", "</mark>", "…");
    results.hits.push_back(std::move(hit));
  }

  if (mset.get_matches_estimated() < kSuggestBelow && parsed.notice.empty()) {
    Xapian::QueryParser parser = make_parser(db, "");
    try {
      parser.parse_query(text, kQueryFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      std::string corrected = parser.get_corrected_query_string();
      if (!corrected.empty() && corrected != text) results.suggestion = corrected;
    } catch (const Xapian::QueryParserError&) {
    }
  }
  return results;
}

Result<SearchResults> SearchIndex::search(const SearchQuery& query, core::Timestamp now) const {
  std::unique_ptr<Impl::Reader> reader;
  // A reader whose revision the writer has since overwritten gets DatabaseModifiedError:
  // it reopens at the newest revision and tries again. While the indexer catches up it may
  // commit every few milliseconds, and on a busy machine two retries were not always enough
  // (SearchIndexTest.SearchesRunWhileTheIndexerWrites failed 2 times in 150 runs), so a
  // search tries up to kSearchAttempts times before answering "try again".
  constexpr int kSearchAttempts = 8;
  for (int attempt = 0; attempt < kSearchAttempts; ++attempt) {
    try {
      if (!reader) reader = impl_->acquire();
      reader->db.reopen();
      auto results = impl_->run(reader->db, query, now);
      impl_->release(std::move(reader));
      return results;
    } catch (const Xapian::DatabaseModifiedError&) {
      continue;
    } catch (const Xapian::Error& e) {
      return xapian_error(e, "search index " + impl_->current_gen());
    }
  }
  return Error::Unavailable("search index " + impl_->current_gen() +
                            " changed during every attempt to search it; try again");
}

Result<std::string> new_generation(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::Unavailable("search index " + dir + ": " + ec.message());
  fs::path link = fs::path(dir) / kCurrentLink;
  std::string in_use = fs::is_symlink(link, ec) ? fs::read_symlink(link, ec).string() : "";
  int64_t highest = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with(kGenerationPrefix)) continue;
    int64_t n = std::atoll(name.c_str() + kGenerationPrefix.size());
    highest = std::max(highest, n);
    if (name != in_use) fs::remove_all(entry.path(), ec);  // an older or unfinished rebuild
  }
  if (ec) return Error::Unavailable("search index " + dir + ": " + ec.message());
  fs::path gen = fs::path(dir) / (std::string(kGenerationPrefix) + std::to_string(highest + 1));
  fs::create_directory(gen, ec);
  if (ec) return Error::Unavailable("search index " + gen.string() + ": " + ec.message());
  return gen.string();
}

Status switch_current(const std::string& dir, const std::string& gen_dir) {
  fs::path link = fs::path(dir) / kCurrentLink;
  fs::path temp = fs::path(dir) / ("current.new-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove(temp, ec);
  fs::create_directory_symlink(fs::path(gen_dir).filename(), temp, ec);
  if (!ec) fs::rename(temp, link, ec);  // rename(2) replaces the old link atomically
  if (ec) return Error::Unavailable("search index " + link.string() + ": " + ec.message());
  return {};
}

}  // namespace nz::search
