#include "python/token.h"

#include <string>

namespace asq::py {

bool is_keyword(std::string_view w) {
  if (w.size() < 2 || w.size() > 8) return false;
  switch (w[0]) {
    case 'F':
      return w == "False";
    case 'N':
      return w == "None";
    case 'T':
      return w == "True";
    case 'a':
      return w == "and" || w == "as" || w == "assert" || w == "async" || w == "await";
    case 'b':
      return w == "break";
    case 'c':
      return w == "class" || w == "continue";
    case 'd':
      return w == "def" || w == "del";
    case 'e':
      return w == "elif" || w == "else" || w == "except";
    case 'f':
      return w == "finally" || w == "for" || w == "from";
    case 'g':
      return w == "global";
    case 'i':
      return w == "if" || w == "import" || w == "in" || w == "is";
    case 'l':
      return w == "lambda";
    case 'n':
      return w == "nonlocal" || w == "not";
    case 'o':
      return w == "or";
    case 'p':
      return w == "pass";
    case 'r':
      return w == "raise" || w == "return";
    case 't':
      return w == "try";
    case 'w':
      return w == "while" || w == "with";
    case 'y':
      return w == "yield";
    default:
      return false;
  }
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kName:
      return "name '" + std::string(token.text) + "'";
    case TokenKind::kKeyword:
    case TokenKind::kOperator:
      return "'" + std::string(token.text) + "'";
    case TokenKind::kNumber:
      return "number '" + std::string(token.text) + "'";
    case TokenKind::kString:
      return "string";
    case TokenKind::kNewline:
      return "end of line";
    case TokenKind::kIndent:
      return "indent";
    case TokenKind::kDedent:
      return "dedent";
    case TokenKind::kEndOfFile:
      break;
  }
  return "end of file";
}

}  // namespace asq::py
