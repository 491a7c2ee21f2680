// Whether the sanitizer's output, parsed again, builds the very tree it was written from:
// the check that lets sanitize_html return after one parse instead of re-parsing its output.
//
// The sanitizer writes a small vocabulary (its allowlist), every element closed by its own
// end tag, text and attribute values escaped. Parsed again, each of those tokens either
// lands as a child of the element written around it ("plain"), or makes the parser repair
// something: close an open p, li or heading, foster-parent out of a table, run the adoption
// agency for a misnested a or b, add an implied tbody (HTML, "tree construction"). Only
// repairs change the tree, so output whose every token is plain parses back to itself, and
// sanitizing it again writes the same bytes. ReparseCheck follows the written tokens with
// the rules of gumbo 0.10.1 (the parser the sanitizer uses, which differs from today's spec
// in places, e.g. its adoption agency has no "current node not in the list" step) and says
// "not plain" whenever a token could be repaired; it may say so for output that would have
// settled anyway, never the other way round. sanitize_html then falls back to re-parsing.
// Private to the sanitizer folder and its tests.
#pragma once

#include <string_view>
#include <vector>

#include "sanitize/gumbo_elements.h"

namespace nz::sanitize {

class ReparseCheck {
 public:
  // Before the start tag of `tag` is written; `tag` is the written name (GUMBO_TAG_H2 for an
  // h1, GUMBO_TAG_P for a block written as a paragraph, GUMBO_TAG_UNKNOWN for picture).
  // Void elements (br, hr, img, source) and iframes, written with their end tag at once,
  // are not left open.
  void start(GumboTag tag);
  // After the end tag of the innermost open element is written.
  void end();
  // Before `text` (unescaped) is written into the innermost open element.
  void text(std::string_view text);
  // Something other than structure would change when parsed again (an attribute value that
  // is not a fixed point of its own cleaning, say).
  void fail() { plain_ = false; }

  // True while every token so far is plain.
  bool plain() const { return plain_; }

 private:
  // The element a start tag would be inserted into, HTML "in body" rules; false when the
  // parser would first close or reopen something.
  bool start_in_body_is_plain(GumboTag tag) const;

  std::vector<GumboTag> open_;  // the written elements still open, innermost last
  bool plain_ = true;
};

}  // namespace nz::sanitize
