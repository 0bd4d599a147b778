#pragma once

// What diff needs to know about canonical column types (format_type spelling): whether a change
// widens or narrows, whether ALTER COLUMN TYPE needs a USING cast, and which value can fill a
// new NOT NULL column.

#include <optional>
#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

enum class TypeChange {
  kSame,
  /// Every old value fits the new type unchanged (varchar(50) -> varchar(100), int -> bigint).
  kWidening,
  /// Some old values do not fit (varchar(100) -> varchar(50), bigint -> int, text -> varchar(n)).
  kNarrowing,
  /// Anything else: the cast may fail or change values.
  kOther,
};

/// How a column type change from `from` to `to` treats existing values.
TypeChange classify_type_change(const std::string& from, const std::string& to);

/// True when PostgreSQL has no assignment cast between the two types, so ALTER COLUMN TYPE
/// needs `USING column::type`.
bool needs_using(const std::string& from, const std::string& to);

/// The enum type a column type names (`public.x` or `public.x[]`), if `enums` has it.
const EnumType* enum_of(const std::string& type, const std::vector<EnumType>& enums);

/// A SQL expression of `type` to back-fill a new NOT NULL column without default: false, 0,
/// '', now(), '{}', gen_random_uuid(), the first label of an enum. nullopt when there is none.
std::optional<std::string> fill_value(const std::string& type, const std::vector<EnumType>& enums);

}  // namespace asq
