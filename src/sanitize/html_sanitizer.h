// The HTML sanitizer: partner HTML in, HTML that runs no script and keeps the article out.
//
// The input is parsed with gumbo (the HTML5 parsing algorithm browsers use), so the tree
// walked here is the tree a browser would build; an allowlist keeps ordinary article markup,
// and the result is serialized by our own code, so that every byte of the output is one we
// chose. The rules (issue 4):
//  - kept: p br h2-h6 (h1 becomes h2) strong em b i u s sub sup small mark q cite abbr time
//    blockquote pre code ul ol li dl dt dd hr a img picture source figure figcaption table
//    caption thead tbody tfoot tr th td, and iframes of allowlisted video players;
//  - removed with their content: script, style, template, noscript, object, embed, form and
//    its controls, svg, math, title, xmp, plaintext, noembed, noframes, frameset, head
//    matter, media elements;
//  - every other element is unwrapped: its content is kept, the tag is not;
//  - attributes are kept per element from a fixed list; URL attributes only with http,
//    https or mailto (href), or relative, made absolute against SanitizeOptions::base_url;
//  - no comments, no style, class, id or on* attributes.
// The output is stable: sanitize_html(sanitize_html(x)) == sanitize_html(x), byte for byte,
// which is what defeats mutation XSS (a string that changes meaning when parsed again). One
// parse is enough when ReparseCheck (reparse_check.h) vouches that the output parses back
// to the tree it was written from, which is so for ordinary article HTML; otherwise the
// output is parsed and sanitized again until it reproduces itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nz::sanitize {

struct SanitizeOptions {
  // The article's URL; relative URLs in the HTML are resolved against it (RFC 3986 section
  // 5.2). Must be absolute http(s) to have an effect. Default empty: relative URLs are kept
  // relative (still scheme-checked).
  std::string base_url;
  // Added to the rel of every link, after "noopener noreferrer": the zone's link policy.
  // Default "sponsored nofollow" (partner content is paid or unvetted, Google's rel guidance).
  std::string link_rel = "sponsored nofollow";
  // Hosts whose iframes are kept (exact, lowercase, no port); any other iframe is removed
  // with its content. YouTube embeds are rewritten to www.youtube-nocookie.com, which is
  // therefore accepted whenever a YouTube host is listed. Default: YouTube and Vimeo players.
  std::vector<std::string> iframe_hosts = {"www.youtube.com", "youtube.com",
                                           "www.youtube-nocookie.com", "player.vimeo.com"};
};

// Sanitizes an HTML body fragment (UTF-8; invalid bytes become U+FFFD). Never fails: any
// input gives safe output, possibly empty. The output settles in one pass, or in at most
// four when re-parsed; input that does not settle (none known) comes out as its escaped
// text in <p> paragraphs.
// Roughly linear time: start tags nested past 512 levels are dropped first (nesting_limit.h)
// and kept elements past 200 levels unwrapped. Thread-safe; holds no global state.
std::string sanitize_html(std::string_view html, const SanitizeOptions& options);

}  // namespace nz::sanitize
