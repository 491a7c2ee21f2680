#include "feed/xml_repair.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <set>

namespace nz::feed {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '.';
}

std::set<std::string> declared_entities(std::string_view doc) {
  std::set<std::string> names;
  size_t pos = 0;
  while ((pos = doc.find("<!ENTITY", pos)) != std::string_view::npos) {
    pos += 8;
    while (pos < doc.size() && (doc[pos] == ' ' || doc[pos] == '\t' || doc[pos] == '\n')) ++pos;
    size_t start = pos;
    while (pos < doc.size() && is_name_char(doc[pos])) ++pos;
    names.emplace(doc.substr(start, pos - start));
  }
  return names;
}

}  // namespace

RepairedXml repair_xml(std::string_view doc) {
  RepairedXml r;
  // Junk before the document: start at the XML declaration, else at the first '<'.
  size_t start = doc.find("<?xml");
  if (start == std::string_view::npos) start = doc.find('<');
  if (start == std::string_view::npos) start = doc.size();
  for (size_t i = 0; i < start; ++i) {
    char c = doc[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      r.problem = "junk before the XML declaration";
      break;
    }
  }
  doc.remove_prefix(start);
  std::set<std::string> own = declared_entities(doc);
  std::string& out = r.text;
  out.reserve(doc.size() + 64);
  size_t i = 0;
  while (i < doc.size()) {
    char c = doc[i];
    if (c == '<' && doc.compare(i, 9, "<![CDATA[") == 0) {
      size_t end = doc.find("]]>", i + 9);
      end = end == std::string_view::npos ? doc.size() : end + 3;
      out.append(doc.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '<' && doc.compare(i, 4, "<!--") == 0) {
      size_t end = doc.find("-->", i + 4);
      end = end == std::string_view::npos ? doc.size() : end + 3;
      out.append(doc.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '<' && i + 3 < doc.size()) {
      // HTML void elements written unescaped and unclosed ("<br>") would swallow the rest of
      // the document in recovery mode: close them.
      size_t n = 0;
      for (std::string_view v : {"br", "hr", "img", "wbr"}) {
        if (doc.compare(i + 1, v.size(), v) == 0) n = v.size();
      }
      char after = n ? doc[std::min(i + 1 + n, doc.size() - 1)] : 'x';
      if (n && (after == '>' || after == ' ' || after == '/' || after == '\n')) {
        size_t end = doc.find('>', i);
        if (end != std::string_view::npos && doc.substr(i, end - i).find('<', 1) == std::string_view::npos) {
          out.append(doc.substr(i, end - i));
          if (doc[end - 1] != '/') {
            out += '/';
            if (!r.problem) r.problem = "unclosed <" + std::string(doc.substr(i + 1, n)) + "> tag";
          }
          out += '>';
          i = end + 1;
          continue;
        }
      }
    }
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    // A reference is "&name;" or "&#digits;" or "&#xhex;".
    size_t j = i + 1;
    bool numeric = j < doc.size() && doc[j] == '#';
    if (numeric) ++j;
    bool hex = numeric && j < doc.size() && (doc[j] == 'x' || doc[j] == 'X');
    if (hex) ++j;
    size_t name_start = j;
    while (j < doc.size() && j - name_start < 40 && is_name_char(doc[j])) ++j;
    std::string name(doc.substr(name_start, j - name_start));
    bool terminated = j < doc.size() && doc[j] == ';' && !name.empty();
    if (terminated && numeric) {
      out.append(doc.substr(i, j + 1 - i));
      i = j + 1;
      continue;
    }
    if (terminated && (name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
                       name == "apos" || own.count(name))) {
      out.append(doc.substr(i, j + 1 - i));
      i = j + 1;
      continue;
    }
    if (terminated) {
      if (const htmlEntityDesc* d =
              htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
        out += "&#" + std::to_string(d->value) + ";";
        if (!r.problem) r.problem = "undefined entity &" + name + ";";
        i = j + 1;
        continue;
      }
    }
    out += "&amp;";
    if (!r.problem) {
      r.problem = terminated ? "undefined entity &" + name + ";" : "unescaped & in text";
    }
    ++i;
  }
  return r;
}

}  // namespace nz::feed
