// Partitions and inheritance written in SQL, for the in-memory engine: CREATE TABLE ...
// PARTITION OF, the bounds as pg_get_expr prints them, INHERITS / PARTITION BY after a column
// list, ALTER TABLE ... ATTACH / DETACH PARTITION.

#include <algorithm>

#include "common/text.h"
#include "interpret/partitioning.h"
#include "pgsim/partitions.h"
#include "pgsim/sql_reader.h"
#include "schema/partition_bound.h"
#include "sql/type_names.h"

namespace asq::memsql {
namespace {

/// The canonical types of the partition key of `parent`, in key order.
std::vector<std::string> key_types(const Schema& schema, const Table& parent) {
  std::vector<Column> columns = columns_with_inherited(schema, parent);
  std::vector<std::string> types;
  for (const std::string& name : partition_key_columns(parent)) {
    auto column = std::find_if(columns.begin(), columns.end(),
                               [&](const Column& c) { return c.name == name; });
    if (column == columns.end() || !column->collation.empty()) {
      throw ApplyError(
          "partition key column " + name + " of " + parent.name.display() + " is not modelled",
          true);
    }
    types.push_back(column->type);
  }
  return types;
}

/// A literal of the bound (string, signed number, word) printed for a key of `type`.
std::string bound_literal(Reader& r, const std::string& type, const ServerFacts& server) {
  BoundLiteral literal;
  const Token* token = r.peek();
  if (!token) r.unmodelled();
  if (token->kind == Token::Kind::kSymbol && (token->text == "-" || token->text == "+")) {
    std::string sign = token->text == "-" ? "-" : "";
    r.skip();
    literal.text = sign + r.number();
  } else if (token->kind == Token::Kind::kString) {
    literal = {r.string(), true};
  } else if (token->kind == Token::Kind::kNumber || token->kind == Token::Kind::kWord) {
    literal.text = token->text;
    r.skip();
  } else {
    r.unmodelled();
  }
  auto printed = printed_bound_value(literal, type, server.time_zone);
  if (!printed) r.unmodelled();
  return *printed;
}

/// `( v, ... )` of a range bound: one value per key column, MINVALUE / MAXVALUE allowed.
std::string range_values(Reader& r, const std::vector<std::string>& types,
                         const ServerFacts& server) {
  std::vector<std::string> values;
  r.expect_symbol("(");
  for (const std::string& type : types) {
    if (!values.empty()) r.expect_symbol(",");
    if (r.accept({"minvalue"})) {
      values.push_back("MINVALUE");
    } else if (r.accept({"maxvalue"})) {
      values.push_back("MAXVALUE");
    } else {
      values.push_back(bound_literal(r, type, server));
    }
    if (values.size() > 1 &&
        (values[values.size() - 2] == "MINVALUE" || values[values.size() - 2] == "MAXVALUE") &&
        values.back() != values[values.size() - 2]) {
      throw ApplyError("every bound following MINVALUE or MAXVALUE must be the same");
    }
  }
  r.expect_symbol(")");
  return "(" + join(values, ", ") + ")";
}

std::string list_values(Reader& r, const std::string& type, const ServerFacts& server) {
  std::vector<std::string> values;
  r.expect_symbol("(");
  do {
    values.push_back(r.accept({"null"}) ? "NULL" : bound_literal(r, type, server));
  } while (r.at_symbol(",") && (r.skip(), true));
  r.expect_symbol(")");
  return "(" + join(values, ", ") + ")";
}

/// WITH (MODULUS m, REMAINDER r), the two in either order.
std::string hash_values(Reader& r) {
  std::string modulus, remainder;
  r.expect_symbol("(");
  for (int i = 0; i < 2; ++i) {
    if (i > 0) r.expect_symbol(",");
    if (r.accept({"modulus"})) {
      modulus = r.number();
    } else if (r.accept({"remainder"})) {
      remainder = r.number();
    } else {
      r.unmodelled();
    }
  }
  r.expect_symbol(")");
  if (modulus.empty() || remainder.empty() || std::stoll(remainder) >= std::stoll(modulus)) {
    r.unmodelled();
  }
  return "(modulus " + modulus + ", remainder " + remainder + ")";
}

}  // namespace

std::string partition_bound(Reader& r, const Schema& schema, const Table& parent,
                            const ServerFacts& server) {
  std::string strategy = parent.partition_by.substr(0, parent.partition_by.find(' '));
  if (r.accept({"default"})) {
    if (strategy == "HASH") throw ApplyError("a hash-partitioned table may not have a default");
    return "DEFAULT";
  }
  r.expect({"for", "values"});
  std::vector<std::string> types = key_types(schema, parent);
  if (strategy == "RANGE" && r.accept({"from"})) {
    std::string from = range_values(r, types, server);
    r.expect({"to"});
    return "FOR VALUES FROM " + from + " TO " + range_values(r, types, server);
  }
  if (strategy == "LIST" && types.size() == 1 && r.accept({"in"})) {
    return "FOR VALUES IN " + list_values(r, types.front(), server);
  }
  if (strategy == "HASH" && r.accept({"with"})) return "FOR VALUES WITH " + hash_values(r);
  r.unmodelled();
}

Table partition_table(Reader& r, const Schema& schema, const QualifiedName& name,
                      const ServerFacts& server) {
  Table table;
  table.name = name;
  table.partition_of = r.qualified();
  const Table* parent = schema.table(*table.partition_of);
  if (!parent) throw ApplyError("table " + table.partition_of->display() + " does not exist");
  if (parent->partition_by.empty()) {
    throw ApplyError("table " + parent->name.display() + " is not partitioned");
  }
  if (r.at_symbol("(")) r.unmodelled();  // column options and constraints of the partition
  table.partition_bound = partition_bound(r, schema, *parent, server);
  table_options(r, table);
  return table;
}

void table_options(Reader& r, Table& table) {
  if (r.accept({"inherits"})) {
    if (table.partition_of) r.unmodelled();
    r.expect_symbol("(");
    do {
      table.inherits.push_back(r.qualified());
    } while (r.at_symbol(",") && (r.skip(), true));
    r.expect_symbol(")");
  }
  if (r.accept({"partition", "by"})) {
    try {
      interp::PartitionKey key = interp::partition_key_from_sql(r.rest_text());
      if (!key.as_written.empty()) r.unmodelled();  // expressions, collations, opclasses
      table.partition_by = key.text;
    } catch (const SpellingError&) {
      r.unmodelled();
    }
    while (!r.done()) r.skip();
  }
  if (!r.done()) r.unmodelled();  // WITH, TABLESPACE, USING, ON COMMIT, ...
}

bool apply_partition_action(Reader& r, Schema& schema, const QualifiedName& table,
                            const ServerFacts& server) {
  if (r.accept({"detach", "partition"})) {
    QualifiedName child = r.qualified();
    if (r.at("concurrently") || r.at("finalize")) r.unmodelled();
    detach_partition(schema, table, child);
    return true;
  }
  if (!r.accept({"attach", "partition"})) return false;
  QualifiedName child = r.qualified();
  const Table* parent = schema.table(table);
  if (!parent) throw ApplyError("table " + table.display() + " does not exist");
  if (parent->partition_by.empty()) {
    throw ApplyError("table " + table.display() + " is not partitioned");
  }
  std::string bound = partition_bound(r, schema, *parent, server);
  attach_partition(schema, table, child, bound);
  return true;
}

}  // namespace asq::memsql
