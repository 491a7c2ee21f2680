// The search benchmark's corpus (issue 5): deterministic, realistic news articles and a fixed
// set of 500 reader queries, both made from a seed.
//
// The vocabulary comes from the project's own test text, ranked by how often each word occurs
// there: English from tests/testdata/topics (180 news articles), Finnish and Chinese from
// tests/testdata/articles/{fi,zh}-*.html. A long tail of made-up words (English-looking
// syllables; Finnish words with case endings) follows the real ones, and words are drawn with
// a Zipf-Mandelbrot distribution over rank, p(r) ~ 1 / (r + 2.7)^1.0, as word frequencies in
// news text are. Named entities (countries, cities, people, organizations) are mixed in, each
// article with a few it is "about" that come back through its text.
//
// Article i depends only on (seed, i), never on other articles, so 100,000 articles are the
// first 100,000 of the million, and the queries (drawn from articles below 100,000 where they
// quote text) find what they look for at either size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nz::bench {

struct CorpusArticle {
  std::string language;  // "en" (90%), "fi" (8%), "zh" (2%)
  std::string headline;  // 6-14 words
  std::string standfirst;
  std::string body_html;  // 300-900 words in <p> paragraphs, some <strong>, <em> and <a>
  std::string author;
  int64_t published = 0;  // seconds since the epoch, spread over 2016-11-01..2026-11-01
  // 0..99, for spreading articles over sections: Finnish ones go to the editorial section,
  // Chinese ones to the partner zone, English ones by this number.
  int bucket = 0;
};

struct CorpusQuery {
  std::string kind;     // "common", "rare", "name", "two", "three", "phrase", "fi", "zh"
  std::string section;  // a section slug to filter on, or empty
  std::string text;     // as a reader types it into newszone's search box
  std::string fts5;     // the same query in FTS5's syntax, every term quoted
};

class Corpus {
 public:
  // Reads the vocabulary from the source tree (NZ_SOURCE_DIR). Aborts with a message when the
  // test text is missing: the benchmark makes no sense without it.
  explicit Corpus(const std::string& source_dir);

  CorpusArticle article(uint64_t seed, int64_t index) const;

  // The 500 queries; `sections` are the slugs the filtered ones use (at least one).
  std::vector<CorpusQuery> queries(uint64_t seed, const std::vector<std::string>& sections) const;

  size_t english_words() const { return english_.size(); }
  size_t finnish_words() const { return finnish_.size(); }
  size_t chinese_words() const { return chinese_.size(); }

 private:
  struct Vocabulary {
    std::vector<std::string> words;  // by rank, most frequent first
    std::vector<double> cumulative;  // Zipf-Mandelbrot, normalised to end at 1
    size_t real = 0;                 // words[0..real) come from real text
    size_t size() const { return words.size(); }
  };
  class Random;

  const std::string& draw(const Vocabulary& v, Random& random) const;
  std::string entity(Random& random, int kind) const;
  std::string sentence(const std::string& language, Random& random,
                       const std::vector<std::string>& about, int words) const;

  Vocabulary english_, finnish_, chinese_;
  std::vector<std::string> countries_, cities_, organizations_, people_;
};

}  // namespace nz::bench
