#include "sanitize/output_escape.h"

#include <array>

namespace nz::sanitize {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The bytes the writer looks at; every other byte is copied in a run. Lead bytes C2, EF
// and F0-F4 start the only sequences that can encode a code point the parser replaces.
using ByteTable = std::array<bool, 256>;

constexpr ByteTable make_table(bool attribute) {
  ByteTable t{};
  for (int c = 0; c < 0x20; ++c) t[c] = c != '\t' && c != '\n' && c != '\f';
  t['&'] = t['<'] = t['>'] = true;
  t['"'] = attribute;
  t[0x7F] = true;
  t[0xC2] = t[0xEF] = true;
  for (int c = 0xF0; c <= 0xF4; ++c) t[c] = true;
  return t;
}

constexpr ByteTable kTextBytes = make_table(false);
constexpr ByteTable kAttributeBytes = make_table(true);

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// gumbo 0.10.1's utf8_is_invalid_code_point, for code points past DEL.
bool replaced_by_parser(char32_t cp) {
  return (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
         (cp & 0xFFFE) == 0xFFFE;
}

// The length of the well-formed sequence at s[i] (lead byte C2, EF or F0-F4) and whether
// the parser would replace its code point; length 0 when malformed.
struct Sequence {
  size_t length = 0;
  bool replaced = false;
};

Sequence read_sequence(std::string_view s, size_t i) {
  auto lead = static_cast<unsigned char>(s[i]);
  size_t length = lead == 0xC2 ? 2 : lead == 0xEF ? 3 : 4;
  if (i + length > s.size()) return {};
  char32_t cp = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < length; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation(c)) return {};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {length, replaced_by_parser(cp)};
}

void append_escaped(std::string& out, std::string_view s, const ByteTable& table) {
  size_t run = 0;  // s[run, i) is still to be copied
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!table[c]) {
      ++i;
      continue;
    }
    out.append(s, run, i - run);
    size_t next = i + 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case 0x7F: out += kReplacement; break;
      default:
        if (c < 0x20) break;  // a dropped control
        if (Sequence seq = read_sequence(s, i); seq.length == 0) {
          out += s[i];  // malformed: copied as it is
        } else {
          if (seq.replaced) {
            out += kReplacement;
          } else {
            out.append(s, i, seq.length);
          }
          next = i + seq.length;
        }
    }
    i = next;
    run = i;
  }
  out.append(s, run, std::string_view::npos);
}

}  // namespace

void append_text(std::string& out, std::string_view text) {
  append_escaped(out, text, kTextBytes);
}

void append_attr_value(std::string& out, std::string_view value) {
  append_escaped(out, value, kAttributeBytes);
}

}  // namespace nz::sanitize
