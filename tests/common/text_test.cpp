// Python string literals written as Python's repr() writes them (the one escaper of src/: the
// generated files, the script.py.mako renderer, file_template's %r and the reader's repr()).

#include "common/text.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

TEST(PythonRepr, QuotesAsPythonChoosesThem) {
  EXPECT_EQ(python_repr("plain"), "'plain'");
  EXPECT_EQ(python_repr("it's"), "\"it's\"");
  EXPECT_EQ(python_repr("say \"hi\""), "'say \"hi\"'");
  EXPECT_EQ(python_repr("both ' and \""), "'both \\' and \"'");
}

TEST(PythonRepr, EscapesBackslashesAndControlCharactersAndKeepsUtf8) {
  // repr('a\\b\n\r\t\x01\x7fé') in Python 3
  EXPECT_EQ(python_repr("a\\b\n\r\t\x01\x7f\xc3\xa9"), "'a\\\\b\\n\\r\\t\\x01\\x7f\xc3\xa9'");
  EXPECT_EQ(python_quoted("\"x\"", '"'), "\"\\\"x\\\"\"");
}

}  // namespace
}  // namespace asq
