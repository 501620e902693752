/* cmd_summarize.c - placeholder: `tonesift summarize` is being written (issue 8). */
#include "cli.h"

int cmd_summarize(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_die(EXIT_BAD, "not built yet");
}
