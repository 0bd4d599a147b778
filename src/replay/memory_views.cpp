// The in-memory engine's model of views and materialized views written in SQL.

#include "replay/memory_sql_reader.h"

namespace asq::memsql {

bool apply_view_statement(Reader&, Schema&) { return false; }

}  // namespace asq::memsql
