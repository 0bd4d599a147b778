#include "interpret/eval.h"

#include <algorithm>
#include <set>
#include <utility>

namespace asq::interp {
namespace {

const std::set<std::string, std::less<>>& builtin_names() {
  static const std::set<std::string, std::less<>> names = {
      "len", "range", "reversed", "enumerate", "zip",  "list",    "tuple",     "dict", "str",
      "int", "float", "bool",     "sorted",    "min",  "max",     "print",     "set",  "any",
      "all", "sum",   "repr",     "iter",      "next", "hasattr", "isinstance"};
  return names;
}

void bound_names(const py::Body& body, std::vector<std::pair<std::string, py::Position>>& out);

/// Names one statement would bind, for statements the module loader does not evaluate.
void names_of(const py::Stmt& stmt, std::vector<std::pair<std::string, py::Position>>& out) {
  auto target = [&](const py::Expr& expr) {
    if (auto* name = std::get_if<py::Name>(&expr.node)) out.emplace_back(name->id, expr.position);
    if (auto* tuple = std::get_if<py::Tuple>(&expr.node)) {
      for (const auto& e : tuple->elements) {
        if (auto* name = std::get_if<py::Name>(&e->node)) out.emplace_back(name->id, e->position);
      }
    }
  };
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, py::Assign>) {
          for (const auto& t : node.targets) target(*t);
        } else if constexpr (std::is_same_v<T, py::AnnAssign> || std::is_same_v<T, py::AugAssign>) {
          target(*node.target);
        } else if constexpr (std::is_same_v<T, py::FunctionDef> ||
                             std::is_same_v<T, py::ClassDef>) {
          out.emplace_back(node.name, stmt.position);
        } else if constexpr (std::is_same_v<T, py::Import>) {
          for (const auto& n : node.names) {
            out.emplace_back(n.alias ? *n.alias : n.name.substr(0, n.name.find('.')),
                             stmt.position);
          }
        } else if constexpr (std::is_same_v<T, py::If> || std::is_same_v<T, py::For> ||
                             std::is_same_v<T, py::While>) {
          bound_names(node.body, out);
          bound_names(node.orelse, out);
        } else if constexpr (std::is_same_v<T, py::Try>) {
          bound_names(node.body, out);
          for (const auto& h : node.handlers) bound_names(h.body, out);
          bound_names(node.orelse, out);
          bound_names(node.finalbody, out);
        } else if constexpr (std::is_same_v<T, py::With>) {
          bound_names(node.body, out);
        }
      },
      stmt.node);
}

void bound_names(const py::Body& body, std::vector<std::pair<std::string, py::Position>>& out) {
  for (const auto& stmt : body) names_of(*stmt, out);
}

const char* statement_kind(const py::StmtNode& node) {
  static const char* kinds[] = {"import",
                                "assignment",
                                "annotated assignment",
                                "augmented assignment",
                                "def",
                                "class",
                                "with",
                                "if",
                                "for",
                                "while",
                                "try",
                                "return",
                                "raise",
                                "assert",
                                "del",
                                "global",
                                "pass",
                                "break",
                                "continue",
                                "expression"};
  return kinds[node.index()];
}

}  // namespace

Evaluator::Evaluator(const py::Module& module, const SourceContext& context, Host& host)
    : module_(module), context_(context), host_(host) {}

void Evaluator::load_module() {
  globals_["__name__"] = Opaque{"__name__"};
  globals_["__file__"] = Opaque{"__file__"};
  for (const auto& stmt : module_.body) {
    if (auto* import = std::get_if<py::Import>(&stmt->node)) {
      this->import(*import, globals_);
    } else if (auto* def = std::get_if<py::FunctionDef>(&stmt->node)) {
      globals_[def->name] = FunctionValue{def};
    } else if (std::holds_alternative<py::Assign>(stmt->node) ||
               std::holds_alternative<py::AnnAssign>(stmt->node) ||
               std::holds_alternative<py::AugAssign>(stmt->node)) {
      try {
        execute(*stmt);
      } catch (const SourceError& error) {
        std::vector<std::pair<std::string, py::Position>> names;
        names_of(*stmt, names);
        for (const auto& [name, at] : names) globals_[name] = Unevaluated{error};
      }
    } else if (auto* expression = std::get_if<py::ExprStmt>(&stmt->node)) {
      // Alembic imports the file without a migration context: an op.* call there fails.
      auto* call = std::get_if<py::Call>(&expression->value->node);
      if (!call) continue;
      Value callee;
      try {
        callee = evaluate(*call->func);
      } catch (const SourceError&) {
        continue;
      }
      auto* symbol = callee.get<Symbol>();
      if (symbol && canonical_symbol(symbol->path).rfind("op.", 0) == 0) {
        context_.fail(stmt->position, canonical_symbol(symbol->path) +
                                          " at module level runs when Alembic imports the file, "
                                          "outside any migration");
      }
    } else if (auto* class_def = std::get_if<py::ClassDef>(&stmt->node)) {
      // An enum of the standard library: its members. Any other class (a model of a data
      // migration): usable as an unknown value, never as schema.
      if (auto enum_class = enum_class_of(*class_def)) {
        globals_[class_def->name] = std::move(*enum_class);
      } else {
        globals_[class_def->name] = Opaque{"the class " + class_def->name};
      }
    } else if (!std::holds_alternative<py::Pass>(stmt->node)) {
      std::vector<std::pair<std::string, py::Position>> names;
      names_of(*stmt, names);
      for (const auto& [name, at] : names) {
        globals_[name] = Unevaluated{context_.error(
            at, "'" + name + "' is defined by a module-level " + statement_kind(stmt->node) +
                    " statement, which the interpreter does not evaluate")};
      }
    }
  }
}

std::optional<EnumClass> Evaluator::enum_class_of(const py::ClassDef& def) {
  if (!def.decorators.empty() || !def.keywords.empty()) return std::nullopt;
  bool is_enum = false;
  bool mixed = false;  // int or str mixed in, IntEnum, StrEnum: printed differently by version
  for (const auto& base : def.bases) {
    Value value;
    try {
      value = evaluate(*base);
    } catch (const SourceError&) {
      return std::nullopt;
    }
    auto* symbol = value.get<Symbol>();
    if (!symbol) return std::nullopt;
    if (symbol->path == "enum.Enum") {
      is_enum = true;
    } else if (symbol->path == "enum.IntEnum" || symbol->path == "enum.StrEnum") {
      is_enum = mixed = true;
    } else if (symbol->path == "builtins.int" || symbol->path == "builtins.str") {
      mixed = true;
    } else {
      return std::nullopt;  // a base of the application, a Flag: unknown behaviour
    }
  }
  if (!is_enum) return std::nullopt;
  EnumClass out{def.name, {}, {}, !mixed, mixed};
  for (const auto& stmt : def.body) {
    if (std::holds_alternative<py::Pass>(stmt->node)) continue;
    if (auto* e = std::get_if<py::ExprStmt>(&stmt->node);
        e && std::holds_alternative<py::String>(e->value->node)) {
      continue;  // the docstring
    }
    if (auto* method = std::get_if<py::FunctionDef>(&stmt->node)) {
      if (method->name == "__str__" || method->name == "__format__" || method->name == "__repr__")
        out.prints_as_name = false;
      continue;
    }
    auto* assign = std::get_if<py::Assign>(&stmt->node);
    if (!assign || assign->targets.size() != 1) return std::nullopt;
    auto* target = std::get_if<py::Name>(&assign->targets[0]->node);
    if (!target || target->id.starts_with("_")) return std::nullopt;  // _ignore_, __x__: rare
    Value value;
    try {
      value = evaluate(*assign->value);
    } catch (const SourceError&) {
      return std::nullopt;
    }
    if (!value.get<std::string>() && !value.get<std::int64_t>()) return std::nullopt;  // auto()
    if (std::find(out.names.begin(), out.names.end(), target->id) != out.names.end())
      return std::nullopt;
    out.names.push_back(target->id);
    out.values.push_back(std::move(value));
  }
  if (out.names.empty()) return std::nullopt;
  return out;
}

const py::FunctionDef* Evaluator::function(const std::string& name) const {
  auto it = globals_.find(name);
  if (it == globals_.end()) return nullptr;
  auto* f = it->second.get<FunctionValue>();
  return f ? f->def : nullptr;
}

void Evaluator::call_function(const py::FunctionDef& def, const py::Position& at) {
  if (def.is_async) {
    // Alembic calls it and never awaits the coroutine: nothing of it runs.
    context_.fail(at, "async def " + def.name +
                          "(): Alembic calls it without awaiting it, so it changes nothing; "
                          "make it a plain def");
  }
  py::Expr site{py::Name{def.name}, at};
  invoke(FunctionValue{&def}, {}, site);
}

void Evaluator::import(const py::Import& import, Scope& scope) {
  for (const auto& name : import.names) {
    if (import.is_from) {
      std::string module = std::string(import.level, '.') + import.module;
      if (name.name == "*") {
        star_imports_.push_back(module);
        continue;
      }
      std::string path = module + "." + name.name;
      std::optional<Value> known = host_.app_value(path);
      scope[name.alias ? *name.alias : name.name] = known ? *known : Symbol{path};
    } else if (name.alias) {
      scope[*name.alias] = Symbol{name.name};
    } else {
      std::string top = name.name.substr(0, name.name.find('.'));
      scope[top] = Symbol{top};
    }
  }
}

// ---- statements ----

Evaluator::Flow Evaluator::execute(const py::Body& body) {
  for (const auto& stmt : body) {
    Flow flow = execute(*stmt);
    if (flow != Flow::kNormal) return flow;
  }
  return Flow::kNormal;
}

Evaluator::Flow Evaluator::execute(const py::Stmt& stmt) {
  const py::Position& at = stmt.position;
  if (auto* s = std::get_if<py::ExprStmt>(&stmt.node)) {
    if (auto* call = std::get_if<py::Call>(&s->value->node)) {
      // f() of an async function, its coroutine dropped: its body never runs (Python warns
      // "never awaited"). Awaited or handed to a runner, it runs where it is called.
      Value callee = std::holds_alternative<py::Name>(call->func->node) ? evaluate(*call->func)
                                                                        : Value(NoneValue{});
      auto* function = callee.get<FunctionValue>();
      if (function && function->def->is_async) {
        context_.warn(at, function->def->name +
                              "() is an async function called without await: its body does "
                              "not run");
        return Flow::kNormal;
      }
    }
    if (!std::holds_alternative<py::String>(s->value->node)) evaluate(*s->value);
    return Flow::kNormal;
  }
  if (auto* s = std::get_if<py::Assign>(&stmt.node)) {
    Value value = evaluate(*s->value);
    for (const auto& target : s->targets) assign(*target, value);
    return Flow::kNormal;
  }
  if (auto* s = std::get_if<py::AnnAssign>(&stmt.node)) {
    if (s->value) assign(*s->target, evaluate(*s->value));
    return Flow::kNormal;
  }
  if (auto* s = std::get_if<py::AugAssign>(&stmt.node)) {
    if (!std::holds_alternative<py::Name>(s->target->node)) {
      context_.fail(
          at, "augmented assignment to anything but a name is not supported by the interpreter");
    }
    Value right = evaluate(*s->value);
    Value& target = variable(*s->target);
    target = binary(s->op, target, right, at);
    return Flow::kNormal;
  }
  if (auto* s = std::get_if<py::If>(&stmt.node)) {
    Value test = evaluate(*s->test);
    if (is_runtime(test)) {
      return execute_data_dependent(s->body, s->orelse, s->test->position,
                                    "an if over " + describe(test));
    }
    return truthy(test, s->test->position) ? execute(s->body) : execute(s->orelse);
  }
  if (auto* s = std::get_if<py::For>(&stmt.node)) return execute_for(*s, stmt);
  if (auto* s = std::get_if<py::While>(&stmt.node)) return execute_while(*s, stmt);
  if (auto* s = std::get_if<py::Try>(&stmt.node)) return execute_try(*s, stmt);
  if (auto* s = std::get_if<py::With>(&stmt.node)) {
    if (s->is_async) context_.fail(at, "async with is not supported by the interpreter");
    return execute_with(*s, 0, stmt);
  }
  if (auto* s = std::get_if<py::Return>(&stmt.node)) {
    return_value_ = s->value ? evaluate(*s->value) : Value(NoneValue{});
    return Flow::kReturn;
  }
  if (std::holds_alternative<py::Pass>(stmt.node)) return Flow::kNormal;
  if (std::holds_alternative<py::Break>(stmt.node)) return Flow::kBreak;
  if (std::holds_alternative<py::Continue>(stmt.node)) return Flow::kContinue;
  if (auto* s = std::get_if<py::Import>(&stmt.node)) {
    import(*s, frames_.empty() ? globals_ : frames_.back().names);
    return Flow::kNormal;
  }
  if (auto* s = std::get_if<py::FunctionDef>(&stmt.node)) {
    FunctionValue function{s};
    if (!frames_.empty()) {
      function.defined_in = frames_.back().serial;
      function.enclosing = std::make_shared<Scope>(frames_.back().names);
    }
    bind(s->name, std::move(function));
    return Flow::kNormal;
  }
  if (std::holds_alternative<py::Raise>(stmt.node)) {
    throw PythonRaise{std::string(context_.line(at.line)), at};
  }
  if (auto* s = std::get_if<py::Assert>(&stmt.node)) {
    if (!truthy(evaluate(*s->test), s->test->position)) {
      throw PythonRaise{std::string(context_.line(at.line)), at};
    }
    return Flow::kNormal;
  }
  if (auto* s = std::get_if<py::Delete>(&stmt.node)) {
    for (const auto& target : s->targets) {
      auto* name = std::get_if<py::Name>(&target->node);
      if (!name || frames_.empty() || !frames_.back().names.erase(name->id)) {
        context_.fail(target->position,
                      "del of anything but a local name is not supported by the interpreter");
      }
    }
    return Flow::kNormal;
  }
  context_.fail(at, std::string(statement_kind(stmt.node)) +
                        " statements are not supported by the interpreter");
}

Evaluator::Flow Evaluator::execute_for(const py::For& loop, const py::Stmt& stmt) {
  // Its breaks are its own: none reaches a loop around it.
  bool outer = std::exchange(maybe_break_, false);
  Flow flow = execute_for_items(loop, stmt);
  maybe_break_ = outer;
  return flow;
}

Evaluator::Flow Evaluator::execute_for_items(const py::For& loop, const py::Stmt& stmt) {
  if (loop.is_async) context_.fail(stmt.position, "async for is not supported by the interpreter");
  Value sequence = evaluate(*loop.iter);
  if (is_runtime(sequence)) {
    assign(*loop.target, Opaque{"an item of " + describe(sequence), false, true});
    return execute_data_dependent(loop.body, loop.orelse, loop.iter->position,
                                  "a loop over " + describe(sequence));
  }
  if (sequence.get<Opaque>()) {
    // What an unknown call returned (a dict the code fills from rows, the application's list):
    // its items are not known, so the body runs as they say, as for rows.
    assign(*loop.target, Opaque{"an item of " + describe(sequence), false, true});
    return execute_data_dependent(loop.body, loop.orelse, loop.iter->position,
                                  "a loop over " + describe(sequence), DataCause::kUnknownValues);
  }
  for (Value& item : items(sequence, loop.iter->position)) {
    assign(*loop.target, std::move(item));
    Flow flow = execute(loop.body);
    if (flow == Flow::kBreak) return Flow::kNormal;
    if (flow == Flow::kReturn) return flow;
  }
  return execute(loop.orelse);
}

Evaluator::Flow Evaluator::execute_try(const py::Try& block, const py::Stmt& stmt) {
  if (block.handlers.empty()) {  // try/finally: the body runs or the migration fails
    Flow flow = execute(block.body);
    Flow last = execute(block.finalbody);
    return last != Flow::kNormal ? last : flow;
  }
  bool reraises = std::all_of(block.handlers.begin(), block.handlers.end(), [](const auto& h) {
    return !h.body.empty() && std::holds_alternative<py::Raise>(h.body.back()->node);
  });
  Flow flow = Flow::kNormal;
  if (reraises) {
    // Every handler raises again: the body's changes happen, or the migration fails.
    flow = execute(block.body);
    if (flow == Flow::kNormal) flow = execute(block.orelse);
  } else {
    // An exception the block catches can stop its body anywhere and runs a handler instead.
    host_.data_dependent(
        stmt.position, "a try block that catches exceptions",
        [&] {
          try {
            execute(block.body);
          } catch (const PythonRaise&) {
            // the handlers below run instead of the rest: both are set aside alike
          }
          execute(block.orelse);
          for (const auto& handler : block.handlers) {
            if (handler.name) bind(*handler.name, Opaque{"the exception caught", false, true});
            execute(handler.body);
          }
        },
        DataCause::kCaughtException);
  }
  Flow last = execute(block.finalbody);
  return last != Flow::kNormal ? last : flow;
}

Evaluator::Flow Evaluator::execute_with(const py::With& with, size_t item, const py::Stmt& stmt) {
  if (item == with.items.size()) return execute(with.body);
  const py::WithItem& current = with.items[item];
  Value context = evaluate(*current.context);
  Flow flow = Flow::kNormal;
  host_.with(context, *current.context, [&](const Value& as) {
    if (current.target) assign(*current.target, as);
    flow = execute_with(with, item + 1, stmt);
  });
  return flow;
}

// ---- names ----

void Evaluator::assign(const py::Expr& target, Value value) {
  if (auto* name = std::get_if<py::Name>(&target.node)) {
    bind(name->id, std::move(value));
    return;
  }
  const std::vector<py::ExprPtr>* targets = nullptr;
  if (auto* t = std::get_if<py::Tuple>(&target.node)) targets = &t->elements;
  if (auto* l = std::get_if<py::List>(&target.node)) targets = &l->elements;
  if (targets && is_runtime(value)) {  // for a, b in conn.execute(...)
    for (const auto& element : *targets) assign(*element, value);
    return;
  }
  if (targets) {
    std::vector<Value> values = items(value, target.position);
    if (values.size() != targets->size()) {
      context_.fail(target.position, "cannot unpack " + std::to_string(values.size()) +
                                         " values into " + std::to_string(targets->size()));
    }
    for (size_t i = 0; i < values.size(); ++i) assign(*(*targets)[i], std::move(values[i]));
    return;
  }
  if (auto* s = std::get_if<py::Subscript>(&target.node)) {
    if (std::holds_alternative<py::Name>(s->value->node)) {
      Value key = evaluate(*s->index);
      Value& container = variable(*s->value);
      if (auto* dict = container.get<DictValue>()) {
        for (size_t i = 0; i < dict->keys.size(); ++i) {
          if (equal(dict->keys[i], key).value_or(false)) {
            dict->values[i] = std::move(value);
            return;
          }
        }
        dict->keys.push_back(std::move(key));
        dict->values.push_back(std::move(value));
        return;
      }
      if (auto* list = container.get<ListValue>(); list && !list->is_tuple) {
        std::int64_t index = integer(key, s->index->position);
        std::int64_t size = static_cast<std::int64_t>(list->items.size());
        if (index < 0) index += size;
        if (index < 0 || index >= size)
          context_.fail(s->index->position, "list index out of range");
        list->items[static_cast<size_t>(index)] = std::move(value);
        return;
      }
    }
  }
  if (auto* a = std::get_if<py::Attribute>(&target.node)) {
    // `row.name = ...` on a row read from the database (an ORM object): data, not schema; on
    // any object the reader does not know (`metadata.bind = conn`): what that object later does
    // is unknown anyway.
    if (evaluate(*a->value).get<Opaque>()) return;
  }
  context_.fail(target.position, "this assignment target is not supported by the interpreter");
}

void Evaluator::push_frame(Scope names, std::uint64_t enclosing, std::shared_ptr<Scope> snapshot) {
  frames_.push_back({std::move(names), ++next_serial_, enclosing, std::move(snapshot)});
}

Evaluator::Scope* Evaluator::enclosing_scope_of(const std::string& name) {
  // From the current frame out: each frame's enclosing one while its call still runs (live, as
  // Python's cells), else the names it had at the def.
  const Frame* frame = &frames_.back();
  while (frame->enclosing != 0) {
    auto outer = std::find_if(frames_.rbegin(), frames_.rend(),
                              [&](const Frame& f) { return f.serial == frame->enclosing; });
    if (outer == frames_.rend()) {
      // The function returned: its names as they were at the def.
      return frame->snapshot && frame->snapshot->count(name) ? frame->snapshot.get() : nullptr;
    }
    if (outer->names.count(name)) return &outer->names;
    frame = &*outer;
  }
  return nullptr;
}

void Evaluator::fail_unpacking(const py::Position& at, const Value& value) const {
  context_.fail(at, "** needs a dict, found " + describe(value) + values_hint(value, "{...}"));
}

void Evaluator::bind(const std::string& name, Value value) {
  (frames_.empty() ? globals_ : frames_.back().names)[name] = std::move(value);
}

Value& Evaluator::variable(const py::Expr& name_expr) {
  auto* name = std::get_if<py::Name>(&name_expr.node);
  if (name) {
    if (!frames_.empty()) {
      auto it = frames_.back().names.find(name->id);
      if (it != frames_.back().names.end()) return it->second;
      if (Scope* outer = enclosing_scope_of(name->id)) return outer->at(name->id);
    }
    auto it = globals_.find(name->id);
    if (it != globals_.end()) {
      if (auto* unevaluated = it->second.get<Unevaluated>()) throw unevaluated->error;
      return it->second;
    }
    context_.fail(name_expr.position, "name '" + name->id + "' is not defined");
  }
  context_.fail(name_expr.position, "expected a variable");
}

Value Evaluator::lookup(const std::string& name, const py::Position& at) const {
  if (!frames_.empty()) {
    auto it = frames_.back().names.find(name);
    if (it != frames_.back().names.end()) return it->second;
    if (Scope* outer = const_cast<Evaluator*>(this)->enclosing_scope_of(name))
      return outer->at(name);
  }
  auto it = globals_.find(name);
  if (it != globals_.end()) {
    if (auto* unevaluated = it->second.get<Unevaluated>()) throw unevaluated->error;
    return it->second;
  }
  if (builtin_names().count(name)) return Symbol{"builtins." + name};
  if (star_imports_.size() == 1) {
    std::string path = star_imports_[0] + "." + name;
    if (std::optional<Value> known = host_.app_value(path)) return *known;
    return Symbol{path};
  }
  context_.fail(at, "name '" + name + "' is not defined");
}

// ---- calls ----

Arguments Evaluator::arguments(const py::Call& call) {
  Arguments args;
  for (const auto& arg : call.args) {
    if (auto* starred = std::get_if<py::Starred>(&arg->node)) {
      for (Value& item : items(evaluate(*starred->value), arg->position)) {
        args.positional.push_back({std::move(item), arg->position});
      }
    } else {
      args.positional.push_back({evaluate(*arg), arg->position});
    }
  }
  for (const auto& keyword : call.keywords) {
    Value value = evaluate(*keyword.value);
    if (keyword.name) {
      args.keywords.emplace_back(*keyword.name,
                                 Argument{std::move(value), keyword.value->position});
      continue;
    }
    auto* dict = value.get<DictValue>();
    if (!dict) fail_unpacking(keyword.value->position, value);
    for (size_t i = 0; i < dict->keys.size(); ++i) {
      auto* key = dict->keys[i].get<std::string>();
      if (!key) context_.fail(keyword.value->position, "** needs string keys");
      args.keywords.emplace_back(*key, Argument{dict->values[i], keyword.value->position});
    }
  }
  return args;
}

Value Evaluator::call(const py::Call& call, const py::Expr& expr) {
  if (auto* attr = std::get_if<py::Attribute>(&call.func->node)) {
    static const std::set<std::string, std::less<>> mutators = {"append", "extend", "insert"};
    Value receiver = evaluate(*attr->value);
    if (mutators.count(attr->attr) && receiver.get<ListValue>() &&
        std::holds_alternative<py::Name>(attr->value->node)) {
      Arguments args = arguments(call);
      return mutate(variable(*attr->value), attr->attr, std::move(args), expr);
    }
    if (auto* symbol = receiver.get<Symbol>()) {
      return call_value(Symbol{symbol->path + "." + attr->attr}, arguments(call), expr);
    }
    return method(receiver, attr->attr, arguments(call), expr);
  }
  Value callee = evaluate(*call.func);
  return call_value(callee, arguments(call), expr);
}

Value Evaluator::call_value(const Value& callee, Arguments args, const py::Expr& expr) {
  if (auto* function = callee.get<FunctionValue>()) return invoke(*function, std::move(args), expr);
  if (auto* symbol = callee.get<Symbol>()) {
    if (symbol->path.rfind("builtins.", 0) == 0)
      return builtin(symbol->path.substr(9), std::move(args), expr);
    return host_.call_symbol(canonical_symbol(symbol->path), std::move(args), expr);
  }
  if (auto* opaque = callee.get<Opaque>())
    return Opaque{opaque->description + "(...)", opaque->statement, opaque->runtime};
  context_.fail(expr.position, describe(callee) + " is not callable");
}

Value Evaluator::invoke(const FunctionValue& function, Arguments args, const py::Expr& expr) {
  const py::FunctionDef& def = *function.def;
  // An async function's body is read where it is called, its awaits as their values: what
  // asyncio.run(f()) or an application's run-coroutine helper around the call does.
  if (!def.decorators.empty()) {
    context_.fail(def.decorators.front()->position,
                  "decorators are not supported by the interpreter");
  }
  if (depth_ >= 64) context_.fail(expr.position, "calls nest too deeply (recursion?)");
  Scope frame;
  size_t next = 0;
  bool keyword_only = false;
  for (const auto& parameter : def.parameters) {
    if (parameter.kind == py::Parameter::Kind::kVarArgs) {
      keyword_only = true;
      ListValue rest{{}, true};
      for (; next < args.positional.size(); ++next)
        rest.items.push_back(args.positional[next].value);
      if (!parameter.name.empty()) frame[parameter.name] = std::move(rest);
      continue;
    }
    if (parameter.kind == py::Parameter::Kind::kKwArgs) {
      DictValue rest;
      for (auto& [key, arg] : args.keywords) {
        rest.keys.push_back(key);
        rest.values.push_back(arg.value);
      }
      args.keywords.clear();
      frame[parameter.name] = std::move(rest);
      continue;
    }
    auto keyword = std::find_if(args.keywords.begin(), args.keywords.end(),
                                [&](const auto& k) { return k.first == parameter.name; });
    if (!keyword_only && next < args.positional.size()) {
      if (keyword != args.keywords.end()) {
        context_.fail(keyword->second.at,
                      def.name + "() got multiple values for '" + parameter.name + "'");
      }
      frame[parameter.name] = args.positional[next++].value;
    } else if (keyword != args.keywords.end()) {
      frame[parameter.name] = keyword->second.value;
      args.keywords.erase(keyword);
    } else if (parameter.default_value) {
      // Defaults belong to the module scope the function was defined in, not to the caller.
      push_frame({});
      try {
        frame[parameter.name] = evaluate(*parameter.default_value);
      } catch (...) {
        frames_.pop_back();
        throw;
      }
      frames_.pop_back();
    } else {
      context_.fail(expr.position, def.name + "() is missing argument '" + parameter.name + "'");
    }
  }
  if (next < args.positional.size()) {
    context_.fail(args.positional[next].at,
                  def.name + "() takes " + std::to_string(next) + " positional arguments");
  }
  if (!args.keywords.empty()) {
    context_.fail(args.keywords.front().second.at,
                  def.name + "() got an unexpected argument '" + args.keywords.front().first + "'");
  }
  push_frame(std::move(frame), function.defined_in, function.enclosing);
  ++depth_;
  return_value_ = NoneValue{};
  Flow flow;
  try {
    flow = execute(def.body);
  } catch (...) {
    frames_.pop_back();
    --depth_;
    throw;
  }
  frames_.pop_back();
  --depth_;
  if (flow == Flow::kBreak || flow == Flow::kContinue) {
    context_.fail(expr.position, "'break' or 'continue' outside a loop");
  }
  Value result = flow == Flow::kReturn ? std::move(return_value_) : Value(NoneValue{});
  return_value_ = NoneValue{};
  return result;
}

Evaluator::Flow Evaluator::execute_while(const py::While& loop, const py::Stmt& stmt) {
  for (int rounds = 0;; ++rounds) {
    Value test = evaluate(*loop.test);
    if (is_runtime(test)) {
      bool outer = std::exchange(maybe_break_, false);  // its breaks are its own
      Flow flow = execute_data_dependent(loop.body, loop.orelse, loop.test->position,
                                         "a while loop over " + describe(test));
      maybe_break_ = outer;
      return flow;
    }
    if (!truthy(test, loop.test->position)) return execute(loop.orelse);
    if (rounds == 100000) context_.fail(stmt.position, "while loop too long for the interpreter");
    bool outer = std::exchange(maybe_break_, false);
    Flow flow = execute(loop.body);
    bool ended_by_data = std::exchange(maybe_break_, outer);
    if (flow == Flow::kBreak) return Flow::kNormal;
    if (flow == Flow::kReturn) return flow;
    if (ended_by_data) {
      // `while True: ... if result.rowcount == 0: break`, a batched data migration: how many
      // rounds it takes is the data's; the body was read once.
      return execute_data_dependent({}, {}, loop.test->position,
                                    "a while loop ended by a test on the data");
    }
  }
}

Evaluator::Flow Evaluator::execute_data_dependent(const py::Body& body, const py::Body& orelse,
                                                  const py::Position& at, const std::string& why,
                                                  DataCause cause) {
  host_.data_dependent(
      at, why,
      [&] {
        for (const py::Body* branch : {&body, &orelse}) {
          if (execute(*branch) == Flow::kBreak) maybe_break_ = true;
        }
      },
      cause);
  return Flow::kNormal;
}

bool Evaluator::truthy(const Value& value, const py::Position& at) const {
  if (value.is_none()) return false;
  if (auto* b = value.get<bool>()) return *b;
  if (auto* i = value.get<std::int64_t>()) return *i != 0;
  if (auto* d = value.get<double>()) return *d != 0;
  if (auto* s = value.get<std::string>()) return !s->empty();
  if (auto* l = value.get<ListValue>()) return !l->items.empty();
  if (auto* d = value.get<DictValue>()) return !d->keys.empty();
  if (value.get<Opaque>() || value.get<SqlText>() || value.get<HostObject>()) {
    context_.fail(at, "the condition depends on " + describe(value) +
                          ", which the interpreter does not know");
  }
  return true;
}

}  // namespace asq::interp
