#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace asq {

/// The rule `id` breaks as an Alembic revision id that also names a file in the versions folder
/// (`<id>.py`, `<id>_<slug>.py`), or nullopt when it keeps them all: not empty, at most 32
/// characters (Alembic's version_num is VARCHAR(32)), only ASCII letters, digits and '_' (so no
/// path separator, no leading dot, none of the '-', '+', '@' Alembic rejects), and not starting
/// with `__init__` (Alembic skips such files).
std::optional<std::string> revision_id_problem(std::string_view id);

/// The rule `date` breaks as an ISO 8601 date or date-time (`2026-11-21`,
/// `2026-11-21 09:30:00.123456`, `2026-11-21T09:30:00Z`, `...+01:00`), or nullopt.
std::optional<std::string> create_date_problem(std::string_view date);

/// `text` for a message: control characters, non-ASCII bytes and backslashes written as escapes,
/// so a value cannot break the message's line.
std::string printable(std::string_view text);

}  // namespace asq
