/* cmd_claims.c - `tonesift claims`: quotations with speakers, reported and
 * hedged claims, quantities, check-worthiness; one row per quotation. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct claims_cmd {
	const char **patterns;   /* --patterns FILE, in order */
	size_t npat;
	ts_claims *claims;
	long c_text;
	int s_kind, s_tags, s_speaker, s_cue, s_quote, s_quantity, s_check;
	unsigned long long kinds[5], flagged;   /* for --stats */
} claims_cmd;

static int claims_end(void *ctx, stage *st)
{
	claims_cmd *c = ctx;

	if (stage_stats(st))
		cli_warn("stats: %llu quote, %llu report, %llu hedge, %llu number, %llu none rows; %llu flagged (limit)",
		         c->kinds[0], c->kinds[1], c->kinds[2], c->kinds[3], c->kinds[4], c->flagged);
	return 0;
}

static const char usage[] =
	"Find direct quotations (with speaker and cue), reported claims,\n"
	"hedges and quantities in the text column; append the columns\n"
	"kind tags speaker cue quote quantity checkworthy. A sentence with\n"
	"several quotations gives one row per quotation. Per-document state\n"
	"(the last speaker, a colon introduction) resets when `doc` changes;\n"
	"without a doc column every row is its own document.\n"
	"  --patterns FILE    add patterns or word lists (repeatable; format in\n"
	"                     lexicons/claims/README.md)\n";

static int claims_option(void *ctx, opt_parser *p, const char *name)
{
	claims_cmd *c = ctx;

	if (strcmp(name, "patterns") != 0)
		return 0;
	c->patterns = xrealloc(c->patterns, (c->npat + 1) * sizeof *c->patterns);
	c->patterns[c->npat++] = opt_value(p, name);
	return 1;
}

static int claims_begin(void *ctx, stage *st)
{
	claims_cmd *c = ctx;
	c->claims = cli_make_claims((const char *const *)c->patterns, c->npat);
	c->c_text = stage_text_column(st);
	c->s_kind = stage_output(st, "kind");
	c->s_tags = stage_output(st, "tags");
	c->s_speaker = stage_output(st, "speaker");
	c->s_cue = stage_output(st, "cue");
	c->s_quote = stage_output(st, "quote");
	c->s_quantity = stage_output(st, "quantity");
	c->s_check = stage_output(st, "checkworthy");
	return 0;
}

static void claims_doc_change(void *ctx)
{
	claims_cmd *c = ctx;

	if (c->claims)
		ts_claims_reset(c->claims);
}

static int claims_row(void *ctx, stage *st)
{
	claims_cmd *c = ctx;
	const char *text;
	size_t len, n, i;
	const ts_claim *rows;
	ts_diag d;
	char cw[16];

	stage_get(st, c->c_text, &text, &len);
	memset(&d, 0, sizeof d);
	if (ts_claims_extract(c->claims, text, len, &rows, &n, &d))
		cli_die(EXIT_BAD, "%s: %s", stage_where(st), d.msg);
	for (i = 0; i < n; i++) {
		const ts_claim *r = &rows[i];

		cli_count_claim(r, c->kinds, &c->flagged);
		stage_set_plain(st, c->s_kind, r->kind, strlen(r->kind));
		stage_set(st, c->s_tags, r->tags.ptr, r->tags.len);
		stage_set(st, c->s_speaker, r->speaker.ptr, r->speaker.len);
		stage_set(st, c->s_cue, r->cue.ptr, r->cue.len);
		stage_set(st, c->s_quote, r->quote.ptr, r->quote.len);
		stage_set(st, c->s_quantity, r->quantity.ptr, r->quantity.len);
		stage_set_plain(st, c->s_check, cw, cli_checkworthy_field(r->checkworthy, cw));
		stage_emit(st);
	}
	return 0;
}

int cmd_claims(int argc, char **argv)
{
	static const stage_def def = {
		.name = "claims",
		.begin = claims_begin,
		.row = claims_row,
		.doc_change = claims_doc_change,
		.option = claims_option,
		.end = claims_end,
		.usage = usage,
	};
	claims_cmd c;
	int rc;

	memset(&c, 0, sizeof c);
	rc = stage_main(&def, &c, argc, argv);
	ts_claims_free(c.claims);
	free(c.patterns);
	return rc;
}
