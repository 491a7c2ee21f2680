#include "feed/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feed/text.h"

namespace nz::feed {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  return out;
}

// Canonical WHATWG-ish label for the names feeds actually declare.
std::string canonical(std::string_view label) {
  std::string l = lower(trim(label));
  if (l.size() >= 2 && (l.front() == '"' || l.front() == '\'')) l = l.substr(1, l.size() - 2);
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8") return "utf-8";
  // WHATWG Encoding: these labels all mean windows-1252.
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "latin-1" ||
      l == "l1" || l == "us-ascii" || l == "ascii" || l == "cp1252" || l == "windows-1252" ||
      l == "x-cp1252" || l == "iso_8859-1" || l == "cp819" || l == "ibm819") {
    return "windows-1252";
  }
  if (l == "utf-16") return "utf-16";
  return l;
}

// A charset name as IANA registers them (RFC 2978 §2.3: printable US-ASCII, in practice
// letters, digits and - _ . : + ( )), at most 40 characters; empty counts as one.
bool is_label(std::string_view label) {
  if (label.size() > 40) return false;
  for (char c : label) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':' || c == '+' || c == '(' || c == ')';
    if (!ok) return false;
  }
  return true;
}

std::string declared_xml_encoding(std::string_view bytes) {
  size_t start = bytes.find("<?xml");
  if (start == std::string_view::npos || start > 1024) return {};
  size_t end = bytes.find("?>", start);
  if (end == std::string_view::npos) return {};
  std::string_view decl = bytes.substr(start, end - start);
  size_t e = decl.find("encoding");
  if (e == std::string_view::npos) return {};
  size_t q = decl.find_first_of("\"'", e);
  if (q == std::string_view::npos) return {};
  size_t q2 = decl.find(decl[q], q + 1);
  if (q2 == std::string_view::npos) return {};
  return std::string(decl.substr(q + 1, q2 - q - 1));
}

// windows-1252 0x80-0x9F; the five undefined bytes map to the C1 controls (WHATWG).
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

std::string from_cp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0xA0) {
      append_utf8(out, kCp1252High[c - 0x80]);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

// The length of the longest well-formed UTF-8 prefix of `b`: ASCII eight bytes at a time,
// two- and three-byte sequences (Latin, CJK) inline, the rest by utf8_sequence_length.
size_t valid_prefix(std::string_view b) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data());
  size_t n = b.size();
  size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    if (i + 16 <= n) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      if (_mm_movemask_epi8(v) == 0) {  // sixteen ASCII bytes
        i += 16;
        continue;
      }
    }
#endif
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
    } else if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
               (p[i + 2] & 0xC0) == 0x80) {
      i += 3;  // U+1000..U+CFFF: never overlong, never a surrogate
    } else {
      size_t len = utf8_sequence_length(b.substr(i));
      if (len == 0) return i;
      i += len;
    }
  }
  return i;
}

// Copies valid UTF-8, replacing each invalid byte with U+FFFD.
std::string repair_utf8(std::string_view b) {
  std::string out;
  out.reserve(b.size());
  while (!b.empty()) {
    size_t ok = valid_prefix(b);
    out.append(b.substr(0, ok));
    if (ok == b.size()) break;
    out += "\xEF\xBF\xBD";
    b.remove_prefix(ok + 1);
  }
  return out;
}

}  // namespace

size_t utf8_sequence_length(std::string_view b) {
  if (b.empty()) return 0;
  unsigned char c = b[0];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || n > b.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(b[k]) >> 6) != 2) return 0;
  }
  if (n == 1) return 1;
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (b[k] & 0x3F);
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  bool ok = cp >= kMin[n] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
  return ok ? n : 0;
}

bool is_valid_utf8(std::string_view bytes) { return valid_prefix(bytes) == bytes.size(); }

DetectedEncoding detect_encoding(std::string_view b, std::string_view http_charset) {
  DetectedEncoding d;
  if (b.starts_with("\xEF\xBB\xBF")) {
    d = {"utf-8", 3, {}};
    d.valid_utf8 = is_valid_utf8(b.substr(3));
    return d;
  }
  if (b.starts_with("\xFF\xFE")) return {"utf-16le", 2, {}};
  if (b.starts_with("\xFE\xFF")) return {"utf-16be", 2, {}};
  // UTF-16 without BOM, recognised by "<?" (XML 1.0 Appendix F).
  if (b.starts_with(std::string_view("<\0?\0", 4))) return {"utf-16le", 0, {}};
  if (b.starts_with(std::string_view("\0<\0?", 4))) return {"utf-16be", 0, {}};
  std::string declared = canonical(http_charset);
  if (declared.empty()) declared = canonical(declared_xml_encoding(b));
  if (!is_label(declared)) {
    // iconv reads "utf-8\xFF\xFF" as utf-8 (glibc drops what it does not know), and the label
    // would then be printed as the "encoding": a label that is no charset name is no
    // declaration.
    d.problem = "unreadable encoding declaration ignored";
    declared.clear();
  }
  if (declared == "utf-16" || declared == "utf-16le" || declared == "utf-16be") {
    declared.clear();  // the bytes are plainly not UTF-16 (no BOM, ASCII "<?")
  }
  bool valid = is_valid_utf8(b);
  d.valid_utf8 = valid;
  if (declared.empty()) {
    d.name = valid ? "utf-8" : "windows-1252";
    return d;
  }
  if (declared == "utf-8" && !valid) {
    d.valid_utf8 = false;
    d.name = "windows-1252";
    d.problem = "declared utf-8 but the bytes are not; read as windows-1252";
    return d;
  }
  d.name = declared;
  d.valid_utf8 = valid && declared == "utf-8";
  return d;
}

Result<std::string> to_utf8(std::string_view bytes, const std::string& encoding) {
  if (encoding == "utf-8") return repair_utf8(bytes);
  if (encoding == "windows-1252") return from_cp1252(bytes);
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Error::InvalidInput("unknown character encoding \"" + encoding + "\"");
  }
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string out;
  std::string in(bytes);
  char* src = in.data();
  size_t src_left = in.size();
  char buf[4096];
  while (src_left > 0) {
    char* dst = buf;
    size_t dst_left = sizeof buf;
    size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buf, dst - buf);
    if (r == size_t(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated): one replacement character, skip a byte.
      out += "\xEF\xBF\xBD";
      ++src;
      --src_left;
    }
  }
  return repair_utf8(out);
}

}  // namespace nz::feed
