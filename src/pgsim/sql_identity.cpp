// Identity and generated columns written in SQL, for the in-memory engine: GENERATED ... AS
// IDENTITY with its sequence options, GENERATED ALWAYS AS (...) STORED, and the ALTER COLUMN
// forms that change an identity (SET GENERATED, SET START WITH, SET INCREMENT BY, ...).

#include "pgsim/sql_reader.h"
#include "schema/identity.h"

namespace asq::memsql {
namespace {

/// The sequence options an identity clause or ALTER COLUMN ... SET names, each when given.
struct SequenceChanges {
  std::optional<std::int64_t> start, increment, min_value, max_value, cache;
  std::optional<bool> cycle;
  bool no_min_value = false, no_max_value = false;
  std::string sequence_name;
};

std::int64_t signed_number(Reader& r) {
  bool negative = r.at_symbol("-");
  if (negative) r.skip();
  try {
    return (negative ? -1 : 1) * std::stoll(r.number());
  } catch (const std::exception&) {
    r.unmodelled();
  }
}

/// One option; false when none comes next. RESTART changes the next value, not the options.
bool sequence_option(Reader& r, SequenceChanges& c) {
  if (r.accept({"start"})) {
    r.accept({"with"});
    c.start = signed_number(r);
  } else if (r.accept({"increment"})) {
    r.accept({"by"});
    c.increment = signed_number(r);
  } else if (r.accept({"minvalue"})) {
    c.min_value = signed_number(r);
  } else if (r.accept({"maxvalue"})) {
    c.max_value = signed_number(r);
  } else if (r.accept({"no", "minvalue"})) {
    c.no_min_value = true;
  } else if (r.accept({"no", "maxvalue"})) {
    c.no_max_value = true;
  } else if (r.accept({"cache"})) {
    c.cache = signed_number(r);
  } else if (r.accept({"no", "cycle"})) {
    c.cycle = false;
  } else if (r.accept({"cycle"})) {
    c.cycle = true;
  } else if (r.accept({"restart"})) {
    if (r.accept({"with"}) || r.at_number() || r.at_symbol("-")) signed_number(r);
  } else if (r.accept({"sequence", "name"})) {
    QualifiedName name = r.qualified();
    c.sequence_name = name.name;
    if (name.schema != "public") r.unmodelled();  // the model names it within the table's schema
  } else {
    return false;
  }
  return true;
}

/// The options after applying `c` to a sequence with `values`, for a column of `type`.
IdentityOptions changed(const std::string& type, SequenceOptions values, const SequenceChanges& c,
                        const std::string& table, const std::string& column) {
  values.increment = c.increment.value_or(values.increment);
  SequenceOptions defaults =
      identity_sequence_values(type, IdentityOptions{std::nullopt, values.increment});
  if (c.no_min_value) values.min_value = defaults.min_value;
  if (c.no_max_value) values.max_value = defaults.max_value;
  values.min_value = c.min_value.value_or(values.min_value);
  values.max_value = c.max_value.value_or(values.max_value);
  values.start = c.start.value_or(values.start);
  values.cache = c.cache.value_or(values.cache);
  values.cycle = c.cycle.value_or(values.cycle);
  IdentityOptions options = identity_options(type, values);
  if (c.sequence_name != default_identity_sequence_name(table, column)) {
    options.sequence_name = c.sequence_name;
  }
  return options;
}

void require_integer_type(const Column& column) {
  if (column.type != "smallint" && column.type != "integer" && column.type != "bigint") {
    throw ApplyError("identity column type must be smallint, integer, or bigint");
  }
}

/// `ALWAYS` or `BY DEFAULT`.
std::string identity_kind(Reader& r) {
  if (r.accept({"always"})) return "always";
  r.expect({"by", "default"});
  return "by default";
}

}  // namespace

IdentityOptions new_identity_options(Reader& r, const std::string& table, const Column& column) {
  require_integer_type(column);
  SequenceChanges changes;
  if (r.at_symbol("(")) {
    r.expect_symbol("(");
    while (sequence_option(r, changes)) {
    }
    r.expect_symbol(")");
  }
  // What a new sequence starts from: the defaults for the type and the increment given.
  SequenceOptions values = identity_sequence_values(
      column.type, IdentityOptions{std::nullopt, changes.increment.value_or(1)});
  if (!changes.start) {
    changes.start = changes.increment.value_or(1) > 0
                        ? changes.min_value.value_or(values.min_value)
                        : changes.max_value.value_or(values.max_value);
  }
  return changed(column.type, values, changes, table, column.name);
}

void generated_clause(Reader& r, const std::string& table, Column& column) {
  if (r.accept({"always", "as"})) {
    if (r.accept({"identity"})) {
      column.identity = "always";
      column.identity_options = new_identity_options(r, table, column);
      return;
    }
    column.generated = r.parenthesized();  // printed the server's way when applied
    r.expect({"stored"});
    return;
  }
  r.expect({"by", "default", "as", "identity"});
  column.identity = "by default";
  column.identity_options = new_identity_options(r, table, column);
}

bool identity_change(Reader& r, const std::string& table, AlterColumn& op) {
  if (r.accept({"add", "generated"})) {
    op.identity = identity_kind(r);
    r.expect({"as", "identity"});
    op.identity_options = new_identity_options(r, table, op.existing);
    return true;
  }
  if (!r.at("set") && !r.at("restart")) return false;
  Reader probe = r;
  probe.accept({"set"});
  if (!probe.at("generated") && !probe.at("start") && !probe.at("increment") &&
      !probe.at("minvalue") && !probe.at("maxvalue") && !probe.at("no") && !probe.at("cache") &&
      !probe.at("cycle") && !r.at("restart")) {
    return false;
  }
  if (op.existing.identity.empty()) {
    throw ApplyError("column " + op.column + " is not an identity column");
  }
  SequenceChanges changes;
  while (true) {
    if (r.accept({"set", "generated"})) {
      op.identity = identity_kind(r);
    } else if (!(r.accept({"set"}), sequence_option(r, changes))) {
      break;
    }
  }
  if (!changes.sequence_name.empty()) r.unmodelled();  // not an ALTER COLUMN option
  SequenceOptions values = identity_sequence_values(op.existing.type, op.existing.identity_options);
  op.identity_options = changed(op.existing.type, values, changes, table, op.column);
  op.identity_options->sequence_name = op.existing.identity_options.sequence_name;
  return true;
}

}  // namespace asq::memsql
