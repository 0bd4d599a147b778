#include "python/lexer.h"

#include <gtest/gtest.h>

#include <string>

#include "common/source_error.h"

namespace asq::py {
namespace {

/// The tokens of `source` as `kind:text` words (`name:x op:( NEWLINE INDENT DEDENT EOF`).
std::string tokens(std::string_view source, bool elide_function_bodies = false) {
  std::string out;
  for (const Token& token : tokenize(source, "x.py", elide_function_bodies)) {
    if (!out.empty()) out += ' ';
    switch (token.kind) {
      case TokenKind::kName:
        out += "name:";
        break;
      case TokenKind::kKeyword:
        out += "kw:";
        break;
      case TokenKind::kNumber:
        out += "num:";
        break;
      case TokenKind::kString:
        out += "str:";
        break;
      case TokenKind::kOperator:
        out += "op:";
        break;
      case TokenKind::kNewline:
        out += "NEWLINE";
        continue;
      case TokenKind::kIndent:
        out += "INDENT";
        continue;
      case TokenKind::kDedent:
        out += "DEDENT";
        continue;
      case TokenKind::kEndOfFile:
        out += "EOF";
        continue;
    }
    out += token.text;
  }
  return out;
}

/// The positions of the tokens of `source` as `line:column` words.
std::string positions(std::string_view source) {
  std::string out;
  for (const Token& token : tokenize(source, "x.py")) {
    if (!out.empty()) out += ' ';
    out += std::to_string(token.position.line) + ":" + std::to_string(token.position.column);
  }
  return out;
}

/// The full text of the error tokenizing `source` raises.
std::string error(std::string_view source, bool elide_function_bodies = false) {
  try {
    tokenize(source, "x.py", elide_function_bodies);
  } catch (const SourceError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Lexer, ReadsNamesOperatorsAndNumbers) {
  EXPECT_EQ(tokens("x = f(a, 1)\n"), "name:x op:= name:f op:( name:a op:, num:1 op:) NEWLINE EOF");
}

TEST(Lexer, EmptySourceHasOnlyEndOfFile) {
  EXPECT_EQ(tokens(""), "EOF");
  EXPECT_EQ(tokens("\n\n  # only a comment\n"), "EOF");
}

TEST(Lexer, MarksKeywordsButNotSoftKeywords) {
  EXPECT_EQ(tokens("if not None: match = type"),
            "kw:if kw:not kw:None op:: name:match op:= name:type NEWLINE EOF");
}

TEST(Lexer, ReadsLongestOperators) {
  EXPECT_EQ(tokens("**= //= >>= <<= -> := ... != == <= >= ** // << >> @= @ . ~ ^ | & %"),
            "op:**= op://= op:>>= op:<<= op:-> op::= op:... op:!= op:== op:<= op:>= op:** "
            "op:// op:<< op:>> op:@= op:@ op:. op:~ op:^ op:| op:& op:% NEWLINE EOF");
  EXPECT_EQ(tokens("a+=1;b-=2"), "name:a op:+= num:1 op:; name:b op:-= num:2 NEWLINE EOF");
}

TEST(Lexer, ReadsEveryNumberForm) {
  EXPECT_EQ(tokens("0 0x1F 0o17 0b1010 1_000 3.14 .5 5. 1e10 2.5E-3 1e+5 1j 3.5J 0XFF_FF"),
            "num:0 num:0x1F num:0o17 num:0b1010 num:1_000 num:3.14 num:.5 num:5. num:1e10 "
            "num:2.5E-3 num:1e+5 num:1j num:3.5J num:0XFF_FF NEWLINE EOF");
}

TEST(Lexer, SplitsAttributeAccessFromNumbers) {
  EXPECT_EQ(tokens("x[1:2].y"), "name:x op:[ num:1 op:: num:2 op:] op:. name:y NEWLINE EOF");
}

TEST(Lexer, RecordsLineAndColumnOfTokens) {
  EXPECT_EQ(positions("x = 1\nif y:\n    z(a)\n"),
            "1:1 1:3 1:5 1:6 2:1 2:4 2:5 2:6 3:5 3:5 3:6 3:7 3:8 3:9 4:1 4:1");
}

TEST(Lexer, EmitsIndentAndDedent) {
  EXPECT_EQ(tokens("if a:\n    b\nc\n"),
            "kw:if name:a op:: NEWLINE INDENT name:b NEWLINE DEDENT name:c NEWLINE EOF");
}

TEST(Lexer, DedentsSeveralLevelsAtOnce) {
  EXPECT_EQ(tokens("a:\n  b:\n    c\nd\n"),
            "name:a op:: NEWLINE INDENT name:b op:: NEWLINE INDENT name:c NEWLINE DEDENT DEDENT "
            "name:d NEWLINE EOF");
}

TEST(Lexer, DedentsAtEndOfFile) {
  EXPECT_EQ(tokens("a:\n  b"), "name:a op:: NEWLINE INDENT name:b NEWLINE DEDENT EOF");
}

TEST(Lexer, ExpandsTabsToMultiplesOfEight) {
  EXPECT_EQ(tokens("a:\n\tb\n        c\n  \td\n"),
            "name:a op:: NEWLINE INDENT name:b NEWLINE name:c NEWLINE name:d NEWLINE DEDENT EOF");
}

TEST(Lexer, RejectsInconsistentDedent) {
  EXPECT_EQ(error("if a:\n    b\n  c\n"),
            "x.py:3:3: unindent does not match any outer indentation level\n"
            "  c\n"
            "  ^");
}

TEST(Lexer, IgnoresBlankLinesAndCommentLinesAtAnyIndentation) {
  EXPECT_EQ(tokens("a:\n    b  # trailing\n\n# left\n        # deep\n   \n    c\n"),
            "name:a op:: NEWLINE INDENT name:b NEWLINE name:c NEWLINE DEDENT EOF");
}

TEST(Lexer, JoinsLinesInsideBrackets) {
  EXPECT_EQ(tokens("f(a,\n  [b,\n# note\n{c}]\n)\nd\n"),
            "name:f op:( name:a op:, op:[ name:b op:, op:{ name:c op:} op:] op:) NEWLINE "
            "name:d NEWLINE EOF");
}

TEST(Lexer, JoinsLinesAfterBackslash) {
  EXPECT_EQ(tokens("x = 1 + \\\n    2\ny\n"),
            "name:x op:= num:1 op:+ num:2 NEWLINE name:y NEWLINE EOF");
  EXPECT_EQ(positions("x = \\\n  2\n"), "1:1 1:3 2:3 2:4 3:1");
}

TEST(Lexer, RejectsCharacterAfterLineContinuation) {
  EXPECT_EQ(error("x = 1 \\ 2\n"),
            "x.py:1:7: unexpected character after line continuation character\n"
            "x = 1 \\ 2\n"
            "      ^");
}

TEST(Lexer, ReadsSingleAndDoubleQuotedStrings) {
  EXPECT_EQ(tokens(R"(a = 'x' "y" '' "it's" 'say "hi"')"),
            R"(name:a op:= str:'x' str:"y" str:'' str:"it's" str:'say "hi"' NEWLINE EOF)");
}

TEST(Lexer, DoesNotEndStringAtEscapedQuote) {
  EXPECT_EQ(tokens(R"('it\'s' r'\'' "a\\" b)"),
            R"(str:'it\'s' str:r'\'' str:"a\\" name:b NEWLINE EOF)");
}

TEST(Lexer, ReadsTripleQuotedStringSpanningLines) {
  std::string_view source = "x = \"\"\"one\n'two' \"\"\n\"\"\" + y\nz\n";
  EXPECT_EQ(tokens(source),
            "name:x op:= str:\"\"\"one\n'two' \"\"\n\"\"\" op:+ name:y NEWLINE name:z NEWLINE EOF");
  EXPECT_EQ(positions(source), "1:1 1:3 1:5 3:5 3:7 3:8 4:1 4:2 5:1");
}

TEST(Lexer, ReadsTripleQuotedRawString) {
  EXPECT_EQ(tokens("r'''a\\'''\nb''' R\"\"\"\\d\"\"\""),
            "str:r'''a\\'''\nb''' str:R\"\"\"\\d\"\"\" NEWLINE EOF");
}

TEST(Lexer, ReadsEveryStringPrefix) {
  EXPECT_EQ(tokens("r'' b'' u'' f'' rb'' br'' fr'' rf'' Rb'' bR'' FR'' rF'' U'' B'' F''"),
            "str:r'' str:b'' str:u'' str:f'' str:rb'' str:br'' str:fr'' str:rf'' str:Rb'' "
            "str:bR'' str:FR'' str:rF'' str:U'' str:B'' str:F'' NEWLINE EOF");
}

TEST(Lexer, TreatsOtherLettersBeforeQuotesAsNames) {
  EXPECT_EQ(tokens("ur'' x''"), "name:ur str:'' name:x str:'' NEWLINE EOF");
}

TEST(Lexer, ContinuesSingleQuotedStringAfterBackslashNewline) {
  EXPECT_EQ(tokens("'a\\\nb' c"), "str:'a\\\nb' name:c NEWLINE EOF");
}

TEST(Lexer, RejectsUnterminatedString) {
  EXPECT_EQ(error("x = 'abc\ny = 1\n"),
            "x.py:1:5: unterminated string literal\n"
            "x = 'abc\n"
            "    ^");
}

TEST(Lexer, RejectsUnterminatedStringAtItsQuoteNotItsPrefix) {
  EXPECT_EQ(error("x = rb\"abc"),
            "x.py:1:7: unterminated string literal\n"
            "x = rb\"abc\n"
            "      ^");
}

TEST(Lexer, RejectsUnterminatedTripleQuotedString) {
  EXPECT_EQ(error("a = 1\ndoc = '''start\nmore\n"),
            "x.py:2:7: unterminated triple-quoted string literal\n"
            "doc = '''start\n"
            "      ^");
}

TEST(Lexer, HandlesCrlfLineEndings) {
  std::string_view source = "if a:\r\n    b = '''x\r\ny'''\r\nc\r\n";
  EXPECT_EQ(tokens(source),
            "kw:if name:a op:: NEWLINE INDENT name:b op:= str:'''x\r\ny''' NEWLINE DEDENT "
            "name:c NEWLINE EOF");
  EXPECT_EQ(positions(source), "1:1 1:4 1:5 1:6 2:5 2:5 2:7 2:9 3:5 4:1 4:1 4:2 5:1");
}

TEST(Lexer, ReportsCrlfErrorLineWithoutCarriageReturn) {
  EXPECT_EQ(error("a = 1\r\nb = 'x\r\n"),
            "x.py:2:5: unterminated string literal\n"
            "b = 'x\n"
            "    ^");
}

TEST(Lexer, SkipsUtf8ByteOrderMark) {
  EXPECT_EQ(positions("\xEF\xBB\xBFx = 1\n"), "1:1 1:3 1:5 1:6 2:1");
}

TEST(Lexer, ReadsUtf8Identifiers) {
  EXPECT_EQ(tokens("caf\xC3\xA9 = \xCF\x80\n"), "name:caf\xC3\xA9 op:= name:\xCF\x80 NEWLINE EOF");
}

TEST(Lexer, PlacesNewlineOfCommentedLineAtTheComment) {
  EXPECT_EQ(positions("x  # note\n"), "1:1 1:4 2:1");
}

TEST(Lexer, RejectsUnclosedBracket) {
  EXPECT_EQ(error("f(a,\n  [b]\n"),
            "x.py:1:2: '(' was never closed\n"
            "f(a,\n"
            " ^");
}

TEST(Lexer, RejectsMismatchedClosingBracket) {
  EXPECT_EQ(error("f([a)\n"),
            "x.py:1:5: closing parenthesis ')' does not match opening parenthesis '['\n"
            "f([a)\n"
            "    ^");
  EXPECT_EQ(error("f(\n  a]\n"),
            "x.py:2:4: closing parenthesis ']' does not match opening parenthesis '(' on line 1\n"
            "  a]\n"
            "   ^");
}

TEST(Lexer, RejectsUnmatchedClosingBracket) {
  EXPECT_EQ(error("a)\n"),
            "x.py:1:2: unmatched ')'\n"
            "a)\n"
            " ^");
}

TEST(Lexer, RejectsInvalidCharacter) {
  EXPECT_EQ(error("a = $b\n"),
            "x.py:1:5: invalid character '$'\n"
            "a = $b\n"
            "    ^");
  EXPECT_EQ(error("a ! b\n"),
            "x.py:1:3: invalid character '!'\n"
            "a ! b\n"
            "  ^");
}

TEST(Lexer, RejectsInvalidNumbers) {
  EXPECT_EQ(error("x = 12abc\n"),
            "x.py:1:5: invalid decimal literal\n"
            "x = 12abc\n"
            "    ^");
  EXPECT_EQ(error("x = 0x\n"),
            "x.py:1:5: invalid hexadecimal literal\n"
            "x = 0x\n"
            "    ^");
}

TEST(Lexer, LimitsNesting) {
  EXPECT_EQ(error(std::string(201, '(')).substr(0, 43),
            "x.py:1:201: too many nested parentheses\n(((");
  std::string deep;
  for (int i = 0; i <= 100; ++i) deep += std::string(i, ' ') + "if x:\n";
  EXPECT_EQ(error(deep + std::string(101, ' ') + "pass\n").substr(0, 44),
            "x.py:102:102: too many levels of indentation");
}

TEST(Lexer, KeepsTabsInCaretLine) {
  EXPECT_EQ(error("if a:\n\tx = 'b\n"),
            "x.py:2:6: unterminated string literal\n"
            "\tx = 'b\n"
            "\t    ^");
}

TEST(Lexer, ElidesFunctionBodiesButKeepsTheirBlockTokens) {
  std::string source =
      "x = 1\n"
      "@dec\n"
      "def f(a,\n"
      "      b) -> int:  # header over two lines\n"
      "    s = '''\n"
      "def not_a_def():\n"
      "'''\n"
      "    if a:\n"
      "        return (1,\n"
      "2)\n"
      "class C:\n"
      "    async def g(self):\n"
      "        pass\n"
      "    y = 2\n"
      "def h(): return 3\n"
      "z = 4\n"
      "def last():\n"
      "    return 5";
  EXPECT_EQ(tokens(source, true),
            "name:x op:= num:1 NEWLINE op:@ name:dec NEWLINE kw:def name:f op:( name:a op:, "
            "name:b op:) op:-> name:int op:: NEWLINE INDENT DEDENT kw:class name:C op:: NEWLINE "
            "INDENT kw:async kw:def name:g op:( name:self op:) op:: NEWLINE INDENT DEDENT name:y "
            "op:= num:2 NEWLINE DEDENT kw:def name:h op:( op:) op:: kw:return num:3 NEWLINE "
            "name:z op:= num:4 NEWLINE kw:def name:last op:( op:) op:: NEWLINE INDENT DEDENT EOF");
  // without elision the same source gives the bodies' tokens too
  EXPECT_NE(tokens(source).find("kw:return op:( num:1 op:, num:2 op:)"), std::string::npos);
}

TEST(Lexer, ElidedBodiesStillRaiseLexicalErrors) {
  EXPECT_EQ(error("def f():\n    x = 'open\n", true),
            "x.py:2:9: unterminated string literal\n"
            "    x = 'open\n"
            "        ^");
  EXPECT_EQ(error("def f():\n        a\n    b\n", true),
            "x.py:3:5: unindent does not match any outer indentation level\n"
            "    b\n"
            "    ^");
  // A body is skimmed, not tokenized: every refusal is still the one full tokenizing gives.
  std::string deep(201, '(');
  for (const std::string& body : std::vector<std::string>{
           "x = $", "if a ! b: pass", "n = 1abc", "n = 0x", "n = 0o8", "f(a))", "f(a]", "f((a)",
           "s = rb'x", "s = f\"\"\"x", "x = 1 \\ y", "x = a.5b", "x = `a`", "c = '\\", "\x01",
           "x = ...1.real", "x = ...5e", "x = " + deep}) {
    std::string source = "def f():\n    pass\n    " + body + "\n";
    EXPECT_NE(error(source), "no error") << source;
    EXPECT_EQ(error(source, true), error(source)) << source;
  }
  for (const char* body : {"x = ...0x1", "y = a[...]", "z = ....5", "w = 1..__class__"}) {
    std::string source = std::string("def f():\n    ") + body + "\n";
    EXPECT_EQ(error(source), "no error") << source;
    EXPECT_EQ(error(source, true), "no error") << source;
  }
}

TEST(Lexer, ElidedBodiesEndAtTheEndOfTheFileWithoutANewline) {
  for (const char* end :
       {"x = 1", "x = 1  # a comment", "s = '''\n'''", "f(\n  a)", "x = 1; \\\ny"}) {
    std::string source = std::string("def f():\n    ") + end;
    EXPECT_EQ(tokens(source, true), "kw:def name:f op:( op:) op:: NEWLINE INDENT DEDENT EOF")
        << source;
  }
}

}  // namespace
}  // namespace asq::py
