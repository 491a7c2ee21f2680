#include "sanitize/html_sanitizer.h"

#include <gumbo.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sanitize/absolutize_urls.h"
#include "sanitize/gumbo_arena.h"
#include "sanitize/gumbo_elements.h"
#include "sanitize/html_sanitizer_passes.h"
#include "sanitize/html_text.h"
#include "sanitize/nesting_limit.h"
#include "sanitize/output_escape.h"
#include "sanitize/reparse_check.h"
#include "sanitize/url_policy.h"

namespace nz::sanitize {
namespace {

// Chromium's parser stops nesting at 512 elements (kMaximumHTMLParserDOMTreeDepth) and gumbo
// has no limit, so deeper trees mean different trees. Past this depth of kept elements we
// unwrap, which leaves ample room for the page template around the article.
constexpr size_t kMaxDepth = 200;

// A pass is a parse and a serialization. The output of the first is returned when its
// ReparseCheck vouches for it (ordinary HTML); otherwise the output is parsed and sanitized
// again until a pass reproduces its input. Misnested HTML settles after the second.
constexpr int kMaxPasses = 4;

enum class Action { kKeep, kUnwrap, kDrop };

struct Attr {
  std::string_view name;
  std::string value;
  bool boolean = false;  // written without a value, as `reversed` or `allowfullscreen`
};

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// One pass over one input.
struct Context {
  const SanitizeOptions& options;
  // The base URL is the one string that reaches a URL attribute without going through
  // gumbo first, so it alone may carry malformed UTF-8 (see check_url_settles).
  bool base_is_ascii = is_ascii(options.base_url);
  // Follows the output of this pass.
  ReparseCheck check;
};

// Whether a URL attribute value written by this pass is written as the next pass would
// write it again: cleaning it again gives it back (not so for every base URL: a "\" in the
// base's path comes out of resolution and becomes "/" on the next pass), and it is well-
// formed UTF-8, which only a base URL with non-ASCII bytes can put in doubt.
void check_url_settles(const std::string& written, const std::optional<std::string>& again,
                       Context& ctx) {
  if (!again || *again != written || (!ctx.base_is_ascii && !is_ascii(written))) {
    ctx.check.fail();
  }
}

std::optional<std::string> url_attr(std::string_view raw, UrlUse use, Context& ctx) {
  auto url = safe_url(raw, use, ctx.options.base_url);
  if (url && ctx.check.plain()) {
    check_url_settles(*url, safe_url(*url, use, ctx.options.base_url), ctx);
  }
  return url;
}

std::optional<std::string> srcset_attr(std::string_view raw, Context& ctx) {
  auto srcset = safe_srcset(raw, ctx.options.base_url);
  if (srcset && ctx.check.plain()) {
    check_url_settles(*srcset, safe_srcset(*srcset, ctx.options.base_url), ctx);
  }
  return srcset;
}

Action action_for(const GumboNode* node) {
  // SVG and MathML are removed whole: namespace confusion is where parsing differentials
  // between sanitizer and browser live (e.g. <svg><style> vs <style>).
  if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return Action::kDrop;
  switch (node->v.element.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_STRONG: case GUMBO_TAG_EM: case GUMBO_TAG_B: case GUMBO_TAG_I:
    case GUMBO_TAG_U: case GUMBO_TAG_S: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_CITE:
    case GUMBO_TAG_ABBR: case GUMBO_TAG_TIME: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_CODE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_HR:
    case GUMBO_TAG_A: case GUMBO_TAG_IMG: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR: case GUMBO_TAG_TH: case GUMBO_TAG_TD: case GUMBO_TAG_IFRAME:
      return Action::kKeep;  // iframe: kept only when its src passes, see iframe_attrs
    // Elements that run code, load content, take input, or whose content the parser reads
    // as raw text (so "text" inside them may be markup to a differently configured parser).
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_PARAM: case GUMBO_TAG_FORM: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_DATALIST: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_OUTPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_TITLE: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME: case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_META:
    case GUMBO_TAG_LINK: case GUMBO_TAG_HEAD: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP: case GUMBO_TAG_AREA:
    case GUMBO_TAG_MENUITEM:
      return Action::kDrop;
    case GUMBO_TAG_UNKNOWN:
      // gumbo 0.10.1 predates <picture>, and parses it, as browsers do, as an ordinary element.
      return tag_name(node->v.element) == "picture" ? Action::kKeep : Action::kUnwrap;
    default:
      return Action::kUnwrap;
  }
}

const char* output_name(GumboTag tag) {
  // The page owns its single h1, the headline; the article's headings start at h2.
  if (tag == GUMBO_TAG_H1) return "h2";
  if (tag == GUMBO_TAG_UNKNOWN) return "picture";  // the only unknown element we keep
  return gumbo_normalized_tagname(tag);
}

bool is_void(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG ||
         tag == GUMBO_TAG_SOURCE;
}

const char* find_attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A non-negative integer of at most six digits (width, height, colspan, start...).
std::optional<std::string> numeric(const char* value) {
  if (!value) return std::nullopt;
  std::string_view v = trim_ascii(value);
  if (v.empty() || v.size() > 6) return std::nullopt;
  if (!std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::string(v);
}

std::optional<std::string> one_of(const char* value,
                                  std::initializer_list<std::string_view> allowed,
                                  bool case_sensitive = false) {
  if (!value) return std::nullopt;
  std::string v(trim_ascii(value));
  if (!case_sensitive) v = lower_ascii(v);
  for (std::string_view a : allowed) {
    if (v == a) return v;
  }
  return std::nullopt;
}

void add_globals(const GumboElement& e, std::vector<Attr>& attrs) {
  if (const char* title = find_attr(e, "title")) attrs.push_back({"title", title});
  if (const char* lang = find_attr(e, "lang")) {
    std::string_view v = trim_ascii(lang);
    bool ok = !v.empty() && v.size() <= 35 && std::all_of(v.begin(), v.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-';
    });
    if (ok) attrs.push_back({"lang", std::string(v)});
  }
  if (auto dir = one_of(find_attr(e, "dir"), {"ltr", "rtl", "auto"})) {
    attrs.push_back({"dir", *dir});
  }
}

bool host_allowed(const std::string& host, const SanitizeOptions& options) {
  const auto& hosts = options.iframe_hosts;
  if (std::find(hosts.begin(), hosts.end(), host) != hosts.end()) return true;
  // We write YouTube embeds as youtube-nocookie; they must survive the next pass.
  if (host == "www.youtube-nocookie.com") {
    return std::find(hosts.begin(), hosts.end(), "www.youtube.com") != hosts.end() ||
           std::find(hosts.begin(), hosts.end(), "youtube.com") != hosts.end();
  }
  return false;
}

// The src of an allowlisted player, https, YouTube moved to youtube-nocookie; nullopt for
// any other iframe.
std::optional<std::string> player_src(std::string_view src, const SanitizeOptions& options) {
  auto url = safe_url(src, UrlUse::kResource, options.base_url);
  if (!url) return std::nullopt;
  UriReference ref = split_uri_reference(*url);
  if (!ref.authority) return std::nullopt;
  std::string scheme = ref.scheme ? lower_ascii(*ref.scheme) : "https";
  if (scheme != "http" && scheme != "https") return std::nullopt;
  // No userinfo, no port: the host we compare is the host the browser connects to.
  if (ref.authority->find_first_of("@:%") != std::string::npos) return std::nullopt;
  std::string host = lower_ascii(*ref.authority);
  if (!host_allowed(host, options)) return std::nullopt;
  if (host == "www.youtube.com" || host == "youtube.com") host = "www.youtube-nocookie.com";
  ref.scheme = "https";
  ref.authority = host;
  return recompose(ref);
}

// The attributes of a kept iframe, or nullopt when the iframe is not an allowlisted player.
std::optional<std::vector<Attr>> iframe_attrs(const GumboElement& e, Context& ctx) {
  const char* raw = find_attr(e, "src");
  if (!raw) return std::nullopt;
  auto src = player_src(raw, ctx.options);
  if (!src) return std::nullopt;
  if (ctx.check.plain()) check_url_settles(*src, player_src(*src, ctx.options), ctx);
  std::vector<Attr> attrs;
  attrs.push_back({"src", std::move(*src)});
  if (auto w = numeric(find_attr(e, "width"))) attrs.push_back({"width", *w});
  if (auto h = numeric(find_attr(e, "height"))) attrs.push_back({"height", *h});
  add_globals(e, attrs);
  // The player runs its own scripts in its own origin; the sandbox keeps it from navigating
  // the top page or opening forms and popups (HTML, "the iframe element", sandbox).
  attrs.push_back({"sandbox", "allow-scripts allow-same-origin allow-presentation"});
  attrs.push_back({"referrerpolicy", "strict-origin-when-cross-origin"});
  attrs.push_back({"loading", "lazy"});
  attrs.push_back({"allowfullscreen", "", true});
  return attrs;
}

// The attributes an element keeps, in a fixed order, or nullopt to drop the element.
std::optional<std::vector<Attr>> element_attrs(const GumboNode* node, Context& ctx) {
  const GumboElement& e = node->v.element;
  std::vector<Attr> attrs;
  switch (e.tag) {
    case GUMBO_TAG_A: {
      const char* href = find_attr(e, "href");
      std::optional<std::string> url;
      if (href) url = url_attr(href, UrlUse::kLink, ctx);
      if (url) attrs.push_back({"href", *url});
      add_globals(e, attrs);
      if (url) {
        // Only _blank: a named target could reach into another window of the host site.
        if (one_of(find_attr(e, "target"), {"_blank"})) attrs.push_back({"target", "_blank"});
        std::string rel = "noopener noreferrer";
        if (!ctx.options.link_rel.empty()) rel += " " + ctx.options.link_rel;
        attrs.push_back({"rel", rel});
      }
      return attrs;
    }
    case GUMBO_TAG_IMG: {
      // Lazy-loading scripts of partner sites keep the real image in data-* attributes and
      // a placeholder in src; their script is gone here, so the real image moves to src.
      std::optional<std::string> src;
      for (const char* name : {"data-src", "data-lazy-src", "src"}) {
        const char* v = find_attr(e, name);
        if (v && (src = url_attr(v, UrlUse::kResource, ctx))) break;
      }
      std::optional<std::string> srcset;
      for (const char* name : {"data-srcset", "srcset"}) {
        const char* v = find_attr(e, name);
        if (v && (srcset = srcset_attr(v, ctx))) break;
      }
      if (!src && !srcset) return std::nullopt;
      if (src) attrs.push_back({"src", *src});
      if (srcset) attrs.push_back({"srcset", *srcset});
      if (const char* sizes = find_attr(e, "sizes"); sizes && srcset) {
        attrs.push_back({"sizes", sizes});
      }
      if (const char* alt = find_attr(e, "alt")) attrs.push_back({"alt", alt});
      if (auto w = numeric(find_attr(e, "width"))) attrs.push_back({"width", *w});
      if (auto h = numeric(find_attr(e, "height"))) attrs.push_back({"height", *h});
      add_globals(e, attrs);
      attrs.push_back({"loading", "lazy"});
      attrs.push_back({"decoding", "async"});
      return attrs;
    }
    case GUMBO_TAG_SOURCE: {
      std::optional<std::string> srcset;
      for (const char* name : {"data-srcset", "srcset"}) {
        const char* v = find_attr(e, name);
        if (v && (srcset = srcset_attr(v, ctx))) break;
      }
      if (!srcset) return std::nullopt;
      attrs.push_back({"srcset", *srcset});
      if (const char* sizes = find_attr(e, "sizes")) attrs.push_back({"sizes", sizes});
      if (const char* media = find_attr(e, "media")) attrs.push_back({"media", media});
      if (const char* type = find_attr(e, "type")) {
        std::string t = lower_ascii(trim_ascii(type));
        bool ok = t.find('/') != std::string::npos &&
                  std::all_of(t.begin(), t.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                           c == '+' || c == '-' || c == '.';
                  });
        if (ok) attrs.push_back({"type", t});
      }
      return attrs;
    }
    case GUMBO_TAG_IFRAME:
      return iframe_attrs(e, ctx);
    case GUMBO_TAG_Q:
    case GUMBO_TAG_BLOCKQUOTE:
      if (const char* cite = find_attr(e, "cite")) {
        if (auto url = url_attr(cite, UrlUse::kResource, ctx)) {
          attrs.push_back({"cite", *url});
        }
      }
      break;
    case GUMBO_TAG_TIME:
      if (const char* dt = find_attr(e, "datetime")) {
        // Trimmed after dropping the controls the writer drops (a "&#1;" decodes to one):
        // trimmed before, the space behind the control would go only on the next pass.
        std::string v;
        for (char c : std::string_view(dt)) {
          if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\f') v += c;
        }
        attrs.push_back({"datetime", std::string(trim_ascii(v))});
      }
      break;
    case GUMBO_TAG_OL:
      if (auto start = numeric(find_attr(e, "start"))) attrs.push_back({"start", *start});
      if (find_attr(e, "reversed")) attrs.push_back({"reversed", "", true});
      if (auto type = one_of(find_attr(e, "type"), {"1", "a", "A", "i", "I"}, true)) {
        attrs.push_back({"type", *type});
      }
      break;
    case GUMBO_TAG_LI:
      if (auto value = numeric(find_attr(e, "value"))) attrs.push_back({"value", *value});
      break;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      if (auto span = numeric(find_attr(e, "colspan"))) attrs.push_back({"colspan", *span});
      if (auto span = numeric(find_attr(e, "rowspan"))) attrs.push_back({"rowspan", *span});
      if (e.tag == GUMBO_TAG_TH) {
        if (auto scope = one_of(find_attr(e, "scope"), {"row", "col", "rowgroup", "colgroup"})) {
          attrs.push_back({"scope", *scope});
        }
      }
      break;
    default:
      break;
  }
  add_globals(e, attrs);
  return attrs;
}

void append_start_tag(std::string& out, const char* name, const std::vector<Attr>& attrs) {
  out += '<';
  out += name;
  for (const Attr& a : attrs) {
    out += ' ';
    out += a.name;
    if (a.boolean) continue;
    out += "=\"";
    append_attr_value(out, a.value);
    out += '"';
  }
  out += '>';
}

const GumboNode* find_body(const GumboNode* html) {
  const GumboVector& children = html->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) {
      return child;
    }
  }
  return nullptr;  // <frameset> documents have none
}

// Which unwrapped blocks (div, section...) hold, below them, only visible text and no block,
// ignoring what the sanitizer drops: those are written as paragraphs. One post-order walk,
// so that asking is O(log n) per element; sorted by node for the asking.
using ParagraphBlocks = std::vector<const GumboNode*>;

constexpr unsigned kHasBlock = 1;
constexpr unsigned kHasText = 2;

ParagraphBlocks paragraph_blocks(const GumboNode* body) {
  ParagraphBlocks blocks;
  struct Frame {
    const GumboNode* node;
    unsigned next = 0;
    unsigned flags = 0;
  };
  std::vector<Frame> stack;
  stack.push_back({body});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboVector& children = frame.node->v.element.children;
    if (frame.next == children.length) {
      const GumboNode* node = frame.node;
      unsigned own = frame.flags;
      stack.pop_back();
      if (stack.empty()) break;
      bool block = is_block(node->v.element);
      if (block && own == kHasText && action_for(node) == Action::kUnwrap) {
        blocks.push_back(node);
      }
      stack.back().flags |= own | (block ? kHasBlock : 0);
      continue;
    }
    auto* child = static_cast<const GumboNode*>(children.data[frame.next++]);
    if (child->type == GUMBO_NODE_TEXT) {
      frame.flags |= kHasText;
    } else if (child->type == GUMBO_NODE_ELEMENT && action_for(child) != Action::kDrop) {
      stack.push_back({child});
    }
  }
  std::sort(blocks.begin(), blocks.end());
  return blocks;
}

bool is_paragraph_block(const ParagraphBlocks& blocks, const GumboNode* node) {
  return std::binary_search(blocks.begin(), blocks.end(), node);
}

// One pass: parse, then write what the allowlist keeps, with ctx.check following along.
std::string sanitize_once(std::string_view html, Context& ctx) {
  // Parsed as the body of a no-quirks document, the way the output is read inside our
  // pages. (gumbo 0.10.1's fragment mode follows an old spec for <svg><p>, so not that.)
  constexpr std::string_view kPrefix = "<!DOCTYPE html><body>";
  std::string input;
  auto limited = limit_nesting_if_deep(html);
  std::string_view body_html = limited ? std::string_view(*limited) : html;
  input.reserve(kPrefix.size() + body_html.size());
  input.append(kPrefix);
  input.append(body_html);
  // gumbo allocates about ten bytes per input byte, and two kilobytes to start with.
  GumboArena arena(std::min<size_t>(4096 + 12 * input.size(), size_t{1} << 20));
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &GumboArena::allocate;
  options.deallocator = &GumboArena::deallocate;
  options.userdata = &arena;
  options.max_errors = 0;  // we need no error list; it only costs memory
  // The tree lives in the arena and goes with it: no gumbo_destroy_output.
  GumboOutput* output = gumbo_parse_with_options(&options, input.data(), input.size());
  std::string out;
  out.reserve(html.size() + html.size() / 4 + 64);  // the added attributes, roughly
  const GumboNode* body = find_body(output->root);
  if (!body) return out;

  // An explicit stack instead of recursion: partner HTML may nest deeper than a thread's
  // stack allows.
  struct Frame {
    const GumboVector* children;
    unsigned next = 0;
    const char* close = nullptr;  // the end tag to write, or null for an unwrapped element
    size_t content_start = 0;
    bool pre = false;
  };
  std::vector<Frame> stack;
  stack.push_back({&body->v.element.children});
  size_t depth = 0;
  ParagraphBlocks paragraphs = paragraph_blocks(body);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.children->length) {
      if (frame.close) {
        // The parser drops a newline right after <pre>, so one that belongs to the content
        // needs another in front of it (HTML, "serializing HTML fragments").
        if (frame.pre && frame.content_start < out.size() && out[frame.content_start] == '\n') {
          out.insert(frame.content_start, 1, '\n');
        }
        out += "</";
        out += frame.close;
        out += '>';
        ctx.check.end();
        --depth;
      }
      stack.pop_back();
      continue;
    }
    auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
      ctx.check.text(node->v.text.text);
      append_text(out, node->v.text.text);
      continue;
    }
    // Comments (conditional ones included) and CDATA go; templates hold inert markup.
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    Action action = action_for(node);
    if (action == Action::kDrop) continue;
    GumboTag tag = node->v.element.tag;
    const GumboVector* children = &node->v.element.children;
    if (action == Action::kKeep && (depth < kMaxDepth || is_void(tag))) {
      auto attrs = element_attrs(node, ctx);
      if (tag == GUMBO_TAG_IFRAME) {
        // The content of an iframe is raw text, never shown: only the player goes out.
        if (attrs) {
          ctx.check.start(GUMBO_TAG_IFRAME);
          append_start_tag(out, "iframe", *attrs);
          out += "</iframe>";
        }
        continue;
      }
      if (!attrs) continue;  // an img or source with nothing left to load
      const char* name = output_name(tag);
      ctx.check.start(tag == GUMBO_TAG_H1 ? GUMBO_TAG_H2 : tag);
      append_start_tag(out, name, *attrs);
      if (is_void(tag)) continue;
      stack.push_back({children, 0, name, out.size(), tag == GUMBO_TAG_PRE});
      ++depth;
    } else if (tag == GUMBO_TAG_IFRAME) {
      continue;
    } else if (depth < kMaxDepth && is_paragraph_block(paragraphs, node)) {
      // A div (or section, address...) of inline content reads as a paragraph; unwrapped
      // bare, its text would run into the text around it.
      ctx.check.start(GUMBO_TAG_P);
      out += "<p>";
      stack.push_back({children, 0, "p", out.size(), false});
      ++depth;
    } else {
      stack.push_back({children});
    }
  }
  return out;
}

// The last resort when passes do not settle: the text alone, escaped, in paragraphs. Plain
// paragraphs of escaped text parse back to themselves.
std::string text_only(std::string_view html) {
  std::string text = html_to_text(html);
  std::string out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    std::string_view para = std::string_view(text).substr(pos, end - pos);
    if (!para.empty()) {
      out += "<p>";
      size_t line_start = 0;
      while (true) {
        size_t nl = para.find('\n', line_start);
        append_text(out, para.substr(line_start, nl == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : nl - line_start));
        if (nl == std::string_view::npos) break;
        out += "<br>";
        line_start = nl + 1;
      }
      out += "</p>";
    }
    pos = end + 2;
  }
  return out;
}

// Passes after a first one that ReparseCheck could not vouch for.
std::string settle(std::string current, const SanitizeOptions& options) {
  for (int pass = 1; pass < kMaxPasses; ++pass) {
    Context ctx{options};
    std::string next = sanitize_once(current, ctx);
    if (next == current) return current;
    current = std::move(next);
  }
  return text_only(current);
}

}  // namespace

FirstPass sanitize_first_pass(std::string_view html, const SanitizeOptions& options) {
  Context ctx{options};
  std::string out = sanitize_once(html, ctx);
  return {std::move(out), ctx.check.plain()};
}

std::string sanitize_html_by_reparsing(std::string_view html, const SanitizeOptions& options) {
  Context ctx{options};
  return settle(sanitize_once(html, ctx), options);
}

std::string sanitize_html(std::string_view html, const SanitizeOptions& options) {
  FirstPass first = sanitize_first_pass(html, options);
  // Output that parses back to the tree it was written from is sanitized again into the
  // same bytes (reparse_check.h), so the re-parse would only confirm it.
  if (first.settled) return std::move(first.html);
  return settle(std::move(first.html), options);
}

}  // namespace nz::sanitize
