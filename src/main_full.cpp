// The full binary, `alembic-squash-full`: runs every command (the front hands it those that
// may connect to a database).
#include "cli/app.h"

int main(int argc, char** argv) { return asq::run_main(asq::all_commands(), argc, argv); }
