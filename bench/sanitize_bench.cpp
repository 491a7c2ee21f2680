// Throughput of nz::sanitize::sanitize_html on the realistic article corpus
// (tests/testdata/articles/*.html, the same files bench/bleach_bench.py cleans).
//
// One iteration = one pass: every article of the corpus sanitized once, each with the
// options articles_test.cpp uses (a base URL, so relative URLs are made absolute, and the
// default link policy and iframe hosts). bytes_per_second is input HTML per second of CPU
// time (Google Benchmark's default), which a shared, loaded machine disturbs far less than
// wall-clock time; the JSON output also has real_time, from which run-sanitize-bench derives
// the wall-clock rate. bleach_bench.py measures both the same way.
//
// Options of our own, before Google Benchmark's:
//   --passes=N       fixed number of passes per repetition (default: let the library choose)
//   --corpus=DIR     another folder of *.html files
// e.g. sanitize_bench --passes=50 --benchmark_repetitions=5 --benchmark_report_aggregates_only
// bench/run-sanitize-bench runs it together with the bleach baseline.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sanitize/html_sanitizer.h"
#include "sanitize/html_sanitizer_passes.h"

namespace {

struct Corpus {
  std::vector<std::string> files;
  std::int64_t bytes = 0;
};

Corpus load_corpus(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".html") {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());  // same order as bleach_bench.py
  Corpus corpus;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    corpus.bytes += static_cast<std::int64_t>(body.size());
    corpus.files.push_back(std::move(body));
  }
  return corpus;
}

nz::sanitize::SanitizeOptions bench_options() {
  nz::sanitize::SanitizeOptions options;
  options.base_url = "https://partner.example/news/2024/story.html";
  return options;
}

void sanitize_corpus(benchmark::State& state, const Corpus* corpus) {
  const nz::sanitize::SanitizeOptions options = bench_options();
  std::int64_t out_bytes = 0;
  for (auto _ : state) {
    for (const std::string& html : corpus->files) {
      std::string out = nz::sanitize::sanitize_html(html, options);
      out_bytes += static_cast<std::int64_t>(out.size());
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus->bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus->files.size()));
  state.counters["files"] = static_cast<double>(corpus->files.size());
  state.counters["corpus_bytes"] = static_cast<double>(corpus->bytes);
  state.counters["out_bytes_per_pass"] =
      state.iterations() ? static_cast<double>(out_bytes / state.iterations()) : 0.0;
}

bool take_flag(std::string_view arg, std::string_view name, std::string& value) {
  if (arg.size() > name.size() && arg.substr(0, name.size()) == name &&
      arg[name.size()] == '=') {
    value = std::string(arg.substr(name.size() + 1));
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = std::filesystem::path(NZ_SOURCE_DIR) / "tests/testdata/articles";
  long passes = 0;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string value;
    if (i > 0 && take_flag(argv[i], "--passes", value)) {
      passes = std::strtol(value.c_str(), nullptr, 10);
      if (passes <= 0) {
        std::fprintf(stderr, "sanitize_bench: --passes must be a positive integer\n");
        return 2;
      }
    } else if (i > 0 && take_flag(argv[i], "--corpus", value)) {
      dir = value;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  rest.push_back(nullptr);

  static Corpus corpus;
  try {
    corpus = load_corpus(dir);
  } catch (const std::filesystem::filesystem_error& e) {
    std::fprintf(stderr, "sanitize_bench: %s\n", e.what());
    return 1;
  }
  if (corpus.files.empty()) {
    std::fprintf(stderr, "sanitize_bench: no *.html files in %s\n", dir.c_str());
    return 1;
  }
  // Warm-up pass, untimed (caches, allocator), and a check that the work is real. Also
  // counts the files whose first pass ReparseCheck vouches for (one parse; the others are
  // parsed again until stable), for the report.
  int settled = 0;
  {
    const auto options = bench_options();
    for (const std::string& html : corpus.files) {
      if (nz::sanitize::sanitize_html(html, options).empty()) {
        std::fprintf(stderr, "sanitize_bench: empty output for a corpus file\n");
        return 1;
      }
      settled += nz::sanitize::sanitize_first_pass(html, options).settled;
    }
  }

  auto* b = benchmark::RegisterBenchmark("sanitize_corpus", sanitize_corpus, &corpus);
  b->Unit(benchmark::kMillisecond);
  if (passes > 0) b->Iterations(passes);

  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  benchmark::AddCustomContext("corpus", dir.string());
  benchmark::AddCustomContext("corpus_files", std::to_string(corpus.files.size()));
  benchmark::AddCustomContext("corpus_bytes", std::to_string(corpus.bytes));
  benchmark::AddCustomContext("settled_in_one_pass", std::to_string(settled));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
