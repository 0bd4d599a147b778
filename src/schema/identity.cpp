#include "schema/identity.h"

#include <limits>
#include <utility>

#include "sql/identifiers.h"

namespace asq {
namespace {

/// The range of a column type an identity may have; bigint's for anything else.
std::pair<std::int64_t, std::int64_t> type_range(const std::string& type) {
  if (type == "smallint") return {-32768, 32767};
  if (type == "integer") return {-2147483648LL, 2147483647};
  return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

/// PostgreSQL's bounds for a sequence counting by `increment` (CREATE SEQUENCE's NO MINVALUE /
/// NO MAXVALUE): ascending from 1 to the type's maximum, descending from -1 to its minimum.
std::pair<std::int64_t, std::int64_t> default_bounds(const std::string& type,
                                                     std::int64_t increment) {
  auto [low, high] = type_range(type);
  return increment > 0 ? std::pair<std::int64_t, std::int64_t>{1, high}
                       : std::pair<std::int64_t, std::int64_t>{low, -1};
}

std::optional<std::int64_t> unless(std::int64_t value, std::int64_t fallback) {
  return value == fallback ? std::nullopt : std::optional<std::int64_t>(value);
}

}  // namespace

std::string default_identity_sequence_name(const std::string& table, const std::string& column) {
  return table + "_" + column + "_seq";
}

std::string identity_sequence_name(const std::string& table, const Column& column) {
  const std::string& name = column.identity_options.sequence_name;
  return name.empty() ? default_identity_sequence_name(table, column.name) : name;
}

SequenceOptions identity_sequence_values(const std::string& type, const IdentityOptions& options) {
  SequenceOptions v;
  v.increment = options.increment.value_or(1);
  auto [low, high] = default_bounds(type, v.increment);
  v.min_value = options.min_value.value_or(low);
  v.max_value = options.max_value.value_or(high);
  v.start = options.start.value_or(v.increment > 0 ? v.min_value : v.max_value);
  v.cache = options.cache.value_or(1);
  v.cycle = options.cycle;
  return v;
}

IdentityOptions identity_options(const std::string& type, const SequenceOptions& values) {
  IdentityOptions o;
  auto [low, high] = default_bounds(type, values.increment);
  o.increment = unless(values.increment, 1);
  o.min_value = unless(values.min_value, low);
  o.max_value = unless(values.max_value, high);
  o.start = unless(values.start, values.increment > 0 ? values.min_value : values.max_value);
  o.cache = unless(values.cache, 1);
  o.cycle = values.cycle;
  return o;
}

std::string identity_options_clause(const QualifiedName& table, const Column& column) {
  const IdentityOptions& o = column.identity_options;
  std::string out;
  auto add = [&out](const std::string& option) { out += (out.empty() ? "" : " ") + option; };
  if (!o.sequence_name.empty()) {
    add("SEQUENCE NAME " + quote_identifier(table.schema) + "." +
        quote_identifier(o.sequence_name));
  }
  if (o.start) add("START WITH " + std::to_string(*o.start));
  if (o.increment) add("INCREMENT BY " + std::to_string(*o.increment));
  if (o.min_value) add("MINVALUE " + std::to_string(*o.min_value));
  if (o.max_value) add("MAXVALUE " + std::to_string(*o.max_value));
  if (o.cache) add("CACHE " + std::to_string(*o.cache));
  if (o.cycle) add("CYCLE");
  return out.empty() ? "" : " (" + out + ")";
}

std::string identity_set_clause(const std::string& type, const IdentityOptions& before,
                                const IdentityOptions& after) {
  SequenceOptions a = identity_sequence_values(type, before);
  SequenceOptions b = identity_sequence_values(type, after);
  std::string out;
  auto set = [&out](std::int64_t from, std::int64_t to, const char* option) {
    if (from != to) out += std::string(" SET ") + option + " " + std::to_string(to);
  };
  // INCREMENT first: PostgreSQL judges the bounds and the start against the new increment.
  set(a.increment, b.increment, "INCREMENT BY");
  set(a.min_value, b.min_value, "MINVALUE");
  set(a.max_value, b.max_value, "MAXVALUE");
  set(a.start, b.start, "START WITH");
  set(a.cache, b.cache, "CACHE");
  if (a.cycle != b.cycle) out += b.cycle ? " SET CYCLE" : " SET NO CYCLE";
  return out;
}

}  // namespace asq
