#include "sanitize/reparse_check.h"

namespace nz::sanitize {
namespace {

// The insertion modes "in table", "in table body" and "in row": the current node is one of
// these, and anything but the next table part would be foster-parented out of the table.
bool is_table_part_context(GumboTag tag) {
  return tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TBODY ||
         tag == GUMBO_TAG_TFOOT || tag == GUMBO_TAG_TR;
}

// Where "has an element in button scope" stops (HTML elements only: we write no others).
bool ends_button_scope(GumboTag tag) {
  return tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH ||
         tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_APPLET || tag == GUMBO_TAG_MARQUEE ||
         tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_BUTTON || tag == GUMBO_TAG_HTML;
}

// The elements that put a marker on the list of active formatting elements: formatting
// elements opened before one are out of reach of those opened after it.
bool pushes_marker(GumboTag tag) {
  return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || tag == GUMBO_TAG_CAPTION ||
         tag == GUMBO_TAG_APPLET || tag == GUMBO_TAG_MARQUEE || tag == GUMBO_TAG_OBJECT;
}

// gumbo's is_special_node, HTML namespace (HTML, "special" category).
bool is_special(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_APPLET: case GUMBO_TAG_AREA:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_MENUITEM: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_ISINDEX: case GUMBO_TAG_LI: case GUMBO_TAG_LINK: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NAV:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE: case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SELECT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_WBR:
    case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
         tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Written with their end tag at once (or with none): never left open.
bool is_never_open(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG ||
         tag == GUMBO_TAG_SOURCE || tag == GUMBO_TAG_IFRAME;
}

}  // namespace

void ReparseCheck::start(GumboTag tag) {
  if (!plain_) return;  // the verdict is in; stop following
  GumboTag current = open_.empty() ? GUMBO_TAG_BODY : open_.back();
  if (is_table_part_context(current)) {
    // "in table", "in table body", "in row": only the next part of the table goes in as it
    // is; an implied tbody or tr would be added, anything else foster-parented.
    switch (current) {
      case GUMBO_TAG_TABLE:
        plain_ = tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_THEAD ||
                 tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT;
        break;
      case GUMBO_TAG_TR:
        plain_ = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
        break;
      default:  // thead, tbody, tfoot
        plain_ = tag == GUMBO_TAG_TR;
        break;
    }
  } else {
    // "in body", and "in cell" and "in caption", which hand everything to "in body" but
    // table parts: those close the cell or caption, and are ignored in body.
    plain_ = start_in_body_is_plain(tag);
  }
  if (plain_ && !is_never_open(tag)) open_.push_back(tag);
}

bool ReparseCheck::start_in_body_is_plain(GumboTag tag) const {
  // "If the stack of open elements has a p element in button scope, close a p element."
  auto p_in_button_scope = [this] {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (*it == GUMBO_TAG_P) return true;
      if (ends_button_scope(*it)) return false;
    }
    return false;
  };
  // li, dd and dt close an open one of their kind, looking up through inline elements and
  // address, div and p, up to the first other special element.
  auto list_item_open = [this](bool li) {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (li ? *it == GUMBO_TAG_LI : (*it == GUMBO_TAG_DD || *it == GUMBO_TAG_DT)) return true;
      if (is_special(*it) && *it != GUMBO_TAG_ADDRESS && *it != GUMBO_TAG_DIV &&
          *it != GUMBO_TAG_P) {
        return false;
      }
    }
    return false;
  };
  // Open elements of `tag` after the last marker: while every written element is still
  // open, these are exactly the list of active formatting elements of that tag.
  auto open_since_marker = [this](GumboTag t) {
    int n = 0;
    for (auto it = open_.rbegin(); it != open_.rend() && !pushes_marker(*it); ++it) {
      n += *it == t;
    }
    return n;
  };
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DL:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
    case GUMBO_TAG_PRE: case GUMBO_TAG_HR:
    case GUMBO_TAG_TABLE:  // closes a p too: the document is no-quirks (<!DOCTYPE html>)
      return !p_in_button_scope();
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      // A heading also closes a heading that is the current node.
      return !p_in_button_scope() && (open_.empty() || !is_heading(open_.back()));
    case GUMBO_TAG_LI:
      return !list_item_open(true) && !p_in_button_scope();
    case GUMBO_TAG_DD: case GUMBO_TAG_DT:
      return !list_item_open(false) && !p_in_button_scope();
    case GUMBO_TAG_A:
      // An open a runs the adoption agency algorithm.
      return open_since_marker(GUMBO_TAG_A) == 0;
    case GUMBO_TAG_B: case GUMBO_TAG_CODE: case GUMBO_TAG_EM: case GUMBO_TAG_I:
    case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_STRONG: case GUMBO_TAG_U:
      // Pushed on the list of active formatting elements. A fourth of a kind since the
      // marker (the Noah's Ark clause counts equal attributes; we count the tag alone, which
      // is stricter) would drop the first from the list, and gumbo would then close that
      // one's end tag differently. With no drop, the list is the open formatting elements,
      // so reconstructing them never adds one, and each end tag closes the current node.
      return open_since_marker(tag) < 3;
    case GUMBO_TAG_BR: case GUMBO_TAG_IMG: case GUMBO_TAG_SOURCE: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_MARK: case GUMBO_TAG_Q:
    case GUMBO_TAG_CITE: case GUMBO_TAG_ABBR: case GUMBO_TAG_TIME:
    case GUMBO_TAG_UNKNOWN:  // picture, the only unknown element written
      return true;
    default:
      // Table parts (ignored in body, or closing the open cell or caption), and whatever we
      // have not worked through: not vouched for.
      return false;
  }
}

void ReparseCheck::end() {
  if (!plain_) return;
  // Every end tag written closes the current node: "any other end tag", or the element's
  // own rule, pops it when it is the current node; formatting elements are the last of
  // their tag on the list of active formatting elements (see start).
  open_.pop_back();
}

void ReparseCheck::text(std::string_view text) {
  if (!plain_ || open_.empty() || !is_table_part_context(open_.back())) return;
  // "in table text": whitespace stays where it is, anything else is foster-parented.
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f') {
      plain_ = false;
      return;
    }
  }
}

}  // namespace nz::sanitize
