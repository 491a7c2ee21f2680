// The label every page of a partner zone carries: attribution and disclaimer, made from the
// zone's templates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nz::web {

struct ZoneLabel {
  std::string attribution;  // "This page is provided in cooperation with People's Daily Online."
  std::string disclaimer;   // "HELSINKI TIMES does not exercise editorial control over ..."
};

// Fills a label template: {{partner}} becomes the partner's name, {{site}} the site's name and
// {{SITE}} the site's name in capitals. Other text is kept as it is (plain text: the page
// template escapes it).
std::string fill_label_template(std::string_view tmpl, std::string_view partner_name,
                                std::string_view site_name);

// The same text in parts, each either plain text or the partner's name, so that a page can
// link the partner's name to the partner's site: concatenated, the parts' texts equal
// fill_label_template's result. Adjacent plain parts are merged; no part is empty.
struct LabelPart {
  std::string text;
  bool is_partner = false;
};
std::vector<LabelPart> label_template_parts(std::string_view tmpl, std::string_view partner_name,
                                            std::string_view site_name);

// Upper-cases ASCII and Latin-1 letters ("Hämeen" -> "HÄMEEN"); other text is unchanged.
std::string to_upper_latin(std::string_view text);

}  // namespace nz::web
