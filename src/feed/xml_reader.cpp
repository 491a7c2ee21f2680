// The strict XML reader (read_strict in xml_tree.h): well-formed XML 1.0 with namespaces, read
// into the same tree libxml2 makes, several times faster (no per-character decoding, text kept
// as views into the source where nothing needed decoding). It gives up at the first thing it
// does not accept, however legal (a DOCTYPE, a non-ASCII name, nesting deeper than 256, an
// undeclared prefix), and the document goes to libxml2. So it never needs to recover, and
// never has to match libxml2's recovery; fuzz_feed_xml checks that every document it accepts
// libxml2 reads as well-formed and into the same tree.
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feed/text.h"
#include "feed/xml_tree.h"

namespace nz::feed::xml {
namespace {

// Beyond these, libxml2 takes the document: the strict reader stays linear in its input.
constexpr size_t kMaxDepth = 256;
constexpr size_t kMaxName = 1000;
constexpr size_t kMaxAttributes = 64;     // on one element
constexpr size_t kMaxDeclarations = 256;  // namespace declarations in scope

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// XML 1.0 §2.2 Char: no C0 control but tab, LF and CR, and neither U+FFFE nor U+FFFF (the
// input is well-formed UTF-8, so it holds no surrogate).
bool has_forbidden_chars(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: a control character other than tab, LF and CR, or an 0xEF (the
  // lead byte of U+FFFE and U+FFFF, and of much else: those are looked at below).
  const __m128i x1f = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, x1f), x1f);  // v <= 0x1F
    __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                                   _mm_cmpeq_epi8(v, cr));
    __m128i bad = _mm_or_si128(_mm_andnot_si128(allowed, control), _mm_cmpeq_epi8(v, ef));
    if (_mm_movemask_epi8(bad) == 0) continue;
    for (size_t k = i; k < i + 16; ++k) {
      unsigned char c = p[k];
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
      if (c == 0xEF && k + 2 < n && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF)) {
        return true;
      }
    }
  }
#endif
  const size_t ef_from = i;  // what the loop above has not looked at for U+FFFE and U+FFFF
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    // Some byte below 0x20 (the classic "has less than" bit trick): look at each.
    if (((w - kOnes * 0x20) & ~w & kHighs) == 0) continue;
    for (size_t k = i; k < i + 8; ++k) {
      unsigned char c = p[k];
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
    }
  }
  for (; i < n; ++i) {
    unsigned char c = p[i];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
  }
  for (const void* q = ef_from < n ? std::memchr(p + ef_from, 0xEF, n - ef_from) : nullptr; q;) {
    size_t at = static_cast<const unsigned char*>(q) - p;
    if (at + 2 < n && p[at + 1] == 0xBF && (p[at + 2] == 0xBE || p[at + 2] == 0xBF)) return true;
    q = at + 1 < n ? std::memchr(p + at + 1, 0xEF, n - at - 1) : nullptr;
  }
  return false;
}

// The offset of the first '<', '&', CR or ']' in s[from, end), or end: the characters that end
// or interrupt a run of character data. Sixteen bytes at a time where SSE2 is there.
size_t scan_text(const char* s, size_t from, size_t end) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i lt = _mm_set1_epi8('<');
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i bracket = _mm_set1_epi8(']');
  for (; i + 16 <= end; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, bracket)));
    if (int mask = _mm_movemask_epi8(hit)) return i + size_t(__builtin_ctz(unsigned(mask)));
  }
#endif
  for (; i < end; ++i) {
    char c = s[i];
    if (c == '<' || c == '&' || c == '\r' || c == ']') return i;
  }
  return end;
}

// A QName split at its colon; false when it has more than one, one at either end, or a local
// part that is no NCName (Namespaces in XML 1.0 §4).
bool split_qname(std::string_view qname, std::string_view& prefix, std::string_view& local) {
  size_t colon = qname.find(':');
  if (colon == std::string_view::npos) {
    prefix = {};
    local = qname;
    return true;
  }
  if (colon == 0 || colon + 1 == qname.size() ||
      qname.find(':', colon + 1) != std::string_view::npos) {
    return false;
  }
  prefix = qname.substr(0, colon);
  local = qname.substr(colon + 1);
  return is_name_start(local[0]);  // an NCName: not a digit, '-' or '.' first
}

class Reader {
 public:
  Reader(std::string_view doc, Arena& arena) : s_(doc), arena_(arena), b_(arena) {}

  bool run(Node*& root) {
    if (has_forbidden_chars(s_)) return false;
    if (s_.starts_with("<?xml") && s_.size() > 5 && (is_space(s_[5]) || s_[5] == '?')) {
      if (!xml_declaration()) return false;
    }
    if (!misc() || i_ >= s_.size() || s_[i_] != '<') return false;
    if (!root_element() || !misc() || i_ != s_.size()) return false;
    root = b_.root();
    return root != nullptr;
  }

 private:
  bool at(std::string_view prefix) const { return s_.compare(i_, prefix.size(), prefix) == 0; }

  void skip_spaces(size_t& p) const {
    while (p < s_.size() && is_space(s_[p])) ++p;
  }

  std::string_view read_name(size_t& p) const {
    size_t start = p;
    if (p >= s_.size() || !is_name_start(s_[p])) return {};
    while (p < s_.size() && is_name_char(s_[p])) ++p;
    if (p < s_.size() && static_cast<unsigned char>(s_[p]) >= 0x80) return {};  // non-ASCII
    if (p - start > kMaxName) return {};
    return s_.substr(start, p - start);
  }

  // XMLDecl (XML 1.0 §2.8) at offset 0: version 1.0, optional encoding and standalone.
  bool xml_declaration() {
    size_t p = 5;
    auto pseudo_attr = [&](std::string_view name, std::string_view& value) {
      size_t q = p;
      skip_spaces(q);
      if (q == p || s_.compare(q, name.size(), name) != 0) return false;
      q += name.size();
      skip_spaces(q);
      if (q >= s_.size() || s_[q] != '=') return false;
      ++q;
      skip_spaces(q);
      if (q >= s_.size() || (s_[q] != '"' && s_[q] != '\'')) return false;
      size_t end = s_.find(s_[q], q + 1);
      if (end == std::string_view::npos) return false;
      value = s_.substr(q + 1, end - q - 1);
      p = end + 1;
      return true;
    };
    std::string_view value;
    if (!pseudo_attr("version", value) || value != "1.0") return false;
    if (pseudo_attr("encoding", value)) {
      if (value.empty() || !((value[0] >= 'a' && value[0] <= 'z') ||
                             (value[0] >= 'A' && value[0] <= 'Z'))) {
        return false;
      }
      for (char c : value) {
        if (!is_name_char(c) || c == ':') return false;
      }
    }
    if (pseudo_attr("standalone", value) && value != "yes" && value != "no") return false;
    skip_spaces(p);
    if (s_.compare(p, 2, "?>") != 0) return false;
    i_ = p + 2;
    return true;
  }

  // White space, comments and processing instructions (outside the root element).
  bool misc() {
    while (true) {
      skip_spaces(i_);
      if (at("<!--")) {
        if (!comment()) return false;
      } else if (at("<?")) {
        if (!processing_instruction()) return false;
      } else {
        return true;
      }
    }
  }

  bool root_element() {
    if (!start_tag()) return false;
    while (!open_.empty()) {
      if (i_ >= s_.size()) return false;
      if (s_[i_] != '<') {
        if (!char_data()) return false;
        continue;
      }
      if (i_ + 1 >= s_.size()) return false;
      char c = s_[i_ + 1];
      bool ok;
      if (c == '/') {
        ok = end_tag();
      } else if (c == '!') {
        ok = at("<!--") ? comment() : at("<![CDATA[") ? cdata() : false;
      } else if (c == '?') {
        ok = processing_instruction();
      } else {
        ok = start_tag();
      }
      if (!ok) return false;
    }
    return true;
  }

  // The namespace URI bound to `prefix` here ("" for no prefix and no default namespace);
  // false when the prefix is not declared.
  bool lookup(std::string_view prefix, std::string_view& uri) const {
    if (prefix == "xml") {
      uri = kXml;
      return true;
    }
    for (size_t k = scope_.size(); k > 0; --k) {
      if (scope_[k - 1].prefix == prefix) {
        uri = scope_[k - 1].uri;
        return true;
      }
    }
    uri = {};
    return prefix.empty();
  }

  bool start_tag() {
    size_t p = i_ + 1;
    std::string_view qname = read_name(p);
    if (qname.empty()) return false;
    raw_.clear();
    bool empty = false;
    while (true) {
      size_t ws = p;
      skip_spaces(p);
      if (p >= s_.size()) return false;
      if (s_[p] == '>') {
        ++p;
        break;
      }
      if (s_[p] == '/') {
        if (p + 1 >= s_.size() || s_[p + 1] != '>') return false;
        p += 2;
        empty = true;
        break;
      }
      if (ws == p) return false;  // attributes are separated by white space
      std::string_view name = read_name(p);
      if (name.empty()) return false;
      skip_spaces(p);
      if (p >= s_.size() || s_[p] != '=') return false;
      ++p;
      skip_spaces(p);
      if (p >= s_.size() || (s_[p] != '"' && s_[p] != '\'')) return false;
      size_t end = s_.find(s_[p], p + 1);
      if (end == std::string_view::npos) return false;
      std::string_view value;
      if (!attribute_value(s_.substr(p + 1, end - p - 1), value)) return false;
      if (raw_.size() >= kMaxAttributes) return false;  // the checks below are quadratic
      raw_.push_back({name, value});
      p = end + 1;
    }
    i_ = p;

    // Namespaces in XML 1.0 §3: declarations first, then the names they bind.
    size_t mark = scope_.size();
    decls_.clear();
    attrs_.clear();
    for (size_t k = 0; k < raw_.size(); ++k) {
      for (size_t j = 0; j < k; ++j) {
        if (raw_[j].qname == raw_[k].qname) return false;  // §3.1: unique attributes
      }
      std::string_view q = raw_[k].qname;
      if (q == "xmlns") {
        if (raw_[k].value == kXml || raw_[k].value == "http://www.w3.org/2000/xmlns/") {
          return false;
        }
        decls_.push_back({{}, raw_[k].value});
      } else if (q.starts_with("xmlns:")) {
        std::string_view prefix = q.substr(6);
        if (prefix.empty() || prefix.find(':') != std::string_view::npos || prefix == "xml" ||
            prefix == "xmlns" || raw_[k].value.empty() || raw_[k].value == kXml ||
            raw_[k].value == "http://www.w3.org/2000/xmlns/") {
          return false;
        }
        decls_.push_back({prefix, raw_[k].value});
      }
    }
    scope_.insert(scope_.end(), decls_.begin(), decls_.end());
    if (scope_.size() > kMaxDeclarations) return false;  // each name looks through all
    std::string_view prefix, local, uri;
    if (!split_qname(qname, prefix, local) || prefix == "xmlns" || !lookup(prefix, uri)) {
      return false;
    }
    for (const RawAttr& a : raw_) {
      if (a.qname == "xmlns" || a.qname.starts_with("xmlns:")) continue;
      Attr attr{.value = a.value};
      if (!split_qname(a.qname, attr.prefix, attr.local)) return false;
      if (!attr.prefix.empty() && !lookup(attr.prefix, attr.ns)) return false;
      for (const Attr& other : attrs_) {  // §6.3: no two with the same expanded name
        if (!attr.ns.empty() && other.ns == attr.ns && other.local == attr.local) return false;
      }
      attrs_.push_back(attr);
    }
    if (open_.size() >= kMaxDepth) return false;
    b_.start_element(local, prefix, uri, arena_.copy(attrs_), arena_.copy(decls_));
    if (empty) {
      b_.end_element();
      scope_.resize(mark);
    } else {
      open_.push_back({qname, mark});
    }
    return true;
  }

  bool end_tag() {
    size_t p = i_ + 2;
    std::string_view name = read_name(p);
    skip_spaces(p);
    if (name.empty() || p >= s_.size() || s_[p] != '>') return false;
    if (open_.empty() || open_.back().qname != name) return false;
    b_.end_element();
    scope_.resize(open_.back().ns_mark);
    open_.pop_back();
    i_ = p + 1;
    return true;
  }

  // A reference at s[p] == '&' (the five predefined entities and character references only:
  // any other entity would need a DTD). Appends its text and moves p past the ';'.
  bool reference(std::string_view s, size_t& p, std::string& out) const {
    size_t semi = s.find(';', p + 1);
    if (semi == std::string_view::npos || semi - p > 12) return false;
    std::string_view name = s.substr(p + 1, semi - p - 1);
    p = semi + 1;
    if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "amp") {
      out += '&';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x';
      std::string_view digits = name.substr(hex ? 2 : 1);
      if (digits.empty() || digits.size() > 8) return false;
      char32_t cp = 0;
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')             ? c - '0'
                : hex && (c >= 'a' && c <= 'f')   ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F')   ? c - 'A' + 10
                                                   : -1;
        if (d < 0) return false;
        cp = cp * (hex ? 16 : 10) + char32_t(d);
      }
      bool is_char = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                     (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!is_char) return false;
      append_utf8(out, cp);
    } else {
      return false;
    }
    return true;
  }

  // An attribute value between its quotes, decoded: references replaced, each white space
  // character a space (XML 1.0 §3.3.3; a CR LF pair is one). A view into the source when
  // nothing changes.
  bool attribute_value(std::string_view raw, std::string_view& value) {
    bool plain = true;
    for (char c : raw) {
      if (c == '<') return false;
      if (c == '&' || c == '\t' || c == '\n' || c == '\r') plain = false;
    }
    if (plain) {
      value = raw;
      return true;
    }
    scratch_.clear();
    for (size_t p = 0; p < raw.size();) {
      char c = raw[p];
      if (c == '&') {
        if (!reference(raw, p, scratch_)) return false;
        continue;
      }
      if (c == '\r' && p + 1 < raw.size() && raw[p + 1] == '\n') ++p;
      scratch_ += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
      ++p;
    }
    value = arena_.copy(scratch_);
    return true;
  }

  // Text with line ends normalised (XML 1.0 §2.11): a view when it has no CR, else a copy.
  std::string_view normalise_eol(std::string_view t) {
    if (t.find('\r') == std::string_view::npos) return t;
    scratch_.clear();
    for (size_t p = 0; p < t.size(); ++p) {
      if (t[p] == '\r') {
        scratch_ += '\n';
        if (p + 1 < t.size() && t[p + 1] == '\n') ++p;
      } else {
        scratch_ += t[p];
      }
    }
    return arena_.copy(scratch_);
  }

  // Character data up to the next '<': references decoded, line ends normalised, "]]>"
  // refused (§2.4). Runs with nothing to decode go to the builder as views.
  bool char_data() {
    const char* d = s_.data();
    size_t n = s_.size();
    size_t piece = i_;  // start of the text not yet given to the builder
    size_t p = i_;
    while (true) {
      p = scan_text(d, p, n);
      if (p >= n) return false;  // the root element never ends
      char c = d[p];
      if (c == '<') break;
      if (c == ']') {
        if (s_.compare(p, 3, "]]>") == 0) return false;
        ++p;
        continue;
      }
      b_.text(s_.substr(piece, p - piece));
      if (c == '\r') {
        b_.text("\n");
        p += p + 1 < n && d[p + 1] == '\n' ? 2 : 1;
      } else {  // '&'
        decoded_.clear();
        if (!reference(s_, p, decoded_)) return false;
        b_.text_copy(decoded_);
      }
      piece = p;
    }
    b_.text(s_.substr(piece, p - piece));
    i_ = p;
    return true;
  }

  bool cdata() {
    size_t start = i_ + 9;
    size_t end = s_.find("]]>", start);
    if (end == std::string_view::npos) return false;
    b_.text(normalise_eol(s_.substr(start, end - start)));
    i_ = end + 3;
    return true;
  }

  bool comment() {
    size_t start = i_ + 4;
    size_t dashes = s_.find("--", start);
    // §2.5: "--" only at the end, and the comment does not end in "-".
    if (dashes == std::string_view::npos || dashes + 2 >= s_.size() || s_[dashes + 2] != '>') {
      return false;
    }
    b_.comment(normalise_eol(s_.substr(start, dashes - start)));
    i_ = dashes + 3;
    return true;
  }

  bool processing_instruction() {
    size_t p = i_ + 2;
    std::string_view target = read_name(p);
    if (target.empty() || target.find(':') != std::string_view::npos) return false;
    if (target.size() == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
        (target[2] | 0x20) == 'l') {
      return false;  // §2.6: reserved (an XML declaration anywhere but at the start)
    }
    std::string_view content;
    if (s_.compare(p, 2, "?>") == 0) {
      p += 2;
    } else {
      if (p >= s_.size() || !is_space(s_[p])) return false;
      skip_spaces(p);
      size_t end = s_.find("?>", p);
      if (end == std::string_view::npos) return false;
      content = normalise_eol(s_.substr(p, end - p));
      p = end + 2;
    }
    b_.pi(target, content);
    i_ = p;
    return true;
  }

  struct RawAttr {
    std::string_view qname;
    std::string_view value;
  };
  struct Open {
    std::string_view qname;
    size_t ns_mark;  // scope_ size before this element's declarations
  };

  std::string_view s_;
  size_t i_ = 0;
  Arena& arena_;
  TreeBuilder b_;
  std::vector<Open> open_;
  std::vector<NsDecl> scope_;  // declarations in scope, innermost last
  std::vector<RawAttr> raw_;
  std::vector<Attr> attrs_;
  std::vector<NsDecl> decls_;
  std::string scratch_;
  std::string decoded_;
};

}  // namespace

bool read_strict(std::string_view doc, Arena& arena, Node*& root) {
  return Reader(doc, arena).run(root);
}

}  // namespace nz::feed::xml
