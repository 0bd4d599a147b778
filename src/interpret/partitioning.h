#pragma once

// The PostgreSQL dialect options of op.create_table that make a table partitioned or an
// inheritance child: `postgresql_partition_by='RANGE (recorded_at)'` and
// `postgresql_inherits='device'` (or a list of names). SQLAlchemy writes them after the column
// list as `INHERITS ( "device" )` then `PARTITION BY <text as given>`.

#include <string>
#include <string_view>
#include <vector>

#include "interpret/args.h"
#include "schema/model.h"

namespace asq::interp {

/// A partition key in the model's spelling, and the elements whose printed form we cannot
/// predict.
struct PartitionKey {
  std::string text;
  std::vector<std::string> as_written;
};

/// A partition key as pg_get_partkeydef prints it: the strategy in capitals and the columns
/// quoted only when needed (`range(Recorded_At, "Kind")` -> `RANGE (recorded_at, "Kind")`).
/// Expressions, collations and operator classes are kept as written, trimmed, and listed in
/// as_written: the server prints them its own way. Throws SpellingError when the text is not
/// `RANGE|LIST|HASH (key, ...)`.
PartitionKey partition_key_from_sql(std::string_view sql);

/// The parents of `postgresql_inherits=`: a name or a list or tuple of names. SQLAlchemy quotes
/// each as one identifier, so a name is never split at a dot; it is looked up on the
/// search_path, where Alembic's connection finds schema public.
std::vector<QualifiedName> inherited_tables(const Argument& argument, const BoundArguments& call);

}  // namespace asq::interp
