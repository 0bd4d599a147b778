// Domains and composite types written in SQL, kept as domains.sql and composite_types.sql print
// them, and the columns that use them.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/text.h"
#include "pgsim/objects.h"
#include "schema/defaults.h"
#include "sql/identifiers.h"
#include "sql/type_names.h"

namespace asq::memsql {
namespace {

using Kind = CatalogObject::Kind;

/// `COLLATE x` as the catalog queries print it; "" for the type's own collation.
std::string collation_text(Reader& r) {
  std::string name = r.identifier();
  if (r.at_symbol(".")) {
    if (name != "pg_catalog") r.unmodelled();
    r.expect_symbol(".");
    name = r.identifier();
  }
  if (name == "default") return "";
  if (name != "C" && name != "POSIX") r.unmodelled();  // which collations exist: the server's
  return "pg_catalog." + quote_identifier(name);
}

// ---- domains ----

struct Domain {
  QualifiedName name;
  std::string base;
  std::string collation;
  std::optional<std::string> default_value;
  bool not_null = false;
  std::map<std::string, std::string> checks;  // by name: the expression inside CHECK ( )
};

/// A domain CHECK in the form pg_get_constraintdef prints it, with VALUE typed as the base.
std::string check_expression(Reader& r, const std::string& text, const std::string& base,
                             const Schema& schema) {
  auto type_of = [&](std::string_view name) { return name == "value" ? base : std::string(); };
  std::optional<std::string> canonical = canonical_expression(text, type_of, schema.extensions);
  if (!canonical) r.unmodelled();
  std::string out;
  size_t copied = 0;
  for (const auto& statement : statements_of(*canonical)) {
    for (const Token& token : statement) {
      if (token.kind != Token::Kind::kWord || token.text != "value") continue;
      out += canonical->substr(copied, token.begin - copied) + "VALUE";
      copied = token.end;
    }
  }
  return out + canonical->substr(copied);
}

/// Every constraint name of schema `namespace_` (tables' and domains'): what
/// ChooseConstraintName avoids.
bool constraint_name_taken(const Schema& schema, const std::string& namespace_,
                           const std::string& name);

std::string chosen_check_name(const Schema& schema, const Domain& domain) {
  auto taken = [&](const std::string& name) {
    return domain.checks.count(name) || constraint_name_taken(schema, domain.name.schema, name);
  };
  std::string name = object_name(domain.name.name, "", "check");
  for (int pass = 1; taken(name); ++pass) {
    name = object_name(domain.name.name, "", "check" + std::to_string(pass));
  }
  return name;
}

/// `[CONSTRAINT name] NOT NULL | NULL | CHECK (...)`; false when none comes next.
bool read_domain_constraint(Reader& r, const Schema& schema, Domain& d) {
  std::string name;
  if (r.accept({"constraint"})) name = r.identifier();
  if (r.accept({"not", "null"})) {
    d.not_null = true;
  } else if (r.accept({"null"})) {
    d.not_null = false;
  } else if (r.accept({"check"})) {
    std::string expression = check_expression(r, r.parenthesized(), d.base, schema);
    if (r.at("not")) r.unmodelled();  // NOT VALID
    if (name.empty()) name = chosen_check_name(schema, d);
    if (d.checks.count(name)) throw ApplyError("constraint " + name + " for domain exists");
    d.checks[name] = expression;
  } else {
    if (!name.empty()) r.unmodelled();
    return false;
  }
  return true;
}

Domain read_domain(Reader& r, const Schema& schema) {
  Domain d;
  d.name = r.qualified();
  r.accept({"as"});
  d.base =
      canonical_type(r, r.text_until({"collate", "default", "constraint", "not", "null", "check"}));
  while (!r.done()) {
    if (r.accept({"collate"})) {
      d.collation = collation_text(r);
    } else if (r.accept({"default"})) {
      std::string text = r.text_until({"constraint", "not", "null", "check", "collate"});
      try {
        d.default_value = default_from_sql(text, d.base);
      } catch (const SpellingError&) {
        r.unmodelled();
      }
    } else if (!read_domain_constraint(r, schema, d)) {
      r.unmodelled();
    }
  }
  return d;
}

CatalogObject object_of(const Domain& d) {
  std::string text = "CREATE DOMAIN " + qualified_spelling(d.name) + " AS " + d.base;
  if (!d.collation.empty()) text += " COLLATE " + d.collation;
  if (d.default_value) text += " DEFAULT " + *d.default_value;
  if (d.not_null) text += " NOT NULL";
  for (const auto& [name, expression] : d.checks) {
    text += "\n  CONSTRAINT " + quote_identifier(name) + " CHECK (" + expression + ")";
  }
  CatalogObject object;
  object.kind = Kind::kDomain;
  object.name = d.name;
  object.definition = text;
  return object;
}

Domain read_back_domain(const CatalogObject& object, const Schema& schema) {
  OwnedReader owned(object.definition);
  owned.reader().expect({"create", "domain"});
  return read_domain(owned.reader(), schema);
}

bool constraint_name_taken(const Schema& schema, const std::string& namespace_,
                           const std::string& name) {
  for (const Table& table : schema.tables) {
    if (table.name.schema != namespace_) continue;
    for (const Constraint& k : table.constraints) {
      if (k.name == name) return true;
    }
  }
  for (const CatalogObject& object : schema.objects) {
    if (object.kind == Kind::kDomain && object.name.schema == namespace_ &&
        object.definition.find("\n  CONSTRAINT " + quote_identifier(name) + " CHECK ") !=
            std::string::npos) {
      return true;
    }
  }
  return false;
}

// ---- composite types ----

struct Attribute {
  std::string name;
  std::string type;
  std::string collation;
};

struct Composite {
  QualifiedName name;
  std::vector<Attribute> attributes;
};

/// The rest of CREATE TYPE name AS ( ... ) after the name.
Composite read_composite(Reader& r, const QualifiedName& name) {
  Composite c{name, {}};
  r.expect({"as"});
  r.expect_symbol("(");
  while (!r.at_symbol(")")) {
    Attribute a;
    a.name = r.identifier();
    a.type = canonical_type(r, r.text_until({"collate"}));
    if (r.accept({"collate"})) a.collation = collation_text(r);
    c.attributes.push_back(a);
    if (!r.at_symbol(")")) r.expect_symbol(",");
  }
  r.expect_symbol(")");
  if (!r.done()) r.unmodelled();
  return c;
}

CatalogObject object_of(const Composite& c) {
  std::vector<std::string> attributes;
  for (const Attribute& a : c.attributes) {
    attributes.push_back(quote_identifier(a.name) + " " + a.type +
                         (a.collation.empty() ? "" : " COLLATE " + a.collation));
  }
  CatalogObject object;
  object.kind = Kind::kCompositeType;
  object.name = c.name;
  object.definition = "CREATE TYPE " + qualified_spelling(c.name) + " AS (" +
                      (attributes.empty() ? "" : "\n    " + join(attributes, ",\n    ") + "\n") +
                      ")";
  return object;
}

Composite read_back_composite(const CatalogObject& object) {
  OwnedReader owned(object.definition);
  Reader& r = owned.reader();
  r.expect({"create", "type"});
  QualifiedName name = r.qualified();
  return read_composite(r, name);
}

// ---- statements ----

/// Types and tables (whose row types share the name space of types).
void require_new_type_name(const Schema& schema, const QualifiedName& name) {
  bool taken = schema.table(name) ||
               std::any_of(schema.enums.begin(), schema.enums.end(),
                           [&](const EnumType& e) { return e.name == name; }) ||
               is_object_type(schema, qualified_spelling(name));
  if (taken) throw ApplyError("type " + name.display() + " already exists");
}

void create_domain(Reader& r, Schema& schema) {
  Domain d = read_domain(r, schema);
  require_new_type_name(schema, d.name);
  put_object(schema, object_of(d));
}

void alter_domain(Reader& r, Schema& schema) {
  QualifiedName name = r.qualified();
  CatalogObject* found = find_object(schema, Kind::kDomain, name);
  if (!found) throw ApplyError("type " + name.display() + " does not exist");
  CatalogObject old = *found;
  Domain d = read_back_domain(old, schema);
  if (r.accept({"add"})) {
    if (!read_domain_constraint(r, schema, d) || d.checks.empty()) r.unmodelled();
  } else if (r.accept({"drop", "constraint"})) {
    bool quiet = r.accept({"if", "exists"});
    std::string constraint = r.identifier();
    if (r.at("cascade")) r.unmodelled();
    r.accept({"restrict"});
    if (!d.checks.erase(constraint) && !quiet) {
      throw ApplyError("constraint " + constraint + " of domain " + name.display() +
                       " does not exist");
    }
  } else if (r.accept({"set", "default"})) {
    try {
      d.default_value = default_from_sql(r.text_until({}), d.base);
    } catch (const SpellingError&) {
      r.unmodelled();
    }
  } else if (r.accept({"drop", "default"})) {
    d.default_value.reset();
  } else if (r.accept({"set", "not", "null"})) {
    d.not_null = true;
  } else if (r.accept({"drop", "not", "null"})) {
    d.not_null = false;
  } else {
    r.unmodelled();  // RENAME, OWNER, SET SCHEMA, VALIDATE
  }
  if (!r.done()) r.unmodelled();
  CatalogObject changed = object_of(d);
  changed.comment = old.comment;
  put_object(schema, changed, true);
}

/// DROP DOMAIN / DROP TYPE of domains and composite types.
void drop_types(Reader& r, Schema& schema, const std::vector<Kind>& kinds) {
  bool quiet = r.accept({"if", "exists"});
  std::vector<CatalogObject> dropped;
  do {
    QualifiedName name = r.qualified();
    CatalogObject* found = nullptr;
    for (Kind kind : kinds) found = found ? found : find_object(schema, kind, name);
    if (!found && !quiet) throw ApplyError("type " + name.display() + " does not exist");
    if (found) dropped.push_back(*found);
  } while (r.at_symbol(",") && (r.expect_symbol(","), true));
  if (r.at("cascade")) r.unmodelled();
  r.accept({"restrict"});
  if (!r.done()) r.unmodelled();
  for (const CatalogObject& type : dropped) {
    if (type_in_use(schema, qualified_spelling(type.name))) {
      throw ApplyError("other objects depend on type " + type.name.display());
    }
    remove_object(schema, type);
  }
}

/// Whether the statement (after CREATE TYPE / DROP TYPE / ALTER TYPE) is about a composite
/// type or a domain: read on a copy, so nothing is consumed.
bool about_object_type(const Reader& r, Schema& schema, bool create) {
  Reader probe = r;
  try {
    if (create) {
      probe.qualified();
      return probe.accept({"as"}) && probe.at_symbol("(");
    }
    probe.accept({"if", "exists"});
    return is_object_type(schema, qualified_spelling(probe.qualified()));
  } catch (const ApplyError&) {
    return false;
  }
}

}  // namespace

bool apply_type_statement(Reader& r, Schema& schema) {
  if (r.accept({"create", "domain"})) return create_domain(r, schema), true;
  if (r.accept({"alter", "domain"})) return alter_domain(r, schema), true;
  if (r.accept({"drop", "domain"})) return drop_types(r, schema, {Kind::kDomain}), true;
  Reader probe = r;
  if (probe.accept({"create", "type"}) && about_object_type(probe, schema, true)) {
    r.expect({"create", "type"});
    QualifiedName name = r.qualified();
    Composite c = read_composite(r, name);
    require_new_type_name(schema, c.name);
    put_object(schema, object_of(c));
    return true;
  }
  Reader drop = r;
  if (drop.accept({"drop", "type"}) && about_object_type(drop, schema, false)) {
    r.expect({"drop", "type"});
    drop_types(r, schema, {Kind::kCompositeType, Kind::kDomain});
    return true;
  }
  Reader alter = r;
  if (alter.accept({"alter", "type"}) && about_object_type(alter, schema, false)) {
    r.unmodelled();  // ADD / DROP / ALTER ATTRIBUTE, RENAME: not modelled
  }
  return false;
}

bool type_in_use(const Schema& schema, const std::string& type) {
  auto uses = [&](const std::string& t) { return t == type || t == type + "[]"; };
  for (const Table& table : schema.tables) {
    for (const Column& column : table.columns) {
      if (uses(column.type)) return true;
    }
  }
  for (const CatalogObject& object : schema.objects) {
    if (object.kind == Kind::kCompositeType) {
      for (const Attribute& a : read_back_composite(object).attributes) {
        if (uses(a.type)) return true;
      }
    }
    if (object.kind == Kind::kDomain && uses(read_back_domain(object, schema).base)) return true;
  }
  return false;
}

}  // namespace asq::memsql
