// The in-memory engine's model of functions, procedures, triggers, event triggers, domains and
// composite types written in SQL.

#include "replay/memory_sql_reader.h"

namespace asq::memsql {

bool apply_object_statement(Reader&, Schema&) { return false; }

}  // namespace asq::memsql
