// Character encoding of a feed document: detection and conversion to UTF-8.
//
// Detection order: a byte-order mark wins; then the HTTP charset; then the XML declaration
// (or, for JSON, UTF-8 per RFC 8259). A declared or guessed encoding is checked against the
// bytes: "utf-8" (or nothing declared) on bytes that are not valid UTF-8 becomes windows-1252,
// and iso-8859-1 / us-ascii / latin1 are read as windows-1252, their WHATWG superset. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nz::feed {

struct DetectedEncoding {
  std::string name;  // lower-case label: "utf-8", "windows-1252", "utf-16le", "koi8-r", ...
  size_t bom_length = 0;  // bytes of byte-order mark to skip
  // Set when the declaration was overridden because the bytes disagree.
  std::optional<std::string> problem;
  // The bytes were checked and are well-formed UTF-8 (name is then "utf-8"): to_utf8 would
  // copy them unchanged.
  bool valid_utf8 = false;
};

// `http_charset` is the charset parameter of the Content-Type header, empty when unknown.
DetectedEncoding detect_encoding(std::string_view bytes, std::string_view http_charset = {});

// Converts `bytes` (after the BOM) from `encoding` to UTF-8. Invalid sequences become U+FFFD.
// Fails with kInvalidInput when the encoding is unknown to the converter.
Result<std::string> to_utf8(std::string_view bytes, const std::string& encoding);

// The length (1-4) of the well-formed UTF-8 sequence `bytes` starts with; 0 when it starts
// with none (or is empty).
size_t utf8_sequence_length(std::string_view bytes);

// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

}  // namespace nz::feed
