#include "feed/test_support.h"

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>

#include "feed/json_output.h"
#include "feed/text.h"

namespace nz::feed::testing {

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(NZ_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

boost::json::value parse_to_json(std::string_view bytes, const ParseOptions& options) {
  auto feed = parse(bytes, options);
  if (!feed) return boost::json::value("error: " + feed.error().message);
  return boost::json::parse(to_json(*feed, [](std::string_view h) { return escape_html(h); }));
}

}  // namespace nz::feed::testing
