#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace asq {
namespace {

TEST(Utf8, FindsTheFirstBadByteAtEveryOffsetOfALongAsciiRun) {
  for (size_t length : {1u, 7u, 8u, 9u, 16u, 33u}) {
    for (size_t bad = 0; bad < length; ++bad) {
      std::string text(length, 'a');
      text[bad] = '\xff';
      EXPECT_EQ(find_invalid_utf8(text), bad) << length << " " << bad;
    }
    EXPECT_EQ(find_invalid_utf8(std::string(length, 'a')), std::string::npos);
  }
}

TEST(Utf8, ChecksMultiByteSequencesBetweenAsciiRuns) {
  std::string text = "0123456789 caf\xc3\xa9 0123456789 \xf0\x9f\x98\x80 end";
  EXPECT_EQ(find_invalid_utf8(text), std::string::npos);
  EXPECT_EQ(find_invalid_utf8(text.substr(0, 15)), 14u);  // a truncated two-byte sequence
  std::string surrogate = "0123456789abcdef\xed\xa0\x80";
  EXPECT_EQ(find_invalid_utf8(surrogate), 16u);
  EXPECT_EQ(find_invalid_utf8("01234567\xc0\xaf"), 8u);  // overlong
}

}  // namespace
}  // namespace asq
