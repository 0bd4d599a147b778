#pragma once

// What the server's catalogs say about the types, operators and functions the expression
// printer models: implicit casts, type categories and preferred types, operator and function
// signatures, and the server's rules for choosing among candidates (func_select_candidate,
// select_common_type). Internal to src/schema.

#include <optional>
#include <string>
#include <vector>

namespace asq::expr {

/// A parameter accepting any type, left uncoerced ("any" of concat()).
inline constexpr const char* kAnyType = "\"any\"";
/// The type of a string literal not yet given one.
inline constexpr const char* kUnknown = "unknown";

struct Signature {
  std::vector<std::string> params;
  std::string result;
  /// The last parameter repeats (VARIADIC "any").
  bool variadic = false;
  /// The schema of an operator outside pg_catalog, as printed (`public`); "" for pg_catalog's.
  std::string schema = {};
};

/// Whether `type` is the citext extension's type (`public.citext`). Only types the caller
/// vouched for as the extension's reach the catalog under that name.
bool is_citext(const std::string& type);

/// The schema `type`, citext, lives in, as printed (`public`).
std::string citext_schema(const std::string& type);

/// Whether the server's parser applies a cast from `from` to `to` on its own (base types).
bool implicit_cast(const std::string& from, const std::string& to);

/// Whether the cast from `from` to `to` (base types) calls a function (pg_cast method 'f'),
/// rather than relabelling the value or going through text.
bool function_cast(const std::string& from, const std::string& to);

/// Whether `type` (base) is one the modelled signatures know (not a user type).
bool builtin_type(const std::string& type);

/// The signatures of binary (two-parameter) or prefix (one-parameter) operator `op`.
std::vector<Signature> operator_signatures(const std::string& op, size_t arity);

/// The binary operators `op` the citext extension adds, on its type `citext` (`public.citext`).
std::vector<Signature> citext_operators(const std::string& op, const std::string& citext);

/// Whether the citext extension overloads function or aggregate `name` (`replace`, `max`):
/// with a citext argument the server may choose its version, which is not modelled.
bool citext_overloads(const std::string& name);

/// The signatures of pg_catalog function `name`; empty when not modelled.
const std::vector<Signature>& function_signatures(const std::string& name);

/// The signatures of aggregate `name`; empty when not modelled.
const std::vector<Signature>& aggregate_signatures(const std::string& name);

/// The candidate the server chooses for arguments of types `args` (base types, kUnknown for
/// string literals); nullopt when none or when the choice is not modelled.
std::optional<Signature> choose(const std::vector<Signature>& candidates,
                                const std::vector<std::string>& args, bool is_operator);

/// select_common_type: the type a list of values (CASE results, COALESCE, IN lists, ARRAY)
/// is converted to; nullopt when the types do not share a category.
std::optional<std::string> common_type(const std::vector<std::string>& types);

}  // namespace asq::expr
