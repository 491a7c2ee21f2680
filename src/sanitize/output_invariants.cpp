#include "sanitize/output_invariants.h"

#include <gumbo.h>

#include <algorithm>
#include <map>
#include <set>

#include "sanitize/absolutize_urls.h"
#include "sanitize/gumbo_elements.h"

namespace nz::sanitize {
namespace {

using Names = std::set<std::string, std::less<>>;

// The issue's list (issue 4, "What it does"), spelled out independently of the sanitizer.
const std::map<std::string, Names, std::less<>>& allowed() {
  static const auto* table = [] {
    const Names global = {"title", "lang", "dir"};
    auto* t = new std::map<std::string, Names, std::less<>>();
    for (const char* name :
         {"p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub",
          "sup", "small", "mark", "q", "cite", "abbr", "time", "blockquote", "pre", "code",
          "ul", "ol", "li", "dl", "dt", "dd", "hr", "a", "img", "picture", "source", "figure",
          "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
          "iframe"}) {
      (*t)[name] = global;
    }
    auto add = [&](const char* el, std::initializer_list<const char*> names) {
      for (const char* n : names) (*t)[el].insert(n);
    };
    add("a", {"href", "target", "rel"});
    add("img", {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"});
    add("source", {"srcset", "sizes", "media", "type"});
    add("q", {"cite"});
    add("blockquote", {"cite"});
    add("time", {"datetime"});
    add("ol", {"start", "reversed", "type"});
    add("li", {"value"});
    add("td", {"colspan", "rowspan"});
    add("th", {"colspan", "rowspan", "scope"});
    add("iframe", {"src", "width", "height", "sandbox", "referrerpolicy", "loading",
                   "allowfullscreen"});
    return t;
  }();
  return *table;
}

const Names kUrlAttributes = {"href", "src", "cite", "poster", "action", "formaction",
                              "background", "data", "codebase", "xlink:href", "ping"};

bool url_ok(std::string_view value, bool link, bool need_absolute) {
  std::string url = clean_url_attribute(value);
  std::replace(url.begin(), url.end(), '\\', '/');
  std::string scheme = url_scheme(url);
  if (scheme.empty()) {
    if (need_absolute && !url.starts_with("//")) return false;
    size_t colon = url.find(':');
    return colon == std::string::npos || colon > url.find_first_of("/?#");
  }
  return scheme == "http" || scheme == "https" || (link && scheme == "mailto");
}

class Checker {
 public:
  Checker(const SanitizeOptions& options) : options_(options) {
    std::string scheme = url_scheme(options.base_url);
    need_absolute_ = scheme == "http" || scheme == "https";
  }

  void node(const GumboNode* n, std::vector<std::string>& problems) {
    switch (n->type) {
      case GUMBO_NODE_COMMENT:
        problems.push_back("comment survived");
        return;
      case GUMBO_NODE_CDATA:
        problems.push_back("CDATA survived");
        return;
      case GUMBO_NODE_TEMPLATE:
        problems.push_back("template survived");
        return;
      case GUMBO_NODE_ELEMENT:
        break;
      default:
        return;
    }
    const GumboElement& e = n->v.element;
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML) {
      problems.push_back("foreign (SVG/MathML) element survived");
      return;
    }
    std::string name = tag_name(e);
    auto rule = allowed().find(name);
    if (rule == allowed().end()) {
      problems.push_back("element <" + name + "> not allowed");
    }
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      std::string attr = a->name;
      if (attr.size() >= 2 && (attr[0] == 'o' || attr[0] == 'O') &&
          (attr[1] == 'n' || attr[1] == 'N')) {
        problems.push_back("event handler " + attr + " on <" + name + ">");
      }
      if (rule != allowed().end() && !rule->second.contains(attr)) {
        problems.push_back("attribute " + attr + " not allowed on <" + name + ">");
      }
      if (kUrlAttributes.contains(attr) && !url_ok(a->value, attr == "href", need_absolute_)) {
        problems.push_back("unsafe URL " + attr + "=\"" + a->value + "\" on <" + name + ">");
      }
      if (attr == "srcset") check_srcset(a->value, name, problems);
    }
    if (e.tag == GUMBO_TAG_IFRAME) check_iframe(e, problems);
    for (unsigned i = 0; i < e.children.length; ++i) {
      node(static_cast<const GumboNode*>(e.children.data[i]), problems);
    }
  }

 private:
  void check_srcset(std::string_view value, const std::string& el,
                    std::vector<std::string>& problems) {
    // Candidates as a browser splits them (HTML, "parse a srcset attribute"): a URL is a run
    // without whitespace and may hold commas ("w_300,h_200" on image CDNs); commas at its end
    // separate; descriptors run to the next comma outside parentheses.
    auto space = [](char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    };
    size_t i = 0;
    while (i < value.size()) {
      while (i < value.size() && (space(value[i]) || value[i] == ',')) ++i;
      size_t start = i;
      while (i < value.size() && !space(value[i])) ++i;
      std::string_view url = value.substr(start, i - start);
      bool ended = false;
      while (!url.empty() && url.back() == ',') {
        url.remove_suffix(1);
        ended = true;
      }
      if (!url.empty() && !url_ok(url, false, need_absolute_)) {
        problems.push_back("unsafe srcset URL " + std::string(url) + " on <" + el + ">");
      }
      if (ended) continue;
      int depth = 0;
      while (i < value.size() && !(value[i] == ',' && depth == 0)) {
        if (value[i] == '(') ++depth;
        if (value[i] == ')' && depth > 0) --depth;
        ++i;
      }
    }
  }

  void check_iframe(const GumboElement& e, std::vector<std::string>& problems) {
    const GumboAttribute* src = gumbo_get_attribute(&e.attributes, "src");
    const GumboAttribute* sandbox = gumbo_get_attribute(&e.attributes, "sandbox");
    if (!src) {
      problems.push_back("iframe without src");
      return;
    }
    if (!sandbox) problems.push_back("iframe without sandbox");
    UriReference ref = split_uri_reference(src->value);
    std::string host = ref.authority.value_or("");
    const auto& hosts = options_.iframe_hosts;
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end() &&
        host != "www.youtube-nocookie.com") {
      problems.push_back("iframe to " + host + " not allowlisted");
    }
    if (!ref.scheme || *ref.scheme != "https") problems.push_back("iframe not https");
  }

  const SanitizeOptions& options_;
  bool need_absolute_ = false;
};

}  // namespace

std::vector<std::string> check_output_invariants(std::string_view output,
                                                 const SanitizeOptions& options) {
  std::vector<std::string> problems;
  std::string input = "<!DOCTYPE html><body>";
  input.append(output);
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;
  GumboOutput* parsed = gumbo_parse_with_options(&gumbo_options, input.data(), input.size());
  Checker checker(options);
  if (parsed->root->v.element.attributes.length > 0) problems.push_back("attributes on html");
  const GumboVector& top = parsed->root->v.element.children;
  for (unsigned i = 0; i < top.length; ++i) {
    auto* child = static_cast<const GumboNode*>(top.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) {
      checker.node(child, problems);
      continue;
    }
    // head and body come from our prefix; anything in head came from the output.
    const GumboVector& inner = child->v.element.children;
    if (child->v.element.attributes.length > 0) problems.push_back("attributes on html/body");
    for (unsigned j = 0; j < inner.length; ++j) {
      checker.node(static_cast<const GumboNode*>(inner.data[j]), problems);
    }
  }
  const GumboVector& doc = parsed->document->v.document.children;
  for (unsigned i = 0; i < doc.length; ++i) {
    if (static_cast<const GumboNode*>(doc.data[i])->type == GUMBO_NODE_COMMENT) {
      problems.push_back("comment survived");
    }
  }
  gumbo_destroy_output(&gumbo_options, parsed);
  std::string again = sanitize_html(output, options);
  if (again != output) problems.push_back("not idempotent: second pass gives " + again);
  return problems;
}

}  // namespace nz::sanitize
