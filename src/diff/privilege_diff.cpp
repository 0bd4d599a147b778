// Owners and privileges (--privileges): ALTER ... OWNER TO, then REVOKE and GRANT, for every
// object of `to` whose owner or grants differ from what it has in `from` after the other ops of
// the diff ran. An object created (or dropped and created again) by the diff starts from what a
// migration gives a new object (schema/privileges.h); a dropped one takes its grants with it.

#include <algorithm>
#include <map>
#include <set>

#include "diff/diff_context.h"
#include "diff/merge.h"
#include "ops/exhaustive.h"
#include "schema/identity.h"
#include "schema/privileges.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

using Key = std::pair<std::string, std::string>;  // target, column ("" for the object itself)

bool has_privileges(CatalogObject::Kind kind) {
  using Kind = CatalogObject::Kind;
  return kind != Kind::kIndex && kind != Kind::kTrigger && kind != Kind::kEventTrigger &&
         kind != Kind::kPolicy;
}

/// Every object and column of `schema` that can hold privileges. A view's columns are not in
/// the model: (view, "*") stands for all of them.
std::set<Key> privilege_holders(const Schema& schema) {
  std::set<Key> out{{schema_target("public"), ""}};
  for (const std::string& name : schema.schemas) out.insert({schema_target(name), ""});
  for (const EnumType& e : schema.enums) out.insert({enum_target(e.name), ""});
  for (const Sequence& s : schema.sequences) out.insert({sequence_target(s.name), ""});
  for (const Table& table : schema.tables) {
    out.insert({table_target(table.name), ""});
    for (const Column& column : table.columns) {
      out.insert({table_target(table.name), column.name});
      if (column.identity.empty()) continue;
      out.insert(
          {sequence_target({table.name.schema, identity_sequence_name(table.name.name, column)}),
           ""});
    }
  }
  for (const CatalogObject& o : schema.objects) {
    if (!has_privileges(o.kind)) continue;
    out.insert({object_target(o), ""});
    out.insert({object_target(o), "*"});
  }
  return out;
}

bool holds(const std::set<Key>& holders, const Key& key) {
  return holders.count(key) || holders.count({key.first, "*"});
}

/// What the ops of the diff drop (and maybe create again): those start afresh.
struct DroppedTargets {
  std::set<Key> keys;
  void operator()(const DropTable& o) { keys.insert({table_target(o.name), ""}); }
  void operator()(const DropColumn& o) { keys.insert({table_target(o.table), o.column}); }
  void operator()(const DropSequence& o) { keys.insert({sequence_target(o.name), ""}); }
  void operator()(const DropEnum& o) { keys.insert({enum_target(o.name), ""}); }
  void operator()(const DropSchema& o) { keys.insert({schema_target(o.name), ""}); }
  void operator()(const DropObject& o) { keys.insert({object_target(o.object), ""}); }
  /// The kinds that drop nothing that holds privileges; a new kind must be placed.
  template <typename T>
  void operator()(const T&) {
    static_assert(kOneOf<T, CreateSchema, CreateExtension, DropExtension, CreateEnum, AddEnumValue,
                         CreateSequence, SetSequenceOwner, CreateTable, RenameTable,
                         SetTableComment, AddColumn, AlterColumn, CreateIndex, DropIndex,
                         AddConstraint, DropConstraint, SetRowSecurity, SetTableStorage,
                         CreateObject, SetObjectComment, SetComment, Execute>,
                  "DroppedTargets misses an op kind");
  }

  /// Whether the object (or the column's table) is dropped.
  bool dropped(const Key& key) const { return keys.count(key) || keys.count({key.first, ""}); }
};

/// `privileges` and `columns` as GRANT lists them: "SELECT, UPDATE" or "SELECT (c), UPDATE (c)".
std::string privilege_list(const std::vector<std::string>& privileges, const std::string& column) {
  std::string out;
  for (const std::string& privilege : privileges) {
    if (!out.empty()) out += ", ";
    out += privilege;
    if (!column.empty()) out += " (" + quote_identifier(column) + ")";
  }
  return out;
}

/// The GRANT and REVOKE statements of one object, per grantee, revokes first.
class GrantStatements {
 public:
  explicit GrantStatements(const Privileges& target) : target_(target) {}

  void revoke(const Grant& g) { revokes_[g.grantee].push_back(g.privilege); }
  void revoke_option(const Grant& g) { revoked_options_[g.grantee].push_back(g.privilege); }
  void grant(const Grant& g) {
    (g.grantable ? grant_options_ : grants_)[g.grantee].push_back(g.privilege);
  }

  void emit(PhasedOps& ops) const {
    std::string on = " ON " + grant_target(target_.target);
    for (const auto& [role, privileges] : revoked_options_) {
      add(ops, "REVOKE GRANT OPTION FOR " + list(privileges) + on + " FROM " + role_spelling(role));
    }
    for (const auto& [role, privileges] : revokes_) {
      add(ops, "REVOKE " + list(privileges) + on + " FROM " + role_spelling(role));
    }
    // Grantees in the target's ACL order (a new grantee goes to the end of the ACL), then any
    // the order does not list.
    for (const std::string& role : grantees_in_order()) {
      if (auto it = grants_.find(role); it != grants_.end()) {
        add(ops, "GRANT " + list(it->second) + on + " TO " + role_spelling(role));
      }
      if (auto it = grant_options_.find(role); it != grant_options_.end()) {
        add(ops,
            "GRANT " + list(it->second) + on + " TO " + role_spelling(role) + " WITH GRANT OPTION");
      }
    }
  }

 private:
  using ByRole = std::map<std::string, std::vector<std::string>>;
  std::string list(const std::vector<std::string>& privileges) const {
    return privilege_list(privileges, target_.column);
  }
  std::vector<std::string> grantees_in_order() const {
    std::vector<std::string> roles = target_.grantee_order;
    for (const ByRole* by_role : {&grants_, &grant_options_}) {
      for (const auto& [role, privileges] : *by_role) {
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
      }
    }
    return roles;
  }
  static void add(PhasedOps& ops, std::string sql) {
    ops.add(Phase::kPrivileges, Execute{std::move(sql)});
  }

  const Privileges& target_;
  ByRole revokes_, revoked_options_, grants_, grant_options_;
};

const Grant* find_grant(const std::vector<Grant>& grants, const Grant& like) {
  for (const Grant& g : grants) {
    if (g.grantee == like.grantee && g.privilege == like.privilege) return &g;
  }
  return nullptr;
}

void diff_grants(DiffContext& c, const Privileges& from, const Privileges& to) {
  GrantStatements statements(to);
  for (const Grant& before : from.grants) {
    const Grant* after = find_grant(to.grants, before);
    if (!after) {
      statements.revoke(before);
    } else if (before.grantable && !after->grantable) {
      statements.revoke_option(before);
    }
  }
  for (const Grant& after : to.grants) {
    const Grant* before = find_grant(from.grants, after);
    if (!before || (after.grantable && !before->grantable)) statements.grant(after);
  }
  statements.emit(c.ops);
}

/// Both sides of each object whose privileges may change, the `from` side as the other ops of
/// the diff leave it (fresh when they create it).
std::vector<std::pair<Privileges, Privileges>> changed_privileges(DiffContext& c) {
  DroppedTargets dropped;
  for (const Op& op : c.ops.in_order()) std::visit(dropped, op);
  for (const auto& [type, old_name] : c.recreated_enums)
    dropped.keys.insert({enum_target(type), ""});
  std::set<Key> before = privilege_holders(c.from);
  std::set<Key> after = privilege_holders(c.to);
  auto key_of = [](const Privileges& p) { return Key{p.target, p.column}; };
  std::vector<std::pair<Privileges, Privileges>> out;
  for (const auto& m : merge_by_key(c.from.privileges, c.to.privileges, key_of)) {
    Key key = key_of(m.to ? *m.to : *m.from);
    if (!holds(after, key)) continue;
    bool fresh = !holds(before, key) || dropped.dropped(key);
    Privileges from = fresh || !m.from ? default_privileges(key.first, key.second) : *m.from;
    Privileges to = m.to ? *m.to : default_privileges(key.first, key.second);
    // Whether a sequence follows its table is the object's, not its privileges': a default
    // entry of one side takes it from the other.
    bool linked = from.owner_follows_table || to.owner_follows_table;
    from.owner_follows_table = to.owner_follows_table = linked;
    if (!(from == to)) out.push_back({std::move(from), std::move(to)});
  }
  return out;
}

}  // namespace

void diff_privileges(DiffContext& c) {
  std::vector<std::pair<Privileges, Privileges>> changes = changed_privileges(c);
  // Owners first: ALTER TABLE ... OWNER TO moves the table's sequences, and a new owner takes
  // over the old one's grants, which the grants below start from.
  for (auto& [from, to] : changes) {
    if (!to.column.empty() || from.owner == to.owner) continue;
    if (!to.owner_follows_table) {
      c.ops.add(Phase::kPrivileges,
                Execute{"ALTER " + to.target + " OWNER TO " + role_spelling(to.owner)});
    }
    from = with_owner(std::move(from), to.owner);
  }
  for (const auto& [from, to] : changes) diff_grants(c, from, to);
}

}  // namespace asq
