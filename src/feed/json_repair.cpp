#include "feed/json_repair.h"

#include <boost/json/parse.hpp>
#include <boost/json/stream_parser.hpp>

#include <vector>

namespace nz::feed {
namespace {

// An open array or object in the text before the break.
struct Frame {
  bool array = false;
  std::string_view key;  // the member name this container is the value of ("" in an array)
  size_t last_end = 0;   // offset just after its last complete child (or its opening bracket)
  size_t children = 0;   // complete children
  bool expect_key = false;
};

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The containers still open at the end of `s` (a prefix of JSON text the parser accepted).
std::vector<Frame> open_frames(std::string_view s) {
  std::vector<Frame> stack;
  std::string_view pending_key;
  auto complete = [&](size_t end) {
    if (stack.empty()) return;
    stack.back().last_end = end;
    ++stack.back().children;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      size_t start = i + 1;
      size_t j = start;
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      if (j >= s.size()) break;  // cut off inside a string
      i = j;
      if (!stack.empty() && !stack.back().array && stack.back().expect_key) {
        pending_key = s.substr(start, j - start);
        stack.back().expect_key = false;
      } else {
        complete(j + 1);
      }
    } else if (c == '{' || c == '[') {
      Frame f{.array = c == '[', .last_end = i + 1, .expect_key = c == '{'};
      if (!stack.empty() && !stack.back().array) f.key = pending_key;
      stack.push_back(f);
    } else if (c == '}' || c == ']') {
      if (stack.empty()) break;
      stack.pop_back();
      complete(i + 1);
    } else if (c == ',') {
      if (!stack.empty() && !stack.back().array) stack.back().expect_key = true;
    } else if (c == ':' || is_json_space(c)) {
      continue;
    } else {
      // A number, true, false or null: complete only when something follows it.
      size_t j = i;
      while (j < s.size() && s[j] != ',' && s[j] != ']' && s[j] != '}' && !is_json_space(s[j])) {
        ++j;
      }
      if (j >= s.size()) break;
      complete(j);
      i = j - 1;
    }
  }
  return stack;
}

}  // namespace

std::optional<RecoveredJson> recover_json(std::string_view text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && parser.done()) return std::nullopt;  // complete (then maybe more: JSON lines)
  if (!ec) parser.finish(ec);                       // all read: cut off
  size_t brk = ec && consumed < text.size() ? consumed : text.size();

  std::vector<Frame> stack = open_frames(text.substr(0, brk));
  if (stack.empty()) return std::nullopt;
  size_t target = 0;
  RecoveredJson out;
  if (stack[0].array) {
    out.cut_in_items = true;
  } else if (stack.size() >= 2 && stack[1].array && stack[1].key == "items") {
    target = 1;
    out.cut_in_items = true;
  }
  const Frame& cut = stack[target];
  if (out.cut_in_items && stack[0].array && cut.children == 0) return std::nullopt;
  if (!out.cut_in_items && cut.children == 0) return std::nullopt;

  std::string closed(text.substr(0, cut.last_end));
  for (size_t k = target + 1; k-- > 0;) closed += stack[k].array ? ']' : '}';
  boost::system::error_code pec;
  out.value = boost::json::parse(closed, pec);
  if (pec) return std::nullopt;  // not expected: the prefix was accepted by the parser
  out.items_kept = out.cut_in_items ? cut.children : 0;
  out.problem = "invalid JSON at byte " + std::to_string(brk) + " (" + ec.message() + ")";
  return out;
}

}  // namespace nz::feed
