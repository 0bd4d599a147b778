#pragma once

// The syntax tree of the Python subset that Alembic revision files are written in.
// It knows Python, nothing of Alembic. Every node keeps the position it starts at.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace asq::py {

/// 1-based line and column (in bytes) of a node's first character.
struct Position {
  int line = 0;
  int column = 0;
  bool operator==(const Position&) const = default;
};

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

// ---- expressions ----

/// `name`
struct Name {
  std::string id;
};
/// `value.attr`
struct Attribute {
  ExprPtr value;
  std::string attr;
};
/// A string literal after escape processing and implicit concatenation of adjacent literals.
/// `is_fstring` when any part had an f prefix (its text is kept as written, braces included).
struct String {
  std::string value;
  bool is_bytes = false;
  bool is_fstring = false;
};
/// An int, float or imaginary literal, as written (`10`, `0x1F`, `1_000`, `2.5e-3`, `1j`).
struct Number {
  std::string text;
};
/// `None`, `True`, `False`, `...`
struct Constant {
  enum class Kind { kNone, kTrue, kFalse, kEllipsis } kind = Kind::kNone;
};
/// `*value` in a call, list or assignment target; `**value` in a call or dict when double_star.
struct Starred {
  ExprPtr value;
  bool double_star = false;
};
/// One keyword argument `name=value`; `**value` has no name.
struct Keyword {
  std::optional<std::string> name;
  ExprPtr value;
  Position position;
};
/// `func(args..., keywords...)`; `*x` arrives in args as Starred, `**x` in keywords without a name.
struct Call {
  ExprPtr func;
  std::vector<ExprPtr> args;
  std::vector<Keyword> keywords;
};
/// `lower:upper:step`, any part may be null.
struct Slice {
  ExprPtr lower;
  ExprPtr upper;
  ExprPtr step;
};
/// `value[index]`; `a[x, y]` has a Tuple index.
struct Subscript {
  ExprPtr value;
  ExprPtr index;
};
struct Tuple {
  std::vector<ExprPtr> elements;
};
struct List {
  std::vector<ExprPtr> elements;
};
struct Set {
  std::vector<ExprPtr> elements;
};
/// `{k: v, **other}`: for `**other` the key is null and the value is `other`.
struct Dict {
  std::vector<ExprPtr> keys;
  std::vector<ExprPtr> values;
};
/// `-x`, `+x`, `~x`, `not x`; op is the operator as written.
struct Unary {
  std::string op;
  ExprPtr operand;
};
/// `a + b` and every other binary operator (`+ - * / // % ** @ << >> & | ^`).
struct Binary {
  std::string op;
  ExprPtr left;
  ExprPtr right;
};
/// `a and b and c` / `a or b`.
struct BoolOp {
  std::string op;
  std::vector<ExprPtr> values;
};
/// `a < b <= c`; ops as written, `not in` and `is not` as one op each.
struct Compare {
  ExprPtr left;
  std::vector<std::string> ops;
  std::vector<ExprPtr> comparators;
};
/// `body if test else orelse`
struct Conditional {
  ExprPtr test;
  ExprPtr body;
  ExprPtr orelse;
};
/// A parameter of a def or lambda. kind: plain, `*args`, `**kwargs`; `*` alone has an empty name.
struct Parameter {
  enum class Kind { kPlain, kVarArgs, kKwArgs } kind = Kind::kPlain;
  std::string name;
  ExprPtr annotation;     // null when absent
  ExprPtr default_value;  // null when absent
  Position position;
  bool positional_only = false;  // declared before a `/`
};
/// `lambda params: body` (parsed, never evaluated).
struct Lambda {
  std::vector<Parameter> parameters;
  ExprPtr body;
};
/// `for target in iter if cond...` inside a comprehension.
struct ComprehensionFor {
  ExprPtr target;
  ExprPtr iter;
  std::vector<ExprPtr> conditions;
};
/// `[elt for ...]`, `{elt for ...}`, `(elt for ...)`, `{key: elt for ...}`.
struct Comprehension {
  enum class Kind { kList, kSet, kGenerator, kDict } kind = Kind::kList;
  ExprPtr key;  // dict comprehensions only
  ExprPtr element;
  std::vector<ComprehensionFor> generators;
};

using ExprNode = std::variant<Name, Attribute, String, Number, Constant, Starred, Call, Slice,
                              Subscript, Tuple, List, Set, Dict, Unary, Binary, BoolOp, Compare,
                              Conditional, Lambda, Comprehension>;

struct Expr {
  ExprNode node;
  Position position;
};

// ---- statements ----

/// One `name as alias` of an import.
struct ImportName {
  std::string name;  // dotted, e.g. `sqlalchemy.dialects`
  std::optional<std::string> alias;
};
/// `import a.b as c, d` (module empty, level 0) or `from ..a import b as c` (module "a", level 2);
/// `from x import *` has one name "*".
struct Import {
  bool is_from = false;
  std::string module;
  int level = 0;
  std::vector<ImportName> names;
};
/// `a = b = value` (targets in order), also tuple targets `a, b = ...`.
struct Assign {
  std::vector<ExprPtr> targets;
  ExprPtr value;
};
/// `target: annotation = value` (value may be null).
struct AnnAssign {
  ExprPtr target;
  ExprPtr annotation;
  ExprPtr value;
};
/// `target += value`; op without the `=`.
struct AugAssign {
  ExprPtr target;
  std::string op;
  ExprPtr value;
};
struct FunctionDef {
  std::string name;
  std::vector<Parameter> parameters;
  ExprPtr returns;  // null when absent
  std::vector<ExprPtr> decorators;
  bool is_async = false;
  Body body;
};
struct ClassDef {
  std::string name;
  std::vector<ExprPtr> bases;
  std::vector<Keyword> keywords;
  std::vector<ExprPtr> decorators;
  Body body;
};
/// One `context as target` of a with statement (target may be null).
struct WithItem {
  ExprPtr context;
  ExprPtr target;
};
struct With {
  std::vector<WithItem> items;
  bool is_async = false;
  Body body;
};
/// `if`/`elif`/`else`: an elif is an If that is the only statement of orelse.
struct If {
  ExprPtr test;
  Body body;
  Body orelse;
};
struct For {
  ExprPtr target;
  ExprPtr iter;
  Body body;
  Body orelse;
  bool is_async = false;
};
struct While {
  ExprPtr test;
  Body body;
  Body orelse;
};
/// One `except Type as name:` clause (type and name may be absent).
struct ExceptHandler {
  ExprPtr type;
  std::optional<std::string> name;
  Body body;
  Position position;
};
struct Try {
  Body body;
  std::vector<ExceptHandler> handlers;
  Body orelse;
  Body finalbody;
};
struct Return {
  ExprPtr value;  // null for a bare return
};
struct Raise {
  ExprPtr exception;  // null for a bare raise
  ExprPtr cause;
};
struct Assert {
  ExprPtr test;
  ExprPtr message;
};
struct Delete {
  std::vector<ExprPtr> targets;
};
/// `global a, b` / `nonlocal a`.
struct Global {
  bool is_nonlocal = false;
  std::vector<std::string> names;
};
struct Pass {};
struct Break {};
struct Continue {};
/// An expression used as a statement: a call, or a docstring.
struct ExprStmt {
  ExprPtr value;
};

using StmtNode =
    std::variant<Import, Assign, AnnAssign, AugAssign, FunctionDef, ClassDef, With, If, For, While,
                 Try, Return, Raise, Assert, Delete, Global, Pass, Break, Continue, ExprStmt>;

struct Stmt {
  StmtNode node;
  Position position;
};

/// A parsed file.
struct Module {
  std::string file;
  Body body;
};

/// The module's docstring (a first statement that is a plain string), if any.
const String* docstring(const Module& module);

}  // namespace asq::py
