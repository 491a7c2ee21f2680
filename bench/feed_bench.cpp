// Throughput of nz::feed::parse on the two 10,000-item feeds bench/gen_feed_bench.py writes
// (an RSS 2.0 and an Atom 1.0 feed of realistic news items), in items per second: issue 3's
// benchmark against python3-feedparser (bench/feedparser_bench.py parses the same files).
//
// One iteration = one feed::parse of the whole file: encoding detection, the XML parse
// (libxml2), and every field of every entry read into a ParsedFeed (dates, plain-text titles,
// resolved links, categories, raw HTML of summary and content). It does NOT sanitize the HTML
// (nz::sanitize does, afterwards, in ingest and in `newszone parse`); see docs/benchmarks.md
// for what that means for the comparison. items_per_second is per second of CPU time
// (Google Benchmark's default), which a shared, loaded machine disturbs far less than
// wall-clock time; the JSON output also has real_time, from which run-feed-bench derives the
// wall-clock rate.
//
// Options of our own, before Google Benchmark's:
//   --rss=FILE --atom=FILE   the feeds (both required)
//   --passes=N               fixed number of parses per repetition (default: the library's)
// e.g. feed_bench --rss=rss20-10000.xml --atom=atom10-10000.xml --passes=5
// bench/run-feed-bench generates the feeds and runs this together with the feedparser side.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "feed/parse.h"

namespace {

struct Input {
  std::string name;  // "rss20", "atom10"
  std::string path;
  std::string bytes;
  std::int64_t items = 0;  // entries of one parse, checked on every iteration
};

void parse_feed(benchmark::State& state, const Input* input) {
  for (auto _ : state) {
    auto feed = nz::feed::parse(input->bytes);
    if (!feed || static_cast<std::int64_t>(feed->entries.size()) != input->items) {
      state.SkipWithError("parse gave a different result than the warm-up parse");
      break;
    }
    benchmark::DoNotOptimize(feed->entries.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * input->items);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(input->bytes.size()));
  state.counters["items"] = static_cast<double>(input->items);
  state.counters["file_bytes"] = static_cast<double>(input->bytes.size());
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
  static std::vector<Input> inputs = {{.name = "rss20"}, {.name = "atom10"}};
  long passes = 0;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string value;
    if (i > 0 && take_flag(argv[i], "--passes", value)) {
      passes = std::strtol(value.c_str(), nullptr, 10);
      if (passes <= 0) {
        std::fprintf(stderr, "feed_bench: --passes must be a positive integer\n");
        return 2;
      }
    } else if (i > 0 && take_flag(argv[i], "--rss", value)) {
      inputs[0].path = value;
    } else if (i > 0 && take_flag(argv[i], "--atom", value)) {
      inputs[1].path = value;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  rest.push_back(nullptr);

  for (Input& in : inputs) {
    if (in.path.empty()) {
      std::fprintf(stderr, "feed_bench: --rss=FILE and --atom=FILE are required "
                           "(bench/gen_feed_bench.py writes them)\n");
      return 2;
    }
    std::ifstream file(in.path, std::ios::binary);
    in.bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    // Warm-up parse, untimed (caches, allocator, libxml2 initialisation), and a check that
    // the work is real: the feed parses, cleanly, with its items.
    auto feed = nz::feed::parse(in.bytes);
    if (!feed || feed->entries.empty() || feed->bozo) {
      std::fprintf(stderr, "feed_bench: %s does not parse cleanly: %s\n", in.path.c_str(),
                   !feed ? feed.error().message.c_str()
                         : feed->bozo_reason.value_or("no entries").c_str());
      return 1;
    }
    in.items = static_cast<std::int64_t>(feed->entries.size());
    auto* b = benchmark::RegisterBenchmark(("feed_parse/" + in.name).c_str(), parse_feed, &in);
    b->Unit(benchmark::kMillisecond);
    if (passes > 0) b->Iterations(passes);
  }

  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  for (const Input& in : inputs) {
    benchmark::AddCustomContext(in.name + "_file", in.path);
    benchmark::AddCustomContext(in.name + "_bytes", std::to_string(in.bytes.size()));
    benchmark::AddCustomContext(in.name + "_items", std::to_string(in.items));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
