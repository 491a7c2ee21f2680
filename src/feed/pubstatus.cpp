#include "feed/pubstatus.h"

#include <string>

#include "feed/text.h"

namespace nz::feed {

const char* to_string(PubStatus status) {
  switch (status) {
    case PubStatus::kUsable: return "usable";
    case PubStatus::kWithheld: return "withheld";
    case PubStatus::kCanceled: return "canceled";
  }
  return "usable";
}

std::optional<PubStatus> parse_pubstatus(std::string_view text) {
  std::string s(trim(text));
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  // NewsML-G2 writes the status as a QCode of the IPTC scheme "stat", or as its URI.
  for (std::string_view prefix : {"stat:", "http://cv.iptc.org/newscodes/pubstatusg2/",
                                  "https://cv.iptc.org/newscodes/pubstatusg2/"}) {
    if (s.starts_with(prefix)) {
      s.erase(0, prefix.size());
      break;
    }
  }
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s == "usable") return PubStatus::kUsable;
  if (s == "withheld") return PubStatus::kWithheld;
  if (s == "canceled" || s == "cancelled") return PubStatus::kCanceled;
  return std::nullopt;
}

}  // namespace nz::feed
