#include "web/zone_label.h"

namespace nz::web {

std::string to_upper_latin(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'a' && c <= 'z') {
      out[i] = static_cast<char>(c - 'a' + 'A');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // U+00E0..U+00FE (but not U+00F7, the division sign) are the lowercase of U+00C0..U+00DE.
      auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0xA0 && next <= 0xBE && next != 0xB7) out[i + 1] = static_cast<char>(next - 0x20);
      ++i;
    }
  }
  return out;
}

std::vector<LabelPart> label_template_parts(std::string_view tmpl, std::string_view partner_name,
                                            std::string_view site_name) {
  std::vector<LabelPart> parts;
  auto append = [&parts](std::string_view text, bool is_partner) {
    if (text.empty()) return;
    if (!is_partner && !parts.empty() && !parts.back().is_partner) {
      parts.back().text += text;
    } else {
      parts.push_back({std::string(text), is_partner});
    }
  };
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl.compare(i, 11, "{{partner}}") == 0) {
      append(partner_name, true);
      i += 11;
    } else if (tmpl.compare(i, 8, "{{SITE}}") == 0) {
      append(to_upper_latin(site_name), false);
      i += 8;
    } else if (tmpl.compare(i, 8, "{{site}}") == 0) {
      append(site_name, false);
      i += 8;
    } else {
      append(tmpl.substr(i, 1), false);
      ++i;
    }
  }
  return parts;
}

std::string fill_label_template(std::string_view tmpl, std::string_view partner_name,
                                std::string_view site_name) {
  std::string out;
  for (const LabelPart& part : label_template_parts(tmpl, partner_name, site_name)) {
    out += part.text;
  }
  return out;
}

}  // namespace nz::web
