#include "feed/fuzz/fuzz_check.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <cstdlib>

#include "feed/encoding.h"
#include "feed/json_output.h"

namespace nz::feed::fuzz {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& json) {
  std::fprintf(stderr, "feed invariant broken: %s\njson: %s\n", what.c_str(), json.c_str());
  std::abort();
}

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

void check(const ParsedFeed& feed) {
  std::string json = to_json(feed);
  if (feed.bozo != feed.bozo_reason.has_value()) fail("bozo without bozo_reason", json);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec) fail("to_json is not valid JSON: " + ec.message(), json);
  const boost::json::object* o = v.if_object();
  if (!o) fail("to_json is not an object", json);
  for (const char* key : {"format", "encoding", "bozo", "bozo_reason", "feed", "entries",
                          "deleted_entries"}) {
    if (!o->contains(key)) fail(std::string("missing key ") + key, json);
  }
  if (!is_date(o->at("feed").at("updated"))) fail("feed.updated is no RFC 3339 UTC date", json);
  for (const auto& e : o->at("entries").as_array()) {
    for (const char* key : {"published", "updated", "embargoed"}) {
      if (!is_date(e.at(key))) fail(std::string(key) + " is no RFC 3339 UTC date", json);
    }
    for (const auto& enc : e.at("enclosures").as_array()) {
      if (enc.at("url").as_string().empty()) fail("enclosure with an empty URL", json);
    }
  }
  for (const auto& d : o->at("deleted_entries").as_array()) {
    if (d.at("ref").as_string().empty()) fail("deleted entry with an empty ref", json);
    if (!is_date(d.at("when"))) fail("deleted entry's when is no RFC 3339 UTC date", json);
  }
}

}  // namespace nz::feed::fuzz
