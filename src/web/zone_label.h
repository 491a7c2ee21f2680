// The label every page of a partner zone carries: attribution and disclaimer, made from the
// zone's templates.
#pragma once

#include <string>
#include <string_view>

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

// Upper-cases ASCII and Latin-1 letters ("Hämeen" -> "HÄMEEN"); other text is unchanged.
std::string to_upper_latin(std::string_view text);

}  // namespace nz::web
