/* main.c - the tonesift program: dispatches to its subcommands. */
#include "cli.h"

#include <signal.h>
#include <string.h>

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"norm", cmd_norm, "repair and normalise text, split it into sentences"},
	{"claims", cmd_claims, "find quotations, speakers, reported claims, numbers"},
	{"score", cmd_score, "lexicon sentiment (English, Chinese, mixed) with evidence"},
	{"run", cmd_run, "norm | claims | score in one process, multi-threaded"},
	{"summarize", cmd_summarize, "aggregate scored TSV by document, speaker or label"},
	{"report", cmd_report, "a self-contained HTML report of scored TSV"},
	{NULL, NULL, NULL}
};

static void usage(FILE *f)
{
	const struct cmd *c;

	fprintf(f, "Usage: tonesift COMMAND [OPTIONS] [FILE...]\n\n"
	           "Sentiment and claim extraction for Chinese and English text,\n"
	           "as Unix filters that exchange TSV:\n"
	           "  tonesift norm article.txt | tonesift claims | tonesift score\n\n"
	           "Commands:\n");
	for (c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\n  tonesift help COMMAND   options of a command (same as COMMAND --help)\n"
	           "  tonesift --version\n\n"
	           "Exit status: 0 ok, 1 output could not be written, 2 bad usage or input.\n");
}

static const struct cmd *find(const char *name)
{
	const struct cmd *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int dispatch(const struct cmd *c, int argc, char **argv)
{
	static char prog[64];

	snprintf(prog, sizeof prog, "tonesift %s", c->name);
	cli_set_prog(prog);
	return c->fn(argc, argv);
}

int main(int argc, char **argv)
{
	const struct cmd *c;
	const char *base = strrchr(argv[0], '/');

	/* a parent may have ignored SIGPIPE; we want to die quietly on it */
	signal(SIGPIPE, SIG_DFL);
	base = base ? base + 1 : argv[0];
	if (strncmp(base, "tonesift-", 9) == 0 && (c = find(base + 9)) != NULL)
		return dispatch(c, argc, argv);   /* tonesift-norm ... */
	if (argc < 2) {
		usage(stderr);
		return EXIT_BAD;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return cli_finish_output(0);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("tonesift %s\n", ts_version());
		return cli_finish_output(0);
	}
	if (strcmp(argv[1], "help") == 0) {
		static char help_opt[] = "--help";
		char *help_argv[3];

		if (argc < 3) {
			usage(stdout);
			return cli_finish_output(0);
		}
		if (!(c = find(argv[2])))
			cli_usage_error("'%s' is not a tonesift command", argv[2]);
		help_argv[0] = argv[2];
		help_argv[1] = help_opt;
		help_argv[2] = NULL;
		return dispatch(c, 2, help_argv);
	}
	if (!(c = find(argv[1]))) {
		fprintf(stderr, "tonesift: '%s' is not a tonesift command\n", argv[1]);
		usage(stderr);
		return EXIT_BAD;
	}
	return dispatch(c, argc - 1, argv + 1);
}
