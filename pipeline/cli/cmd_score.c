/* cmd_score.c - placeholder until the score stage is wired to the library. */
#include "cli.h"

int cmd_score(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_die(EXIT_BAD, "not built yet");
}
