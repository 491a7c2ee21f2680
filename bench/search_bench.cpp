// The search benchmark (issue 5): realistic articles into a store, the Xapian index and an
// SQLite FTS5 index built from them, and the same 500 queries run against both engines in
// process and against newszone's /api/v1/search over HTTP. bench/run-search-bench drives it.
//
//   search_bench generate --data DIR --articles N [--seed S]   articles into DIR/newszone.db
//   search_bench index --data DIR                  search::rebuild into DIR/search
//   search_bench fts5 --data DIR [--fts FILE]      FTS5 table in DIR/fts5.db
//   search_bench split --data DIR [--limit N]      index time without Xapian: store reads,
//                                                  topics, html_to_text
//   search_bench queries --out FILE [--seed S] [--data DIR]   the 500 queries
//   search_bench query-xapian --data DIR --queries FILE       SearchIndex::search, in process
//   search_bench query-fts5 --data DIR --queries FILE         FTS5, bm25 and snippet
//   search_bench query-http --port P --queries FILE           GET /api/v1/search on 127.0.0.1
//
// Every command prints what it measured in words and, for the script, one line starting
// "result " with key=value pairs. Query commands run every query once to warm up and once
// timed, sequentially, and take the latency of each: p50 and p99 are nearest-rank.
// Progress goes to a terminal only.
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "sanitize/html_text.h"
#include "search/indexer.h"
#include "search/search_index.h"
#include "search_corpus.h"
#include "search_http_client.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using nz::bench::Corpus;
using nz::bench::CorpusQuery;
using Clock = std::chrono::steady_clock;

constexpr int64_t kGenerateBatch = 1000;
constexpr int64_t kFtsBatch = nz::search::kIndexBatch;  // the same commits as the indexer
constexpr int kResults = 10;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "search_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    if (it != options.end()) return it->second;
    if (fallback.empty()) die(command + ": --" + name + " is required");
    return fallback;
  }
  int64_t number(const std::string& name, const std::string& fallback = "") const {
    std::string text = get(name, fallback);
    char* end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (*end != '\0' || text.empty()) die("--" + name + ": not a number: " + text);
    return value;
  }
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(usage.ru_utime) + s(usage.ru_stime);
}

bool on_terminal() { return ::isatty(STDERR_FILENO) != 0; }

void progress(const char* what, int64_t done, int64_t total) {
  if (!on_terminal()) return;
  std::fprintf(stderr, "\r%s %lld of %lld", what, static_cast<long long>(done),
               static_cast<long long>(total));
  std::fflush(stderr);
}
void progress_done() {
  if (on_terminal()) std::fprintf(stderr, "\r\033[K");
}

int64_t directory_bytes(const fs::path& dir) {
  int64_t total = 0;
  std::error_code ec;
  if (fs::is_regular_file(dir, ec)) return static_cast<int64_t>(fs::file_size(dir, ec));
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec)) total += static_cast<int64_t>(it->file_size(ec));
  }
  return total;
}

std::unique_ptr<nz::store::sqlite::SqliteStore> open_store(const std::string& data) {
  auto store = nz::store::sqlite::SqliteStore::open({.path = (fs::path(data) / "newszone.db").string()});
  if (!store) die(store.error().message);
  return std::move(*store);
}

void report_rate(const std::string& name, int64_t articles, double wall, double cpu,
                 const std::string& extra = "") {
  std::printf("%s: %lld articles in %.1f s wall, %.1f s CPU: %.0f articles/s wall, %.0f articles/s CPU%s\n",
              name.c_str(), static_cast<long long>(articles), wall, cpu, articles / wall,
              articles / cpu, extra.c_str());
  std::printf("result %s articles=%lld wall_s=%.2f cpu_s=%.2f rate_wall=%.0f rate_cpu=%.0f\n",
              name.c_str(), static_cast<long long>(articles), wall, cpu, articles / wall,
              articles / cpu);
}

// --- generate -------------------------------------------------------------------------------

int generate(const Args& args, const Corpus& corpus) {
  const std::string data = args.get("data");
  const int64_t count = args.number("articles");
  const uint64_t seed = static_cast<uint64_t>(args.number("seed", "1"));
  auto store = open_store(data);
  auto sections = store->list_sections();
  if (!sections) die(sections.error().message);
  std::vector<nz::model::SectionId> editorial, zones;
  for (const auto& s : *sections) (s.is_zone() ? zones : editorial).push_back(s.id);
  if (editorial.empty()) die("generate: the site has no editorial section (run serve --demo first)");
  if (zones.empty()) zones = editorial;

  auto to_article = [&](int64_t i) {
    nz::bench::CorpusArticle c = corpus.article(seed, i);
    nz::model::Article a;
    // Finnish stories in the newsroom's section, Chinese ones in the partner zone, English
    // ones 70/30 between them.
    if (c.language == "fi" || (c.language == "en" && c.bucket < 70)) {
      a.section_id = editorial[static_cast<size_t>(c.bucket) % editorial.size()];
    } else {
      a.section_id = zones[static_cast<size_t>(c.bucket) % zones.size()];
    }
    a.guid = "bench:" + std::to_string(seed) + ":" + std::to_string(i);
    a.content = {.headline = std::move(c.headline),
                 .standfirst = std::move(c.standfirst),
                 .body_html = std::move(c.body_html),
                 .author = std::move(c.author),
                 .language = c.language};
    a.published = a.updated = a.ingested =
        nz::core::Timestamp{std::chrono::seconds{c.published}};
    a.status = nz::model::ArticleStatus::kPublished;
    a.version = 0;
    return a;
  };
  auto make_batch = [&](int64_t from) {
    std::vector<nz::model::Article> batch;
    for (int64_t i = from; i < std::min(count, from + kGenerateBatch); ++i) batch.push_back(to_article(i));
    return batch;
  };

  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  int64_t body_bytes = 0, written = 0;
  std::map<std::string, int64_t> languages;
  // The next batch is made on the other core while this one is written.
  std::future<std::vector<nz::model::Article>> next =
      std::async(std::launch::async, make_batch, int64_t{0});
  for (int64_t from = 0; from < count; from += kGenerateBatch) {
    std::vector<nz::model::Article> batch = next.get();
    if (from + kGenerateBatch < count) next = std::async(std::launch::async, make_batch, from + kGenerateBatch);
    auto saved = store->atomically([&]() -> nz::Status {
      for (const auto& a : batch) {
        auto r = store->save_article(a);
        if (!r) return r.error();
      }
      return {};
    });
    if (!saved) die("generate: " + saved.error().message);
    for (const auto& a : batch) {
      body_bytes += static_cast<int64_t>(a.content.body_html.size());
      ++languages[a.content.language];
    }
    written += static_cast<int64_t>(batch.size());
    progress("generated", written, count);
  }
  progress_done();
  std::ostringstream extra;
  extra << "; " << body_bytes / std::max<int64_t>(written, 1) << " bytes of body HTML each on average;";
  for (const auto& [language, n] : languages) extra << " " << language << " " << n;
  extra << "; store " << directory_bytes(fs::path(data) / "newszone.db") / 1000000 << " MB";
  report_rate("generate", written, seconds_since(start), cpu_seconds() - cpu_start, extra.str());
  return 0;
}

// --- index, fts5, split ---------------------------------------------------------------------

int index_xapian(const Args& args) {
  const std::string data = args.get("data");
  auto store = open_store(data);
  auto total = store->count_articles();
  if (!total) die(total.error().message);
  const std::string dir = (fs::path(data) / "search").string();
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  auto indexed = nz::search::rebuild(dir, {*store, *store, *store},
                                     [&](int64_t n) { progress("indexed", n, *total); });
  progress_done();
  if (!indexed) die("index: " + indexed.error().message);
  const double wall = seconds_since(start), cpu = cpu_seconds() - cpu_start;
  const int64_t bytes = directory_bytes(fs::path(dir) / "current/");
  report_rate("index_xapian", *indexed, wall, cpu,
              "; index " + std::to_string(bytes / 1000000) + " MB");
  std::printf("result index_xapian_size bytes=%lld\n", static_cast<long long>(bytes));
  return 0;
}

struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      die("fts5: " + sql.substr(0, 60) + ": " + message);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      die("fts5: " + sql + ": " + sqlite3_errmsg(db));
    }
    return stmt;
  }
};

bool is_searchable(const nz::model::Article& a) {  // as search/indexer.cpp has it
  return a.status == nz::model::ArticleStatus::kPublished && !a.duplicate_of;
}

// Walks the store the way search::catch_up does (list_changed_articles in batches of 500),
// calling `batch` with each batch's searchable articles.
void walk_store(nz::store::sqlite::SqliteStore& store, int64_t limit,
                const std::function<void(std::vector<nz::model::Article>&)>& batch,
                double* read_seconds = nullptr) {
  int64_t after = 0, seen = 0;
  while (seen < limit) {
    auto t = Clock::now();
    auto changes = store.list_changed_articles(after, kFtsBatch);
    if (read_seconds) *read_seconds += seconds_since(t);
    if (!changes) die(changes.error().message);
    if (changes->empty()) break;
    std::vector<nz::model::Article> articles;
    for (auto& change : *changes) {
      if (is_searchable(change.article)) articles.push_back(std::move(change.article));
    }
    after = changes->back().change_seq;
    seen += static_cast<int64_t>(changes->size());
    batch(articles);
  }
}

int index_fts5(const Args& args) {
  const std::string data = args.get("data");
  const std::string path = args.get("fts", (fs::path(data) / "fts5.db").string());
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
  auto store = open_store(data);
  auto total = store->count_articles();
  if (!total) die(total.error().message);
  auto sections = store->list_sections();
  if (!sections) die(sections.error().message);
  std::map<nz::model::SectionId, std::string> slugs;
  for (const auto& s : *sections) slugs[s.id] = s.slug;

  Db fts;
  if (sqlite3_open(path.c_str(), &fts.db) != SQLITE_OK) die("fts5: cannot open " + path);
  // WAL with synchronous=FULL, as the store runs, so each commit is durable like Xapian's.
  fts.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  fts.exec(
      "CREATE VIRTUAL TABLE articles USING fts5(headline, standfirst, body, author, "
      "section UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')");
  // The same field weights as the Xapian index gives (headline 3, standfirst 2, body 1).
  fts.exec("INSERT INTO articles(articles, rank) VALUES('rank', 'bm25(3.0, 2.0, 1.0, 1.0)')");
  sqlite3_stmt* insert = fts.prepare(
      "INSERT INTO articles(rowid, headline, standfirst, body, author, section) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  int64_t indexed = 0;
  walk_store(*store, *total, [&](std::vector<nz::model::Article>& articles) {
    fts.exec("BEGIN");
    for (const auto& a : articles) {
      std::string body = nz::sanitize::html_to_text(a.content.body_html);
      sqlite3_bind_int64(insert, 1, a.id);
      sqlite3_bind_text(insert, 2, a.content.headline.data(), static_cast<int>(a.content.headline.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert, 3, a.content.standfirst.data(), static_cast<int>(a.content.standfirst.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert, 4, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert, 5, a.content.author.data(), static_cast<int>(a.content.author.size()), SQLITE_STATIC);
      const std::string& slug = slugs[a.section_id];
      sqlite3_bind_text(insert, 6, slug.data(), static_cast<int>(slug.size()), SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) die(std::string("fts5 insert: ") + sqlite3_errmsg(fts.db));
      sqlite3_reset(insert);
    }
    fts.exec("COMMIT");
    indexed += static_cast<int64_t>(articles.size());
    progress("fts5 indexed", indexed, *total);
  });
  sqlite3_finalize(insert);
  fts.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  progress_done();
  const double wall = seconds_since(start), cpu = cpu_seconds() - cpu_start;
  const int64_t bytes = directory_bytes(path);
  report_rate("index_fts5", indexed, wall, cpu, "; index " + std::to_string(bytes / 1000000) + " MB");
  std::printf("result index_fts5_size bytes=%lld\n", static_cast<long long>(bytes));
  return 0;
}

// Where indexing time goes besides Xapian: the indexer's store reads, its topics_of call per
// article, and html_to_text, timed separately over the first `limit` articles.
int split(const Args& args) {
  const std::string data = args.get("data");
  const int64_t limit = args.number("limit", "1000000000");
  auto store = open_store(data);
  double read_s = 0, topics_s = 0, text_s = 0;
  int64_t n = 0, text_bytes = 0;
  const auto start = Clock::now();
  walk_store(*store, limit, [&](std::vector<nz::model::Article>& articles) {
    for (const auto& a : articles) {
      auto t = Clock::now();
      auto topics = store->topics_of(a.id);
      if (!topics) die(topics.error().message);
      topics_s += seconds_since(t);
      t = Clock::now();
      text_bytes += static_cast<int64_t>(nz::sanitize::html_to_text(a.content.body_html).size());
      text_s += seconds_since(t);
    }
    n += static_cast<int64_t>(articles.size());
    progress("read", n, limit);
  }, &read_s);
  progress_done();
  auto per = [&](double s) { return s / std::max<int64_t>(n, 1) * 1e6; };
  std::printf("split: %lld articles in %.1f s: store reads %.1f s (%.0f us/article), topics_of %.1f s "
              "(%.0f us), html_to_text %.1f s (%.0f us; %lld bytes of text each)\n",
              static_cast<long long>(n), seconds_since(start), read_s, per(read_s), topics_s,
              per(topics_s), text_s, per(text_s), static_cast<long long>(text_bytes / std::max<int64_t>(n, 1)));
  std::printf("result split articles=%lld read_us=%.0f topics_us=%.0f text_us=%.0f\n",
              static_cast<long long>(n), per(read_s), per(topics_s), per(text_s));
  return 0;
}

// --- queries --------------------------------------------------------------------------------

int write_queries(const Args& args, const Corpus& corpus) {
  const uint64_t seed = static_cast<uint64_t>(args.number("seed", "1"));
  std::vector<std::string> sections = {"news", "china-news-zone"};  // the demo site's
  auto queries = corpus.queries(seed, sections);
  std::ofstream out(args.get("out"));
  out << "# kind\tsection\tnewszone query\tFTS5 query (search_bench queries --seed " << seed << ")\n";
  for (const auto& q : queries) {
    out << q.kind << '\t' << (q.section.empty() ? "-" : q.section) << '\t' << q.text << '\t'
        << q.fts5 << '\n';
  }
  if (!out) die("queries: cannot write " + args.get("out"));
  std::printf("queries: %zu written to %s (vocabulary: %zu English, %zu Finnish, %zu Chinese words)\n",
              queries.size(), args.get("out").c_str(), corpus.english_words(),
              corpus.finnish_words(), corpus.chinese_words());
  return 0;
}

std::vector<CorpusQuery> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) die("cannot read " + path);
  std::vector<CorpusQuery> queries;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::istringstream parts(line);
    for (std::string f; std::getline(parts, f, '\t');) fields.push_back(f);
    if (fields.size() != 4) die(path + ": not 4 tab-separated fields: " + line);
    queries.push_back({.kind = fields[0], .section = fields[1] == "-" ? "" : fields[1],
                       .text = fields[2], .fts5 = fields[3]});
  }
  return queries;
}

struct Outcome {
  double ms = 0;
  int hits = 0;  // results returned, at most kResults
};

double nearest_rank(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

// Runs every query once untimed, then once timed, and reports the latencies.
void run_queries(const std::string& name, const std::vector<CorpusQuery>& queries,
                 const std::function<Outcome(const CorpusQuery&)>& run) {
  for (size_t i = 0; i < queries.size(); ++i) {
    run(queries[i]);
    progress("warm-up", static_cast<int64_t>(i + 1), static_cast<int64_t>(queries.size()));
  }
  std::vector<Outcome> outcomes;
  const double cpu_start = cpu_seconds();
  const auto start = Clock::now();
  for (size_t i = 0; i < queries.size(); ++i) {
    outcomes.push_back(run(queries[i]));
    progress("timed", static_cast<int64_t>(i + 1), static_cast<int64_t>(queries.size()));
  }
  const double wall = seconds_since(start), cpu = cpu_seconds() - cpu_start;
  progress_done();
  std::map<std::string, std::vector<double>> by_kind;
  std::vector<double> all;
  int zero = 0, full = 0;
  int64_t hits = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    all.push_back(outcomes[i].ms);
    by_kind[queries[i].kind].push_back(outcomes[i].ms);
    hits += outcomes[i].hits;
    zero += outcomes[i].hits == 0;
    full += outcomes[i].hits == kResults;
  }
  double mean = 0;
  for (double v : all) mean += v / static_cast<double>(all.size());
  std::printf("%s: %zu queries in %.2f s (client process CPU %.2f s): p50 %.2f ms, p99 %.2f ms, "
              "mean %.2f ms, max %.2f ms; %lld results, %d queries with none, %d with %d\n",
              name.c_str(), all.size(), wall, cpu, nearest_rank(all, 0.5), nearest_rank(all, 0.99),
              mean, nearest_rank(all, 1.0), static_cast<long long>(hits), zero, full, kResults);
  for (const auto& [kind, values] : by_kind) {
    double sum = 0;
    for (double v : values) sum += v;
    std::printf("  %-8s %3zu queries: p50 %7.2f ms, p99 %7.2f ms, mean %7.2f ms, max %7.2f ms\n",
                kind.c_str(), values.size(), nearest_rank(values, 0.5), nearest_rank(values, 0.99),
                sum / static_cast<double>(values.size()), nearest_rank(values, 1.0));
  }
  std::printf("result %s queries=%zu p50_ms=%.3f p99_ms=%.3f mean_ms=%.3f max_ms=%.3f results=%lld zero=%d\n",
              name.c_str(), all.size(), nearest_rank(all, 0.5), nearest_rank(all, 0.99), mean,
              nearest_rank(all, 1.0), static_cast<long long>(hits), zero);
}

int query_xapian(const Args& args) {
  const std::string data = args.get("data");
  auto queries = read_queries(args.get("queries"));
  auto store = open_store(data);
  std::map<std::string, nz::model::SectionId> sections;
  auto listed = store->list_sections();
  if (!listed) die(listed.error().message);
  for (const auto& s : *listed) sections[s.slug] = s.id;
  auto index = nz::search::SearchIndex::open((fs::path(data) / "search").string());
  if (!index) die(index.error().message);
  nz::core::SystemClock clock;
  run_queries("query_xapian", queries, [&](const CorpusQuery& q) {
    nz::search::SearchQuery query{.text = q.text, .limit = kResults};
    if (!q.section.empty()) query.section = sections.at(q.section);
    const auto start = Clock::now();
    auto results = (*index)->search(query, clock.now());
    const double ms = seconds_since(start) * 1e3;
    if (!results) die("query-xapian: " + q.text + ": " + results.error().message);
    return Outcome{ms, static_cast<int>(results->hits.size())};
  });
  return 0;
}

int query_fts5(const Args& args) {
  const std::string data = args.get("data");
  const std::string path = args.get("fts", (fs::path(data) / "fts5.db").string());
  auto queries = read_queries(args.get("queries"));
  Db fts;
  if (sqlite3_open_v2(path.c_str(), &fts.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    die("query-fts5: cannot open " + path);
  }
  const std::string select =
      "SELECT rowid, rank, snippet(articles, -1, '<mark>', '</mark>', '…', 32) "
      "FROM articles WHERE articles MATCH ?1";
  const std::string tail = " ORDER BY rank LIMIT " + std::to_string(kResults);
  sqlite3_stmt* plain = fts.prepare(select + tail);
  sqlite3_stmt* in_section = fts.prepare(select + " AND section = ?2" + tail);
  run_queries("query_fts5", queries, [&](const CorpusQuery& q) {
    const auto start = Clock::now();
    sqlite3_stmt* stmt = q.section.empty() ? plain : in_section;
    sqlite3_bind_text(stmt, 1, q.fts5.data(), static_cast<int>(q.fts5.size()), SQLITE_STATIC);
    if (!q.section.empty()) {
      sqlite3_bind_text(stmt, 2, q.section.data(), static_cast<int>(q.section.size()), SQLITE_STATIC);
    }
    int hits = 0;
    std::string snippets;  // copied out, as a caller would
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      ++hits;
      snippets.append(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)));
    }
    if (rc != SQLITE_DONE) die("query-fts5: " + q.fts5 + ": " + sqlite3_errmsg(fts.db));
    sqlite3_reset(stmt);
    return Outcome{seconds_since(start) * 1e3, hits};
  });
  sqlite3_finalize(plain);
  sqlite3_finalize(in_section);
  return 0;
}

int query_http(const Args& args) {
  auto queries = read_queries(args.get("queries"));
  const int port = static_cast<int>(args.number("port"));
  nz::bench::HttpClient client(port);
  run_queries("query_http", queries, [&](const CorpusQuery& q) {
    std::string target = "/api/v1/search?q=" + nz::bench::url_encode(q.text);
    if (!q.section.empty()) target += "&section=" + nz::bench::url_encode(q.section);
    const auto start = Clock::now();
    auto response = client.get(target);
    const double ms = seconds_since(start) * 1e3;
    if (!response) die("query-http: GET " + target + ": " + response.error().message);
    if (response->status != 200) {
      die("query-http: GET " + target + ": status " + std::to_string(response->status) + ": " +
          response->body.substr(0, 300));
    }
    return Outcome{ms, nz::bench::count_results(response->body)};
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: search_bench generate|index|fts5|split|queries|query-xapian|query-fts5|"
                 "query-http --option value ...\n");
    return 2;
  }
  Args args{.command = argv[1]};
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (!name.starts_with("--")) die("expected --option, got " + name);
    args.options[name.substr(2)] = argv[i + 1];
  }
  if ((argc - 2) % 2 != 0) die("option without a value: " + std::string(argv[argc - 1]));
  const std::string& c = args.command;
  if (c == "generate") return generate(args, Corpus(NZ_SOURCE_DIR));
  if (c == "index") return index_xapian(args);
  if (c == "fts5") return index_fts5(args);
  if (c == "split") return split(args);
  if (c == "queries") return write_queries(args, Corpus(NZ_SOURCE_DIR));
  if (c == "query-xapian") return query_xapian(args);
  if (c == "query-fts5") return query_fts5(args);
  if (c == "query-http") return query_http(args);
  die("unknown command " + c);
}
