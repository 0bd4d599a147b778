// Syntax errors: exact message, location, source line and caret.

#include <gtest/gtest.h>

#include <string>

#include "common/source_error.h"
#include "python/parser.h"

namespace asq::py {
namespace {

/// The full text of the error parsing `source` as a module raises.
std::string error(std::string_view source, ParseOptions options = {}) {
  try {
    parse_module(source, "x.py", options);
  } catch (const SourceError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Parser, ReportsMissingCommaInCall) {
  EXPECT_EQ(error("x = f(a b)\n"),
            "x.py:1:9: expected ',' or ')', found name 'b'\n"
            "x = f(a b)\n"
            "        ^");
}

TEST(Parser, ReportsMissingColon) {
  EXPECT_EQ(error("if x\n    pass\n"),
            "x.py:1:5: expected ':', found end of line\n"
            "if x\n"
            "    ^");
}

TEST(Parser, ReportsMissingIndentedBlock) {
  EXPECT_EQ(error("def f():\nreturn 1\n"),
            "x.py:2:1: expected indented block, found 'return'\n"
            "return 1\n"
            "^");
}

TEST(Parser, ReportsUnexpectedIndent) {
  EXPECT_EQ(error("x = 1\n    y = 2\n"),
            "x.py:2:5: unexpected indent\n"
            "    y = 2\n"
            "    ^");
}

TEST(Parser, ReportsMissingExpression) {
  EXPECT_EQ(error("revision = \n"),
            "x.py:1:12: expected expression, found end of line\n"
            "revision = \n"
            "           ^");
  EXPECT_EQ(error("x = )\n"),
            "x.py:1:5: unmatched ')'\n"
            "x = )\n"
            "    ^");
  EXPECT_EQ(error("x = [1, if]\n"),
            "x.py:1:9: expected expression, found 'if'\n"
            "x = [1, if]\n"
            "        ^");
}

TEST(Parser, ReportsTrailingTokens) {
  EXPECT_EQ(error("print 'hello'\n"),
            "x.py:1:7: expected end of line, found string\n"
            "print 'hello'\n"
            "      ^");
}

TEST(Parser, ReportsInvalidAssignmentTargets) {
  EXPECT_EQ(error("f() = 1\n"),
            "x.py:1:1: cannot assign to function call\n"
            "f() = 1\n"
            "^");
  EXPECT_EQ(error("a, 'b' = c\n"),
            "x.py:1:4: cannot assign to literal\n"
            "a, 'b' = c\n"
            "   ^");
  EXPECT_EQ(error("a, b: int = 1\n"),
            "x.py:1:1: only a single name, attribute or subscript can be annotated\n"
            "a, b: int = 1\n"
            "^");
  EXPECT_EQ(error("del f()\n"),
            "x.py:1:5: cannot delete function call\n"
            "del f()\n"
            "    ^");
}

TEST(Parser, RejectsWalrus) {
  EXPECT_EQ(error("if (n := len(a)) > 1: pass\n"),
            "x.py:1:7: assignment expressions (':=') are not supported\n"
            "if (n := len(a)) > 1: pass\n"
            "      ^");
}

TEST(Parser, RejectsMatchStatements) {
  EXPECT_EQ(error("match command:\n    case 1:\n        pass\n"),
            "x.py:1:1: 'match' statements are not supported\n"
            "match command:\n"
            "^");
}

TEST(Parser, RejectsAsyncComprehensionsAndYield) {
  EXPECT_EQ(error("async def f():\n    return [x async for x in y]\n"),
            "x.py:2:15: asynchronous comprehensions are not supported\n"
            "    return [x async for x in y]\n"
            "              ^");
  EXPECT_EQ(error("def f():\n    yield 1\n"),
            "x.py:2:5: 'yield' is not supported\n"
            "    yield 1\n"
            "    ^");
  EXPECT_EQ(error("x = yield\n"),
            "x.py:1:5: 'yield' expressions are not supported\n"
            "x = yield\n"
            "    ^");
}

TEST(Parser, ReportsArgumentOrderErrors) {
  EXPECT_EQ(error("f(x=1, y)\n"),
            "x.py:1:8: positional argument follows keyword argument\n"
            "f(x=1, y)\n"
            "       ^");
  EXPECT_EQ(error("f(**k, *a)\n"),
            "x.py:1:8: iterable argument unpacking follows keyword argument unpacking\n"
            "f(**k, *a)\n"
            "       ^");
  EXPECT_EQ(error("f(a, x for x in y)\n"),
            "x.py:1:6: a generator argument must be parenthesized unless it is alone\n"
            "f(a, x for x in y)\n"
            "     ^");
}

TEST(Parser, ReportsParameterErrors) {
  EXPECT_EQ(error("def f(a=1, b): pass\n"),
            "x.py:1:12: parameter without a default follows parameter with a default\n"
            "def f(a=1, b): pass\n"
            "           ^");
  EXPECT_EQ(error("def f(a b): pass\n"),
            "x.py:1:9: expected ',' or ')', found name 'b'\n"
            "def f(a b): pass\n"
            "        ^");
  EXPECT_EQ(error("def f(1): pass\n"),
            "x.py:1:7: expected parameter name, found number '1'\n"
            "def f(1): pass\n"
            "      ^");
}

TEST(Parser, ReportsMixedBytesAndStrings) {
  EXPECT_EQ(error("x = 'a' b'b'\n"),
            "x.py:1:9: cannot mix bytes and nonbytes literals\n"
            "x = 'a' b'b'\n"
            "        ^");
}

TEST(Parser, ReportsBadEscapeAtItsPosition) {
  EXPECT_EQ(error("x = 'ab\\x4'\n"),
            "x.py:1:8: truncated \\xXX escape\n"
            "x = 'ab\\x4'\n"
            "       ^");
  EXPECT_EQ(error("x = '''first\n  \\u12'''\n"),
            "x.py:2:3: truncated \\uXXXX escape\n"
            "  \\u12'''\n"
            "  ^");
}

TEST(Parser, ReportsMisplacedClauses) {
  EXPECT_EQ(error("try:\n    pass\nx = 1\n"),
            "x.py:3:1: expected 'except' or 'finally', found name 'x'\n"
            "x = 1\n"
            "^");
  EXPECT_EQ(error("else:\n    pass\n"),
            "x.py:1:1: expected statement, found 'else'\n"
            "else:\n"
            "^");
  EXPECT_EQ(error("@dec\nx = 1\n"),
            "x.py:2:1: expected 'def' or 'class' after decorators, found name 'x'\n"
            "x = 1\n"
            "^");
  EXPECT_EQ(error("async x\n"),
            "x.py:1:7: expected 'def', 'for' or 'with' after 'async', found name 'x'\n"
            "async x\n"
            "      ^");
}

TEST(Parser, ReportsImportErrors) {
  EXPECT_EQ(error("from . import\n"),
            "x.py:1:14: expected name, found end of line\n"
            "from . import\n"
            "             ^");
  EXPECT_EQ(error("from import x\n"),
            "x.py:1:6: expected module name, found 'import'\n"
            "from import x\n"
            "     ^");
}

TEST(Parser, ReportsEndOfFileInsideBlock) {
  EXPECT_EQ(error("if x:\n"), "x.py:2:1: expected indented block, found end of file");
}

TEST(Parser, ReportsLexicalErrorsInsideSkippedBodies) {
  EXPECT_EQ(error("def upgrade():\n    op.execute('oops)\n", {.skip_function_bodies = true}),
            "x.py:2:16: unterminated string literal\n"
            "    op.execute('oops)\n"
            "               ^");
}

TEST(Parser, ReportsStarredExpressionOutsideDisplay) {
  EXPECT_EQ(error("x = *a\n"),
            "x.py:1:5: cannot use starred expression here\n"
            "x = *a\n"
            "    ^");
}

TEST(Parser, RejectsPathologicalNestingInsteadOfOverflowingTheStack) {
  std::string unary = "x = " + std::string(5000, '-') + "1\n";
  EXPECT_EQ(error(unary).substr(0, 43), "x.py:1:1004: expression nested too deeply\nx");
  std::string power = "x = 2";
  for (int i = 0; i < 5000; ++i) power += " ** 2";
  EXPECT_EQ(error(power).substr(0, 43), "x.py:1:5005: expression nested too deeply\nx");
  std::string nots = "x = ";
  for (int i = 0; i < 1500; ++i) nots += "not ";
  EXPECT_EQ(error(nots + "y\n").substr(0, 43), "x.py:1:4001: expression nested too deeply\nx");
}

TEST(Parser, ParseExpressionRejectsTrailingStatements) {
  try {
    parse_expression("a\nb", "e.py");
    FAIL() << "no error";
  } catch (const SourceError& e) {
    EXPECT_EQ(std::string(e.what()), "e.py:2:1: expected end of file, found name 'b'\nb\n^");
  }
}

}  // namespace
}  // namespace asq::py
