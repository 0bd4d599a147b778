#pragma once

// The values of a partition bound as pg_get_expr(relpartbound) prints them, the way
// introspection reads them (search_path '', TimeZone UTC, DateStyle ISO):
// `FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00')`,
// `FOR VALUES IN ('alarm', 'fault')`, `FOR VALUES IN (3, '-2')`.

#include <optional>
#include <string>

namespace asq {

/// One value as written in the bound: a string literal's contents (`quoted`) or a number or
/// word token, with its sign (`-2`).
struct BoundLiteral {
  std::string text;
  bool quoted = false;
};

/// `literal` printed as a bound value of a key column of canonical type `key_type` ("integer",
/// "text", "date", "timestamp with time zone", ...). `time_zone` is the session TimeZone the
/// bound was written in ("" when unknown): a timestamptz written without an offset is a moment
/// in it, which is only predictable in UTC. nullopt when the printed form cannot be predicted
/// (another type, another spelling of the value, a value PostgreSQL would reject).
std::optional<std::string> printed_bound_value(const BoundLiteral& literal,
                                               const std::string& key_type,
                                               const std::string& time_zone);

/// Whether the TimeZone setting `zone` is UTC under one of its names ("UTC", "Etc/UTC", "GMT",
/// "Zulu", ...).
bool is_utc_zone(const std::string& zone);

}  // namespace asq
