#include "fetch/content_type.h"

#include <gtest/gtest.h>

namespace nz::fetch {
namespace {

TEST(CharsetParameterTest, ReadsTheCharsetParameter) {
  struct Case {
    const char* content_type;
    const char* expected;
  };
  const Case cases[] = {
      {"application/rss+xml; charset=UTF-8", "utf-8"},
      {"text/xml;charset=windows-1252", "windows-1252"},
      {"text/xml; Charset=\"ISO-8859-1\"", "iso-8859-1"},
      {"text/xml; CHARSET = utf-8 ", "utf-8"},
      {"text/html; q=\"a;b\"; charset=koi8-r", "koi8-r"},
      {"text/html; flag; charset=utf-8", "utf-8"},
      {"text/html; charset=utf-8; charset=latin1", "utf-8"},
      {"text/html; charset=\"utf\\-8\"", "utf-8"},
      {"text/html; format=flowed", ""},
      {"text/html; xcharset=utf-8", ""},
      {"text/html", ""},
      {"", ""},
      {"text/html; charset=", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.content_type);
    EXPECT_EQ(charset_parameter(c.content_type), c.expected);
  }
}

}  // namespace
}  // namespace nz::fetch
