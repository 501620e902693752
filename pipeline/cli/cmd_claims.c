/* cmd_claims.c - placeholder until the claims stage is wired to the library. */
#include "cli.h"

int cmd_claims(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_die(EXIT_BAD, "not built yet");
}
