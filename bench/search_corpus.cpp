#include "search_corpus.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "sanitize/html_text.h"

namespace nz::bench {
namespace {

namespace fs = std::filesystem;

// 2016-11-01T00:00:00Z; articles are spread over the 3,652 days after it.
constexpr int64_t kFirstDay = 1477958400;
constexpr int64_t kDays = 3652;

// Zipf-Mandelbrot p(r) ~ 1 / (r + q)^s, the shape of word frequencies in running text.
constexpr double kZipfS = 1.0;
constexpr double kZipfQ = 2.7;

constexpr size_t kEnglishTail = 40000;
constexpr size_t kFinnishTail = 15000;
constexpr size_t kChineseTail = 4000;

// Words a reader leaves out of a query.
const std::set<std::string, std::less<>> kStopwords = {
    "the", "of", "to", "and", "a", "in", "is", "it", "that", "for", "on", "was", "with", "as",
    "by", "at", "be", "are", "from", "an", "has", "have", "had", "its", "this", "said", "were",
    "will", "or", "not", "but", "their", "they", "he", "she", "his", "her", "been", "which",
    "who", "also", "than", "more", "after", "would", "we", "our", "about", "into", "s", "up",
    "out", "there", "can", "one", "all", "new", "two", "over", "them", "when", "what", "last",
    "i", "so", "no", "if", "my", "you", "do", "could", "year", "years", "per", "cent", "some",
    "other", "most", "such", "only", "any", "those", "these", "then", "just", "how", "us"};

const std::vector<std::string> kCountries = {
    "Finland", "Sweden", "Norway", "Denmark", "Estonia", "Russia", "China", "Japan", "India",
    "Germany", "France", "Italy", "Spain", "Poland", "Ukraine", "United States", "Canada",
    "Brazil", "Mexico", "Argentina", "Australia", "New Zealand", "South Africa", "Nigeria",
    "Kenya", "Egypt", "Turkey", "Iran", "Israel", "Saudi Arabia", "Indonesia", "Vietnam",
    "Thailand", "South Korea", "Kazakhstan", "Uzbekistan", "Georgia", "Greece", "Portugal",
    "Netherlands", "Belgium", "Austria", "Switzerland", "Chile", "Peru", "Latvia", "Lithuania"};
const std::vector<std::string> kCities = {
    "Helsinki", "Espoo", "Tampere", "Turku", "Oulu", "Vantaa", "Jyväskylä", "Lahti", "Kuopio",
    "Rovaniemi", "Stockholm", "Oslo", "Copenhagen", "Tallinn", "Berlin", "Paris", "London",
    "Brussels", "Washington", "New York", "Beijing", "Shanghai", "Shenzhen", "Guangzhou",
    "Hong Kong", "Tokyo", "Seoul", "New Delhi", "Moscow", "Kyiv", "Warsaw", "Madrid", "Rome",
    "Vienna", "Geneva", "Nairobi", "Lagos", "Cairo", "São Paulo", "Sydney", "Samarkand",
    "Tianjin", "Chongqing", "Wuhan", "Hangzhou", "Riga", "Vilnius", "Hamburg", "Munich"};
const std::vector<std::string> kCompanies = {
    "Nokia", "Finnair", "Kela", "Yle", "Wärtsilä", "Kone", "Neste", "Stora Enso", "UPM",
    "Fortum", "Bank of Finland", "Helsinki University Hospital", "Alibaba", "Huawei", "Tencent",
    "BYD", "Xiaomi", "Volkswagen", "Siemens", "Google", "Microsoft", "Apple", "Supercell",
    "Valmet", "Metso", "Sampo", "Nordea", "Posti", "VR Group", "Aalto University",
    "University of Helsinki", "Finnish Meteorological Institute", "Statistics Finland"};
const std::vector<std::string> kFirstNames = {
    "Riikka", "Tapio", "Sanna", "Petteri", "Antti", "Jussi", "Maria", "Anna", "Mikko", "Elina",
    "Aino", "Juha", "Heikki", "Laura", "Ville", "Johanna", "John", "Sarah", "David", "Emma",
    "Ahmed", "Fatima", "Carlos", "Ana", "Yuki", "Hiroshi", "Olga", "Ivan", "Pierre", "Claire",
    "Hans", "Greta", "Lars", "Ingrid", "Kwame", "Amara", "Priya", "Rahul", "Wei", "Mei"};
const std::vector<std::string> kLastNames = {
    "Laaksonen", "Ruuskanen", "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Salminen", "Lindqvist", "Rantanen",
    "Smith", "Johnson", "Brown", "Garcia", "Müller", "Schmidt", "Dubois", "Rossi", "Kowalski",
    "Novak", "Ivanova", "Tanaka", "Kim", "Park", "Singh", "Patel", "Okafor", "Mensah", "Silva",
    "Santos", "Chen", "Liu", "Huang", "Zhou", "Andersson", "Hansen"};
const std::vector<std::string> kChineseEntities = {
    "中国", "芬兰", "北京", "上海", "赫尔辛基", "美国", "日本", "俄罗斯", "欧盟", "联合国",
    "深圳", "广州", "天津", "重庆", "武汉", "杭州", "王伟", "李娜", "张敏", "刘洋", "陈静",
    "杨磊", "赵强", "黄丽", "周涛", "吴芳", "华为", "阿里巴巴", "腾讯", "比亚迪", "小米",
    "诺基亚", "芬兰航空", "上海合作组织", "世界卫生组织", "国际货币基金组织"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> sorted_files(const fs::path& dir, std::string_view prefix,
                                   std::string_view suffix) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(suffix)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Decodes one UTF-8 code point at text[i], advancing i; 0xFFFD for a broken sequence.
char32_t next_code_point(std::string_view text, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  int length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? c : c & (0x7F >> length);
  for (int k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
  i += length;
  return cp;
}

bool is_latin_letter(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}
bool is_han(char32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

// Lower-cases ASCII letters and the Latin-1 capitals Finnish uses (Ä, Ö, Å).
std::string lower(std::string_view word) {
  std::string out(word);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    // U+00C0..U+00DE are C3 80..C3 9E; their small letters are C3 A0..C3 BE.
    if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::string capitalize(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
  if (word.size() > 1 && static_cast<unsigned char>(word[0]) == 0xC3) {
    unsigned char d = static_cast<unsigned char>(word[1]);
    if (d >= 0xA0 && d <= 0xBE && d != 0xB7) word[1] = static_cast<char>(d - 0x20);
  }
  return word;
}

// Words of `text` by frequency, most frequent first (ties alphabetical). Words that never
// appear in lower case are names, which the entity lists cover, and are left out.
std::vector<std::string> ranked_words(const std::vector<std::string>& texts) {
  std::map<std::string, std::pair<int64_t, bool>> counts;  // count, seen in lower case
  for (const auto& text : texts) {
    size_t i = 0;
    while (i < text.size()) {
      size_t start = i;
      while (i < text.size()) {
        size_t before = i;
        if (!is_latin_letter(next_code_point(text, i))) {
          i = before;
          break;
        }
      }
      if (i == start) {
        next_code_point(text, i);
        continue;
      }
      std::string word = text.substr(start, i - start);
      std::string key = lower(word);
      auto& [count, lower_seen] = counts[key];
      ++count;
      lower_seen = lower_seen || key == word;
    }
  }
  std::vector<std::pair<int64_t, std::string>> order;
  for (const auto& [word, entry] : counts) {
    if (entry.second && (word.size() > 1 || word == "a")) order.emplace_back(-entry.first, word);
  }
  std::sort(order.begin(), order.end());
  std::vector<std::string> words;
  for (auto& [count, word] : order) words.push_back(std::move(word));
  return words;
}

// Two-character Chinese words (and single characters at the end of a run) by frequency.
std::vector<std::string> ranked_chinese(const std::vector<std::string>& texts) {
  std::map<std::string, int64_t> counts;
  for (const auto& text : texts) {
    std::vector<std::string> run;
    auto flush = [&] {
      for (size_t k = 0; k < run.size(); k += 2) {
        ++counts[k + 1 < run.size() ? run[k] + run[k + 1] : run[k]];
      }
      run.clear();
    };
    size_t i = 0;
    while (i < text.size()) {
      size_t start = i;
      char32_t cp = next_code_point(text, i);
      if (is_han(cp)) {
        run.push_back(text.substr(start, i - start));
      } else {
        flush();
      }
    }
    flush();
  }
  std::vector<std::pair<int64_t, std::string>> order;
  for (const auto& [word, count] : counts) order.emplace_back(-count, word);
  std::sort(order.begin(), order.end());
  std::vector<std::string> words;
  for (auto& [count, word] : order) words.push_back(std::move(word));
  return words;
}

}  // namespace

// splitmix64: small, fast, and the same numbers on every platform (unlike <random>'s
// distributions, whose algorithms the standard leaves to the library).
class Corpus::Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // lo..hi, both included.
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(range(0, static_cast<int64_t>(items.size()) - 1))];
  }

 private:
  uint64_t state_;
};

Corpus::Corpus(const std::string& source_dir) {
  const fs::path root(source_dir);
  std::vector<std::string> english;
  for (const auto& path : sorted_files(root / "tests/testdata/topics", "", ".txt")) {
    std::string text = read_file(path);
    // The header (Title:, Countries:, ...) ends at the first blank line; keep the title.
    size_t body = text.find("\n\n");
    english.push_back(text.substr(0, text.find('\n')) + " " +
                      (body == std::string::npos ? "" : text.substr(body)));
  }
  std::vector<std::string> finnish, chinese;
  for (const auto& path : sorted_files(root / "tests/testdata/articles", "fi-", ".html")) {
    finnish.push_back(sanitize::html_to_text(read_file(path)));
  }
  for (const auto& path : sorted_files(root / "tests/testdata/articles", "zh-", ".html")) {
    chinese.push_back(sanitize::html_to_text(read_file(path)));
  }
  if (english.size() < 100 || finnish.empty() || chinese.empty()) {
    std::fprintf(stderr, "search_bench: the test text in %s/tests/testdata is missing\n",
                 source_dir.c_str());
    std::exit(1);
  }
  english_.words = ranked_words(english);
  finnish_.words = ranked_words(finnish);
  // The Finnish samples quote some English (code, links): those words are not Finnish.
  const std::set<std::string> english_set(english_.words.begin(), english_.words.end());
  std::erase_if(finnish_.words, [&](const std::string& w) { return english_set.contains(w); });
  chinese_.words = ranked_chinese(chinese);
  english_.real = english_.words.size();
  finnish_.real = finnish_.words.size();
  chinese_.real = chinese_.words.size();

  // The long tail, from a fixed seed: the vocabulary is the same for every benchmark seed.
  Random random(0x5EA5C4);
  std::set<std::string> seen(english_.words.begin(), english_.words.end());
  static const std::vector<std::string> kOnsets = {
      "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m",
      "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w", "z"};
  static const std::vector<std::string> kVowels = {"a", "e", "i", "o", "u", "ai", "ea",
                                                   "ee", "io", "ou", "oa", "y"};
  static const std::vector<std::string> kCodas = {"", "", "n", "r", "s", "t", "l", "m",
                                                  "nd", "nt", "st", "ck", "ng", "rd"};
  while (english_.words.size() < english_.real + kEnglishTail) {
    std::string word;
    for (int64_t k = random.chance(0.25) ? 3 : 2; k > 0; --k) {
      word += random.pick(kOnsets) + random.pick(kVowels) + random.pick(kCodas);
    }
    if (seen.insert(word).second) english_.words.push_back(word);
  }
  // Finnish inflects: the tail is real stems with case endings (inessive, elative, ...).
  static const std::vector<std::string> kEndings = {"ssa", "sta", "lla", "lle", "lta", "n",
                                                    "t", "kin", "ksi", "na", "ssä", "llä"};
  seen = std::set<std::string>(finnish_.words.begin(), finnish_.words.end());
  for (size_t attempts = 0; finnish_.words.size() < finnish_.real + kFinnishTail &&
                            attempts < 20 * kFinnishTail;
       ++attempts) {
    std::string word = finnish_.words[static_cast<size_t>(
                           random.range(0, static_cast<int64_t>(finnish_.real) - 1))] +
                       random.pick(kEndings);
    if (seen.insert(word).second) finnish_.words.push_back(word);
  }
  // Chinese: more two-character words from the characters seen.
  std::vector<std::string> characters;
  for (const auto& word : chinese_.words) {
    for (size_t i = 0; i < word.size(); i += 3) characters.push_back(word.substr(i, 3));
  }
  std::sort(characters.begin(), characters.end());
  characters.erase(std::unique(characters.begin(), characters.end()), characters.end());
  seen = std::set<std::string>(chinese_.words.begin(), chinese_.words.end());
  for (size_t attempts = 0; chinese_.words.size() < chinese_.real + kChineseTail &&
                            attempts < 20 * kChineseTail;
       ++attempts) {
    std::string word = random.pick(characters) + random.pick(characters);
    if (seen.insert(word).second) chinese_.words.push_back(word);
  }

  for (Vocabulary* v : {&english_, &finnish_, &chinese_}) {
    double total = 0;
    v->cumulative.reserve(v->words.size());
    for (size_t r = 1; r <= v->words.size(); ++r) {
      total += 1.0 / std::pow(static_cast<double>(r) + kZipfQ, kZipfS);
      v->cumulative.push_back(total);
    }
    for (double& c : v->cumulative) c /= total;
  }

  countries_ = kCountries;
  cities_ = kCities;
  organizations_ = kCompanies;
  // The international organizations the tagger knows (display names, column 2).
  std::istringstream orgs(read_file(root / "data/topics/organizations.tsv"));
  for (std::string line; std::getline(orgs, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    size_t end = line.find('\t', tab + 1);
    organizations_.push_back(line.substr(tab + 1, end == std::string::npos ? end : end - tab - 1));
  }
  for (const auto& first : kFirstNames) {
    for (const auto& last : kLastNames) people_.push_back(first + " " + last);
  }
}

const std::string& Corpus::draw(const Vocabulary& v, Random& random) const {
  auto it = std::lower_bound(v.cumulative.begin(), v.cumulative.end(), random.uniform());
  size_t rank = std::min(static_cast<size_t>(it - v.cumulative.begin()), v.size() - 1);
  return v.words[rank];
}

// kind: 0 person, 1 country, 2 city, 3 organization.
std::string Corpus::entity(Random& random, int kind) const {
  switch (kind) {
    case 0: return random.pick(people_);
    case 1: return random.pick(countries_);
    case 2: return random.pick(cities_);
    default: return random.pick(organizations_);
  }
}

std::string Corpus::sentence(const std::string& language, Random& random,
                             const std::vector<std::string>& about, int words) const {
  const bool zh = language == "zh";
  const Vocabulary& v = zh ? chinese_ : language == "fi" ? finnish_ : english_;
  std::string out;
  for (int w = 0; w < words; ++w) {
    std::string word;
    double roll = random.uniform();
    if (roll < 0.045) {
      word = random.pick(about);
    } else if (roll < 0.06) {
      word = zh ? random.pick(kChineseEntities) : entity(random, static_cast<int>(random.range(0, 3)));
    } else if (roll < 0.075) {
      int64_t n = random.range(2, 5000);
      word = n > 999 ? std::to_string(n / 1000) + (zh ? "" : ",") + std::to_string(1000 + n % 1000).substr(1)
                     : std::to_string(n);
    } else {
      word = draw(v, random);
    }
    if (zh) {
      out += word;
      if (w + 1 < words && random.chance(0.12)) out += "，";
    } else {
      if (!out.empty()) out += random.chance(0.05) ? ", " : " ";
      out += w == 0 ? capitalize(word) : word;
    }
  }
  return out;
}

CorpusArticle Corpus::article(uint64_t seed, int64_t index) const {
  Random random(seed * 0x2545F4914F6CDD1DULL + static_cast<uint64_t>(index) * 0x9E3779B97F4A7C15ULL);
  random.next();
  CorpusArticle a;
  int64_t lang = random.range(0, 99);
  a.language = lang < 90 ? "en" : lang < 98 ? "fi" : "zh";
  const bool zh = a.language == "zh";
  a.bucket = static_cast<int>(random.range(0, 99));
  a.published = kFirstDay + random.range(0, kDays * 86400 - 1);

  std::vector<std::string> about;
  if (zh) {
    for (int k = 0; k < 3; ++k) about.push_back(random.pick(kChineseEntities));
    a.author = random.pick(kChineseEntities);
  } else {
    about = {entity(random, 0), entity(random, random.chance(0.5) ? 1 : 2), entity(random, 3)};
    a.author = random.pick(people_);
  }

  // Headline: 6-14 words with one of the story's entities in it.
  int words = static_cast<int>(random.range(6, 14));
  a.headline = sentence(a.language, random, about, words - 1);
  const std::string& lead = about[static_cast<size_t>(random.range(1, 2))];
  if (zh) {
    a.headline = lead + a.headline;
  } else {
    size_t space = a.headline.find(' ', a.headline.size() / 2);
    a.headline = space == std::string::npos ? a.headline + " " + lead
                                            : a.headline.substr(0, space + 1) + lead +
                                                  a.headline.substr(space);
  }
  a.standfirst = sentence(a.language, random, about, static_cast<int>(random.range(16, 32))) +
                 (zh ? "。" : ".");

  int target = static_cast<int>(random.range(300, 900));
  int written = 0;
  while (written < target) {
    std::string paragraph;
    for (int64_t s = random.range(2, 4); s > 0 && written < target; --s) {
      int n = static_cast<int>(std::min<int64_t>(random.range(8, 28), target - written));
      std::string text = sentence(a.language, random, about, n);
      written += n;
      if (!paragraph.empty() && !zh) paragraph += " ";
      if (random.chance(0.08)) {
        // A quote, attributed to the story's person.
        text = zh ? "“" + text + "”" + about[0] + "说。"
                  : "\u201C" + text + ",\u201D said " + about[0] + ".";
      } else {
        text += zh ? "。" : ".";
      }
      paragraph += text;
    }
    double markup = random.uniform();
    if (markup < 0.06) {
      paragraph = "<strong>" + paragraph + "</strong>";
    } else if (markup < 0.14) {
      size_t space = paragraph.find(' ', paragraph.size() / 3);
      size_t end = space == std::string::npos ? std::string::npos : paragraph.find(' ', space + 1);
      if (end != std::string::npos) {
        paragraph = paragraph.substr(0, space + 1) + "<a href=\"https://example.org/news/" +
                    std::to_string(random.range(1, 999999)) + "\">" +
                    paragraph.substr(space + 1, end - space - 1) + "</a>" + paragraph.substr(end);
      }
    } else if (markup < 0.18) {
      paragraph = "<em>" + paragraph + "</em>";
    }
    a.body_html += "<p>" + paragraph + "</p>\n";
  }
  return a;
}

std::vector<CorpusQuery> Corpus::queries(uint64_t seed,
                                         const std::vector<std::string>& sections) const {
  Random random(seed ^ 0x51E4C4B0A2D3ULL);
  std::vector<CorpusQuery> out;
  auto quote = [](const std::string& term) { return "\"" + term + "\""; };
  // Plain words: newszone reads them with AND; FTS5 gets each one quoted (implicit AND).
  auto words_query = [&](const std::string& kind, const std::vector<std::string>& words,
                         const std::string& section = "") {
    CorpusQuery q{.kind = kind, .section = section};
    for (const auto& w : words) {
      // A multi-word name typed plainly is several words to both engines.
      std::istringstream parts(w);
      for (std::string part; parts >> part;) {
        q.text += (q.text.empty() ? "" : " ") + part;
        q.fts5 += (q.fts5.empty() ? "" : " ") + quote(part);
      }
    }
    out.push_back(q);
  };
  auto english_word = [&](size_t lo, size_t hi) {
    hi = std::min(hi, english_.real);
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const std::string& w = english_.words[static_cast<size_t>(
          random.range(static_cast<int64_t>(lo), static_cast<int64_t>(hi) - 1))];
      if (!kStopwords.contains(w) && w.size() > 2) return w;
    }
    return english_.words[lo];
  };
  auto tail_word = [&](const Vocabulary& v, size_t skip) {
    return v.words[static_cast<size_t>(
        random.range(static_cast<int64_t>(v.real + skip), static_cast<int64_t>(v.size()) - 1))];
  };
  auto any_name = [&]() { return entity(random, static_cast<int>(random.range(0, 3))); };

  for (int i = 0; i < 100; ++i) words_query("common", {english_word(20, 1500)});
  for (int i = 0; i < 30; ++i) words_query("rare", {english_word(english_.real / 2, english_.real)});
  for (int i = 0; i < 30; ++i) words_query("rare", {tail_word(english_, 5000)});
  for (int i = 0; i < 30; ++i) words_query("name", {entity(random, 0)});
  for (int i = 0; i < 20; ++i) words_query("name", {entity(random, 1)});
  for (int i = 0; i < 15; ++i) words_query("name", {entity(random, 2)});
  for (int i = 0; i < 15; ++i) words_query("name", {entity(random, 3)});
  for (int i = 0; i < 50; ++i) words_query("two", {english_word(15, 3000), english_word(15, 3000)});
  for (int i = 0; i < 25; ++i) words_query("two", {any_name(), english_word(15, 3000)});
  for (int i = 0; i < 55; ++i) {
    words_query("three", {english_word(15, 5000), english_word(15, 5000), english_word(15, 5000)});
  }
  // Phrases: multi-word names in quotes, and 2-3 word spans quoted from stored English
  // articles (among the first 100,000, so that they exist at both sizes).
  for (int made = 0; made < 25;) {
    std::string name = any_name();
    if (name.find(' ') == std::string::npos) continue;
    out.push_back({.kind = "phrase", .text = quote(name), .fts5 = quote(name)});
    ++made;
  }
  for (int made = 0, attempts = 0; made < 25 && attempts < 10000; ++attempts) {
    CorpusArticle a = article(seed, random.range(0, 99999));
    if (a.language != "en") continue;
    std::string text = sanitize::html_to_text(a.body_html);
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    size_t length = static_cast<size_t>(random.range(2, 3));
    size_t start = static_cast<size_t>(random.range(0, static_cast<int64_t>(words.size() - length)));
    std::string phrase;
    bool plain = true;
    for (size_t k = start; k < start + length; ++k) {
      for (char c : words[k]) plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
      phrase += (phrase.empty() ? "" : " ") + lower(words[k]);
    }
    if (!plain) continue;
    out.push_back({.kind = "phrase", .text = quote(phrase), .fts5 = quote(phrase)});
    ++made;
  }
  for (int i = 0; i < 15; ++i) words_query("fi", {finnish_.words[static_cast<size_t>(random.range(5, std::min<int64_t>(400, finnish_.real - 1)))]});
  for (int i = 0; i < 5; ++i) words_query("fi", {tail_word(finnish_, 0)});
  for (int i = 0; i < 10; ++i) {
    words_query("fi", {finnish_.words[static_cast<size_t>(random.range(5, std::min<int64_t>(800, finnish_.real - 1)))],
                       random.chance(0.5) ? entity(random, 2) : finnish_.words[static_cast<size_t>(random.range(5, std::min<int64_t>(800, finnish_.real - 1)))]});
  }
  for (int i = 0; i < 6; ++i) words_query("zh", {chinese_.words[static_cast<size_t>(random.range(0, std::min<int64_t>(300, chinese_.real - 1)))]});
  for (int i = 0; i < 4; ++i) words_query("zh", {random.pick(kChineseEntities), chinese_.words[static_cast<size_t>(random.range(0, std::min<int64_t>(300, chinese_.real - 1)))]});
  for (int i = 0; i < 40; ++i) {
    const std::string& section = sections[static_cast<size_t>(i) % sections.size()];
    if (i % 2 == 0) {
      words_query("section", {english_word(20, 1500)}, section);
    } else {
      words_query("section", {english_word(15, 3000), english_word(15, 3000)}, section);
    }
  }
  // Interleave the kinds, as readers' queries arrive.
  for (size_t i = out.size(); i > 1; --i) {
    std::swap(out[i - 1], out[static_cast<size_t>(random.range(0, static_cast<int64_t>(i) - 1))]);
  }
  return out;
}

}  // namespace nz::bench
