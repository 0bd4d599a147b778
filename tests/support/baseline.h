#pragma once

#include <string>

namespace asq::test {

/// Builds a database of its own with `sql`, renders the baseline revision of its schema public
/// (render_revision of the diff from nothing), and has the real Alembic (the seed fixture's
/// alembic.ini and env.py) upgrade an empty database with it, whose pg_dump must equal the built
/// one's, and downgrade it to base, which must leave no table. Each check that fails is a test
/// failure that shows the file. Returns the file's text ($ASQ_RENDER_OUT/<purpose>.py too, when
/// that is set, for a look by eye).
std::string check_baseline_under_alembic(const std::string& purpose, const std::string& sql);

}  // namespace asq::test
