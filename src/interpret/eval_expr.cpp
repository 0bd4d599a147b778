// Expressions of the evaluator: literals, operators, formatting, builtins, methods of plain
// values.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

#include "interpret/eval.h"

namespace asq::interp {
namespace {

/// A comprehension over rows read from the database (or over a value the reader does not know):
/// its value is read from the database too (or unknown).
struct RuntimeSequence {
  Value value;
};

}  // namespace

namespace {

Value number_value(const std::string& written, const SourceContext& context,
                   const py::Position& at) {
  std::string text;
  for (char c : written) {
    if (c != '_') text += c;
  }
  if (text.find_first_of("jJ") != std::string::npos)
    context.fail(at, "complex numbers are not supported");
  int base = 10;
  size_t skip = 0;
  if (text.size() > 2 && text[0] == '0' && std::isalpha(static_cast<unsigned char>(text[1]))) {
    char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(text[1])));
    base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 0;
    skip = 2;
  }
  if (base == 10 && text.find_first_of(".eE") != std::string::npos) {
    return std::strtod(text.c_str(), nullptr);
  }
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data() + skip, text.data() + text.size(), value, base);
  if (base == 0 || error != std::errc() || end != text.data() + text.size()) {
    context.fail(at, "number " + written + " is not supported");
  }
  return value;
}

std::optional<double> as_number(const Value& value) {
  if (auto* i = value.get<std::int64_t>()) return static_cast<double>(*i);
  if (auto* d = value.get<double>()) return *d;
  if (auto* b = value.get<bool>()) return *b ? 1 : 0;
  return std::nullopt;
}

std::optional<std::int64_t> as_integer(const Value& value) {
  if (auto* i = value.get<std::int64_t>()) return *i;
  if (auto* b = value.get<bool>()) return *b ? 1 : 0;
  return std::nullopt;
}

}  // namespace

Value Evaluator::evaluate(const py::Expr& expr) {
  const py::Position& at = expr.position;
  if (auto* e = std::get_if<py::Name>(&expr.node)) return lookup(e->id, at);
  if (auto* e = std::get_if<py::String>(&expr.node)) {
    return e->is_fstring ? fstring(e->value, expr) : Value(e->value);
  }
  if (auto* e = std::get_if<py::Number>(&expr.node)) return number_value(e->text, context_, at);
  if (auto* e = std::get_if<py::Constant>(&expr.node)) {
    switch (e->kind) {
      case py::Constant::Kind::kNone:
        return NoneValue{};
      case py::Constant::Kind::kTrue:
        return true;
      case py::Constant::Kind::kFalse:
        return false;
      case py::Constant::Kind::kEllipsis:
        return Opaque{"..."};
    }
  }
  if (auto* e = std::get_if<py::Call>(&expr.node)) return call(*e, expr);
  if (auto* e = std::get_if<py::Attribute>(&expr.node)) return attribute(*e, expr);
  if (auto* e = std::get_if<py::Subscript>(&expr.node)) return subscript(*e, expr);
  if (auto* e = std::get_if<py::Tuple>(&expr.node)) return ListValue{elements(e->elements), true};
  if (auto* e = std::get_if<py::List>(&expr.node)) return ListValue{elements(e->elements), false};
  if (auto* e = std::get_if<py::Set>(&expr.node)) return ListValue{elements(e->elements), false};
  if (auto* e = std::get_if<py::Dict>(&expr.node)) {
    DictValue dict;
    std::optional<Opaque> unknown;  // a dict unpacked from a value the reader does not know
    for (size_t i = 0; i < e->keys.size(); ++i) {
      if (!e->keys[i]) {
        Value other = evaluate(*e->values[i]);
        if (auto* opaque = other.get<Opaque>()) {
          if (!unknown || opaque->runtime)
            unknown = Opaque{"a dict with the items of " + describe(other), false, opaque->runtime};
          continue;
        }
        auto* d = other.get<DictValue>();
        if (!d) fail_unpacking(e->values[i]->position, other);
        dict.keys.insert(dict.keys.end(), d->keys.begin(), d->keys.end());
        dict.values.insert(dict.values.end(), d->values.begin(), d->values.end());
        continue;
      }
      dict.keys.push_back(evaluate(*e->keys[i]));
      dict.values.push_back(evaluate(*e->values[i]));
    }
    if (unknown) return *unknown;
    return dict;
  }
  if (auto* e = std::get_if<py::Unary>(&expr.node)) return unary(*e, expr);
  if (auto* e = std::get_if<py::Binary>(&expr.node)) {
    Value left = evaluate(*e->left);
    return binary(e->op, left, evaluate(*e->right), at);
  }
  if (auto* e = std::get_if<py::BoolOp>(&expr.node)) {
    Value result;
    for (const auto& operand : e->values) {
      result = evaluate(*operand);
      if (is_runtime(result)) return Opaque{"a condition on " + describe(result), false, true};
      bool truth = truthy(result, operand->position);
      if (e->op == "and" ? !truth : truth) return result;
    }
    return result;
  }
  if (auto* e = std::get_if<py::Compare>(&expr.node)) return compare(*e, expr);
  if (auto* e = std::get_if<py::Conditional>(&expr.node)) {
    Value test = evaluate(*e->test);
    if (is_runtime(test)) return Opaque{"a value chosen by " + describe(test), false, true};
    return truthy(test, e->test->position) ? evaluate(*e->body) : evaluate(*e->orelse);
  }
  if (auto* e = std::get_if<py::Comprehension>(&expr.node)) return comprehension(*e, expr);
  if (std::holds_alternative<py::Lambda>(expr.node)) {
    // Not run: a lambda in a revision is a Python-side default or a callback of the
    // application (Column(default=lambda: ...)); called, it gives an unknown value.
    return Opaque{"a lambda"};
  }
  context_.fail(at, "this expression is not supported by the interpreter");
}

std::vector<Value> Evaluator::elements(const std::vector<py::ExprPtr>& exprs) {
  std::vector<Value> out;
  for (const auto& e : exprs) {
    if (auto* starred = std::get_if<py::Starred>(&e->node)) {
      for (Value& item : items(evaluate(*starred->value), e->position))
        out.push_back(std::move(item));
    } else {
      out.push_back(evaluate(*e));
    }
  }
  return out;
}

std::vector<Value> Evaluator::items(const Value& value, const py::Position& at) const {
  if (auto* l = value.get<ListValue>()) return l->items;
  if (auto* d = value.get<DictValue>()) return d->keys;
  if (auto* e = value.get<EnumClass>()) {
    std::vector<Value> out;
    for (size_t i = 0; i < e->names.size(); ++i) out.push_back(member_of(*e, i));
    return out;
  }
  if (auto* s = value.get<std::string>()) {
    std::vector<Value> out;
    for (char c : *s) out.push_back(std::string(1, c));
    return out;
  }
  context_.fail(
      at, "cannot iterate over " + describe(value) + ": the interpreter does not know its items");
}

std::string Evaluator::text_of(const Value& value, const py::Position& at, bool repr) const {
  auto text = repr ? to_repr(value) : to_str(value);
  if (!text && value.get<EnumMember>()) {
    context_.fail(at, "cannot format " + describe(value) +
                          " as text: how Python prints a member of an int or str enum (or one "
                          "with its own __str__) depends on its version; write " +
                          describe(value) + ".value or .name");
  }
  if (!text) {
    context_.fail(at, "cannot format " + describe(value) + " as text" + values_hint(value, "..."));
  }
  return *text;
}

std::int64_t Evaluator::integer(const Value& value, const py::Position& at) const {
  auto i = as_integer(value);
  if (!i) context_.fail(at, "expected an integer, found " + describe(value));
  return *i;
}

Value Evaluator::attribute(const py::Attribute& attribute, const py::Expr& expr) {
  Value object = evaluate(*attribute.value);
  if (auto* symbol = object.get<Symbol>()) {
    // op._proxy.migration_context (older recipes' way to the MigrationContext): op.get_context().
    if ((symbol->path == "alembic.op._proxy" || symbol->path == "op._proxy") &&
        attribute.attr == "migration_context") {
      return HostObject{HostObject::Kind::kMigrationContext, {}, expr.position};
    }
    std::string path = symbol->path + "." + attribute.attr;
    if (std::optional<Value> known = host_.app_value(path)) return *known;
    return Symbol{path};
  }
  if (auto* opaque = object.get<Opaque>())
    return Opaque{opaque->description + "." + attribute.attr, opaque->statement, opaque->runtime};
  if (auto* enum_class = object.get<EnumClass>()) {
    for (size_t i = 0; i < enum_class->names.size(); ++i) {
      if (enum_class->names[i] == attribute.attr) return member_of(*enum_class, i);
    }
    context_.fail(expr.position,
                  "the enum class " + enum_class->name + " has no member '" + attribute.attr + "'");
  }
  if (auto* member = object.get<EnumMember>()) {
    if (attribute.attr == "value") return member->value.front();
    if (attribute.attr == "name") return member->name;
  }
  if (object.get<HostObject>() || object.get<TableClause>() || object.get<TypeValue>() ||
      object.get<ColumnSpec>() || object.get<SqlText>()) {
    return host_.attribute(object, attribute.attr, expr);
  }
  context_.fail(expr.position, "attribute '" + attribute.attr + "' of " + describe(object) +
                                   " is not supported by the interpreter");
}

Value Evaluator::subscript(const py::Subscript& subscript, const py::Expr& expr) {
  Value container = evaluate(*subscript.value);
  if (container.get<Opaque>())
    return Opaque{describe(container) + "[...]", false, is_runtime(container)};
  if (auto* symbol = container.get<Symbol>(); symbol && symbol->path.rfind("typing.", 0) == 0) {
    // A type annotation (Dict[str, List[Model]], given to an application type): only passed on.
    return Opaque{symbol->path + "[...]"};
  }
  if (auto* dict = container.get<DictValue>()) {
    Value key = evaluate(*subscript.index);
    for (size_t i = 0; i < dict->keys.size(); ++i) {
      if (equal(dict->keys[i], key).value_or(false)) return dict->values[i];
    }
    context_.fail(subscript.index->position,
                  "key " + text_of(key, expr.position, true) + " is not in the dict");
  }
  std::vector<Value> sequence;
  bool is_string = container.get<std::string>() != nullptr;
  auto* list = container.get<ListValue>();
  if (!list && !is_string) {
    context_.fail(expr.position, "cannot subscript " + describe(container));
  }
  sequence = items(container, expr.position);
  std::int64_t size = static_cast<std::int64_t>(sequence.size());
  if (auto* slice = std::get_if<py::Slice>(&subscript.index->node)) {
    auto bound = [&](const py::ExprPtr& e, std::int64_t fallback) {
      if (!e) return fallback;
      std::int64_t v = integer(evaluate(*e), e->position);
      if (v < 0) v += size;
      return std::clamp<std::int64_t>(v, 0, size);
    };
    if (slice->step)
      context_.fail(slice->step->position, "slice steps are not supported by the interpreter");
    std::int64_t lower = bound(slice->lower, 0), upper = std::max(lower, bound(slice->upper, size));
    std::vector<Value> part(sequence.begin() + lower, sequence.begin() + upper);
    if (is_string) {
      std::string out;
      for (auto& v : part) out += *v.get<std::string>();
      return out;
    }
    return ListValue{std::move(part), list->is_tuple};
  }
  std::int64_t index = integer(evaluate(*subscript.index), subscript.index->position);
  if (index < 0) index += size;
  if (index < 0 || index >= size) context_.fail(subscript.index->position, "index out of range");
  return sequence[static_cast<size_t>(index)];
}

Value Evaluator::unary(const py::Unary& unary, const py::Expr& expr) {
  Value operand = evaluate(*unary.operand);
  if (unary.op == "await") return operand;  // an async function's body runs where it is called
  if (unary.op == "not") {
    if (operand.get<Opaque>())
      return Opaque{"not " + describe(operand), false, is_runtime(operand)};
    return !truthy(operand, unary.operand->position);
  }
  if (operand.get<Opaque>()) return operand;
  if (auto* i = operand.get<std::int64_t>()) {
    if (unary.op == "-") return -*i;
    if (unary.op == "+") return *i;
    if (unary.op == "~") return ~*i;
  }
  if (auto* b = operand.get<bool>()) {
    std::int64_t v = *b ? 1 : 0;
    if (unary.op == "-") return -v;
    if (unary.op == "+") return v;
  }
  if (auto* d = operand.get<double>()) {
    if (unary.op == "-") return -*d;
    if (unary.op == "+") return *d;
  }
  context_.fail(expr.position, "bad operand for unary " + unary.op + ": " + describe(operand));
}

Value Evaluator::binary(const std::string& op, const Value& left, const Value& right,
                        const py::Position& at) {
  if (left.get<Opaque>() || right.get<Opaque>()) {
    const Opaque* unknown = left.get<Opaque>() ? left.get<Opaque>() : right.get<Opaque>();
    return Opaque{"an expression with " + unknown->description, unknown->statement,
                  is_runtime(left) || is_runtime(right)};
  }
  if (op == "%" && left.get<std::string>())
    return percent_format(*left.get<std::string>(), right, at);
  if (op == "+") {
    if (auto* a = left.get<std::string>(), *b = right.get<std::string>(); a && b) return *a + *b;
    if (auto* a = left.get<ListValue>(), *b = right.get<ListValue>();
        a && b && a->is_tuple == b->is_tuple) {
      ListValue out = *a;
      out.items.insert(out.items.end(), b->items.begin(), b->items.end());
      return out;
    }
  }
  if (op == "*") {
    const Value* text = left.get<std::string>() || left.get<ListValue>() ? &left : &right;
    const Value& count = text == &left ? right : left;
    if ((text->get<std::string>() || text->get<ListValue>()) && as_integer(count)) {
      std::int64_t n = std::max<std::int64_t>(0, *as_integer(count));
      if (auto* s = text->get<std::string>()) {
        std::string out;
        for (std::int64_t i = 0; i < n; ++i) out += *s;
        return out;
      }
      ListValue out{{}, text->get<ListValue>()->is_tuple};
      for (std::int64_t i = 0; i < n; ++i) {
        const auto& source = text->get<ListValue>()->items;
        out.items.insert(out.items.end(), source.begin(), source.end());
      }
      return out;
    }
  }
  auto li = as_integer(left), ri = as_integer(right);
  if (li && ri) {
    std::int64_t a = *li, b = *ri;
    if (op == "+") return a + b;
    if (op == "-") return a - b;
    if (op == "*") return a * b;
    if ((op == "//" || op == "%") && b == 0) context_.fail(at, "division by zero");
    if (op == "//")
      return static_cast<std::int64_t>(std::floor(static_cast<double>(a) / static_cast<double>(b)));
    if (op == "%") return ((a % b) + b) % b;
    if (op == "&") return a & b;
    if (op == "|") return a | b;
    if (op == "^") return a ^ b;
    if (op == "<<") return a << b;
    if (op == ">>") return a >> b;
    if (op == "**" && b >= 0) return static_cast<std::int64_t>(std::pow(a, b));
  }
  auto ln = as_number(left), rn = as_number(right);
  if (ln && rn) {
    double a = *ln, b = *rn;
    if (op == "+") return a + b;
    if (op == "-") return a - b;
    if (op == "*") return a * b;
    if (op == "/") {
      if (b == 0) context_.fail(at, "division by zero");
      return a / b;
    }
    if (op == "**") return std::pow(a, b);
  }
  context_.fail(at, "unsupported operation: " + describe(left) + " " + op + " " + describe(right));
}

Value Evaluator::compare(const py::Compare& compare, const py::Expr& expr) {
  Value left = evaluate(*compare.left);
  for (size_t i = 0; i < compare.ops.size(); ++i) {
    const std::string& op = compare.ops[i];
    Value right = evaluate(*compare.comparators[i]);
    const py::Position& at = compare.comparators[i]->position;
    if (left.get<Opaque>() || right.get<Opaque>()) {
      return Opaque{"a comparison of unknown values", false, is_runtime(left) || is_runtime(right)};
    }
    bool result = false;
    if (op == "==" || op == "!=" || op == "is" || op == "is not") {
      auto same = equal(left, right);
      if (!same)
        context_.fail(expr.position,
                      "cannot compare " + describe(left) + " with " + describe(right));
      result = (op == "==" || op == "is") ? *same : !*same;
    } else if (op == "in" || op == "not in") {
      bool found = false;
      if (auto* s = right.get<std::string>()) {
        auto* needle = left.get<std::string>();
        if (!needle) context_.fail(at, "'in <string>' needs a string on the left");
        found = s->find(*needle) != std::string::npos;
      } else {
        for (const Value& item : items(right, at)) {
          if (equal(item, left).value_or(false)) found = true;
        }
      }
      result = op == "in" ? found : !found;
    } else {
      int order = 0;
      auto ln = as_number(left), rn = as_number(right);
      auto* ls = left.get<std::string>();
      auto* rs = right.get<std::string>();
      if (ln && rn) {
        order = *ln < *rn ? -1 : *ln > *rn ? 1 : 0;
      } else if (ls && rs) {
        order = ls->compare(*rs) < 0 ? -1 : ls->compare(*rs) > 0 ? 1 : 0;
      } else {
        context_.fail(expr.position, "cannot order " + describe(left) + " and " + describe(right));
      }
      result = op == "<" ? order < 0 : op == "<=" ? order <= 0 : op == ">" ? order > 0 : order >= 0;
    }
    if (!result) return false;
    left = std::move(right);
  }
  return true;
}

Value Evaluator::comprehension(const py::Comprehension& comprehension, const py::Expr& expr) {
  // The comprehension's own names over a copy of the current frame's, in the same closure.
  if (frames_.empty()) {
    push_frame({});
  } else {
    push_frame(frames_.back().names, frames_.back().enclosing, frames_.back().snapshot);
  }
  ListValue list;
  DictValue dict;
  try {
    comprehend(comprehension, 0, [&] {
      if (comprehension.kind == py::Comprehension::Kind::kDict) {
        dict.keys.push_back(evaluate(*comprehension.key));
        dict.values.push_back(evaluate(*comprehension.element));
      } else {
        list.items.push_back(evaluate(*comprehension.element));
      }
    });
  } catch (const RuntimeSequence& sequence) {
    frames_.pop_back();
    return Opaque{"a comprehension over " + describe(sequence.value), false,
                  is_runtime(sequence.value)};
  } catch (...) {
    frames_.pop_back();
    throw;
  }
  frames_.pop_back();
  (void)expr;
  if (comprehension.kind == py::Comprehension::Kind::kDict) return dict;
  return list;
}

void Evaluator::comprehend(const py::Comprehension& comprehension, size_t level,
                           const std::function<void()>& emit) {
  if (level == comprehension.generators.size()) {
    emit();
    return;
  }
  const py::ComprehensionFor& generator = comprehension.generators[level];
  Value sequence = evaluate(*generator.iter);
  if (sequence.get<Opaque>()) throw RuntimeSequence{std::move(sequence)};
  for (Value& item : items(sequence, generator.iter->position)) {
    assign(*generator.target, std::move(item));
    bool keep = true;
    for (const auto& condition : generator.conditions) {
      if (!truthy(evaluate(*condition), condition->position)) keep = false;
    }
    if (keep) comprehend(comprehension, level + 1, emit);
  }
}

}  // namespace asq::interp
