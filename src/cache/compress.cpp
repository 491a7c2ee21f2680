#include "cache/compress.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cctype>
#include <cstdlib>

namespace nz::cache {
namespace {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The q value of one list element's parameters ("q=0.5"); 1 when absent, 0 when malformed
// (a client that sends nonsense gets the safe answer: not this coding).
double quality(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string value(param.substr(2));
      char* end = nullptr;
      double q = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || q < 0 || q > 1) return 0;
      return q;
    }
  }
  return 1;
}

}  // namespace

std::string_view content_encoding(Coding coding) {
  switch (coding) {
    case Coding::kGzip: return "gzip";
    case Coding::kBrotli: return "br";
    case Coding::kIdentity: return "";
  }
  return "";
}

Coding choose_coding(std::optional<std::string_view> accept_encoding) {
  if (!accept_encoding) return Coding::kIdentity;
  std::optional<double> gzip_q, br_q, any_q;
  std::string_view rest = *accept_encoding;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view element = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t semi = element.find(';');
    std::string name = lowercase(trim(element.substr(0, semi)));
    double q = semi == std::string_view::npos ? 1 : quality(element.substr(semi + 1));
    if (name == "gzip" || name == "x-gzip") {
      gzip_q = q;
    } else if (name == "br") {
      br_q = q;
    } else if (name == "*") {
      any_q = q;
    }
  }
  double br = br_q.value_or(any_q.value_or(0));
  double gz = gzip_q.value_or(any_q.value_or(0));
  if (br > 0 && br >= gz) return Coding::kBrotli;
  if (gz > 0) return Coding::kGzip;
  return Coding::kIdentity;
}

std::optional<std::string> gzip(std::string_view data) {
  z_stream z{};
  // 15 + 16: a gzip wrapper, not zlib's; memLevel 9 is the fastest at level 9.
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  size_t written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  out.shrink_to_fit();  // kept for long: give back deflateBound's slack (about the input size)
  return out;
}

std::optional<std::string> brotli(std::string_view data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return std::nullopt;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(6, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return std::nullopt;
  }
  out.resize(size);
  out.shrink_to_fit();
  return out;
}

}  // namespace nz::cache
