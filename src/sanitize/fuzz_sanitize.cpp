// libFuzzer target: any bytes through sanitize_html must give output that keeps every promise
// of check_output_invariants (allowlist, URL schemes, iframe hosts, idempotence), the same
// output as sanitize_html_by_reparsing (the re-parse-until-stable loop that sanitize_html
// skips when ReparseCheck vouches for its first pass), and html_to_text and standfirst must
// not crash. Build with -DNZ_FUZZ=ON under clang; run e.g.
//   build-fuzz-sanitize/src/sanitize/fuzz_sanitize -max_total_time=600 -max_len=4096 \
//       -dict=src/sanitize/fuzz_sanitize.dict corpus/ src/sanitize/testdata/fuzz \
//       tests/testdata/articles
// corpus/ collects what the run finds; src/sanitize/testdata/fuzz keeps the corpus of earlier
// runs, merged (-merge=1: the smallest inputs that reach the same coverage).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "sanitize/html_sanitizer.h"
#include "sanitize/html_sanitizer_passes.h"
#include "sanitize/html_text.h"
#include "sanitize/output_invariants.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& output, const std::string& other) {
  std::fprintf(stderr, "%s\noutput: %s\nother:  %s\n", what, output.c_str(), other.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first byte picks the base URL, so that every path is fuzzed: none; an ordinary one;
  // one whose path has a backslash (resolved URLs change when cleaned again); and one with
  // non-ASCII, a C1 control and malformed UTF-8 (which the parser replaces).
  nz::sanitize::SanitizeOptions options;
  switch (size > 0 ? data[0] % 4 : 0) {
    case 1: options.base_url = "https://partner.example/news/a/b.html"; break;
    case 2: options.base_url = "https://partner.example/news\\a/b.html"; break;
    case 3: options.base_url = "https://partner.example/n\xC3\xA4/\xC2\x81/\xC3/b.html"; break;
    default: break;
  }
  std::string output = nz::sanitize::sanitize_html(input, options);
  auto problems = nz::sanitize::check_output_invariants(output, options);
  if (!problems.empty()) fail(("invariant broken: " + problems.front()).c_str(), output, "");
  std::string reparsed = nz::sanitize::sanitize_html_by_reparsing(input, options);
  if (reparsed != output) fail("sanitize_html differs from sanitize_html_by_reparsing", output,
                               reparsed);
  nz::sanitize::FirstPass first = nz::sanitize::sanitize_first_pass(input, options);
  if (first.settled) {
    std::string again = nz::sanitize::sanitize_first_pass(first.html, options).html;
    if (again != first.html) fail("vouched-for first pass changes when parsed again",
                                  first.html, again);
  }
  (void)nz::sanitize::standfirst(input, 40);
  return 0;
}
