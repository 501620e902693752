/* cmd_score.c - `tonesift score`: lexicon sentiment of the text column
 * (and of the quote column, when there is one), with evidence. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct score_cmd {
	ts_score_opts opts;
	const char **lexicons;   /* --lexicon FILE, in order */
	size_t nlex;
	ts_scorer *scorer;
	long c_text, c_quote;
	int s_neg, s_neu, s_pos, s_compound, s_label, s_evidence;
	int s_qcompound, s_qlabel, s_qevidence;
	ts_buf ev, qev;
	unsigned long long labels[3];   /* positive negative neutral, for --stats */
} score_cmd;

static int score_end(void *ctx, stage *st)
{
	score_cmd *c = ctx;

	if (stage_stats(st))
		cli_warn("stats: %llu positive, %llu negative, %llu neutral rows",
		         c->labels[0], c->labels[1], c->labels[2]);
	return 0;
}

static const char usage[] =
	"Score the sentiment of the text column and append\n"
	"neg neu pos compound label evidence (and, when the input has a quote\n"
	"column, quote_compound quote_label quote_evidence). compound is in\n"
	"[-1, 1]; label is positive (>= 0.05), negative (<= -0.05) or neutral.\n"
	"  --vader-compat     English scores exactly as vaderSentiment 3.3.1\n"
	"  --lexicon FILE     add or override lexicon entries (repeatable;\n"
	"                     TSV with header term<TAB>valence, valence -4..4)\n";

static int score_option(void *ctx, opt_parser *p, const char *name)
{
	score_cmd *c = ctx;

	if (strcmp(name, "vader-compat") == 0)
		c->opts.vader_compat = 1;
	else if (strcmp(name, "lexicon") == 0) {
		c->lexicons = xrealloc(c->lexicons, (c->nlex + 1) * sizeof *c->lexicons);
		c->lexicons[c->nlex++] = opt_value(p, name);
	} else
		return 0;
	return 1;
}

static int score_begin(void *ctx, stage *st)
{
	score_cmd *c = ctx;

	c->scorer = cli_make_scorer(&c->opts, (const char *const *)c->lexicons, c->nlex);
	c->c_text = stage_text_column(st);
	c->c_quote = stage_input(st, "quote");
	c->s_neg = stage_output(st, "neg");
	c->s_neu = stage_output(st, "neu");
	c->s_pos = stage_output(st, "pos");
	c->s_compound = stage_output(st, "compound");
	c->s_label = stage_output(st, "label");
	c->s_evidence = stage_output(st, "evidence");
	if (c->c_quote >= 0) {
		c->s_qcompound = stage_output(st, "quote_compound");
		c->s_qlabel = stage_output(st, "quote_label");
		c->s_qevidence = stage_output(st, "quote_evidence");
	}
	return 0;
}

static void score_one(score_cmd *c, stage *st, const char *text, size_t len,
                       ts_score *sc, ts_buf *ev)
{
	ts_buf_reset(ev);
	if (ts_scorer_score(sc, c->scorer, text, len, ev))
		cli_die(EXIT_BAD, "%s: scoring failed", stage_where(st));
}

static int score_row(void *ctx, stage *st)
{
	score_cmd *c = ctx;
	const char *text;
	size_t len;
	ts_score sc;
	score_text f, qf;
	const char *label;

	stage_get(st, c->c_text, &text, &len);
	score_one(c, st, text, len, &sc, &c->ev);
	cli_score_fields(&sc, &f);
	stage_set_plain(st, c->s_neg, f.neg, f.len[0]);
	stage_set_plain(st, c->s_neu, f.neu, f.len[1]);
	stage_set_plain(st, c->s_pos, f.pos, f.len[2]);
	stage_set_plain(st, c->s_compound, f.compound, f.len[3]);
	label = ts_score_label(sc.compound);
	c->labels[label[0] == 'p' ? 0 : label[2] == 'g' ? 1 : 2]++;
	stage_set_plain(st, c->s_label, label, strlen(label));
	stage_set(st, c->s_evidence, c->ev.data ? c->ev.data : "", c->ev.len);
	if (c->c_quote >= 0) {
		stage_get(st, c->c_quote, &text, &len);
		if (len == 0) {
			stage_set(st, c->s_qcompound, "", 0);
			stage_set(st, c->s_qlabel, "", 0);
			stage_set(st, c->s_qevidence, "", 0);
		} else {
			score_one(c, st, text, len, &sc, &c->qev);
			cli_score_fields(&sc, &qf);
			stage_set_plain(st, c->s_qcompound, qf.compound, qf.len[3]);
			label = ts_score_label(sc.compound);
			stage_set_plain(st, c->s_qlabel, label, strlen(label));
			stage_set(st, c->s_qevidence, c->qev.data ? c->qev.data : "", c->qev.len);
		}
	}
	stage_emit(st);
	return 0;
}

int cmd_score(int argc, char **argv)
{
	static const stage_def def = {
		.name = "score",
		.begin = score_begin,
		.row = score_row,
		.option = score_option,
		.end = score_end,
		.usage = usage,
	};
	score_cmd c;
	int rc;

	memset(&c, 0, sizeof c);
	rc = stage_main(&def, &c, argc, argv);
	ts_scorer_free(c.scorer);
	ts_buf_free(&c.ev);
	ts_buf_free(&c.qev);
	free(c.lexicons);
	return rc;
}
