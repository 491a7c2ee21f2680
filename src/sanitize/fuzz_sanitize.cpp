// libFuzzer target: any bytes through sanitize_html must give output that keeps every promise
// of check_output_invariants (allowlist, URL schemes, iframe hosts, idempotence), and
// html_to_text and standfirst must not crash. Build with -DNZ_FUZZ=ON under clang; run e.g.
//   build-fuzz/src/sanitize/fuzz_sanitize -max_total_time=600 -max_len=4096 \
//       corpus/ tests/testdata/xss tests/testdata/articles
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "sanitize/html_sanitizer.h"
#include "sanitize/html_text.h"
#include "sanitize/output_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Alternate between no base URL and one, chosen by the input, so both paths are fuzzed.
  nz::sanitize::SanitizeOptions options;
  if (size > 0 && (data[0] & 1)) options.base_url = "https://partner.example/news/a/b.html";
  std::string output = nz::sanitize::sanitize_html(input, options);
  auto problems = nz::sanitize::check_output_invariants(output, options);
  if (!problems.empty()) {
    std::fprintf(stderr, "invariant broken: %s\noutput: %s\n", problems.front().c_str(),
                 output.c_str());
    std::abort();
  }
  (void)nz::sanitize::standfirst(input, 40);
  return 0;
}
