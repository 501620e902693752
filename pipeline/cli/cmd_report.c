/* cmd_report.c - placeholder: `tonesift report` is being written (issue 8). */
#include "cli.h"

int cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_die(EXIT_BAD, "not built yet");
}
