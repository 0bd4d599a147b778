#include "render/alembic_python.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "sql/tokens.h"

namespace asq {
namespace {

/// \w of Python's re in Unicode mode, with every non-ASCII byte counted as a letter.
bool is_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

bool is_word_or_dollar(unsigned char c) { return is_word(c) || c == '$'; }

/// Length of the run of characters matching `pred` from `start`.
template <typename Pred>
size_t run_length(const std::string& s, size_t start, Pred pred) {
  size_t end = start;
  while (end < s.size() && pred(static_cast<unsigned char>(s[end]))) ++end;
  return end - start;
}

}  // namespace

std::string py_name(const std::string& name) { return "op.f(" + py_str(name) + ")"; }

std::string py_str(const std::string& value) {
  // black turns "..." into '...' only when that needs fewer backslashes, and '...' into "..."
  // when that needs no more.
  auto singles = std::count(value.begin(), value.end(), '\'');
  auto doubles = std::count(value.begin(), value.end(), '"');
  return python_quoted(value, doubles > singles ? '\'' : '"');
}

std::string text_safe(const std::string& sql) {
  std::string out;
  out.reserve(sql.size());
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c != ':') {
      out += c;
      continue;
    }
    unsigned char prev = i > 0 ? static_cast<unsigned char>(sql[i - 1]) : ' ';
    size_t word = run_length(sql, i + 1, is_word);
    size_t word_dollar = run_length(sql, i + 1, is_word_or_dollar);
    bool colon_after_word = i + 1 + word < sql.size() && sql[i + 1 + word] == ':';
    bool colon_after_run = i + 1 + word_dollar < sql.size() && sql[i + 1 + word_dollar] == ':';
    bool escape;
    if (prev == '\\') {
      // text() turns `\:name` into `:name`: keep this backslash by doubling it.
      escape = !colon_after_run;
    } else {
      bool bind_at_parse =
          prev != ':' && !is_word(prev) && word > 0 && (word >= 2 || !colon_after_word);
      bool bind_at_compile =
          prev != ':' && !is_word_or_dollar(prev) && word_dollar > 0 && !colon_after_run;
      escape = bind_at_parse || bind_at_compile;
      if (escape && colon_after_run) {
        throw std::invalid_argument(
            "SQL that sqlalchemy.text() cannot carry unchanged (a ':name:' after a "
            "non-word character): " +
            sql);
      }
    }
    if (escape) out += '\\';
    out += ':';
  }
  return out;
}

std::string unqualified_public(const std::string& sql) {
  static const std::string kQualifier = "public.";
  std::vector<sql::Token> t;
  try {
    t = sql::tokenize(sql);
  } catch (const sql::LexError&) {
    return sql;  // not SQL the server would run: the user's text, unchanged
  }
  auto source = [&](const sql::Token& token) {
    return std::string_view(sql).substr(token.begin, token.end - token.begin);
  };
  auto glued = [&](size_t i, std::string_view text) {  // t[i] is `text`, right after t[i - 1]
    return i < t.size() && t[i].begin == t[i - 1].end && source(t[i]) == text;
  };
  auto after_name = [&](size_t at) {  // a name or a qualifier ends right before `at`
    if (at == 0) return false;
    char c = sql[at - 1];
    return sql::is_identifier_char(c) || c == '"' || c == '.';
  };
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    const sql::Token& token = t[i];
    size_t drop = 0;
    if (token.kind == sql::Token::Kind::kString && token.prefix == 0) {
      // A literal is data, except a regclass name ('public.x_seq'::regclass).
      bool regclass = glued(i + 1, "::") && glued(i + 2, "regclass");
      if (regclass && sql.compare(token.begin + 1, kQualifier.size(), kQualifier) == 0) {
        out.append(sql, copied, token.begin + 1 - copied);
        copied = token.begin + 1 + kQualifier.size();
      }
    } else if (source(token) == "public" && glued(i + 1, ".") && !after_name(token.begin) &&
               t[i + 1].end < sql.size()) {
      drop = kQualifier.size();
    }
    if (drop) {
      out.append(sql, copied, token.begin - copied);
      copied = token.begin + drop;
    }
  }
  return out + sql.substr(copied);
}

std::string sa_text(const std::string& sql) {
  return "sa.text(" + py_str(text_safe(unqualified_public(sql))) + ")";
}

std::string op_execute(const std::string& sql) {
  return "op.execute(" + py_str(text_safe(unqualified_public(sql))) + ")";
}

std::string py_triple_str(const std::string& value) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\"\"\"";
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    bool ends_a_quote_run = c == '"' && (out.ends_with("\"\"") || i + 1 == value.size());
    if (c == '\\') {
      out += "\\\\";
    } else if (ends_a_quote_run) {
      out += "\\\"";
    } else if (c == '\r') {
      out += "\\r";
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"\"\"";
}

std::string op_execute_block(const std::string& sql, int indent) {
  return black_layout("op.execute(" + py_triple_str(text_safe(unqualified_public(sql))) + ")",
                      indent);
}

PyExpr py_call(std::string callee, std::vector<std::pair<std::string, PyExpr>> args,
               std::string suffix) {
  PyExpr expr(std::move(callee));
  expr.call = true;
  expr.args = std::move(args);
  expr.suffix = std::move(suffix);
  return expr;
}

std::string py_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + py_str(items[i]);
  return out + "]";
}

std::string one_line(const PyExpr& expr) {
  if (!expr.call) return expr.head;
  std::string out = expr.head + "(";
  for (size_t i = 0; i < expr.args.size(); ++i) {
    if (i) out += ", ";
    if (!expr.args[i].first.empty()) out += expr.args[i].first + "=";
    out += one_line(expr.args[i].second);
  }
  if (expr.one_per_line && expr.args.size() >= 2) out += ",";
  return out + ")" + expr.suffix;
}

std::string render_expr(const PyExpr& expr, int indent) {
  return black_layout(one_line(expr), indent);
}

}  // namespace asq
