// Shared by the feed libFuzzer targets (src/feed/fuzz/, built with -DNZ_FUZZ=ON under clang):
// the input as feed::parse would see it, and the promises every ParsedFeed must keep.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feed/model.h"

namespace nz::feed::fuzz {

// The fuzz input as UTF-8 text, as feed::parse hands it to a format parser: valid UTF-8 stays,
// anything else is read as windows-1252.
std::string as_utf8(const uint8_t* data, size_t size);

// What broke, or nullopt when the feed keeps every promise check() asks for.
std::optional<std::string> broken_invariant(const ParsedFeed& feed);

// Aborts (a libFuzzer crash) unless: bozo is set exactly when bozo_reason is; to_json gives a
// JSON object that parses back (so every string is valid UTF-8) with the contract's keys; every
// date is "YYYY-MM-DDTHH:MM:SSZ"; no enclosure URL is empty; no deleted entry's ref is empty.
void check(const ParsedFeed& feed);

}  // namespace nz::feed::fuzz
