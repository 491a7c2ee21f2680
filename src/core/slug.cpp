#include "core/slug.h"

#include <cstdint>

namespace nz::core {
namespace {

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes yield U+FFFD.
char32_t next_code_point(std::string_view text, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t b0 = byte(i);
  int extra = b0 < 0x80 ? 0 : (b0 >> 5) == 0x6 ? 1 : (b0 >> 4) == 0xE ? 2 : (b0 >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + extra >= text.size() + (extra == 0 ? 1 : 0)) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b0 : (b0 & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// ASCII spelling of a Latin-1 Supplement / Latin Extended-A letter, or nullptr.
const char* fold_latin(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static const char* const kTable[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
    return kTable[cp - 0xC0];
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A comes in case pairs grouped by base letter.
    static const char kBase[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
        "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    size_t k = cp - 0x100;
    static thread_local char one[2] = {0, 0};
    if (k < sizeof(kBase) - 1) {
      one[0] = kBase[k];
      return one;
    }
  }
  return nullptr;
}

}  // namespace

std::string slugify(std::string_view text, size_t max_length) {
  std::string out;
  bool pending_hyphen = false;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    std::string piece;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      piece = static_cast<char>(cp);
    } else if (cp >= 'A' && cp <= 'Z') {
      piece = static_cast<char>(cp - 'A' + 'a');
    } else if (cp == '\'' || cp == 0x2019) {
      continue;  // "China's" -> "chinas", not "china-s"
    } else if (const char* folded = fold_latin(cp)) {
      piece = folded;
    } else {
      pending_hyphen = !out.empty();
      continue;
    }
    if (pending_hyphen) out += '-';
    pending_hyphen = false;
    out += piece;
  }
  if (out.size() > max_length) {
    size_t cut = out.rfind('-', max_length);
    out.resize(cut != std::string::npos && cut > 0 ? cut : max_length);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out;
}

bool is_valid_slug(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  char prev = 0;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

}  // namespace nz::core
