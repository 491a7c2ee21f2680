#include "feed/xml_repair.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <set>
#include <vector>

namespace nz::feed {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '.';
}

std::set<std::string, std::less<>> declared_entities(std::string_view doc) {
  std::set<std::string, std::less<>> names;
  size_t pos = 0;
  while ((pos = doc.find("<!ENTITY", pos)) != std::string_view::npos) {
    pos += 8;
    while (pos < doc.size() && (doc[pos] == ' ' || doc[pos] == '\t' || doc[pos] == '\n')) ++pos;
    size_t start = pos;
    while (pos < doc.size() && is_name_char(doc[pos])) ++pos;
    names.emplace(doc.substr(start, pos - start));
  }
  return names;
}

}  // namespace

RepairedXml repair_xml(std::string_view input) {
  RepairedXml r;
  // Junk before the document: start at the XML declaration, else at the first '<'.
  size_t start = input.find("<?xml");
  if (start == std::string_view::npos) start = input.find('<');
  if (start == std::string_view::npos) start = input.size();
  for (size_t i = 0; i < start; ++i) {
    char c = input[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      r.problem = "junk before the XML declaration";
      break;
    }
  }
  r.start = start;
  std::string_view doc = input.substr(start);
  std::set<std::string, std::less<>> own = declared_entities(doc);
  // Repairs replace doc[from, to) with `with`; what lies between them is copied only once the
  // first repair is made, so a document that needs none is never copied.
  std::string& out = r.text;
  size_t copied = 0;  // doc[0, copied) is in `out`
  auto replace = [&](size_t from, size_t to, std::string_view with) {
    if (!r.changed) out.reserve(doc.size() + 64);
    r.changed = true;
    out.append(doc.substr(copied, from - copied));
    out.append(with);
    copied = to;
  };
  // Only '<' and '&' can need a repair. The next of each is remembered, so that a document
  // with few of one is not searched again and again.
  size_t next_lt = 0, next_amp = 0;
  auto next_special = [&](size_t from) {
    if (next_lt != std::string_view::npos && next_lt < from) next_lt = doc.find('<', from);
    if (next_amp != std::string_view::npos && next_amp < from) next_amp = doc.find('&', from);
    return std::min({next_lt, next_amp, doc.size()});
  };
  size_t i = 0;
  while (i < doc.size()) {
    char c = doc[i];
    if (c != '<' && c != '&') {
      i = next_special(i);
      continue;
    }
    char after_lt = c == '<' && i + 1 < doc.size() ? doc[i + 1] : '\0';
    if (c == '<' && after_lt != '!' && after_lt != 'b' && after_lt != 'h' && after_lt != 'i' &&
        after_lt != 'w') {
      ++i;  // an ordinary tag: nothing to repair
      continue;
    }
    if (c == '<' && doc.compare(i, 9, "<![CDATA[") == 0) {
      size_t end = doc.find("]]>", i + 9);
      i = end == std::string_view::npos ? doc.size() : end + 3;
      continue;
    }
    if (c == '<' && doc.compare(i, 4, "<!--") == 0) {
      size_t end = doc.find("-->", i + 4);
      i = end == std::string_view::npos ? doc.size() : end + 3;
      continue;
    }
    if (c == '<') {
      // HTML void elements written unescaped and unclosed ("<br>") would swallow the rest of
      // the document in recovery mode: close them.
      size_t n = 0;
      for (std::string_view v : {"br", "hr", "img", "wbr"}) {
        if (doc.compare(i + 1, v.size(), v) == 0) n = v.size();
      }
      char after = n && i + 1 + n < doc.size() ? doc[i + 1 + n] : 'x';
      if (n && (after == '>' || after == ' ' || after == '/' || after == '\n')) {
        size_t end = doc.find('>', i);
        if (end != std::string_view::npos &&
            doc.substr(i, end - i).find('<', 1) == std::string_view::npos) {
          if (doc[end - 1] != '/') {
            replace(end, end, "/");
            if (!r.problem) r.problem = "unclosed <" + std::string(doc.substr(i + 1, n)) + "> tag";
          }
          i = end + 1;
          continue;
        }
      }
      ++i;
      continue;
    }
    // A reference is "&name;" or "&#digits;" or "&#xhex;".
    size_t j = i + 1;
    bool numeric = j < doc.size() && doc[j] == '#';
    if (numeric) ++j;
    bool hex = numeric && j < doc.size() && (doc[j] == 'x' || doc[j] == 'X');
    if (hex) ++j;
    size_t name_start = j;
    while (j < doc.size() && j - name_start < 40 && is_name_char(doc[j])) ++j;
    std::string_view name = doc.substr(name_start, j - name_start);
    bool terminated = j < doc.size() && doc[j] == ';' && !name.empty();
    if (terminated && (numeric || name == "amp" || name == "lt" || name == "gt" ||
                       name == "quot" || name == "apos" || own.count(name))) {
      i = j + 1;
      continue;
    }
    if (terminated) {
      std::string n(name);
      if (const htmlEntityDesc* d = htmlEntityLookup(reinterpret_cast<const xmlChar*>(n.c_str()))) {
        replace(i, j + 1, "&#" + std::to_string(d->value) + ";");
        if (!r.problem) r.problem = "undefined entity &" + n + ";";
        i = j + 1;
        continue;
      }
    }
    replace(i, i + 1, "&amp;");
    if (!r.problem) {
      r.problem = terminated ? "undefined entity &" + std::string(name) + ";" : "unescaped & in text";
    }
    ++i;
  }
  if (r.changed) out.append(doc.substr(copied));
  return r;
}

std::string_view RepairedXml::document(std::string_view input) const {
  return changed ? std::string_view(text) : input.substr(start);
}

}  // namespace nz::feed

namespace nz::feed {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Characters that may start an XML name (ASCII subset plus any non-ASCII byte of UTF-8).
bool starts_name(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool ends_name(char c) { return is_space(c) || c == '>' || c == '/' || c == '<'; }

bool is_entry(std::string_view name) {
  return name == "item" || name == "entry" || name == "rss:item" || name == "atom:entry";
}

// The end of a markup declaration (<!DOCTYPE ...>) starting at `i`: the '>' outside quotes and
// outside the internal subset [...]; npos when cut off.
size_t declaration_end(std::string_view doc, size_t i) {
  int depth = 0;
  char quote = 0;
  for (size_t j = i + 2; j < doc.size(); ++j) {
    char c = doc[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (depth > 0) --depth;
    } else if (c == '>' && depth == 0) {
      return j;
    }
  }
  return std::string_view::npos;
}

class Balancer {
  // How far down the open elements an end tag or an entry looks for its match: a document
  // with thousands of unclosed elements stays linear, not quadratic.
  static constexpr size_t kSearchDepth = 256;

 public:
  explicit Balancer(std::string_view doc) : doc_(doc) { out_.reserve(doc.size() + 64); }

  BalancedXml run() {
    size_t i = 0;
    while (i < doc_.size() && !done_) {
      if (doc_[i] != '<') {
        size_t next = doc_.find('<', i);
        if (next == std::string_view::npos) next = doc_.size();
        text(doc_.substr(i, next - i));
        i = next;
        continue;
      }
      i = markup(i);
    }
    close_to(0);
    return {std::move(out_), changed_};
  }

 private:
  // Character data; after the root element only white space is kept.
  void text(std::string_view t) {
    if (!root_closed_) {
      out_.append(t);
      return;
    }
    for (char c : t) {
      if (!is_space(c)) {
        changed_ = true;
        done_ = true;
        return;
      }
    }
    out_.append(t);
  }

  // Copies the construct from `i` to the first `terminator` after it; a cut-off one is
  // dropped (or, for CDATA, closed). Returns where to continue.
  size_t copy_until(size_t i, std::string_view terminator, bool close_if_cut) {
    size_t end = doc_.find(terminator, i);
    if (end == std::string_view::npos) {
      changed_ = true;
      if (close_if_cut) {
        out_.append(doc_.substr(i));
        out_.append(terminator);
      }
      return doc_.size();
    }
    end += terminator.size();
    out_.append(doc_.substr(i, end - i));
    return end;
  }

  size_t markup(size_t i) {
    std::string_view rest = doc_.substr(i);
    if (rest.starts_with("<!--")) return copy_until(i, "-->", false);
    if (rest.starts_with("<![CDATA[")) {
      if (root_closed_) return stop();
      return copy_until(i, "]]>", true);
    }
    if (rest.starts_with("<?")) return copy_until(i, "?>", false);
    if (rest.starts_with("<!")) {
      size_t end = declaration_end(doc_, i);
      if (end == std::string_view::npos) {
        changed_ = true;
        return doc_.size();
      }
      out_.append(doc_.substr(i, end + 1 - i));
      return end + 1;
    }
    if (rest.starts_with("</")) return end_tag(i);
    return start_tag(i);
  }

  size_t stop() {
    changed_ = true;
    done_ = true;
    return doc_.size();
  }

  std::string_view name_at(size_t i) const {
    size_t j = i;
    while (j < doc_.size() && !ends_name(doc_[j])) ++j;
    return doc_.substr(i, j - i);
  }

  size_t start_tag(size_t i) {
    if (i + 1 >= doc_.size() || !starts_name(doc_[i + 1])) {
      // "a < b", "<3": text, not a tag.
      if (root_closed_) return stop();
      out_ += "&lt;";
      changed_ = true;
      return i + 1;
    }
    if (root_closed_) return stop();
    std::string_view name = name_at(i + 1);
    size_t j = i + 1 + name.size();
    char quote = 0;
    for (; j < doc_.size(); ++j) {
      char c = doc_[j];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>' || c == '<') {
        break;
      }
    }
    if (j >= doc_.size()) {  // cut off inside the tag
      changed_ = true;
      return doc_.size();
    }
    if (is_entry(name)) close_open_entry(name);
    std::string_view tag = doc_.substr(i, j - i);
    bool empty = false;
    if (doc_[j] == '<') {
      // "<b <i>": the tag never ended; end it here.
      changed_ = true;
      while (!tag.empty() && is_space(tag.back())) tag.remove_suffix(1);
      out_.append(tag);
      if (tag.back() == '/') {
        empty = true;
      }
      out_ += '>';
    } else {
      empty = doc_[j - 1] == '/';
      out_.append(doc_.substr(i, j + 1 - i));
      ++j;
    }
    if (!empty) stack_.push_back(name);
    if (empty && stack_.empty()) root_closed_ = true;  // <rss/>
    return j;
  }

  size_t end_tag(size_t i) {
    std::string_view name = name_at(i + 2);
    size_t end = doc_.find('>', i);
    size_t lt = doc_.find('<', i + 2);
    if (end == std::string_view::npos || (lt != std::string_view::npos && lt < end)) {
      // Cut off ("</ite" at the end) or never ended: dropped; the element is closed below.
      changed_ = true;
      return end == std::string_view::npos ? doc_.size() : lt;
    }
    size_t k = stack_.size();
    size_t floor = k > kSearchDepth ? k - kSearchDepth : 0;
    while (k > floor && stack_[k - 1] != name) --k;
    if (k == floor) {  // closes nothing that is open (near enough to matter)
      changed_ = true;
      return end + 1;
    }
    close_to(k);  // the elements opened inside it
    out_.append(doc_.substr(i, end + 1 - i));
    stack_.pop_back();
    if (stack_.empty()) root_closed_ = true;
    return end + 1;
  }

  // An entry never contains an entry of its name: close the open one and what it holds.
  void close_open_entry(std::string_view name) {
    size_t floor = stack_.size() > kSearchDepth ? stack_.size() - kSearchDepth : 1;
    for (size_t k = stack_.size(); k > floor; --k) {  // never the root
      if (stack_[k - 1] != name) continue;
      close_to(k - 1);
      return;
    }
  }

  // Closes open elements until `depth` remain.
  void close_to(size_t depth) {
    while (stack_.size() > depth) {
      changed_ = true;
      out_ += "</";
      out_.append(stack_.back());
      out_ += '>';
      stack_.pop_back();
      if (stack_.empty()) root_closed_ = true;
    }
  }

  std::string_view doc_;
  std::string out_;
  std::vector<std::string_view> stack_;
  bool changed_ = false;
  bool root_closed_ = false;
  bool done_ = false;
};

}  // namespace

BalancedXml balance_tags(std::string_view utf8) { return Balancer(utf8).run(); }

LiberalXml parse_liberal_xml(std::string_view utf8) {
  // A well-formed document needs no repair (the strict reader refuses every habit repair_xml
  // mends): read it as it is, without a pass of repair_xml over it.
  LiberalXml strict{.doc = xml::Document::parse_borrowed(utf8, xml::Document::Reader::kStrict)};
  if (strict.doc.root()) return strict;
  RepairedXml repaired = repair_xml(utf8);
  LiberalXml out{.doc = repaired.changed
                            ? xml::Document::parse(std::move(repaired.text))
                            : xml::Document::parse_borrowed(utf8.substr(repaired.start)),
                 .repair_problem = std::move(repaired.problem)};
  out.parse_error = out.doc.error();
  if (out.parse_error) {
    // libxml2's recovery nests everything after an unclosed element inside it.
    BalancedXml balanced = balance_tags(out.doc.source());
    if (balanced.changed) {
      xml::Document again = xml::Document::parse(std::move(balanced.text));
      if (again.root()) out.doc = std::move(again);
    }
  }
  return out;
}

}  // namespace nz::feed
