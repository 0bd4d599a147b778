#include "python/dump.h"

#include <string_view>

namespace asq::py {
namespace {

/// Appends S-expressions of nodes to one string.
class Dumper {
 public:
  std::string take() { return std::move(out_); }

  void expr(const Expr* expr) {
    if (!expr) {
      out_ += '_';
      return;
    }
    std::visit([this](const auto& node) { (*this)(node); }, expr->node);
  }
  void stmt(const Stmt& stmt) {
    std::visit([this](const auto& node) { (*this)(node); }, stmt.node);
  }

  void operator()(const Name& node) { out_ += node.id; }
  void operator()(const Attribute& node) { write("(. ", node.value, " ", node.attr, ")"); }
  void operator()(const String& node) {
    if (node.is_bytes) out_ += 'b';
    if (node.is_fstring) out_ += 'f';
    quote(node.value);
  }
  void operator()(const Number& node) { out_ += node.text; }
  void operator()(const Constant& node) {
    static const char* const kNames[] = {"None", "True", "False", "..."};
    out_ += kNames[static_cast<int>(node.kind)];
  }
  void operator()(const Starred& node) {
    write(node.double_star ? "(** " : "(* ", node.value, ")");
  }
  void operator()(const Call& node) {
    write("(call ", node.func);
    list(node.args);
    keywords(node.keywords);
    write(")");
  }
  void operator()(const Slice& node) {
    write("(slice ", node.lower, " ", node.upper, " ", node.step, ")");
  }
  void operator()(const Subscript& node) { write("(sub ", node.value, " ", node.index, ")"); }
  void operator()(const Tuple& node) { sequence("(tuple", node.elements); }
  void operator()(const List& node) { sequence("(list", node.elements); }
  void operator()(const Set& node) { sequence("(set", node.elements); }
  void operator()(const Dict& node) {
    write("(dict");
    for (size_t i = 0; i < node.keys.size(); ++i) {
      if (node.keys[i]) {
        write(" (: ", node.keys[i], " ", node.values[i], ")");
      } else {
        write(" (** ", node.values[i], ")");
      }
    }
    write(")");
  }
  void operator()(const Unary& node) { write("(", node.op, " ", node.operand, ")"); }
  void operator()(const Binary& node) { write("(", node.op, " ", node.left, " ", node.right, ")"); }
  void operator()(const BoolOp& node) { sequence("(" + node.op, node.values); }
  void operator()(const Compare& node) {
    write("(cmp ", node.left);
    for (size_t i = 0; i < node.ops.size(); ++i) write(" ", node.ops[i], " ", node.comparators[i]);
    write(")");
  }
  void operator()(const Conditional& node) {
    write("(if ", node.test, " ", node.body, " ", node.orelse, ")");
  }
  void operator()(const Lambda& node) {
    write("(lambda ");
    parameters(node.parameters);
    write(" ", node.body, ")");
  }
  void operator()(const Comprehension& node) {
    static const char* const kHeads[] = {"(listcomp ", "(setcomp ", "(genexp ", "(dictcomp "};
    write(kHeads[static_cast<int>(node.kind)]);
    if (node.key) write(node.key, " ");
    write(node.element);
    for (const ComprehensionFor& clause : node.generators) {
      write(" (for ", clause.target, " ", clause.iter);
      for (const ExprPtr& condition : clause.conditions) write(" (if ", condition, ")");
      write(")");
    }
    write(")");
  }

  void operator()(const Import& node) {
    if (node.is_from) {
      write("(from ", std::string(node.level, '.'), node.module, " import");
    } else {
      write("(import");
    }
    for (const ImportName& name : node.names) {
      write(" ", name.name);
      if (name.alias) write(":", *name.alias);
    }
    write(")");
  }
  void operator()(const Assign& node) {
    write("(=");
    list(node.targets);
    write(" ", node.value, ")");
  }
  void operator()(const AnnAssign& node) {
    write("(ann ", node.target, " ", node.annotation);
    if (node.value) write(" ", node.value);
    write(")");
  }
  void operator()(const AugAssign& node) {
    write("(", node.op, "= ", node.target, " ", node.value, ")");
  }
  void operator()(const FunctionDef& node) {
    write(node.is_async ? "(async def " : "(def ", node.name, " ");
    parameters(node.parameters);
    if (node.returns) write(" -> ", node.returns);
    decorators(node.decorators);
    write(" ");
    body(node.body);
    write(")");
  }
  void operator()(const ClassDef& node) {
    write("(class ", node.name, " (");
    const char* separator = "";
    for (const ExprPtr& base : node.bases) {
      write(separator, base);
      separator = " ";
    }
    for (const Keyword& keyword : node.keywords) {
      write(separator);
      this->keyword(keyword);
      separator = " ";
    }
    write(")");
    decorators(node.decorators);
    write(" ");
    body(node.body);
    write(")");
  }
  void operator()(const With& node) {
    write(node.is_async ? "(async with" : "(with");
    for (const WithItem& item : node.items) {
      if (item.target) {
        write(" (as ", item.context, " ", item.target, ")");
      } else {
        write(" ", item.context);
      }
    }
    write(" ");
    body(node.body);
    write(")");
  }
  void operator()(const If& node) { block_form("(if ", node.test, node.body, node.orelse); }
  void operator()(const For& node) {
    write(node.is_async ? "(async for " : "(for ", node.target, " ");
    block_form("", node.iter, node.body, node.orelse);
  }
  void operator()(const While& node) { block_form("(while ", node.test, node.body, node.orelse); }
  void operator()(const Try& node) {
    write("(try ");
    body(node.body);
    for (const ExceptHandler& handler : node.handlers) {
      write(" (except");
      if (handler.type) write(" ", handler.type);
      if (handler.name) write(" as ", *handler.name);
      write(" ");
      body(handler.body);
      write(")");
    }
    if (!node.orelse.empty()) {
      write(" (else ");
      body(node.orelse);
      write(")");
    }
    if (!node.finalbody.empty()) {
      write(" (finally ");
      body(node.finalbody);
      write(")");
    }
    write(")");
  }
  void operator()(const Return& node) {
    write("(return");
    if (node.value) write(" ", node.value);
    write(")");
  }
  void operator()(const Raise& node) {
    write("(raise");
    if (node.exception) write(" ", node.exception);
    if (node.cause) write(" from ", node.cause);
    write(")");
  }
  void operator()(const Assert& node) {
    write("(assert ", node.test);
    if (node.message) write(" ", node.message);
    write(")");
  }
  void operator()(const Delete& node) { sequence("(del", node.targets); }
  void operator()(const Global& node) {
    write(node.is_nonlocal ? "(nonlocal" : "(global");
    for (const std::string& name : node.names) write(" ", name);
    write(")");
  }
  void operator()(const Pass&) { write("pass"); }
  void operator()(const Break&) { write("break"); }
  void operator()(const Continue&) { write("continue"); }
  void operator()(const ExprStmt& node) { write("(expr ", node.value, ")"); }

 private:
  void put(std::string_view text) { out_ += text; }
  void put(const ExprPtr& operand) { expr(operand.get()); }
  template <class... Parts>
  void write(const Parts&... parts) {
    (put(parts), ...);
  }

  void list(const std::vector<ExprPtr>& exprs) {
    for (const ExprPtr& e : exprs) write(" ", e);
  }
  void sequence(const std::string& head, const std::vector<ExprPtr>& exprs) {
    write(head);
    list(exprs);
    write(")");
  }
  void keyword(const Keyword& keyword) {
    if (keyword.name) {
      write(*keyword.name, "=", keyword.value);
    } else {
      write("**", keyword.value);
    }
  }
  void keywords(const std::vector<Keyword>& keywords) {
    for (const Keyword& keyword : keywords) {
      write(" ");
      this->keyword(keyword);
    }
  }
  void decorators(const std::vector<ExprPtr>& decorators) {
    for (const ExprPtr& decorator : decorators) write(" @", decorator);
  }
  void body(const Body& statements) {
    write("[");
    for (size_t i = 0; i < statements.size(); ++i) {
      if (i > 0) write(" ");
      stmt(*statements[i]);
    }
    write("]");
  }
  void block_form(const char* head, const ExprPtr& test, const Body& then, const Body& orelse) {
    write(head, test, " ");
    body(then);
    if (!orelse.empty()) {
      write(" ");
      body(orelse);
    }
    write(")");
  }
  void parameters(const std::vector<Parameter>& parameters) {
    write("(");
    for (size_t i = 0; i < parameters.size(); ++i) {
      const Parameter& parameter = parameters[i];
      if (i > 0) write(" ");
      if (parameter.kind == Parameter::Kind::kVarArgs) write("*");
      if (parameter.kind == Parameter::Kind::kKwArgs) write("**");
      write(parameter.name);
      if (parameter.annotation) write(":", parameter.annotation);
      if (parameter.default_value) write("=", parameter.default_value);
      bool last_positional_only = parameter.positional_only && (i + 1 == parameters.size() ||
                                                                !parameters[i + 1].positional_only);
      if (last_positional_only) write(" /");
    }
    write(")");
  }
  void quote(const std::string& value) {
    static const char* const kHex = "0123456789abcdef";
    out_ += '"';
    for (char c : value) {
      unsigned char byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += c;
      } else if (c == '\n') {
        out_ += "\\n";
      } else if (c == '\t') {
        out_ += "\\t";
      } else if (byte < 0x20 || byte == 0x7f) {
        out_ += "\\x";
        out_ += kHex[byte >> 4];
        out_ += kHex[byte & 15];
      } else {
        out_ += c;
      }
    }
    out_ += '"';
  }

  std::string out_;
};

}  // namespace

std::string dump(const Expr& expr) {
  Dumper dumper;
  dumper.expr(&expr);
  return dumper.take();
}

std::string dump(const Stmt& stmt) {
  Dumper dumper;
  dumper.stmt(stmt);
  return dumper.take();
}

std::string dump(const Module& module) {
  std::string out;
  for (const StmtPtr& statement : module.body) {
    out += dump(*statement);
    out += '\n';
  }
  return out;
}

}  // namespace asq::py
