#include "topics/gazetteer.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "core/slug.h"
#include "topics/embedded_data.h"

namespace nz::topics {
namespace {

// Letters outside ASCII are word characters: "Turkeyä" holds no "Turkey".
bool is_word(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}
// No alias starts with a word longer than this (load refuses one that does).
constexpr size_t kMaxWord = 48;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char fold(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string fold(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold(c);
  return out;
}

size_t word_end(std::string_view text, size_t i) {
  while (i < text.size() && is_word(text[i])) ++i;
  return i;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The non-comment, non-blank lines of a data file, each with its 1-based number.
template <typename Fn>
Status for_each_line(std::string_view file, std::string_view name, Fn fn) {
  size_t number = 0;
  for (std::string_view line : split(file, '\n')) {
    ++number;
    if (trim(line).empty() || line.front() == '#') continue;
    if (auto done = fn(line); !done) {
      return Error::InvalidInput("data/topics/" + std::string(name) + " line " +
                                 std::to_string(number) + ": " + done.error().message);
    }
  }
  return Ok();
}

// Where a name begins to be a person's: "Chad Miller", "Michael Jordan". Capitalised words
// that head a country's institutions do not make it one ("Chad President Deby").
bool is_title_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      // Institutions and titles: "Chad President Deby", "Jordan Foreign Ministry".
      "President", "Prime", "Minister", "Ministry", "Foreign", "Government", "Army",
      "Parliament", "National", "Central", "State", "Embassy", "Ambassador", "King", "Queen",
      // Words that open a sentence or a headline before a country: "In Chad", "Visiting Jordan".
      "A", "An", "The", "In", "On", "At", "To", "For", "From", "Of", "With", "Without", "By",
      "Into", "Across", "Inside", "Outside", "Within", "Throughout", "Via", "Like", "Unlike",
      "And", "Or", "But", "While", "Both", "Only", "Even", "As", "If", "When", "After",
      "Before", "Neighbouring", "Neighboring", "Northern", "Southern", "Eastern", "Western",
      "Visiting", "Says", "Said", "Is", "Was", "Will", "Has", "Hits", "Signs",
      "Joins", "Vs", "Against", "Why", "How", "What", "Where", "New"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

}  // namespace

struct Gazetteer::Impl {
  struct Alias {
    std::string text;       // as written in the data
    std::string folded;     // ASCII lower case
    int64_t topic = -1;     // -1: a phrase that names nothing (phrases.tsv)
    bool person = false;    // "~": also a person's name
    bool curated = false;   // from data/topics, which wins over iso-codes on a clash
    int64_t context = -1;   // index into contexts
  };
  struct Context {
    std::vector<std::string> words;
    int64_t instead = -1;  // the topic the aliases mean where the words appear; -1: none
  };

  std::vector<TopicInfo> topics;
  std::vector<Alias> aliases;
  std::vector<Context> contexts;
  // Looked up by string_view: no string is made per word of the text.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // First word of each alias, folded -> aliases starting with it, longest first.
  std::unordered_map<std::string, std::vector<size_t>, Hash, std::equal_to<>> by_first_word;

  Status add_alias(std::string_view text, int64_t topic, bool curated) {
    text = trim(text);
    bool person = false;
    if (!text.empty() && text.front() == '~') {
      person = true;
      text.remove_prefix(1);
    }
    if (text.empty()) return Error::InvalidInput("empty alias");
    const std::string quoted = "alias \"" + std::string(text) + "\"";
    if (!is_word(text.front())) {
      return Error::InvalidInput(quoted + " must start with a letter or digit");
    }
    if (word_end(text, 0) > kMaxWord) {
      return Error::InvalidInput(quoted + " starts with too long a word");
    }
    for (Alias& a : aliases) {
      if (a.text != text) continue;
      if (a.topic == topic) {  // the same name given twice: keep one, with both flags
        a.person = a.person || person;
        a.curated = a.curated || curated;
        return Ok();
      }
      if (a.curated && curated) {
        return Error::InvalidInput("alias \"" + std::string(text) + "\" names two topics");
      }
      if (curated) {  // data/topics decides: "Congo" is the DRC in the news
        a.topic = topic;
        a.person = person;
        a.curated = true;
      }
      return Ok();
    }
    aliases.push_back({.text = std::string(text), .folded = fold(text), .topic = topic,
                       .person = person, .curated = curated});
    return Ok();
  }

  // The third column of a data line: aliases separated by "|", from data/topics.
  Status add_aliases(const std::vector<std::string_view>& cols, int64_t topic) {
    if (cols.size() < 3 || trim(cols[2]).empty()) return Ok();
    for (std::string_view alias : split(cols[2], '|')) {
      if (auto added = add_alias(alias, topic, true); !added) return added;
    }
    return Ok();
  }

  void index() {
    by_first_word.clear();
    for (size_t i = 0; i < aliases.size(); ++i) {
      const std::string& f = aliases[i].folded;
      by_first_word[f.substr(0, word_end(f, 0))].push_back(i);
    }
    for (auto& [_, ids] : by_first_word) {
      std::stable_sort(ids.begin(), ids.end(), [&](size_t a, size_t b) {
        return aliases[a].folded.size() > aliases[b].folded.size();
      });
    }
  }

  // The alias written at text[i] (a word start), longest first.
  std::optional<size_t> match_at(std::string_view text, size_t i) const {
    const size_t first_end = word_end(text, i);
    if (first_end - i > kMaxWord) return std::nullopt;
    char folded[kMaxWord];
    for (size_t k = i; k < first_end; ++k) folded[k - i] = fold(text[k]);
    auto found = by_first_word.find(std::string_view(folded, first_end - i));
    if (found == by_first_word.end()) return std::nullopt;
    for (size_t id : found->second) {
      const Alias& a = aliases[id];
      const size_t n = a.folded.size();
      if (i + n > text.size()) continue;
      if (i + n < text.size() && is_word(a.folded.back()) && is_word(text[i + n])) continue;
      bool same = true;
      for (size_t k = 0; k < n && same; ++k) {
        const char t = text[i + k];
        // Folded bytes equal, and every capital of the alias is a capital in the text.
        same = fold(t) == a.folded[k] && (!is_upper(a.text[k]) || is_upper(t));
      }
      if (same) return id;
    }
    return std::nullopt;
  }

  // The capitalised word just before or after [begin, end) that makes the match a person's
  // name, if there is one.
  bool beside_a_name(std::string_view text, size_t begin, size_t end) const {
    // After: "Chad Miller".
    if (end + 1 < text.size() && text[end] == ' ' && is_upper(text[end + 1])) {
      const size_t next_end = word_end(text, end + 1);
      std::string_view next = text.substr(end + 1, next_end - end - 1);
      if (!is_title_word(next) && !match_at(text, end + 1)) return true;
    }
    // Before: "Michael Jordan", not "In Chad" (a function word) nor "Chad" after a comma.
    if (begin >= 2 && text[begin - 1] == ' ' && is_word(text[begin - 2])) {
      size_t prev = begin - 1;
      while (prev > 0 && is_word(text[prev - 1])) --prev;
      std::string_view word = text.substr(prev, begin - 1 - prev);
      if (is_upper(word.front()) && !is_title_word(word) && !match_at(text, prev)) return true;
    }
    return false;
  }

  bool context_applies(const Context& c, std::string_view text) const {
    for (const std::string& w : c.words) {
      for (size_t at = text.find(w); at != std::string_view::npos; at = text.find(w, at + 1)) {
        const bool starts = at == 0 || !is_word(text[at - 1]);
        const bool ends = at + w.size() == text.size() || !is_word(text[at + w.size()]);
        if (starts && ends) return true;
      }
    }
    return false;
  }
};

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

const std::vector<TopicInfo>& Gazetteer::topics() const { return impl_->topics; }

int64_t Gazetteer::find(model::TopicKind kind, std::string_view key) const {
  for (size_t i = 0; i < impl_->topics.size(); ++i) {
    const TopicInfo& t = impl_->topics[i];
    if (t.kind == kind && t.key == key) return static_cast<int64_t>(i);
  }
  return -1;
}

Result<Gazetteer> Gazetteer::load(const GazetteerData& data) {
  auto impl = std::make_unique<Impl>();

  // Countries: iso-codes first, for the list and the names.
  boost::system::error_code ec;
  boost::json::value iso = boost::json::parse(data.iso_3166_json, ec);
  const boost::json::array* list = nullptr;
  if (!ec && iso.is_object()) {
    if (const auto* v = iso.as_object().if_contains("3166-1")) list = v->if_array();
  }
  if (!list) {
    return Error::InvalidInput("iso_3166-1.json: not the iso-codes format (" + ec.message() +
                               ")");
  }
  std::vector<std::vector<std::string>> iso_names;
  for (const auto& entry : *list) {
    const auto* obj = entry.if_object();
    if (!obj) continue;
    auto text = [&](const char* field) -> std::string {
      const auto* v = obj->if_contains(field);
      return v && v->is_string() ? std::string(v->as_string()) : "";
    };
    TopicInfo t{.kind = model::TopicKind::kCountry, .key = text("alpha_2")};
    if (t.key.size() != 2) continue;
    t.name = !text("common_name").empty() ? text("common_name") : text("name");
    std::vector<std::string> names;
    for (const char* field : {"name", "official_name", "common_name"}) {
      std::string n = text(field);
      if (n.starts_with("the ")) n.erase(0, 4);
      // "Korea, Republic of" and "Saint Martin (French part)" are not running text.
      if (!n.empty() && n.find(", ") == std::string::npos && n.find('(') == std::string::npos) {
        names.push_back(std::move(n));
      }
    }
    impl->topics.push_back(std::move(t));
    iso_names.push_back(std::move(names));
  }
  if (impl->topics.empty()) return Error::InvalidInput("iso_3166-1.json: no countries");

  auto country = [&](std::string_view code) -> int64_t {
    for (size_t i = 0; i < impl->topics.size(); ++i) {
      if (impl->topics[i].kind == model::TopicKind::kCountry && impl->topics[i].key == code) {
        return static_cast<int64_t>(i);
      }
    }
    return -1;
  };

  // data/topics/countries.tsv: display names and the aliases iso-codes lacks.
  using Line = std::string_view;
  auto done = for_each_line(data.countries_tsv, "countries.tsv", [&](Line line) -> Status {
    auto cols = split(line, '\t');
    if (cols.size() < 2) return Error::InvalidInput("expected CODE<TAB>name<TAB>aliases");
    int64_t id = country(trim(cols[0]));
    if (id < 0) {
      return Error::InvalidInput("\"" + std::string(cols[0]) + "\" is no ISO 3166-1 code");
    }
    if (!trim(cols[1]).empty()) {
      impl->topics[id].name = std::string(trim(cols[1]));
      if (auto added = impl->add_alias(cols[1], id, true); !added) return added;
    }
    return impl->add_aliases(cols, id);
  });
  if (!done) return done.error();
  for (size_t i = 0; i < iso_names.size(); ++i) {
    for (const std::string& n : iso_names[i]) {
      auto added = impl->add_alias(n, static_cast<int64_t>(i), false);
      if (!added) return added.error();
    }
  }

  // data/topics/organizations.tsv
  done = for_each_line(data.organizations_tsv, "organizations.tsv", [&](Line line) -> Status {
    auto cols = split(line, '\t');
    if (cols.size() < 2) return Error::InvalidInput("expected key<TAB>name<TAB>aliases");
    std::string key(trim(cols[0]));
    if (!core::is_valid_slug(key)) return Error::InvalidInput("\"" + key + "\" is no slug");
    const auto id = static_cast<int64_t>(impl->topics.size());
    impl->topics.push_back({.kind = model::TopicKind::kOrganization, .key = key,
                            .name = std::string(trim(cols[1])), .slug = key});
    if (auto added = impl->add_alias(cols[1], id, true); !added) return added;
    return impl->add_aliases(cols, id);
  });
  if (!done) return done.error();

  // data/topics/phrases.tsv: names that name nothing.
  done = for_each_line(data.phrases_tsv, "phrases.tsv", [&](Line line) -> Status {
    std::string_view phrase = trim(split(line, '\t').front());
    for (Impl::Alias& a : impl->aliases) {
      if (a.text == phrase) {
        return Error::InvalidInput("\"" + std::string(phrase) + "\" is also an alias");
      }
    }
    impl->aliases.push_back({.text = std::string(phrase), .folded = fold(phrase), .curated = true});
    return Ok();
  });
  if (!done) return done.error();

  // data/topics/context.tsv
  done = for_each_line(data.context_tsv, "context.tsv", [&](Line line) -> Status {
    auto cols = split(line, '\t');
    if (cols.size() != 2 && cols.size() != 3) {
      return Error::InvalidInput("expected aliases<TAB>words[<TAB>ISO code]");
    }
    Impl::Context c;
    if (cols.size() == 3) {
      c.instead = country(trim(cols[2]));
      if (c.instead < 0) {
        return Error::InvalidInput("\"" + std::string(cols[2]) + "\" is no ISO 3166-1 code");
      }
    }
    for (std::string_view w : split(cols[1], '|')) {
      if (!trim(w).empty()) c.words.emplace_back(trim(w));
    }
    const auto id = static_cast<int64_t>(impl->contexts.size());
    impl->contexts.push_back(std::move(c));
    for (std::string_view alias : split(cols[0], '|')) {
      alias = trim(alias);
      auto it = std::find_if(impl->aliases.begin(), impl->aliases.end(),
                             [&](const Impl::Alias& a) { return a.text == alias; });
      if (it == impl->aliases.end()) {
        return Error::InvalidInput("\"" + std::string(alias) + "\" is no alias");
      }
      it->context = id;
    }
    return Ok();
  });
  if (!done) return done.error();

  for (TopicInfo& t : impl->topics) {
    if (t.slug.empty()) t.slug = core::slugify(t.name);
    if (t.slug.empty()) t.slug = fold(t.key);
  }
  impl->index();
  return Gazetteer(std::move(impl));
}

const Gazetteer& Gazetteer::embedded() {
  static const Gazetteer kEmbedded = [] {
    auto loaded = load(embedded_data());
    // The data is part of the binary and a unit test loads it: failing here is a build bug.
    if (!loaded) {
      std::fprintf(stderr, "newszone: embedded topic data: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return kEmbedded;
}

std::vector<Mention> Gazetteer::mentions(std::string_view text, std::string_view context) const {
  if (context.empty()) context = text;
  const Impl& g = *impl_;
  std::vector<Mention> out;
  std::vector<int8_t> context_state(g.contexts.size(), -1);  // -1 unknown, 0 no, 1 applies
  // Aliases that named a person somewhere in this text, and the countries named otherwise.
  std::vector<size_t> person_aliases;
  struct Pending {
    Mention mention;
    size_t alias;
  };
  std::vector<Pending> found;
  for (size_t i = 0; i < text.size();) {
    if (!is_word(text[i]) || (i > 0 && is_word(text[i - 1]))) {
      ++i;
      continue;
    }
    auto id = g.match_at(text, i);
    if (!id) {
      i = word_end(text, i);
      continue;
    }
    const Impl::Alias& a = g.aliases[*id];
    const size_t end = i + a.folded.size();
    if (a.topic >= 0) {
      bool counts = true;
      int64_t topic = a.topic;
      if (a.context >= 0) {
        int8_t& state = context_state[a.context];
        if (state < 0) state = g.context_applies(g.contexts[a.context], context) ? 1 : 0;
        if (state == 1) {
          topic = g.contexts[a.context].instead;
          counts = topic >= 0;
        }
      }
      if (counts && a.person && g.beside_a_name(text, i, end)) {
        person_aliases.push_back(*id);
        counts = false;
      }
      if (counts) found.push_back({{static_cast<size_t>(topic), i, end - i}, *id});
    }
    i = end;
  }
  // Once "Chad" is a person ("Chad Miller"), a bare "Chad" in the same text is him too,
  // unless the country is also named another way ("Chadian", "N'Djamena").
  for (const Pending& p : found) {
    const bool person_alias = std::find(person_aliases.begin(), person_aliases.end(),
                                        p.alias) != person_aliases.end();
    if (person_alias) {
      const bool named_otherwise = std::any_of(found.begin(), found.end(), [&](const Pending& q) {
        return q.mention.topic == p.mention.topic && q.alias != p.alias;
      });
      if (!named_otherwise) continue;
    }
    out.push_back(p.mention);
  }
  return out;
}

}  // namespace nz::topics
