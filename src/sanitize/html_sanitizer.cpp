#include "sanitize/html_sanitizer.h"

#include <gumbo.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

#include "sanitize/absolutize_urls.h"
#include "sanitize/gumbo_elements.h"
#include "sanitize/html_text.h"
#include "sanitize/nesting_limit.h"
#include "sanitize/url_policy.h"

namespace nz::sanitize {
namespace {

// Chromium's parser stops nesting at 512 elements (kMaximumHTMLParserDOMTreeDepth) and gumbo
// has no limit, so deeper trees mean different trees. Past this depth of kept elements we
// unwrap, which leaves ample room for the page template around the article.
constexpr size_t kMaxDepth = 200;

// A pass is a parse and a serialization; the output is returned once a pass reproduces its
// input. Ordinary HTML settles after the first pass; misnested HTML after the second.
constexpr int kMaxPasses = 4;

enum class Action { kKeep, kUnwrap, kDrop };

struct Attr {
  std::string_view name;
  std::string value;
  bool boolean = false;  // written without a value, as `reversed` or `allowfullscreen`
};

struct Context {
  const SanitizeOptions& options;
};

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

// The attributes of a kept iframe, or nullopt when the iframe is not an allowlisted player.
std::optional<std::vector<Attr>> iframe_attrs(const GumboElement& e, const Context& ctx) {
  const char* src = find_attr(e, "src");
  if (!src) return std::nullopt;
  auto url = safe_url(src, UrlUse::kResource, ctx.options.base_url);
  if (!url) return std::nullopt;
  UriReference ref = split_uri_reference(*url);
  if (!ref.authority) return std::nullopt;
  std::string scheme = ref.scheme ? lower_ascii(*ref.scheme) : "https";
  if (scheme != "http" && scheme != "https") return std::nullopt;
  // No userinfo, no port: the host we compare is the host the browser connects to.
  if (ref.authority->find_first_of("@:%") != std::string::npos) return std::nullopt;
  std::string host = lower_ascii(*ref.authority);
  if (!host_allowed(host, ctx.options)) return std::nullopt;
  if (host == "www.youtube.com" || host == "youtube.com") host = "www.youtube-nocookie.com";
  ref.scheme = "https";
  ref.authority = host;
  std::vector<Attr> attrs;
  attrs.push_back({"src", recompose(ref)});
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
std::optional<std::vector<Attr>> element_attrs(const GumboNode* node, const Context& ctx) {
  const GumboElement& e = node->v.element;
  std::vector<Attr> attrs;
  switch (e.tag) {
    case GUMBO_TAG_A: {
      const char* href = find_attr(e, "href");
      std::optional<std::string> url;
      if (href) url = safe_url(href, UrlUse::kLink, ctx.options.base_url);
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
        if (v && (src = safe_url(v, UrlUse::kResource, ctx.options.base_url))) break;
      }
      std::optional<std::string> srcset;
      for (const char* name : {"data-srcset", "srcset"}) {
        const char* v = find_attr(e, name);
        if (v && (srcset = safe_srcset(v, ctx.options.base_url))) break;
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
        if (v && (srcset = safe_srcset(v, ctx.options.base_url))) break;
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
        if (auto url = safe_url(cite, UrlUse::kResource, ctx.options.base_url)) {
          attrs.push_back({"cite", *url});
        }
      }
      break;
    case GUMBO_TAG_TIME:
      if (const char* dt = find_attr(e, "datetime")) {
        attrs.push_back({"datetime", std::string(trim_ascii(dt))});
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

void append_text(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default:
        // C0 controls other than tab, newline and form feed are parse errors with no
        // meaning in text; the parser turns CR into LF, so we never write one.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\f') break;
        out += c;
    }
  }
}

void append_attr_value(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\f') break;
        out += c;
    }
  }
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

// Which elements hold, below them, a block (kHasBlock) or visible text (kHasText), ignoring
// what the sanitizer drops; one post-order walk, so that asking is O(1) per element.
constexpr unsigned kHasBlock = 1;
constexpr unsigned kHasText = 2;
using ContentFlags = std::unordered_map<const GumboNode*, unsigned>;

ContentFlags content_flags(const GumboNode* body) {
  ContentFlags flags;
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
      flags[node] = own;
      if (!stack.empty()) {
        stack.back().flags |= own | (is_block(node->v.element) ? kHasBlock : 0);
      }
      continue;
    }
    auto* child = static_cast<const GumboNode*>(children.data[frame.next++]);
    if (child->type == GUMBO_NODE_TEXT) {
      frame.flags |= kHasText;
    } else if (child->type == GUMBO_NODE_ELEMENT && action_for(child) != Action::kDrop) {
      stack.push_back({child});
    }
  }
  return flags;
}

std::string sanitize_once(std::string_view html, const Context& ctx) {
  // Parsed as the body of a no-quirks document, the way the output is read inside our
  // pages. (gumbo 0.10.1's fragment mode follows an old spec for <svg><p>, so not that.)
  std::string input = "<!DOCTYPE html><body>";
  input.append(limit_nesting(html));
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we need no error list; it only costs memory
  GumboOutput* output = gumbo_parse_with_options(&options, input.data(), input.size());
  std::string out;
  out.reserve(html.size());
  const GumboNode* body = find_body(output->root);
  if (!body) {
    gumbo_destroy_output(&options, output);
    return out;
  }

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
  ContentFlags flags = content_flags(body);
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
        --depth;
      }
      stack.pop_back();
      continue;
    }
    auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
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
          append_start_tag(out, "iframe", *attrs);
          out += "</iframe>";
        }
        continue;
      }
      if (!attrs) continue;  // an img or source with nothing left to load
      const char* name = output_name(tag);
      append_start_tag(out, name, *attrs);
      if (is_void(tag)) continue;
      stack.push_back({children, 0, name, out.size(), tag == GUMBO_TAG_PRE});
      ++depth;
    } else if (tag == GUMBO_TAG_IFRAME) {
      continue;
    } else if (is_block(node->v.element) && flags[node] == kHasText && depth < kMaxDepth) {
      // A div (or section, address...) of inline content reads as a paragraph; unwrapped
      // bare, its text would run into the text around it.
      out += "<p>";
      stack.push_back({children, 0, "p", out.size(), false});
      ++depth;
    } else {
      stack.push_back({children});
    }
  }
  gumbo_destroy_output(&options, output);
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

}  // namespace

std::string sanitize_html(std::string_view html, const SanitizeOptions& options) {
  Context ctx{options};
  std::string current = sanitize_once(html, ctx);
  for (int pass = 1; pass < kMaxPasses; ++pass) {
    std::string next = sanitize_once(current, ctx);
    if (next == current) return current;
    current = std::move(next);
  }
  return text_only(current);
}

}  // namespace nz::sanitize
