#include "sanitize/html_text.h"

#include <gumbo.h>

#include <vector>

#include "sanitize/gumbo_elements.h"
#include "sanitize/nesting_limit.h"

namespace nz::sanitize {
namespace {

enum class Kind { kInline, kBlock, kCell, kBreak, kHidden, kPre };

Kind kind_of(const GumboNode* node) {
  if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return Kind::kHidden;
  if (is_block(node->v.element)) return Kind::kBlock;
  switch (node->v.element.tag) {
    case GUMBO_TAG_PRE:
      return Kind::kPre;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return Kind::kCell;
    case GUMBO_TAG_BR:
      return Kind::kBreak;
    // Never rendered as text: code, styles, inert templates, raw-text containers, head
    // matter, form controls, plugins, media fallbacks.
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TITLE: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET:
    case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_FORM: case GUMBO_TAG_INPUT: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_OUTPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_ISINDEX:
      return Kind::kHidden;
    default:
      return Kind::kInline;
  }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Collects text with pending separators, written only when more text follows, so that
// breaks never pile up at the start or the end.
class TextWriter {
 public:
  void text(std::string_view s, bool preformatted) {
    for (char c : s) {
      if (preformatted) {
        if (c == '\n') {
          request_break(1);
          continue;
        }
        flush();
        out_ += c;
        continue;
      }
      if (is_space(c)) {
        space_ = true;
        continue;
      }
      flush();
      out_ += c;
    }
  }
  // 1: line break, 2: paragraph break (blank line).
  void request_break(int level) {
    if (level == 1 && pending_break_ >= 1) {
      pending_break_ = 2;  // <br><br> reads as a paragraph break
    } else if (level > pending_break_) {
      pending_break_ = level;
    }
  }
  void request_space() { space_ = true; }
  void end_block() {
    pending_break_ = 2;
  }
  std::string take() { return std::move(out_); }

 private:
  void flush() {
    if (!out_.empty()) {
      if (pending_break_ == 2) {
        out_ += "\n\n";
      } else if (pending_break_ == 1) {
        out_ += '\n';
      } else if (space_) {
        out_ += ' ';
      }
    }
    pending_break_ = 0;
    space_ = false;
  }
  std::string out_;
  int pending_break_ = 0;
  bool space_ = false;
};

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string input = "<!DOCTYPE html><body>";
  input.append(limit_nesting(html));
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, input.data(), input.size());
  TextWriter writer;
  const GumboNode* body = nullptr;
  const GumboVector& root_children = output->root->v.element.children;
  for (unsigned i = 0; i < root_children.length; ++i) {
    auto* child = static_cast<const GumboNode*>(root_children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) body = child;
  }
  if (body) {
    struct Frame {
      const GumboVector* children;
      unsigned next = 0;
      Kind kind = Kind::kInline;
    };
    std::vector<Frame> stack;
    stack.push_back({&body->v.element.children});
    int pre_depth = 0;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next == frame.children->length) {
        Kind kind = frame.kind;
        stack.pop_back();
        if (kind == Kind::kBlock || kind == Kind::kPre) writer.end_block();
        if (kind == Kind::kCell) writer.request_space();
        if (kind == Kind::kPre) --pre_depth;
        continue;
      }
      auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
        writer.text(node->v.text.text, pre_depth > 0);
        continue;
      }
      if (node->type != GUMBO_NODE_ELEMENT) continue;
      Kind kind = kind_of(node);
      switch (kind) {
        case Kind::kHidden:
          continue;
        case Kind::kBreak:
          writer.request_break(1);
          continue;
        case Kind::kBlock:
        case Kind::kPre:
          writer.end_block();
          break;
        case Kind::kCell:
          writer.request_space();
          break;
        case Kind::kInline:
          break;
      }
      if (kind == Kind::kPre) ++pre_depth;
      stack.push_back({&node->v.element.children, 0, kind});
    }
  }
  gumbo_destroy_output(&options, output);
  return writer.take();
}

namespace {

// Decodes the code point starting at s[i] and its length; invalid bytes count as one.
char32_t decode_at(std::string_view s, size_t i, size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  len = static_cast<size_t>(n);
  if (n == 1) return b;
  char32_t cp = b & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// Scripts written without spaces between words, where a break between any two characters
// is acceptable: CJK ideographs and punctuation, kana, Hangul, fullwidth forms.
bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

}  // namespace

std::string standfirst(std::string_view html, size_t max_chars) {
  if (max_chars == 0) return "";
  std::string text = html_to_text(html);
  // One line: paragraph breaks become spaces.
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  // Byte offsets of code point starts.
  std::vector<size_t> starts;
  std::vector<char32_t> cps;
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    cps.push_back(decode_at(line, i, len));
    starts.push_back(i);
    i += len;
  }
  if (cps.size() <= max_chars) return line;
  // Keep at most max_chars - 1 code points, then "…".
  size_t keep = max_chars - 1;
  size_t cut = 0;  // number of code points kept
  for (size_t n = keep; n > 0; --n) {
    // A boundary before code point n: a space there, or CJK on either side.
    if (cps[n] == U' ' || is_cjk(cps[n]) || is_cjk(cps[n - 1])) {
      cut = n;
      break;
    }
  }
  if (cut == 0) cut = keep;
  std::string out = line.substr(0, cut < starts.size() ? starts[cut] : line.size());
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' ||
                          out.back() == ':')) {
    out.pop_back();
  }
  out += "…";
  return out;
}

}  // namespace nz::sanitize
