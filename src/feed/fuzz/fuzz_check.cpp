#include "feed/fuzz/fuzz_check.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "feed/encoding.h"
#include "feed/json_output.h"

namespace nz::feed::fuzz {
namespace {


bool is_date(const boost::json::value& v) {
  if (v.is_null()) return true;
  const boost::json::string* s = v.if_string();
  if (!s || s->size() != 20) return false;
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  for (size_t i = 0; i < kShape.size(); ++i) {
    char c = (*s)[i];
    if (kShape[i] == 'd' ? (c < '0' || c > '9') : c != kShape[i]) return false;
  }
  return true;
}

}  // namespace

std::string as_utf8(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (is_valid_utf8(bytes)) return std::string(bytes);
  auto text = to_utf8(bytes, "windows-1252");
  if (!text) std::abort();  // windows-1252 is always known
  return *text;
}

std::optional<std::string> broken_invariant(const ParsedFeed& feed) {
  std::string json = to_json(feed);
  auto broken = [&](const std::string& what) { return what + "; json: " + json; };
  if (feed.bozo != feed.bozo_reason.has_value()) return broken("bozo without bozo_reason");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec) return broken("to_json is not valid JSON: " + ec.message());
  const boost::json::object* o = v.if_object();
  if (!o) return broken("to_json is not an object");
  for (const char* key : {"format", "encoding", "bozo", "bozo_reason", "feed", "entries",
                          "deleted_entries"}) {
    if (!o->contains(key)) return broken(std::string("missing key ") + key);
  }
  if (!is_date(o->at("feed").at("updated"))) return broken("feed.updated is no RFC 3339 UTC date");
  for (const auto& e : o->at("entries").as_array()) {
    for (const char* key : {"published", "updated", "embargoed"}) {
      if (!is_date(e.at(key))) return broken(std::string(key) + " is no RFC 3339 UTC date");
    }
    for (const auto& enc : e.at("enclosures").as_array()) {
      if (enc.at("url").as_string().empty()) return broken("enclosure with an empty URL");
    }
  }
  for (const auto& d : o->at("deleted_entries").as_array()) {
    if (d.at("ref").as_string().empty()) return broken("deleted entry with an empty ref");
    if (!is_date(d.at("when"))) return broken("deleted entry's when is no RFC 3339 UTC date");
  }
  return std::nullopt;
}

void check(const ParsedFeed& feed) {
  if (auto broken = broken_invariant(feed)) {
    std::fprintf(stderr, "feed invariant broken: %s\n", broken->c_str());
    std::abort();
  }
}

}  // namespace nz::feed::fuzz
