/* cmd_run.c - placeholder until the run stage is wired to the library. */
#include "cli.h"

int cmd_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_die(EXIT_BAD, "not built yet");
}
