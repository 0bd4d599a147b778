#pragma once

// A small evaluator for the Python that revision files are written in: module-level constants,
// imports and helper functions; local variables; string formatting; `for` over known
// sequences; `if` over known values; comprehensions. What it cannot compute it reports with
// file:line:col. Calls into SQLAlchemy and Alembic go to a Host (the interpreter proper).

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/source_error.h"
#include "interpret/value.h"
#include "python/ast.h"

namespace asq::interp {

/// The file being interpreted, for errors: `file:line:col: message`, the line, a caret.
class SourceContext {
 public:
  SourceContext(std::string file, std::string_view source)
      : file_(std::move(file)), source_(source) {}

  const std::string& file() const { return file_; }
  SourceLocation at(const py::Position& position) const {
    return {file_, position.line, position.column};
  }
  SourceError error(const py::Position& position, const std::string& message) const {
    return SourceError(at(position), message, source_line_at(source_, position.line));
  }
  [[noreturn]] void fail(const py::Position& position, const std::string& message) const {
    throw error(position, message);
  }
  std::string_view line(int number) const { return source_line_at(source_, number); }

  /// Something accepted without being modelled (an unknown keyword): the revision's ops may
  /// differ from Alembic's (RevisionOps::unmodelled).
  void warn(const py::Position& position, std::string message) const {
    warn_at(at(position), std::move(message));
  }
  void warn_at(const SourceLocation& where, std::string message) const {
    warnings_.emplace_back(where, std::move(message));
  }
  std::vector<std::pair<SourceLocation, std::string>> take_warnings() const {
    return std::exchange(warnings_, {});
  }

 private:
  std::string file_;
  std::string_view source_;
  mutable std::vector<std::pair<SourceLocation, std::string>> warnings_;
};

/// A `raise` (or failed `assert`) the file executed, e.g. an irreversible downgrade().
struct PythonRaise {
  std::string statement;
  py::Position at;
};

/// Why a block runs an unknown number of times: rows read from the database, items of a value the
/// reader does not know, or an exception it catches that can stop it anywhere.
enum class DataCause { kDatabase, kUnknownValues, kCaughtException };

/// What the evaluator cannot do itself: the SQLAlchemy and Alembic API.
class Host {
 public:
  virtual ~Host() = default;
  /// Calls `callee`, a canonical symbol (`sa.Column`, `op.add_column`, `datetime.now`).
  virtual Value call_symbol(const std::string& callee, Arguments args, const py::Expr& call) = 0;
  /// Calls method `method` of a value the host made (an ENUM's create(), a batch op).
  virtual Value call_method(const Value& receiver, const std::string& method, Arguments args,
                            const py::Expr& call) = 0;
  /// Attribute `name` of a value the host made (`op.get_bind().dialect`).
  virtual Value attribute(const Value& object, const std::string& name, const py::Expr& at) = 0;
  /// The value squash.toml's [values] gives a dotted name of the application, if any.
  virtual std::optional<Value> app_value(const std::string& /*path*/) { return std::nullopt; }
  /// `with context as target:`; `body` runs the block with the value bound to the target.
  virtual void with(const Value& context, const py::Expr& at,
                    const std::function<void(const Value&)>& body) = 0;
  /// Runs `body`, a block that runs as often as values read from the database say (`why`, e.g.
  /// "a loop over the result of a query"), as values the reader does not know say (a loop over
  /// what an unknown call returned) or unless an exception it catches stops it: what it does is
  /// data, or unmodelled.
  virtual void data_dependent(const py::Position& at, const std::string& why,
                              const std::function<void()>& body,
                              DataCause cause = DataCause::kDatabase) = 0;
};

class Evaluator {
 public:
  Evaluator(const py::Module& module, const SourceContext& context, Host& host);

  /// Runs the top level: imports, assignments (a failure is kept and raised where the name is
  /// used), function definitions.
  void load_module();
  /// The module-level function `name`, or null.
  const py::FunctionDef* function(const std::string& name) const;
  /// Calls a module-level function with no arguments (upgrade, downgrade).
  void call_function(const py::FunctionDef& def, const py::Position& at);

  Value evaluate(const py::Expr& expr);
  /// A class on enum.Enum (IntEnum, StrEnum, int or str mixed in) whose body is members with
  /// string or integer values, a docstring and methods; nullopt for any other class.
  std::optional<EnumClass> enum_class_of(const py::ClassDef& def);
  /// Python truthiness; an error at `at` for values the interpreter does not know.
  bool truthy(const Value& value, const py::Position& at) const;
  const SourceContext& context() const { return context_; }

 private:
  struct Builtin;  // the builtins, one member function each (eval_builtins.cpp)
  struct Method;   // methods of str, dict and list values (eval_builtins.cpp)
  enum class Flow { kNormal, kReturn, kBreak, kContinue };
  using Scope = std::map<std::string, Value>;

  Flow execute(const py::Body& body);
  Flow execute(const py::Stmt& stmt);
  Flow execute_for(const py::For& loop, const py::Stmt& stmt);
  Flow execute_for_items(const py::For& loop, const py::Stmt& stmt);
  Flow execute_while(const py::While& loop, const py::Stmt& stmt);
  /// `body` (and `orelse`) once, steered by a value read from the database. A `break` in them
  /// is not taken (the rest of the loop runs) but marks the loop as ended by the data
  /// (`maybe_break_`).
  Flow execute_data_dependent(const py::Body& body, const py::Body& orelse, const py::Position& at,
                              const std::string& why, DataCause cause = DataCause::kDatabase);
  Flow execute_try(const py::Try& block, const py::Stmt& stmt);
  Flow execute_with(const py::With& with, size_t item, const py::Stmt& stmt);
  void import(const py::Import& import, Scope& scope);
  void assign(const py::Expr& target, Value value);
  void bind(const std::string& name, Value value);
  Value& variable(const py::Expr& name_expr);
  Value lookup(const std::string& name, const py::Position& at) const;

  Value call(const py::Call& call, const py::Expr& expr);
  Value call_value(const Value& callee, Arguments args, const py::Expr& expr);
  Value invoke(const FunctionValue& function, Arguments args, const py::Expr& expr);
  Arguments arguments(const py::Call& call);
  Value builtin(const std::string& name, Arguments args, const py::Expr& expr);
  Value method(const Value& receiver, const std::string& name, Arguments args,
               const py::Expr& expr);
  Value mutate(Value& target, const std::string& name, Arguments args, const py::Expr& expr);

  Value attribute(const py::Attribute& attribute, const py::Expr& expr);
  Value subscript(const py::Subscript& subscript, const py::Expr& expr);
  Value unary(const py::Unary& unary, const py::Expr& expr);
  Value binary(const std::string& op, const Value& left, const Value& right,
               const py::Position& at);
  Value compare(const py::Compare& compare, const py::Expr& expr);
  Value comprehension(const py::Comprehension& comprehension, const py::Expr& expr);
  void comprehend(const py::Comprehension& comprehension, size_t level,
                  const std::function<void()>& emit);
  Value fstring(const std::string& text, const py::Expr& expr);
  Value percent_format(const std::string& format, const Value& args, const py::Position& at);
  Value str_format(const std::string& format, const Arguments& args, const py::Position& at);
  std::vector<Value> items(const Value& value, const py::Position& at) const;
  std::vector<Value> elements(const std::vector<py::ExprPtr>& exprs);
  std::string text_of(const Value& value, const py::Position& at, bool repr = false) const;
  std::int64_t integer(const Value& value, const py::Position& at) const;

  const py::Module& module_;
  const SourceContext& context_;
  Host& host_;
  /// A function call's names; `enclosing` is the frame of the function its function was
  /// defined in (0: module level), looked up after its own names (a closure's free names).
  struct Frame {
    Scope names;
    std::uint64_t serial = 0;
    std::uint64_t enclosing = 0;
    std::shared_ptr<Scope> snapshot;  // the enclosing frame's names at the def
  };
  /// The frame a name not bound in the current frame is found in (enclosing frames, as Python's
  /// closures see them), or null: then it is a global.
  Scope* enclosing_scope_of(const std::string& name);
  void push_frame(Scope names, std::uint64_t enclosing = 0,
                  std::shared_ptr<Scope> snapshot = nullptr);

  /// "** needs a dict, found ..." (with the [values] hint for a name of the application).
  [[noreturn]] void fail_unpacking(const py::Position& at, const Value& value) const;

  Scope globals_;
  std::vector<Frame> frames_;
  std::uint64_t next_serial_ = 0;
  std::vector<std::string> star_imports_;
  Value return_value_;
  int depth_ = 0;
  /// A data-dependent branch of the loop under way may break out of it.
  bool maybe_break_ = false;
};

}  // namespace asq::interp
