#include "render/python_layout.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

namespace asq {
namespace {

enum class Kind { kName, kNumber, kString, kOpen, kClose, kComma, kDot, kOther };

struct Token {
  std::string text;
  bool space_before = false;
  Kind kind = Kind::kOther;
  /// The index of the matching bracket.
  int match = -1;
  /// An opening bracket of a display or a parenthesized expression (black's `atom`), not of a
  /// call or a subscript.
  bool atom = false;
};

constexpr int kCommaPriority = 18;
constexpr int kDotPriority = 1;
/// The index of the trailing comma that a split adds (it is in no source).
constexpr int kAddedComma = -1;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_prefix(std::string_view word) {
  return word.size() <= 2 && std::all_of(word.begin(), word.end(), [](char c) {
           return std::string_view("rRbBuUfF").find(c) != std::string_view::npos;
         });
}

/// The end of the string literal whose quote is at `at`.
size_t string_end(std::string_view code, size_t at) {
  char quote = code[at];
  bool triple = code.substr(at, 3) == std::string(3, quote);
  size_t i = at + (triple ? 3 : 1);
  while (i < code.size()) {
    if (code[i] == '\\') {
      i += 2;
    } else if (triple ? code.substr(i, 3) == std::string(3, quote) : code[i] == quote) {
      return i + (triple ? 3 : 1);
    } else {
      ++i;
    }
  }
  throw std::logic_error("unterminated string literal in generated Python: " + std::string(code));
}

std::vector<Token> tokenize(std::string_view code) {
  std::vector<Token> out;
  std::vector<int> open;
  bool space = false;
  for (size_t i = 0; i < code.size();) {
    char c = code[i];
    if (c == ' ') {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.space_before = space;
    space = false;
    size_t end = i + 1;
    if (is_name_char(c) && !(c >= '0' && c <= '9')) {
      while (end < code.size() && is_name_char(code[end])) ++end;
      if (end < code.size() && (code[end] == '\'' || code[end] == '"') &&
          is_prefix(code.substr(i, end - i))) {
        end = string_end(code, end);
        t.kind = Kind::kString;
      } else {
        t.kind = Kind::kName;
      }
    } else if ((c >= '0' && c <= '9') ||
               (c == '-' && i + 1 < code.size() && code[i + 1] >= '0' && code[i + 1] <= '9')) {
      // A minus only ever starts a negative number in generated code: part of the number.
      while (end < code.size() && (is_name_char(code[end]) || code[end] == '.')) ++end;
      t.kind = Kind::kNumber;
    } else if (c == '\'' || c == '"') {
      end = string_end(code, i);
      t.kind = Kind::kString;
    } else if (c == '(' || c == '[' || c == '{') {
      t.kind = Kind::kOpen;
      const Token* prev = out.empty() ? nullptr : &out.back();
      t.atom =
          c == '{' || !prev ||
          !(prev->kind == Kind::kName || prev->kind == Kind::kClose || prev->kind == Kind::kString);
      open.push_back(static_cast<int>(out.size()));
    } else if (c == ')' || c == ']' || c == '}') {
      if (open.empty()) throw std::logic_error("unbalanced brackets in generated Python");
      t.kind = Kind::kClose;
      t.match = open.back();
      out[open.back()].match = static_cast<int>(out.size());
      open.pop_back();
    } else if (c == ',') {
      t.kind = Kind::kComma;
    } else if (c == '.') {
      t.kind = Kind::kDot;
    } else if (c == '=' || c == ':') {
      t.kind = Kind::kOther;
    } else {
      throw std::logic_error(std::string("generated Python with '") + c +
                             "', which the layout does not know: " + std::string(code));
    }
    t.text = std::string(code.substr(i, end - i));
    out.push_back(std::move(t));
    i = end;
  }
  if (!open.empty()) throw std::logic_error("unbalanced brackets in generated Python");
  return out;
}

/// Columns as Python's len() counts them: code points.
int width(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

/// One line of black's: token indices (kAddedComma for an added comma) at a depth.
struct Line {
  std::vector<int> at;
  int depth = 0;
  /// Inside brackets that opened on an earlier line: splits at delimiters are tried first.
  bool inside = false;
  /// black tracks the brackets of this line (not for the tail of a split).
  bool tracked = true;
  /// The line must be split at its delimiters (a display's body, a magic trailing comma).
  bool split_rhs = false;
};

class Layout {
 public:
  explicit Layout(std::string_view code) : tokens_(tokenize(code)) {}

  std::string lines(int indent) {
    Line line;
    for (int i = 0; i < static_cast<int>(tokens_.size()); ++i) line.at.push_back(i);
    line.depth = indent / 4;
    std::vector<std::string> out;
    transform(line, out);
    std::string text;
    for (size_t i = 0; i < out.size(); ++i) {
      text += i ? "\n" + out[i] : out[i].substr(4 * line.depth);
    }
    return text;
  }

 private:
  const Token& token(int i) const { return i == kAddedComma ? kComma : tokens_[i]; }
  bool is(int i, Kind kind) const { return token(i).kind == kind; }

  std::string text(const Line& line) const {
    std::string out(4 * line.depth, ' ');
    for (size_t p = 0; p < line.at.size(); ++p) {
      const Token& t = token(line.at[p]);
      if (p && t.space_before) out += ' ';
      out += t.text;
    }
    return out;
  }

  static bool fits(const std::string& text) {
    return text.find('\n') == std::string::npos && width(text) <= kLineWidth;
  }

  /// black's is_one_sequence_between for round brackets: one element and a trailing comma.
  bool one_sequence(int opening) const {
    if (tokens_[opening].text != "(") return false;
    if (!tokens_[opening].atom) return false;  // a call's arguments are an arglist
    int commas = 0, depth = 0;
    for (int i = opening + 1; i < tokens_[opening].match; ++i) {
      if (tokens_[i].kind == Kind::kOpen) ++depth;
      if (tokens_[i].kind == Kind::kClose) --depth;
      if (depth == 0 && tokens_[i].kind == Kind::kComma) ++commas;
    }
    return commas < 2;
  }

  bool magic_trailing_comma(const Line& line) const {
    if (!line.tracked) return false;
    for (size_t p = 1; p < line.at.size(); ++p) {
      int i = line.at[p];
      if (i == kAddedComma || !is(i, Kind::kClose) || !is(line.at[p - 1], Kind::kComma)) continue;
      bool opened_here =
          std::find(line.at.begin(), line.at.begin() + p, tokens_[i].match) != line.at.begin() + p;
      if (opened_here && !one_sequence(tokens_[i].match)) return true;
    }
    return false;
  }

  /// The delimiter priority after each position, as black's bracket tracker marks them.
  std::vector<int> priorities(const Line& line) const {
    std::vector<int> out(line.at.size(), 0);
    int depth = 0;
    int previous = -1;
    for (size_t p = 0; p < line.at.size(); ++p) {
      int i = line.at[p];
      if (is(i, Kind::kClose)) {
        if (depth == 0) continue;
        --depth;
      }
      if (depth == 0) {
        if (is(i, Kind::kDot) && previous >= 0 && is(line.at[previous], Kind::kClose)) {
          out[previous] = kDotPriority;
        } else if (is(i, Kind::kComma)) {
          out[p] = kCommaPriority;
        }
      }
      if (is(i, Kind::kOpen)) ++depth;
      previous = static_cast<int>(p);
    }
    return out;
  }

  void transform(const Line& line, std::vector<std::string>& out) const {
    std::string own = text(line);
    if (!line.split_rhs && !magic_trailing_comma(line) && fits(own)) {
      out.push_back(own);
      return;
    }
    std::vector<Line> parts;
    if (line.inside && delimiter_split(line, parts) && run(parts, own, out)) return;
    parts.clear();
    if (right_hand_split(line, parts) && run(parts, own, out)) return;
    out.push_back(own);
  }

  /// The parts of a split, each transformed in turn; false when a part is the line itself.
  bool run(const std::vector<Line>& parts, const std::string& own,
           std::vector<std::string>& out) const {
    std::vector<std::string> lines;
    for (const Line& part : parts) {
      if (text(part) == own) return false;
      transform(part, lines);
    }
    out.insert(out.end(), lines.begin(), lines.end());
    return true;
  }

  bool delimiter_split(const Line& line, std::vector<Line>& parts) const {
    if (line.at.size() < 2) return false;
    std::vector<int> priority = priorities(line);
    int max = *std::max_element(priority.begin(), priority.end() - 1);  // not after the last
    if (max == 0) return false;
    if (max == kDotPriority && std::count(priority.begin(), priority.end(), kDotPriority) == 1) {
      return false;
    }
    Line current{{}, line.depth, line.inside, true, false};
    for (size_t p = 0; p < line.at.size(); ++p) {
      current.at.push_back(line.at[p]);
      if (priority[p] == max) {
        parts.push_back(current);
        current.at.clear();
      }
    }
    if (!current.at.empty()) {
      if (max == kCommaPriority && !is(current.at.back(), Kind::kComma)) {
        current.at.push_back(kAddedComma);
      }
      parts.push_back(current);
    }
    return true;
  }

  /// black's generate_trailers_to_omit: sets of closing brackets that a split may pass over,
  /// growing from the right while the trailers fit on a line.
  std::vector<std::set<int>> trailers_to_omit(const Line& line) const {
    std::vector<std::set<int>> out;
    std::set<int> omit;
    if (!magic_trailing_comma(line)) out.push_back(omit);
    int length = 4 * line.depth;
    int opening = -1, closing = -1;
    std::set<int> inner;
    for (int p = static_cast<int>(line.at.size()) - 1; p >= 0; --p) {
      int i = line.at[p];
      const Token& t = token(i);
      if (t.text.find('\n') != std::string::npos) break;
      length += width(t.text) + (p > 0 && t.space_before ? 1 : 0);
      if (length > kLineWidth) break;
      int prev = p > 0 ? line.at[p - 1] : -2;
      bool comma_before = prev != -2 && is(prev, Kind::kComma);
      if (opening >= 0) {
        if (i == opening) {
          opening = -1;
        } else if (t.kind == Kind::kClose) {
          if (comma_before && !one_sequence(t.match)) break;
          inner.insert(i);
        }
      } else if (t.kind == Kind::kClose) {
        if (prev != -2 && is(prev, Kind::kOpen)) {
          inner.insert(i);
          continue;
        }
        if (closing >= 0) {
          omit.insert(closing);
          omit.insert(inner.begin(), inner.end());
          inner.clear();
          out.push_back(omit);
        }
        if (comma_before && !one_sequence(t.match)) break;
        opening = t.match;
        closing = i;
      }
    }
    return out;
  }

  bool right_hand_split(const Line& line, std::vector<Line>& parts) const {
    for (const std::set<int>& omit : trailers_to_omit(line)) {
      std::vector<Line> split;
      if (!first_right_hand_split(line, omit, split)) return false;
      if (fits(text(split.front()))) {
        parts = std::move(split);
        return true;
      }
    }
    return first_right_hand_split(line, {}, parts);
  }

  bool first_right_hand_split(const Line& line, const std::set<int>& omit,
                              std::vector<Line>& parts) const {
    std::vector<int> tail, body, head;
    std::vector<int>* current = &tail;
    int opening = -1;
    for (auto it = line.at.rbegin(); it != line.at.rend(); ++it) {
      int i = *it;
      if (current == &body && i == opening) current = body.empty() ? &tail : &head;
      current->push_back(i);
      if (current == &tail && i != kAddedComma && is(i, Kind::kClose) && !omit.count(i)) {
        opening = tokens_[i].match;
        current = &body;
      }
    }
    if (opening < 0 || head.empty()) return false;
    std::reverse(tail.begin(), tail.end());
    std::reverse(body.begin(), body.end());
    std::reverse(head.begin(), head.end());
    Line tail_line{tail, line.depth, false, false, false};
    if (body.empty()) {
      std::string rest = text(tail_line).substr(4 * line.depth);
      if (rest.size() < 3) return false;
    }
    Line body_line{body, line.depth + 1, true, true, false};
    if (!body.empty()) {
      bool trailing_comma = is(body.back(), Kind::kComma);
      std::vector<int> priority = priorities(body_line);
      if (trailing_comma) priority.back() = 0;
      bool commas = std::find(priority.begin(), priority.end(), kCommaPriority) != priority.end();
      body_line.split_rhs = commas && (trailing_comma || tokens_[opening].atom);
    }
    parts.push_back(Line{head, line.depth, false, true, false});
    if (!body.empty()) parts.push_back(body_line);
    if (!tail.empty()) parts.push_back(tail_line);
    return true;
  }

  static inline const Token kComma{",", false, Kind::kComma, -1, false};
  std::vector<Token> tokens_;
};

}  // namespace

std::string black_layout(std::string_view statement, int indent) {
  return Layout(statement).lines(indent);
}

}  // namespace asq
