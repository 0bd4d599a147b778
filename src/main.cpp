// The front binary, `alembic-squash`: runs `history` and `heads` itself and hands every other
// command to `alembic-squash-full` (cli/app.h, CommandSet).
#include "cli/app.h"

int main(int argc, char** argv) { return asq::run_main(asq::front_commands(), argc, argv); }
