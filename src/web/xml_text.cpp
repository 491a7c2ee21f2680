#include "web/xml_text.h"

namespace nz::web {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at text[i], or 0 when there is none.
size_t utf8_length(std::string_view text, size_t i, uint32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  auto cont = [&](size_t k) { return i + k < text.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char b = byte(0);
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF && cont(1)) {
    cp = ((b & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    return 2;
  }
  if (b >= 0xE0 && b <= 0xEF && cont(1) && cont(2)) {
    cp = ((b & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;  // overlong, surrogate
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    cp = ((b & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
         (byte(3) & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

// What xml_escape and xml_clean share: the walk that drops what XML cannot carry.
std::string clean(std::string_view text, size_t max_bytes, bool escape) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 16);
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t len = utf8_length(text, i, cp);
    if (i + std::max<size_t>(len, 1) > max_bytes) break;
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    // XML 1.0, "Char": #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp != 0xFFFE &&
                                                          cp != 0xFFFF);
    if (allowed && !escape) {
      out.append(text.substr(i, len));
    } else if (allowed) {
      switch (cp) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out.append(text.substr(i, len));
      }
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text, size_t max_bytes) {
  return clean(text, max_bytes, true);
}

std::string xml_clean(std::string_view text) { return clean(text, std::string_view::npos, false); }

}  // namespace nz::web
