#include "render/script_template.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/source_error.h"
#include "common/text.h"
#include "python/parser.h"
#include "render/alembic_python.h"

namespace asq {

struct ScriptTemplate::Node {
  enum class Kind { kText, kExpr, kIf } kind = Kind::kText;
  std::string text;
  int line = 0;
  int column = 1;  // of the expression's first character (kExpr)
  // kExpr
  py::ExprPtr expr;
  std::vector<std::string> filters;
  // kIf: one condition per branch, null for `% else`
  std::vector<py::ExprPtr> conditions;
  std::vector<int> condition_columns;
  std::vector<std::vector<Node>> bodies;
};

ScriptTemplate::ScriptTemplate(ScriptTemplate&&) noexcept = default;
ScriptTemplate& ScriptTemplate::operator=(ScriptTemplate&&) noexcept = default;
ScriptTemplate::~ScriptTemplate() = default;

namespace {

using Node = ScriptTemplate::Node;

/// A value a template expression has: what Alembic passes, or what an expression makes of it.
struct Value {
  enum class Kind { kNone, kBool, kStr, kTuple, kFunction } kind = Kind::kNone;
  bool flag = false;
  std::string raw;    // kStr: the value; kFunction: its name
  std::string shown;  // kStr: as `${}` writes it (escaped for the docstring it stands in)
  std::vector<std::string> items;

  static Value none() { return {}; }
  static Value boolean(bool b) { return {Kind::kBool, b, {}, {}, {}}; }
  static Value str(std::string text) { return {Kind::kStr, false, text, text, {}}; }
  static Value shown_as(std::string text, std::string shown) {
    return {Kind::kStr, false, std::move(text), std::move(shown), {}};
  }
  static Value function(std::string name) { return {Kind::kFunction, false, name, {}, {}}; }

  bool truthy() const {
    switch (kind) {
      case Kind::kNone:
        return false;
      case Kind::kBool:
        return flag;
      case Kind::kStr:
        return !raw.empty();
      case Kind::kTuple:
        return !items.empty();
      case Kind::kFunction:
        return true;
    }
    return false;
  }
  bool operator==(const Value& other) const {
    return kind == other.kind && flag == other.flag && raw == other.raw && items == other.items;
  }
};

std::string repr(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNone:
      return "None";
    case Value::Kind::kBool:
      return v.flag ? "True" : "False";
    case Value::Kind::kStr:
      return python_repr(v.raw);
    case Value::Kind::kTuple: {
      std::string out = "(";
      for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + python_repr(v.items[i]);
      return out + (v.items.size() == 1 ? ",)" : ")");
    }
    case Value::Kind::kFunction:
      return "<function " + v.raw + ">";
  }
  return "";
}

/// str(): a string as `${}` shows it, everything else as repr().
std::string shown(const Value& v) { return v.kind == Value::Kind::kStr ? v.shown : repr(v); }

/// Alembic's util.format_as_comma, passed to templates as `comma`.
Value comma(const Value& v) {
  if (v.kind == Value::Kind::kNone) return Value::str("");
  if (v.kind == Value::Kind::kStr) return v;
  if (v.kind == Value::Kind::kTuple) return Value::str(join(v.items, ", "));
  return Value::str(shown(v));
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  std::vector<Node> parse() {
    std::vector<std::vector<Node>*> open{&top_};
    std::vector<Node*> ifs;
    while (at_ < text_.size()) {
      if (line_start_) {
        size_t indent = text_.find_first_not_of(" \t", at_);
        if (indent == std::string_view::npos) indent = text_.size();
        std::string_view rest = text_.substr(indent);
        if (rest.starts_with("##")) {
          skip_line();
          continue;
        }
        if (rest.starts_with("%") && !rest.starts_with("%%") && !rest.starts_with("%>")) {
          control_line(text_.substr(indent + 1, line_end() - indent - 1),
                       static_cast<int>(indent - at_) + 2, open, ifs);
          skip_line();
          continue;
        }
        if (rest.starts_with("%%")) {
          text(*open.back(), std::string(text_.substr(at_, indent - at_)) + "%");
          at_ = indent + 2;
        }
        line_start_ = false;
      }
      scan_text(*open.back());
    }
    if (!ifs.empty()) fail(ifs.back()->line, "'% if' without '% endif'");
    return std::move(top_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw SourceError({path_, line, 0},
                      what +
                          " (alembic-squash renders the Mako of Alembic's templates: ${...}, "
                          "## comments, % if/elif/else/endif, <%text>, <%doc>)",
                      source_line_at(text_, line));
  }

  size_t line_end() const {
    size_t end = text_.find('\n', at_);
    return end == std::string_view::npos ? text_.size() : end;
  }
  void skip_line() {
    size_t end = line_end();
    at_ = end == text_.size() ? end : end + 1;
    if (end < text_.size()) ++line_;
    line_start_ = true;
  }

  void text(std::vector<Node>& into, std::string more) {
    if (!into.empty() && into.back().kind == Node::Kind::kText) {
      into.back().text += more;
    } else {
      Node node;
      node.text = std::move(more);
      node.line = line_;
      into.push_back(std::move(node));
    }
  }

  py::ExprPtr expression(std::string_view source, int line) {
    // The expression's own lines count from the line it starts on.
    std::string padded(line - 1, '\n');
    padded += source;
    try {
      return py::parse_expression(padded, path_);
    } catch (const SourceError& error) {
      fail(error.where().line,
           "cannot read the expression '" + std::string(trim(source)) + "': " + error.message());
    }
  }

  /// `line` is what follows the '%', which stands at column `column` - 1.
  void control_line(std::string_view line, int column, std::vector<std::vector<Node>*>& open,
                    std::vector<Node*>& ifs) {
    std::string_view content = trim(line);
    int condition_column = 0;
    size_t word_end = 0;
    while (word_end < content.size() &&
           (std::isalpha(static_cast<unsigned char>(content[word_end])))) {
      ++word_end;
    }
    std::string keyword(content.substr(0, word_end));
    std::string_view rest = trim(content.substr(word_end));
    condition_column = column + static_cast<int>(rest.data() - line.data());
    auto condition = [&]() {
      if (!rest.ends_with(":")) fail(line_, "'% " + keyword + "' needs a ':' at the end");
      return expression(rest.substr(0, rest.size() - 1), line_);
    };
    if (keyword == "if") {
      Node node;
      node.kind = Node::Kind::kIf;
      node.line = line_;
      node.conditions.push_back(condition());
      node.condition_columns.push_back(condition_column);
      node.bodies.emplace_back();
      open.back()->push_back(std::move(node));
      ifs.push_back(&open.back()->back());
      open.push_back(&ifs.back()->bodies.back());
    } else if (keyword == "elif" || keyword == "else") {
      if (ifs.empty() || (!ifs.back()->conditions.empty() && !ifs.back()->conditions.back())) {
        fail(line_, "'% " + keyword + "' without an open '% if'");
      }
      if (keyword == "else" && rest != ":") fail(line_, "'% else' takes nothing but ':'");
      ifs.back()->conditions.push_back(keyword == "elif" ? condition() : nullptr);
      ifs.back()->condition_columns.push_back(condition_column);
      ifs.back()->bodies.emplace_back();
      open.back() = &ifs.back()->bodies.back();
    } else if (keyword == "endif") {
      if (ifs.empty()) fail(line_, "'% endif' without an open '% if'");
      ifs.pop_back();
      open.pop_back();
    } else {
      fail(line_, "the control line '% " + std::string(content) + "' is not rendered");
    }
  }

  /// Text up to the end of the line (or of a multi-line `${...}` / `<%text>` after it).
  void scan_text(std::vector<Node>& into) {
    std::string out;
    while (at_ < text_.size()) {
      char c = text_[at_];
      if (c == '\n') {
        out += c;
        ++at_;
        ++line_;
        line_start_ = true;
        break;
      }
      if (c == '\\' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') {
        at_ += 2;
        ++line_;
        line_start_ = true;
        break;
      }
      if (text_.substr(at_).starts_with("${")) {
        text(into, std::move(out));
        out.clear();
        expression_node(into);
        continue;
      }
      if (text_.substr(at_).starts_with("<%text>")) {
        out += block("<%text>", "</%text>");
        continue;
      }
      if (text_.substr(at_).starts_with("<%doc>")) {
        block("<%doc>", "</%doc>");
        continue;
      }
      if (text_.substr(at_).starts_with("<%") || text_.substr(at_).starts_with("</%")) {
        size_t end = text_.find_first_of(" \t\n>", at_ + 2);
        fail(line_, "the Mako tag '" + std::string(text_.substr(at_, end - at_)) +
                        "' is not rendered (Python blocks, <%def>, <%namespace>, <%inherit> "
                        "and the like)");
      }
      out += c;
      ++at_;
    }
    text(into, std::move(out));
  }

  /// The text between `open` and `close` (which may span lines); at_ moves past `close`.
  std::string block(std::string_view open, std::string_view close) {
    size_t end = text_.find(close, at_);
    if (end == std::string_view::npos) fail(line_, "'" + std::string(open) + "' is not closed");
    std::string inside(text_.substr(at_ + open.size(), end - at_ - open.size()));
    for (char c : inside) line_ += c == '\n';
    at_ = end + close.size();
    return inside;
  }

  void expression_node(std::vector<Node>& into) {
    int start_line = line_;
    size_t begin = at_ + 2;
    size_t i = begin;
    int depth = 0;
    char quote = 0;
    for (; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote) {
        if (c == '\\') {
          ++i;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{' || c == '(' || c == '[') {
        ++depth;
      } else if (c == ')' || c == ']') {
        --depth;
      } else if (c == '}') {
        if (depth == 0) break;
        --depth;
      }
    }
    if (i >= text_.size()) fail(start_line, "'${' is not closed");
    std::string_view content = text_.substr(begin, i - begin);
    for (char c : content) line_ += c == '\n';
    at_ = i + 1;
    Node node;
    node.kind = Node::Kind::kExpr;
    node.line = start_line;
    node.column = static_cast<int>(begin - (text_.rfind('\n', begin) + 1)) + 1;
    size_t bar = filter_bar(content);
    if (bar != std::string_view::npos) {
      std::string filters(content.substr(bar + 1));
      std::stringstream list(filters);
      for (std::string name; std::getline(list, name, ',');) {
        std::string filter(trim(name));
        if (filter != "n" && filter != "str" && filter != "trim" && filter != "comma") {
          fail(start_line, "the filter '" + filter + "' is not rendered (n, str, trim, comma are)");
        }
        node.filters.push_back(filter);
      }
      content = content.substr(0, bar);
    }
    node.expr = expression(content, start_line);
    into.push_back(std::move(node));
  }

  /// Where `expr | f, g` has its filter bar: the last `|` followed only by names and commas.
  static size_t filter_bar(std::string_view content) {
    size_t bar = content.rfind('|');
    if (bar == std::string_view::npos) return bar;
    for (char c : content.substr(bar + 1)) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ',' &&
          !std::isspace(static_cast<unsigned char>(c))) {
        return std::string_view::npos;
      }
    }
    return bar;
  }

  std::string_view text_;
  const std::string& path_;
  size_t at_ = 0;
  int line_ = 1;
  bool line_start_ = true;
  std::vector<Node> top_;
};

class Renderer {
 public:
  Renderer(const std::map<std::string, Value>& names, const std::string& path,
           std::string_view text)
      : names_(names), path_(path), text_(text) {}

  void render(const std::vector<Node>& nodes, std::string& out) const {
    for (const Node& node : nodes) {
      switch (node.kind) {
        case Node::Kind::kText:
          out += node.text;
          break;
        case Node::Kind::kExpr:
          at(node.line, node.column);
          out += filtered(node);
          break;
        case Node::Kind::kIf:
          for (size_t i = 0; i < node.bodies.size(); ++i) {
            at(node.line, node.condition_columns[i]);
            if (!node.conditions[i] || eval(*node.conditions[i]).truthy()) {
              render(node.bodies[i], out);
              break;
            }
          }
          break;
      }
    }
  }

 private:
  /// Where the expression being evaluated starts: its positions count from there.
  void at(int line, int column) const {
    line_ = line;
    column_ = column;
  }

  [[noreturn]] void fail(const py::Expr& where, const std::string& what) const {
    int column = where.position.column + (where.position.line == line_ ? column_ - 1 : 0);
    throw SourceError({path_, where.position.line, column}, what,
                      source_line_at(text_, where.position.line));
  }

  std::string filtered(const Node& node) const {
    Value value = eval(*node.expr);
    bool defaults = std::find(node.filters.begin(), node.filters.end(), "n") == node.filters.end();
    std::string text;
    bool is_text = false;
    if (defaults) text = shown(value), is_text = true;
    for (const auto& filter : node.filters) {
      if (filter == "comma") {
        text = shown(comma(is_text ? Value::str(text) : value)), is_text = true;
      } else if (filter == "str") {
        if (!is_text) text = shown(value), is_text = true;
      } else if (filter == "trim") {
        text = std::string(trim(is_text ? text : shown(value))), is_text = true;
      }
    }
    return is_text ? text : shown(value);
  }

  Value eval(const py::Expr& e) const {
    return std::visit([&](const auto& node) { return eval_node(node, e); }, e.node);
  }

  Value eval_node(const py::Name& n, const py::Expr& e) const {
    auto found = names_.find(n.id);
    if (found == names_.end()) {
      fail(e, "Alembic passes no '" + n.id +
                  "' to script.py.mako (it passes message, "
                  "up_revision, down_revision, branch_labels, depends_on, create_date, imports, "
                  "upgrades, downgrades, comma, config)");
    }
    if (n.id == "config") fail(e, "the template reads 'config', which the tool does not render");
    return found->second;
  }
  Value eval_node(const py::String& s, const py::Expr& e) const {
    if (s.is_bytes || s.is_fstring) fail(e, "bytes and f-strings are not rendered");
    return Value::str(s.value);
  }
  Value eval_node(const py::Constant& c, const py::Expr& e) const {
    if (c.kind == py::Constant::Kind::kNone) return Value::none();
    if (c.kind == py::Constant::Kind::kTrue) return Value::boolean(true);
    if (c.kind == py::Constant::Kind::kFalse) return Value::boolean(false);
    fail(e, "'...' is not rendered");
  }
  Value eval_node(const py::Conditional& c, const py::Expr&) const {
    return eval(*c.test).truthy() ? eval(*c.body) : eval(*c.orelse);
  }
  Value eval_node(const py::BoolOp& b, const py::Expr&) const {
    Value last;
    for (const auto& operand : b.values) {
      last = eval(*operand);
      if (b.op == "and" ? !last.truthy() : last.truthy()) return last;
    }
    return last;
  }
  Value eval_node(const py::Unary& u, const py::Expr& e) const {
    if (u.op != "not") fail(e, "the operator '" + u.op + "' is not rendered");
    return Value::boolean(!eval(*u.operand).truthy());
  }
  Value eval_node(const py::Compare& c, const py::Expr& e) const {
    Value left = eval(*c.left);
    for (size_t i = 0; i < c.ops.size(); ++i) {
      Value right = eval(*c.comparators[i]);
      const std::string& op = c.ops[i];
      bool holds;
      if (op == "==" || op == "is") {
        holds = left == right;
      } else if (op == "!=" || op == "is not") {
        holds = !(left == right);
      } else {
        fail(e, "the comparison '" + op + "' is not rendered");
      }
      if (!holds) return Value::boolean(false);
      left = std::move(right);
    }
    return Value::boolean(true);
  }
  Value eval_node(const py::Call& call, const py::Expr& e) const {
    const auto* name = std::get_if<py::Name>(&call.func->node);
    std::string callee = name ? name->id : "";
    if (callee != "repr" && callee != "str" && callee != "comma") {
      fail(e, "only repr(), str() and comma() calls are rendered");
    }
    if (call.args.size() != 1 || !call.keywords.empty()) {
      fail(e, callee + "() takes one argument here");
    }
    Value arg = eval(*call.args[0]);
    if (callee == "repr") return Value::str(repr(arg));
    if (callee == "str") return arg.kind == Value::Kind::kStr ? arg : Value::str(repr(arg));
    return comma(arg);
  }
  template <typename Other>
  Value eval_node(const Other&, const py::Expr& e) const {
    fail(e,
         "this kind of expression is not rendered (names, string literals, None/True/False, "
         "'x if c else y', and/or/not, ==, !=, is, repr(), str(), comma() are)");
  }

  const std::map<std::string, Value>& names_;
  const std::string& path_;
  std::string_view text_;
  mutable int line_ = 0;
  mutable int column_ = 1;
};

/// The body as autogenerate passes it: its lines indented, the first line's indent and the
/// trailing line break taken off (Alembic's render._indent).
std::string template_body(const std::string& body) {
  std::string_view text = body;
  size_t first = text.find_first_not_of(' ');
  text = text.substr(first == std::string_view::npos ? text.size() : first);
  while (text.ends_with("\n")) text.remove_suffix(1);
  return std::string(text);
}

bool has_line_starting(const std::string& text, const std::string& start) {
  return text.starts_with(start) || text.find("\n" + start) != std::string::npos;
}

/// After the module-level `depends_on` line (else `down_revision`, else at the end).
std::string with_replaces(std::string file, const std::vector<std::string>& replaces) {
  std::string block = replaces_block(replaces);
  if (block.empty()) return file;
  for (const char* name : {"depends_on", "down_revision"}) {
    for (size_t at = 0; (at = file.find(name, at)) != std::string::npos; ++at) {
      if (at != 0 && file[at - 1] != '\n') continue;
      char next = file[at + std::string_view(name).size()];
      if (next != ' ' && next != '=' && next != ':') continue;
      size_t end = file.find('\n', at);
      if (end == std::string::npos) return file + "\n" + block;
      return file.insert(end + 1, block);
    }
  }
  return file + (file.ends_with("\n") ? "" : "\n") + block;
}

}  // namespace

ScriptTemplate ScriptTemplate::parse(std::string_view text, const std::string& path) {
  ScriptTemplate tmpl;
  tmpl.path_ = path;
  tmpl.text_ = std::string(text);
  tmpl.nodes_ = Parser(tmpl.text_, tmpl.path_).parse();
  return tmpl;
}

ScriptTemplate ScriptTemplate::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError({path, 0, 0}, "cannot read the revision file template");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

std::string ScriptTemplate::render(const RevisionSpec& spec) const {
  std::string upgrade = template_body(revision_body(spec, spec.upgrade, spec.downgrade));
  std::string downgrade = template_body(revision_body(spec, spec.downgrade, spec.upgrade));
  bool dialect = upgrade.find("postgresql.") != std::string::npos ||
                 downgrade.find("postgresql.") != std::string::npos;
  std::map<std::string, Value> names{
      {"message", Value::shown_as(spec.message, docstring_text(spec.message))},
      {"up_revision", Value::str(spec.revision)},
      {"down_revision", spec.down_revision ? Value::str(*spec.down_revision) : Value::none()},
      {"branch_labels", Value::none()},
      {"depends_on", Value::none()},
      {"create_date", Value::shown_as(spec.create_date, docstring_text(spec.create_date))},
      {"imports", Value::str(dialect ? "from sqlalchemy.dialects import postgresql" : "")},
      {"upgrades", Value::str(upgrade)},
      {"downgrades", Value::str(downgrade)},
      {"comma", Value::function("comma")},
      {"config", Value::function("config")},
  };
  std::string out;
  Renderer(names, path_, text_).render(nodes_, out);
  auto needs = [&](const std::string& use, const std::string& import) {
    bool used = upgrade.find(use) != std::string::npos || downgrade.find(use) != std::string::npos;
    if (used && !has_line_starting(out, import)) {
      throw SourceError({path_, 0, 0}, "the file it gives lacks '" + import +
                                           "', which the new revision's body needs (render "
                                           "${imports} or write the import in the template)");
    }
  };
  needs("op.", "from alembic import op");
  needs("sa.", "import sqlalchemy as sa");
  needs("postgresql.", "from sqlalchemy.dialects import postgresql");
  return with_replaces(std::move(out), spec.replaces);
}

}  // namespace asq
