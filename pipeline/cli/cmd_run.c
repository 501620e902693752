/* cmd_run.c - `tonesift run`: norm, claims and score in one process, with
 * no TSV between the stages, on N threads with ordered output. Its output
 * is byte for byte what `tonesift norm | tonesift claims | tonesift score`
 * prints (tests/cli/run_equals_pipe.sh checks it on every corpus file).
 *
 * The main thread reads the input into batches and writes the finished
 * batches in input order. A batch goes through three phases on any
 * worker: phase 0 (norm, which keeps no state across items); phase 1
 * (claims), which depends on the state its document is in where the
 * batch starts (the last speaker, a colon introduction, the paragraph
 * and sentence numbers, a --strict skip); phase 2 (scores, then the
 * formatted rows). Phase 1 runs under a guess of that state (a
 * document's start) and settle() checks the guesses in input order: one
 * that the batch's rows did not use, or that gave them what the true
 * state gives, stands (pronoun speakers the last named speaker resolves
 * are filled in then); for the others (none of about 200 batches on each
 * 50 MB bench input) phase 1 runs again from the true state.
 * So the batches of one long document run on all threads. Where most
 * guesses fail (a document of colon introductions and pronouns), phase
 * 1 runs in order, from the true state, with norm ahead on the other
 * threads: as fast as before the guesses. Batches are
 * cut at 256 KiB, at document boundaries or inside a document, so memory
 * stays bounded whatever the input; written batches are reused. With -j1
 * there are no threads and no guesses, and batches of 64 KiB go through
 * the same phases one after the other: each stage over a whole batch
 * keeps its code and tables in the caches (7-10% faster than norm,
 * claims, score and the writer unit by unit). */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum fld {
	F_DOC, F_PARA, F_SENT, F_OFFSET, F_LANG, F_TEXT,
	F_KIND, F_TAGS, F_SPEAKER, F_CUE, F_QUOTE, F_QUANTITY, F_CHECK,
	F_NEG, F_NEU, F_POS, F_COMPOUND, F_LABEL, F_EVIDENCE,
	F_QCOMPOUND, F_QLABEL, F_QEVIDENCE, F_N
};

static const char *const fld_names[F_N] = {
	"doc", "para", "sent", "offset", "lang", "text",
	"kind", "tags", "speaker", "cue", "quote", "quantity", "checkworthy",
	"neg", "neu", "pos", "compound", "label", "evidence",
	"quote_compound", "quote_label", "quote_evidence",
};

typedef struct item {
	size_t text_off, text_len;  /* raw line, or the unescaped text column */
	size_t doc_off, doc_len;    /* document name */
	size_t fld_first, nfld;     /* TSV: the row's escaped fields */
	unsigned long long base;    /* raw: input offset of the line */
	const char *file;           /* for messages (lives as long as argv) */
	size_t lineno;
	unsigned char norm_reset;    /* norm's counters restart here */
	unsigned char claims_reset;  /* claims' document state restarts here */
	unsigned char new_doc;       /* --stats: a document (a file) starts here */
	unsigned char file_end;      /* last item of a raw file */
	unsigned char marker;        /* no text: only resets, file end or error */
	unsigned char msg_fatal;     /* marker: stop after the message */
	size_t msg_off, msg_len;    /* marker: a message for stderr */
	size_t repaired;            /* set by norm: invalid UTF-8 repaired */
	/* phase 0 (norm_batch): norm's status, the offset of the bad byte
	 * (invalid UTF-8 with --strict), and the units it made: nu[nu0 ..
	 * nu0 + nnu) of the batch */
	int norm_rc;
	size_t err_off, nu0, nnu;
} item;

/* A unit as norm made it, its text in the batch's normed buffer. */
typedef struct nunit {
	size_t text_off, len, offset, para;
	const char *lang;           /* static */
} nunit;

typedef struct batch {
	size_t seq;
	ts_buf arena;               /* bytes the items point into (by offset) */
	item *items;
	size_t nitems, cap;
	size_t *flds;               /* TSV: (offset, len) pairs into arena */
	size_t nflds, fcap;
	ts_buf output;              /* formatted rows */
	ts_buf messages;            /* lines for stderr, written in order */
	unsigned long long rows, kinds[5], flagged, repaired, docs;  /* --stats */
	int status;                 /* exit status the batch asks for */
	int fatal;                  /* stop after writing this batch */
	int done;
	struct batch *next;         /* in flight, in input order */
	struct batch *qnext;        /* in the phase 1 or phase 2 queue */
	/* phase 1 with threads runs under a guess of the document state it
	 * starts in (the claims state, the paragraph and sentence numbers, a
	 * --strict skip), settled in input order (settle()) */
	ts_claims_state *guess;     /* what the claims rows read and set */
	int guessed;                /* claims ran (else no state was used) */
	int claims_reset;           /* a document started in it */
	size_t nfix;                /* the units before a document start ... */
	size_t para_add, sent_add;  /* ... get these added (phase 2) */
	size_t end_para, end_sent;  /* the numbering at its end: relative to
	                             * its start unless renum */
	int renum;                  /* the numbering restarted in it */
	int end_skip;               /* --strict skip at its end */
	size_t *defer;              /* srows whose pronoun speaker the state */
	size_t ndefer, dcap;        /* where the batch starts resolves */
	int staged;                 /* phase 1 done, not yet settled */
	int exact;                  /* phase 1 ran from the true state */
	struct batch *snext;        /* to settle, in input order */
	/* what norm and claims made of the items (phase 1), for score and
	 * the writer (phase 2); offsets into stage */
	const char *last_doc;       /* raw input: the document name last put in */
	size_t last_doc_off;        /* the arena, and where (one copy a batch) */
	ts_buf normed;              /* texts of the units of phase 0 */
	struct nunit *nu;
	size_t nnu, nucap;
	ts_diag norm_err;           /* the first norm failure but --strict's */
	int norm_failed;
	int norm_done;              /* phase 0 done */
	int norming;                /* phase 0 runs ahead of phase 1 (r->mu) */
	ts_buf stage;
	ts_buf scored;              /* evidence strings of phase 2a */
	struct sunit *units;
	size_t nunits, ucap;
	struct srow *srows;
	size_t nsrows, rcap;
} batch;

/* A unit after norm and claims: its numbers, its text and its claim rows. */
typedef struct sunit {
	size_t item;                /* index in the batch's items */
	size_t para, sent;
	unsigned long long offset;
	const char *lang;           /* static */
	size_t text_off, text_len;
	size_t row_first, nrows;    /* in the batch's srows */
	ts_score sc;                /* phase 2a: its scores, and its evidence */
	size_t ev_off, ev_len;      /* in the batch's scored */
} sunit;

/* The claim fields of one output row, by offset into the batch's stage. */
enum { C_TAGS, C_SPEAKER, C_CUE, C_QUOTE, C_QUANTITY, C_N };
typedef struct srow {
	const char *kind;           /* static */
	size_t kind_len;
	size_t off[C_N], len[C_N];
	double checkworthy;
	ts_score qs;                /* phase 2a: the quotation's scores */
	size_t qev_off, qev_len;    /* in the batch's scored */
} srow;

typedef struct run_cmd run_cmd;

typedef struct worker {
	run_cmd *rc;
	ts_norm *norm;              /* phase 0 of a batch the reader left */
	ts_claims *claims;
	ts_scorer *scorer;
	out o;                      /* memory-mode writer */
	ts_buf ev, tmp;
	/* the unit being written: its fields by enum fld (unit_fields) */
	const char *val[F_N];
	size_t vlen[F_N];
	char para[32], sentno[32], off[32], cw[16];
	score_text st, qt;
	const char **rowp;          /* TSV row being written, per column */
	size_t *rowl;
	unsigned char *rowraw;
	size_t para_base, sent;
	int skip_file;              /* --strict: the rest of this file is skipped */
	pthread_t thread;
} worker;

struct run_cmd {
	ts_norm_opts nopts;
	ts_norm *norm;              /* phase 0, on the submitting thread */
	ts_score_opts sopts;
	const char **lex, **pat;
	size_t nlex, npat;
	int tsv;
	const char *doc_column, *column;
	long jobs;
	io_opts io;                 /* --format --excel --no-header --csv ... */
	/* layout */
	char **in_names;
	size_t nin;
	long c_text, c_doc_in, c_docname;
	const char **names;         /* output columns */
	long *src;                  /* per output column: input index or -1 */
	int *comp;                  /* per output column: enum fld or -1 */
	int identity;               /* the columns are the F_N fields in order */
	size_t ncols;
	/* threads */
	worker *workers;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	batch *pq_head, *pq_tail;   /* waiting for phase 1 */
	batch *sq_head, *sq_tail;   /* in phase 1 or staged, not settled */
	batch *fq_head, *fq_tail;   /* settled, waiting for phase 2 */
	int settling;               /* a worker runs a batch's phase 1 again */
	/* the document state where sq_head starts: claims', the numbering,
	 * the --strict skip */
	ts_claims_state *at;
	size_t at_para, at_sent;
	int at_skip;
	/* in order: when most recent guesses fail (hist: one bit per
	 * batch settled, 1 = its guess failed or would have), phase 1 runs
	 * one batch at a time, from the true state (stage_exact) */
	int in_order;
	unsigned hist;
	size_t batch_bytes;         /* where batches are cut (full()) */
	const char *raw_doc;        /* the document of the last file with a line */
	size_t nsettled, nagain, nexact;  /* batches settled; their phase 1
	                             * run again; run in order */
	int quit;
	int status;
	progress prog;
	unsigned long long rows, kinds[5], flagged, repaired, docs;
	size_t file_repaired;       /* writer: repaired in the current file */
};

static const char usage[] =
	"Run norm | claims | score in one process and print what the pipe chain\n"
	"prints. Takes the options of the three stages:\n"
	"  --unit U, --nfkc, --html, --markdown, --strict, --tsv, --doc-column NAME\n"
	"  --patterns FILE, --lexicon FILE, --vader-compat\n"
	"  -j N, --jobs N     threads (default 1; 0 = number of cores). The input\n"
	"                     is cut into batches that run on all threads, one long\n"
	"                     document too; output keeps input order\n";

/* ---- layout ------------------------------------------------------------ */

static long find_name(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (long)i;
	return -1;
}

/* The columns the pipe chain would print: each stage replaces a column of
 * the same name in place and appends the others. */
static void layout(run_cmd *r)
{
	size_t i, cap = r->nin + F_N;
	int f;

	r->names = xcalloc(cap, sizeof *r->names);
	r->src = xcalloc(cap, sizeof *r->src);
	r->comp = xcalloc(cap, sizeof *r->comp);
	for (i = 0; i < r->nin; i++) {
		r->names[i] = r->in_names[i];
		r->src[i] = (long)i;
		r->comp[i] = -1;
	}
	r->ncols = r->nin;
	for (f = 0; f < F_N; f++) {
		long at = find_name(r->names, r->ncols, fld_names[f]);

		if (at < 0) {
			at = (long)r->ncols++;
			r->names[at] = fld_names[f];
			r->src[at] = -1;
		}
		r->comp[at] = f;
	}
	r->identity = r->ncols == F_N;
	for (i = 0; i < r->ncols && r->identity; i++)
		r->identity = r->comp[i] == (int)i;
}

/* ---- batches ------------------------------------------------------------- */

static batch *batch_new(size_t seq)
{
	batch *b = xcalloc(1, sizeof *b);

	b->seq = seq;
	return b;
}

static void batch_free(batch *b)
{
	if (!b)
		return;
	ts_buf_free(&b->arena);
	ts_buf_free(&b->output);
	ts_buf_free(&b->messages);
	ts_buf_free(&b->stage);
	ts_buf_free(&b->scored);
	ts_buf_free(&b->normed);
	free(b->nu);
	free(b->items);
	free(b->flds);
	free(b->units);
	free(b->srows);
	ts_claims_state_free(b->guess);
	free(b->defer);
	free(b);
}

static void batch_clear(batch *b)
{
	ts_buf_reset(&b->arena);
	ts_buf_reset(&b->output);
	ts_buf_reset(&b->messages);
	ts_buf_reset(&b->stage);
	ts_buf_reset(&b->scored);
	ts_buf_reset(&b->normed);
	b->nnu = 0;
	b->norm_failed = b->norm_done = b->norming = 0;
	b->nitems = b->nflds = b->nunits = b->nsrows = b->ndefer = 0;
	b->last_doc = NULL;
	b->rows = b->flagged = b->repaired = b->docs = 0;
	memset(b->kinds, 0, sizeof b->kinds);
	b->status = b->fatal = b->done = 0;
	b->next = b->qnext = b->snext = NULL;
	b->staged = b->exact = 0;
}

static size_t arena_add(batch *b, const char *p, size_t n)
{
	size_t off = b->arena.len;

	if (ts_buf_add(&b->arena, p, n))
		cli_die(EXIT_BAD, "out of memory");
	return off;
}

static item *batch_item(batch *b)
{
	item *it;

	if (b->nitems == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->items = xrealloc(b->items, b->cap * sizeof *b->items);
	}
	it = &b->items[b->nitems++];
	memset(it, 0, sizeof *it);
	return it;
}

static void batch_msg(batch *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void batch_msg(batch *b, const char *fmt, ...)
{
	va_list ap;
	char line[1024];

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	ts_buf_addf(&b->messages, "%s: %s\n", cli_prog(), line);
}

/* ---- the three stages on one batch ---------------------------------------- */

/* Values that never hold a tab, line break or backslash: numbers, labels,
 * language tags and claim kinds go out without the escape screen. */
static const unsigned char fld_plain[F_N] = {
	[F_PARA] = 1, [F_SENT] = 1, [F_OFFSET] = 1, [F_LANG] = 1, [F_KIND] = 1,
	[F_CHECK] = 1, [F_NEG] = 1, [F_NEU] = 1, [F_POS] = 1, [F_COMPOUND] = 1,
	[F_LABEL] = 1, [F_QCOMPOUND] = 1, [F_QLABEL] = 1,
};

static void put_fields(worker *w, batch *b, const item *it, const char *const *val,
                       const size_t *vlen)
{
	run_cmd *r = w->rc;
	size_t i;

	if (w->o.fmt == FMT_TSV && r->identity) {   /* raw text: as they are */
		out_row_tsv(&w->o, val, vlen, fld_plain, F_N);
		return;
	}
	if (w->o.fmt == FMT_TSV) {   /* the whole row at once */
		for (i = 0; i < r->ncols; i++) {
			if (r->comp[i] >= 0) {
				w->rowp[i] = val[r->comp[i]];
				w->rowl[i] = vlen[r->comp[i]];
				w->rowraw[i] = fld_plain[r->comp[i]];
			} else {
				size_t k = it->fld_first + (size_t)r->src[i];

				w->rowp[i] = b->arena.data + b->flds[2 * k];
				w->rowl[i] = b->flds[2 * k + 1];
				w->rowraw[i] = 1;
			}
		}
		out_row_tsv(&w->o, w->rowp, w->rowl, w->rowraw, r->ncols);
		return;
	}
	for (i = 0; i < r->ncols; i++) {
		if (r->comp[i] >= 0)
			out_field(&w->o, val[r->comp[i]], vlen[r->comp[i]], 0);
		else {
			size_t k = it->fld_first + (size_t)r->src[i];

			if (out_field(&w->o, b->arena.data + b->flds[2 * k], b->flds[2 * k + 1], 1)) {
				batch_msg(b, "%s:%zu: column '%s': bad escape", it->file, it->lineno,
				          r->names[i]);
				b->status = EXIT_BAD;
				b->fatal = 1;
			}
		}
	}
	out_end(&w->o);
}

/* Byte off of a batch buffer, which is still unallocated when all that
 * went in was empty. */
static const char *buf_at(const ts_buf *t, size_t off)
{
	return t->data ? t->data + off : "";
}

static size_t stage_add(batch *b, const char *p, size_t n)
{
	size_t off = b->stage.len;

	if (n && ts_buf_add(&b->stage, p, n))
		cli_die(EXIT_BAD, "out of memory");
	return off;
}

/* The lengths of the claim kinds, in --stats order (cli_count_claim). */
static const size_t kind_len[5] = {5, 6, 5, 6, 4};

/* CSV and JSON output unescape the input's columns: a bad escape stops the
 * run at the first row of the item (reported like the pipe chain does). */
static int bad_escape(worker *w, batch *b, const item *it)
{
	run_cmd *r = w->rc;
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		size_t k;

		if (r->comp[i] >= 0)
			continue;
		k = it->fld_first + (size_t)r->src[i];
		ts_buf_reset(&w->tmp);
		if (ts_tsv_unescape(&w->tmp, b->arena.data + b->flds[2 * k], b->flds[2 * k + 1], NULL)) {
			batch_msg(b, "%s:%zu: column '%s': bad escape", it->file, it->lineno,
			          r->names[i]);
			b->status = EXIT_BAD;
			b->fatal = 1;
			return 1;
		}
	}
	return 0;
}

/* Count a claim row for --stats; its kind's index. */
static size_t count_row(batch *b, const ts_claim *c)
{
	b->rows++;
	return cli_count_claim(c, b->kinds, &b->flagged);
}

/* Phase 1 for one unit: claims, and a copy of what phase 2 needs (the
 * engines' buffers are reused by the next call). */
static void stage_unit(worker *w, batch *b, size_t item_ix, const nunit *u,
                       int *checked)
{
	const item *it = &b->items[item_ix];
	const ts_claim *rows;
	size_t i, n;
	sunit *su;
	ts_diag d;

	memset(&d, 0, sizeof d);
	if (ts_claims_extract(w->claims, buf_at(&b->normed, u->text_off), u->len,
	                      &rows, &n, &d)) {
		batch_msg(b, "%s:%zu: %s", it->file, it->lineno, d.msg);
		b->status = EXIT_BAD;
		b->fatal = 1;
		return;
	}
	if (n && !*checked && w->o.fmt != FMT_TSV) {
		*checked = 1;
		if (bad_escape(w, b, it))
			return;   /* the writer would stop at this row: stop here */
	}
	if (b->nunits == b->ucap) {
		b->ucap = b->ucap ? 2 * b->ucap : 256;
		b->units = xrealloc(b->units, b->ucap * sizeof *b->units);
	}
	su = &b->units[b->nunits++];
	su->item = item_ix;
	su->para = w->para_base + u->para + 1;
	su->sent = ++w->sent;
	su->offset = it->base + u->offset;
	su->lang = u->lang;
	su->text_off = u->text_off;   /* in normed */
	su->text_len = u->len;
	su->row_first = b->nsrows;
	su->nrows = n;
	for (i = 0; i < n; i++) {
		const ts_claim *c = &rows[i];
		const ts_field *f[C_N] = {&c->tags, &c->speaker, &c->cue, &c->quote, &c->quantity};
		srow *sr;
		size_t k = count_row(b, c);

		if (b->nsrows == b->rcap) {
			b->rcap = b->rcap ? 2 * b->rcap : 256;
			b->srows = xrealloc(b->srows, b->rcap * sizeof *b->srows);
		}
		if (ts_claims_deferred(w->claims, i)) {
			if (b->ndefer == b->dcap) {
				b->dcap = b->dcap ? 2 * b->dcap : 16;
				b->defer = xrealloc(b->defer, b->dcap * sizeof *b->defer);
			}
			b->defer[b->ndefer++] = b->nsrows;
		}
		sr = &b->srows[b->nsrows++];
		sr->kind = c->kind;
		sr->kind_len = kind_len[k];
		sr->checkworthy = c->checkworthy;
		for (k = 0; k < C_N; k++) {
			sr->off[k] = stage_add(b, f[k]->ptr, f[k]->len);
			sr->len[k] = f[k]->len;
		}
	}
}

/* Score a text into the batch's evidence store. */
static void score_into(worker *w, batch *b, const char *text, size_t len,
                       ts_score *sc, size_t *ev_off, size_t *ev_len)
{
	ts_buf_reset(&w->ev);
	if (ts_scorer_score(sc, w->scorer, text, len, &w->ev))
		cli_die(EXIT_BAD, "scoring failed");
	*ev_off = b->scored.len;
	*ev_len = w->ev.len;
	if (w->ev.len && ts_buf_add(&b->scored, w->ev.data, w->ev.len))
		cli_die(EXIT_BAD, "out of memory");
}

/* Phase 2a: the scores of every staged unit and quotation. A pass of its
 * own rather than one per row as it is written: the scorers' code and
 * tables stay in the caches for the whole batch (with every stage in a
 * pass of its own, run -j1 took 7-10% less time than unit by unit; this
 * split of scoring from formatting gave about 1% of it). */
static void score_batch(worker *w, batch *b)
{
	size_t i, j;

	for (i = 0; i < b->nunits; i++) {
		sunit *su = &b->units[i];

		score_into(w, b, buf_at(&b->normed, su->text_off), su->text_len,
		           &su->sc, &su->ev_off, &su->ev_len);
		for (j = 0; j < su->nrows; j++) {
			srow *sr = &b->srows[su->row_first + j];

			if (sr->len[C_QUOTE])
				score_into(w, b, buf_at(&b->stage, sr->off[C_QUOTE]),
				           sr->len[C_QUOTE], &sr->qs, &sr->qev_off,
				           &sr->qev_len);
		}
	}
}

/* The fields a unit's rows share: its numbers, text and scores. */
static void unit_fields(worker *w, batch *b, const item *it, const sunit *su)
{
	const char **val = w->val;
	size_t *vlen = w->vlen, i;

	vlen[F_PARA] = cli_utoa(w->para, su->para);
	vlen[F_SENT] = cli_utoa(w->sentno, su->sent);
	vlen[F_OFFSET] = cli_utoa(w->off, su->offset);
	val[F_DOC] = b->arena.data + it->doc_off;
	vlen[F_DOC] = it->doc_len;
	val[F_PARA] = w->para;
	val[F_SENT] = w->sentno;
	val[F_OFFSET] = w->off;
	val[F_LANG] = su->lang;
	vlen[F_LANG] = strlen(su->lang);
	val[F_TEXT] = buf_at(&b->normed, su->text_off);
	vlen[F_TEXT] = su->text_len;

	cli_score_fields(&su->sc, &w->st);
	val[F_NEG] = w->st.neg;
	val[F_NEU] = w->st.neu;
	val[F_POS] = w->st.pos;
	val[F_COMPOUND] = w->st.compound;
	val[F_LABEL] = ts_score_label(su->sc.compound);
	val[F_EVIDENCE] = su->ev_len ? b->scored.data + su->ev_off : "";
	for (i = 0; i < 4; i++)
		vlen[F_NEG + i] = w->st.len[i];
	vlen[F_LABEL] = strlen(val[F_LABEL]);
	vlen[F_EVIDENCE] = su->ev_len;
}

/* One row of the unit whose fields unit_fields() set. */
static void put_row(worker *w, batch *b, const item *it, const srow *sr)
{
	static const int cfld[C_N] = {F_TAGS, F_SPEAKER, F_CUE, F_QUOTE, F_QUANTITY};
	const char **val = w->val;
	size_t *vlen = w->vlen, k;

	val[F_KIND] = sr->kind;
	vlen[F_KIND] = sr->kind_len;
	for (k = 0; k < C_N; k++) {
		val[cfld[k]] = buf_at(&b->stage, sr->off[k]);
		vlen[cfld[k]] = sr->len[k];
	}
	vlen[F_CHECK] = cli_checkworthy_field(sr->checkworthy, w->cw);
	val[F_CHECK] = w->cw;
	if (sr->len[C_QUOTE]) {
		cli_score_fields(&sr->qs, &w->qt);
		val[F_QCOMPOUND] = w->qt.compound;
		val[F_QLABEL] = ts_score_label(sr->qs.compound);
		val[F_QEVIDENCE] = sr->qev_len ? b->scored.data + sr->qev_off : "";
		vlen[F_QCOMPOUND] = w->qt.len[3];
		vlen[F_QLABEL] = strlen(val[F_QLABEL]);
		vlen[F_QEVIDENCE] = sr->qev_len;
	} else {
		val[F_QCOMPOUND] = val[F_QLABEL] = val[F_QEVIDENCE] = "";
		vlen[F_QCOMPOUND] = vlen[F_QLABEL] = vlen[F_QEVIDENCE] = 0;
	}
	put_fields(w, b, it, val, vlen);
}

/* Phase 2b for one staged unit: its rows. */
static void format_unit(worker *w, batch *b, const sunit *su)
{
	const item *it = &b->items[su->item];
	size_t i;

	unit_fields(w, b, it, su);
	for (i = 0; i < su->nrows; i++)
		put_row(w, b, it, &b->srows[su->row_first + i]);
}

static void worker_engines(worker *w);

/* Phase 0: norm for every item of the batch, its units kept in the batch.
 * It has no state across items, so it need not run on the document's
 * worker: with threads the reader runs it for a batch that continues a
 * document, which takes it off the longest path (phase 1 of one long
 * document; submit()); with -j1 it is a pass of its own before claims, as
 * the other stages are. What it reports is kept for phase 1, which says
 * it in order. */
static void norm_batch(ts_norm *n, batch *b, int strict)
{
	size_t i, j;

	b->norm_done = 1;
	for (i = 0; i < b->nitems; i++) {
		item *it = &b->items[i];
		const ts_norm_unit *u;
		size_t nu;
		ts_diag d;

		if (it->marker)
			continue;
		memset(&d, 0, sizeof d);
		it->norm_rc = ts_norm_run(n, b->arena.data + it->text_off,
		                          it->text_len, &u, &nu, &d);
		it->err_off = d.offset;
		it->nu0 = b->nnu;
		it->nnu = 0;
		if (it->norm_rc < 0) {
			if ((it->norm_rc != TS_EUTF8 || !strict) && !b->norm_failed) {
				b->norm_err = d;
				b->norm_failed = 1;
			}
			continue;
		}
		it->repaired = ts_norm_repaired(n);
		if (b->nnu + nu > b->nucap) {
			b->nucap = 2 * (b->nnu + nu) + 64;
			b->nu = xrealloc(b->nu, b->nucap * sizeof *b->nu);
		}
		for (j = 0; j < nu; j++) {
			nunit *x = &b->nu[b->nnu++];

			x->text_off = b->normed.len;
			x->len = u[j].len;
			x->offset = u[j].offset;
			x->para = u[j].para;
			x->lang = u[j].lang;
			if (u[j].len && ts_buf_add(&b->normed, u[j].text, u[j].len))
				cli_die(EXIT_BAD, "out of memory");
		}
		it->nnu = nu;
	}
}

/* The batch queues (phase 1, phase 2), linked through qnext; the caller
 * holds r->mu. */
static void queue_push(batch **head, batch **tail, batch *b)
{
	b->qnext = NULL;
	if (*tail)
		(*tail)->qnext = b;
	else
		*head = b;
	*tail = b;
}

static batch *queue_pop(batch **head, batch **tail)
{
	batch *b = *head;

	if (!(*head = b->qnext))
		*tail = NULL;
	b->qnext = NULL;
	return b;
}

/* What the worker's claims rows read and set of the document state, kept
 * in the batch for settle(). */
static void keep_state(worker *w, batch *b)
{
	if ((!b->guess && ts_claims_state_new(&b->guess)) ||
	    ts_claims_state_get(w->claims, b->guess))
		cli_die(EXIT_BAD, "out of memory");
}

/* Phase 1: what norm said, and claims for every unit. With threads
 * (guess), on any worker under a guess of the document state the batch
 * starts in: the claims state of a document's start (ts_claims_guess),
 * numbering from 0, no --strict skip; settle() checks the guess in input
 * order. Else with the worker's state, which is the document's. */
static void stage_batch(worker *w, batch *b, int guess)
{
	run_cmd *r = w->rc;
	size_t i, j;

	for (i = 0; i < b->nitems && b->items[i].marker; i++)
		;
	if (i < b->nitems)
		worker_engines(w);   /* not for an empty input */
	if (!b->norm_done) {
		if (!w->norm && ts_norm_new(&w->norm, &r->nopts))
			cli_die(EXIT_BAD, "out of memory");
		norm_batch(w->norm, b, r->nopts.strict);
	}
	b->nfix = SIZE_MAX;
	b->claims_reset = 0;
	if (guess) {
		w->para_base = w->sent = 0;
		w->skip_file = 0;
		ts_claims_guess(w->claims);   /* no engine yet: no unit either */
	}

	for (i = 0; i < b->nitems && !b->fatal; i++) {
		const item *it = &b->items[i];
		size_t maxpara = 0;
		int rc, checked = 0;

		if (it->norm_reset) {
			w->para_base = 0;
			w->sent = 0;
			if (b->nfix == SIZE_MAX)
				b->nfix = b->nunits;
		}
		if (it->claims_reset) {
			if (w->claims)
				ts_claims_reset(w->claims);
			b->claims_reset = 1;
		}
		if (it->new_doc)
			b->docs += !it->marker || it->file_end;
		if (!r->tsv && it->norm_reset)
			w->skip_file = 0;
		if (it->marker) {
			if (it->msg_len) {
				ts_buf_add(&b->messages, b->arena.data + it->msg_off, it->msg_len);
				b->status = EXIT_BAD;
				b->fatal = it->msg_fatal;
			}
			continue;
		}
		if (w->skip_file)
			continue;
		rc = it->norm_rc;
		if (rc == TS_EUTF8 && r->nopts.strict) {
			if (r->tsv) {
				batch_msg(b, "%s:%zu: invalid UTF-8 at byte %zu of column 'text'",
				          it->file, it->lineno, it->err_off);
				b->fatal = 1;
			} else {
				size_t k, line = it->lineno;
				const char *t = b->arena.data + it->text_off;

				for (k = 0; k < it->err_off && k < it->text_len; k++)
					line += t[k] == '\n';   /* --unit doc: the bad byte's line */
				batch_msg(b, "%s:%zu: invalid UTF-8 at byte offset %llu",
				          strcmp(it->file, "-") ? it->file : "stdin", line,
				          it->base + (unsigned long long)it->err_off);
				w->skip_file = 1;   /* like norm: give up this file, go on */
			}
			b->status = EXIT_BAD;
			continue;
		}
		if (rc < 0)
			cli_die(EXIT_BAD, "%s: %s", it->file, b->norm_err.msg);
		b->repaired += it->repaired;
		for (j = 0; j < it->nnu && !b->fatal; j++) {
			const nunit *u = &b->nu[it->nu0 + j];

			stage_unit(w, b, i, u, &checked);
			if (u->para + 1 > maxpara)
				maxpara = u->para + 1;
		}
		w->para_base += maxpara;
	}
	b->renum = b->nfix != SIZE_MAX;
	if (!b->renum)
		b->nfix = b->nunits;
	if (!guess)
		b->nfix = 0;   /* numbered from the document's state */
	b->end_para = w->para_base;
	b->end_sent = w->sent;
	b->end_skip = w->skip_file;
	b->guessed = w->claims != NULL;
	if (b->guessed && guess)
		keep_state(w, b);
}

/* What phase 1 put in a batch, taken out to run it again. */
static void unstage(batch *b)
{
	ts_buf_reset(&b->messages);
	ts_buf_reset(&b->stage);
	b->nunits = b->nsrows = b->ndefer = 0;
	b->rows = b->flagged = b->repaired = b->docs = 0;
	memset(b->kinds, 0, sizeof b->kinds);
	b->status = b->fatal = 0;
}

/* Does the guess b's phase 1 ran under hold where it starts (r->at ...)?
 * For a batch that ran from r->at (stage_exact): would a guess have held?
 * (The same test: for each part of the state its rows read, do r->at
 * and a document's start give the test that read it the same outcome.)
 * Caller holds r->mu, or is settling. */
static int guess_holds(const run_cmd *r, const batch *b)
{
	if (r->at_skip)
		return 0;   /* --strict skipped the file: it may go on here */
	return !b->guessed || ts_claims_state_holds(b->guess, r->at);
}

/* The state where the batch after b starts; b's numbers get the start's
 * added in phase 2, and its deferred pronoun speakers the name they
 * stand for there (claims.h). */
static void advance(run_cmd *r, batch *b)
{
	if (b->ndefer) {
		ts_field sp = ts_claims_state_speaker(r->at);
		size_t k;

		for (k = 0; k < b->ndefer && sp.len; k++) {
			srow *sr = &b->srows[b->defer[k]];

			sr->off[C_SPEAKER] = stage_add(b, sp.ptr, sp.len);
			sr->len[C_SPEAKER] = sp.len;
		}
		b->ndefer = 0;
	}
	b->para_add = r->at_para;
	b->sent_add = r->at_sent;
	if (b->renum) {
		r->at_para = b->end_para;
		r->at_sent = b->end_sent;
	} else {
		r->at_para += b->end_para;
		r->at_sent += b->end_sent;
	}
	r->at_skip = b->end_skip;
	if (b->guessed) {
		if (ts_claims_state_advance(r->at, b->guess))
			cli_die(EXIT_BAD, "out of memory");
	} else if (b->claims_reset) {
		/* no unit, so no engine ran, but a document started */
		ts_claims_state_free(r->at);
		if (ts_claims_state_new(&r->at))
			cli_die(EXIT_BAD, "out of memory");
	}
}

/* Phase 1 of b from the state where it starts, r->at..., which stays put
 * meanwhile: b is the oldest batch not settled and none is being settled
 * (a guess that did not hold, or in order). Its numbers are then from
 * there, so none to add. What its rows read of the state says whether a
 * guess would have held (guess_holds). */
static void stage_exact(worker *w, batch *b)
{
	run_cmd *r = w->rc;

	worker_engines(w);
	if (ts_claims_state_set(w->claims, r->at))
		cli_die(EXIT_BAD, "out of memory");
	w->para_base = r->at_para;
	w->sent = r->at_sent;
	w->skip_file = r->at_skip;
	stage_batch(w, b, 0);
	keep_state(w, b);
	b->guessed = 1;
	b->exact = 1;
	/* absolute: advance() adds nothing, and takes the end as is */
	b->nfix = 0;
	b->renum = 1;
}

/* One more guess settled: did it fail (or would it have)? Most of the
 * last 16 failing puts phase 1 in order; few, back to guesses. Caller
 * holds r->mu. */
static void note_guess(run_cmd *r, int failed)
{
	unsigned h, n = 0;

	r->hist = ((r->hist << 1) | (failed != 0)) & 0xFFFFu;
	for (h = r->hist; h; h &= h - 1)
		n++;
	if (!r->in_order && n >= 8)
		r->in_order = 1;
	else if (r->in_order && n <= 2)
		r->in_order = 0;
}

/* Settle the staged batches at the head of the settle queue, in input
 * order: each whose guess holds goes on to phase 2; one whose guess does
 * not runs phase 1 again here first (out of the lock; the others wait
 * for the settler). Caller holds r->mu. */
static void settle(worker *w)
{
	run_cmd *r = w->rc;

	while (!r->settling && r->sq_head && r->sq_head->staged) {
		batch *b = r->sq_head;
		int held = guess_holds(r, b);

		r->nsettled++;
		if (b->exact)
			r->nexact++;
		note_guess(r, !held);
		if (!held && !b->exact) {
			r->nagain++;
			r->settling = 1;
			pthread_mutex_unlock(&r->mu);
			unstage(b);
			stage_exact(w, b);
			pthread_mutex_lock(&r->mu);
			r->settling = 0;
		}
		advance(r, b);
		if (!(r->sq_head = b->snext))
			r->sq_tail = NULL;
		queue_push(&r->fq_head, &r->fq_tail, b);
		pthread_cond_broadcast(&r->work_cv);
	}
}

/* Phase 2 (any worker): scores and the formatted rows. */
static void format_batch(worker *w, batch *b)
{
	size_t i;

	if (b->nunits)
		worker_engines(w);
	for (i = 0; i < b->nfix; i++) {
		b->units[i].para += b->para_add;
		b->units[i].sent += b->sent_add;
	}
	/* every staged unit goes out, even when phase 1 stopped at a fatal
	 * error after it: the rows before the error are written */
	score_batch(w, b);
	for (i = 0; i < b->nunits; i++)
		format_unit(w, b, &b->units[i]);
	{
		/* hand the rows over by swapping buffers, not copying them */
		ts_buf t = b->output;

		b->output = w->o.line;
		w->o.line = t;
		ts_buf_reset(&w->o.line);
	}
}

/* ---- threads -------------------------------------------------------------- */

/* Can a worker start phase 1 of the next batch? In order, only when all
 * before it are settled. Caller holds r->mu. */
static int phase1_ready(const run_cmd *r)
{
	return r->pq_head && !r->pq_head->norming &&
	       (!r->in_order || (r->pq_head == r->sq_head && !r->settling));
}

/* In order, a worker with nothing else to do runs phase 0 of a batch
 * that waits for phase 1: norm off the one path that is serial then.
 * Caller holds r->mu. */
static batch *phase0_ahead(const run_cmd *r)
{
	batch *b;

	if (!r->in_order)
		return NULL;
	for (b = r->pq_head; b; b = b->qnext)
		if (!b->norming && !b->norm_done)
			return b;
	return NULL;
}

/*
 * A worker takes, first, phase 2 of the oldest settled batch (finished
 * batches let the reader go on; 1-2% faster on the bench inputs than
 * phase 1 first), else phase 1 of the next batch, else (in order) phase
 * 0 of a later one. Phase 1 runs under a guess of the state its
 * document is in where the batch starts (stage_batch), so the batches of
 * one long document run on all threads; settle() then checks the guesses
 * in input order and runs phase 1 again for one that does not hold (few
 * do: a guess is of a document's start, and holds unless the batch's
 * first rows use the state, a pronoun before any name, say).
 */
static void *worker_main(void *arg)
{
	worker *w = arg;
	run_cmd *r = w->rc;

	for (;;) {
		batch *b;
		int phase1 = 0, exact;

		pthread_mutex_lock(&r->mu);
		while (!r->fq_head && !phase1_ready(r) && !phase0_ahead(r) &&
		       !r->quit)
			pthread_cond_wait(&r->work_cv, &r->mu);
		if (r->fq_head)
			b = queue_pop(&r->fq_head, &r->fq_tail);
		else if ((phase1 = phase1_ready(r)) != 0)
			b = queue_pop(&r->pq_head, &r->pq_tail);
		else if ((b = phase0_ahead(r)) != NULL) {
			b->norming = 1;
			pthread_mutex_unlock(&r->mu);
			if (!w->norm && ts_norm_new(&w->norm, &r->nopts))
				cli_die(EXIT_BAD, "out of memory");
			norm_batch(w->norm, b, r->nopts.strict);
			pthread_mutex_lock(&r->mu);
			b->norming = 0;
			pthread_cond_broadcast(&r->work_cv);
			pthread_mutex_unlock(&r->mu);
			continue;
		} else {
			pthread_mutex_unlock(&r->mu);
			return NULL;
		}
		exact = phase1 && r->in_order;
		pthread_mutex_unlock(&r->mu);

		if (phase1) {
			if (exact)
				stage_exact(w, b);
			else
				stage_batch(w, b, 1);
			pthread_mutex_lock(&r->mu);
			b->staged = 1;
			settle(w);
			pthread_mutex_unlock(&r->mu);
		} else {
			format_batch(w, b);
			pthread_mutex_lock(&r->mu);
			b->done = 1;
			pthread_cond_broadcast(&r->done_cv);
			pthread_mutex_unlock(&r->mu);
		}
	}
}

/* The engines are built on a worker's first batch (in its own thread), so
 * an empty input starts fast and N workers build theirs in parallel. */
static void worker_engines(worker *w)
{
	run_cmd *r = w->rc;

	if (w->claims)
		return;
	w->claims = cli_make_claims(r->pat, r->npat);
	/* claims reads norm's units, which are valid UTF-8 (norm repairs
	 * or, with --strict, stops): no second check */
	ts_claims_trust_utf8(w->claims, 1);
	w->scorer = cli_make_scorer(&r->sopts, r->lex, r->nlex);
}

static void worker_init(run_cmd *r, worker *w)
{
	memset(w, 0, sizeof *w);
	w->rc = r;
	out_begin(&w->o, NULL, (out_format)r->io.fmt, 0, r->io.excel,
	          (const char *const *)r->names, r->ncols);
	w->rowp = xcalloc(r->ncols, sizeof *w->rowp);
	w->rowl = xcalloc(r->ncols, sizeof *w->rowl);
	w->rowraw = xcalloc(r->ncols, 1);
	if (r->nlex || r->npat)
		worker_engines(w);   /* report a bad user file before any output */
}

static void worker_fini(worker *w)
{
	ts_norm_free(w->norm);
	ts_claims_free(w->claims);
	ts_scorer_free(w->scorer);
	out_free(&w->o);
	ts_buf_free(&w->ev);
	ts_buf_free(&w->tmp);
	free(w->rowp);
	free(w->rowl);
	free(w->rowraw);
}

/* Batches in flight, oldest first. */
typedef struct flight {
	batch *head, *tail;
	size_t n, seq;
	batch *spare;               /* written batches to reuse (through next) */
} flight;

static void write_batch(run_cmd *r, batch *b)
{
	size_t k;
	ts_buf note = {0};

	/* per input file, as norm says it: after the file's rows */
	for (k = 0; k < b->nitems; k++) {
		const item *it = &b->items[k];

		r->file_repaired += it->repaired;
		if (it->file_end) {
			if (r->file_repaired)
				ts_buf_addf(&note, "%s: %s: replaced %zu invalid UTF-8 sequence%s with U+FFFD\n",
				            cli_prog(), strcmp(it->file, "-") ? it->file : "stdin",
				            r->file_repaired, r->file_repaired == 1 ? "" : "s");
			r->file_repaired = 0;
		}
	}
	if (note.len) {
		ts_buf_add(&b->messages, note.data, note.len);
		ts_buf_free(&note);
	}

	r->rows += b->rows;
	r->flagged += b->flagged;
	r->repaired += b->repaired;
	r->docs += b->docs;
	for (k = 0; k < 5; k++)
		r->kinds[k] += b->kinds[k];
	if (b->output.len)
		cli_write_all(b->output.data, b->output.len);   /* whole rows */
	if (b->messages.len) {
		fflush(stdout);
		fwrite(b->messages.data, 1, b->messages.len, stderr);
	}
	if (b->status)
		r->status = b->status;
	if (b->fatal)
		exit(cli_finish_output(r->status));
}

/* Wait for the oldest batch, write it, free it. */
static void retire_one(run_cmd *r, flight *f)
{
	batch *b = f->head;

	pthread_mutex_lock(&r->mu);
	while (!b->done)
		pthread_cond_wait(&r->done_cv, &r->mu);
	pthread_mutex_unlock(&r->mu);
	f->head = b->next;
	if (!f->head)
		f->tail = NULL;
	f->n--;
	write_batch(r, b);
	/* kept for reuse with its buffers: a fresh batch touches new pages,
	 * whose faults cost 0.1 s of system time per 50 MB */
	batch_clear(b);
	b->next = f->spare;
	f->spare = b;
}

/* Hand over the current batch and return a fresh one. -j1 runs it here
 * and reuses it. */
static batch *submit(run_cmd *r, flight *f, batch *b)
{
	if (b->nitems == 0)
		return b;
	/* -j1: here, phase by phase; with threads the workers run phase 0
	 * too (when the reader ran it for a batch that continues a document,
	 * as it did while such batches ran phase 1 on one thread, run -j2
	 * was 3% slower on one long document: three threads on two cores) */
	if (r->jobs <= 1) {
		if (!r->norm && ts_norm_new(&r->norm, &r->nopts))
			cli_die(EXIT_BAD, "out of memory");
		norm_batch(r->norm, b, r->nopts.strict);
		stage_batch(&r->workers[0], b, 0);
		format_batch(&r->workers[0], b);
		write_batch(r, b);
		batch_clear(b);
		return b;
	}
	if (f->tail)
		f->tail->next = b;
	else
		f->head = b;
	f->tail = b;
	f->n++;
	pthread_mutex_lock(&r->mu);
	queue_push(&r->pq_head, &r->pq_tail, b);
	b->snext = NULL;
	if (r->sq_tail)
		r->sq_tail->snext = b;
	else
		r->sq_head = b;
	r->sq_tail = b;
	pthread_cond_broadcast(&r->work_cv);
	pthread_mutex_unlock(&r->mu);
	while (f->n >= (size_t)r->jobs * 2)
		retire_one(r, f);
	if (f->spare) {
		b = f->spare;
		f->spare = b->next;
		b->next = NULL;
		b->seq = ++f->seq;
		return b;
	}
	return batch_new(++f->seq);
}

/* Is it time to cut the batch? At 256 KiB of input (64 KiB with one
 * thread), at a document boundary or inside a document (settle() then
 * checks that the next batch's guess of the document's state holds), so
 * that memory stays bounded whatever the document and the batches of a
 * long document run on all threads. */
static int full(const run_cmd *r, const batch *b)
{
	return b->arena.len >= r->batch_bytes || b->nitems >= 4096;
}

/* Does a line end in a colon? It introduces a quotation in the next row
 * (claims' pending state), so a cut after it would have the next batch's
 * guess fail: the cut waits a line, once (the batch still ends). On the
 * 50 MB articles input, 8 of 198 batches ran phase 1 twice for that. */
static int ends_colon(const char *p, size_t n)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return (n && p[n - 1] == ':') ||
	       (n >= 3 && memcmp(p + n - 3, "\xEF\xBC\x9A", 3) == 0);
}

/* ---- readers --------------------------------------------------------------- */

static void marker_msg(batch *b, int fatal, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The item's document name: a raw file's lines share one copy per batch. */
static void item_doc(batch *b, item *it, const char *doc, size_t dlen)
{
	if (b->last_doc != doc) {
		b->last_doc_off = arena_add(b, doc, dlen);
		b->last_doc = doc;
	}
	it->doc_off = b->last_doc_off;
	it->doc_len = dlen;
}

static batch *read_raw(run_cmd *r, flight *f, batch *b, FILE *fp, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long long off = 0;
	const char *doc = fp == stdin ? "-" : path;
	size_t dlen = strlen(doc);
	int first = 1, colon = 0, waited = 0;
	size_t lineno = 0;
	item *it;
	/* the claims stage of the pipe chain restarts its document state
	 * where the doc column changes: a file given again right after
	 * itself (no row of another file between) goes on with it */
	int reset = !r->raw_doc || strcmp(r->raw_doc, doc) != 0;

	if (full(r, b) || r->jobs <= 1)
		b = submit(r, f, b);
	if (r->nopts.unit == TS_UNIT_DOC) {
		char chunk[65536];
		size_t n, start;

		it = batch_item(b);
		item_doc(b, it, doc, dlen);
		start = b->arena.len;
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			arena_add(b, chunk, n);
		if (ferror(fp))
			marker_msg(b, 0, "cannot read '%s': %s", path, strerror(errno));
		it = &b->items[b->nitems - 1];
		it->text_off = start;
		it->text_len = b->arena.len - start;
		it->file = path;
		it->lineno = 1;
		it->norm_reset = it->new_doc = 1;
		it->claims_reset = (unsigned char)reset;
		if (it->text_len)
			r->raw_doc = doc;
		first = 0;
	} else {
		while ((got = getline(&line, &cap, fp)) != -1) {
			size_t len = (size_t)got;

			if (r->io.max_line && len > r->io.max_line)
				cli_die(EXIT_BAD, "%s: line at byte offset %llu is longer than %zu bytes (raise it with --max-line)",
				        path, off, r->io.max_line);
			if (len && line[len - 1] == '\n')
				len--;
			if (!first && full(r, b)) {
				if (colon && !waited)
					waited = 1;   /* ends_colon() */
				else {
					b = submit(r, f, b);
					waited = 0;
				}
			}
			colon = ends_colon(line, len);
			it = batch_item(b);
			item_doc(b, it, doc, dlen);
			it->text_off = arena_add(b, line, len);
			it->text_len = len;
			it = &b->items[b->nitems - 1];
			it->base = off;
			it->file = path;
			it->lineno = ++lineno;
			it->norm_reset = it->new_doc = (unsigned char)first;
			it->claims_reset = (unsigned char)(first && reset);
			r->raw_doc = doc;
			first = 0;
			off += (unsigned long long)got;
			progress_update(&r->prog, off);
		}
		if (ferror(fp))
			marker_msg(b, 0, "cannot read '%s': %s", path, strerror(errno));
		free(line);
	}
	it = batch_item(b);
	it->marker = 1;
	it->file_end = 1;
	it->file = path;
	/* an empty file: a document, but no row for claims to see */
	it->norm_reset = it->new_doc = (unsigned char)first;
	return b;
}

/* The messages of b's markers on stderr now, with the status they ask
 * for; for when no batch has gone to the writer (no header read yet), so
 * they come before a message about the first header, or are all there is
 * (norm says them in the same order). */
static int say_markers(const batch *b)
{
	size_t i;
	int status = 0;

	for (i = 0; b && i < b->nitems; i++)
		if (b->items[i].marker && b->items[i].msg_len) {
			fwrite(b->arena.data + b->items[i].msg_off, 1, b->items[i].msg_len,
			       stderr);
			status = EXIT_BAD;
		}
	return status;
}

static void set_in_names(run_cmd *r, char **names, size_t n, const char *file,
                         const batch *b)
{
	r->in_names = names;
	r->nin = n;
	r->c_text = find_name((const char *const *)names, n, r->column);
	if (r->c_text < 0) {
		say_markers(b);
		cli_die(EXIT_BAD, "%s:1: no column '%s' in the header (use --column NAME)",
		        file, r->column);
	}
	r->c_doc_in = find_name((const char *const *)names, n, "doc");
	if (r->doc_column) {
		r->c_docname = find_name((const char *const *)names, n, r->doc_column);
		if (r->c_docname < 0) {
			say_markers(b);
			cli_die(EXIT_BAD, "no column '%s' in the header", r->doc_column);
		}
	} else if ((r->c_docname = r->c_doc_in) < 0)
		r->c_docname = find_name((const char *const *)names, n, "id");
	layout(r);
}

typedef struct tsv_state {
	ts_buf prev_doc_in, prev_docname, tmp;
	int have_prev;
	int colon, waited;          /* ends_colon() of the last row; a cut waits */
} tsv_state;

static void marker_msg(batch *b, int fatal, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An item that only carries a message, reported in order with the rows. */
static void marker_msg(batch *b, int fatal, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	size_t off;
	int n;
	item *it;

	n = snprintf(msg, sizeof msg, "%s: ", cli_prog());
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n - 1, fmt, ap);
	va_end(ap);
	strcat(msg, "\n");
	off = arena_add(b, msg, strlen(msg));
	it = batch_item(b);
	it->marker = 1;
	it->msg_fatal = fatal != 0;
	it->msg_off = off;
	it->msg_len = strlen(msg);
}

/* Read the header (or not, with --columns). Returns 0 for an empty input,
 * -1 when the input must stop here: a fatal marker in b says why, after
 * the rows before it (as the pipe chain does). */
static int tsv_header(run_cmd *r, ts_tsv_reader *rd, const char *name, batch *b)
{
	ts_field *fl;
	size_t n, i;
	ts_diag d;
	int rc;

	if (r->io.columns)
		return 1;
	rc = ts_tsv_read(rd, &fl, &n, &d);
	if (rc == TS_EIO) {
		marker_msg(b, 0, "%s:%zu: %s", name, d.line, d.msg);
		return 0;
	}
	if (rc < 0) {
		marker_msg(b, 1, "%s:%zu: %s", name, d.line, d.msg);
		return -1;
	}
	if (rc == 0)
		return 0;
	if (!r->names) {
		char **names = xcalloc(n, sizeof *names);

		for (i = 0; i < n; i++) {
			names[i] = xmalloc(fl[i].len + 1);
			memcpy(names[i], fl[i].ptr, fl[i].len);
			names[i][fl[i].len] = '\0';
			if (fl[i].len == 0) {
				say_markers(b);
				cli_die(EXIT_BAD, "%s:1: column %zu has an empty name", name, i + 1);
			}
			if (find_name((const char *const *)names, i, names[i]) >= 0) {
				say_markers(b);
				cli_die(EXIT_BAD, "%s:1: duplicate column name '%s'", name, names[i]);
			}
		}
		set_in_names(r, names, n, name, b);
		return 1;
	}
	if (n == r->nin) {
		for (i = 0; i < n; i++)
			if (fl[i].len != strlen(r->in_names[i]) ||
			    memcmp(fl[i].ptr, r->in_names[i], fl[i].len) != 0)
				break;
		if (i == n)
			return 1;
	}
	marker_msg(b, 1, "%s:1: header differs from the first input's", name);
	return -1;
}

static batch *tsv_rows(run_cmd *r, flight *f, batch *b, ts_tsv_reader *rd,
                       const char *name, tsv_state *ts)
{
	ts_field *fl;
	size_t n, i;
	ts_diag d;
	int rc;

	while ((rc = ts_tsv_read(rd, &fl, &n, &d)) == 1) {
		size_t line = ts_tsv_lineno(rd);
		int doc_in_changed, docname_changed;
		item *it;

		if (n != r->nin) {
			marker_msg(b, 1, "%s:%zu: %zu field%s, header has %zu", name, line, n,
			           n == 1 ? "" : "s", r->nin);
			return b;
		}
		/* the document name, as norm --tsv writes it */
		ts_buf_reset(&ts->tmp);
		if (r->c_docname >= 0) {
			if (ts_tsv_unescape(&ts->tmp, fl[r->c_docname].ptr, fl[r->c_docname].len, &d)) {
				marker_msg(b, 1, "%s:%zu: column '%s': %s at byte %zu", name, line,
				           r->in_names[r->c_docname], d.msg, d.offset);
				return b;
			}
		} else
			ts_buf_addf(&ts->tmp, "%s:%zu", name, line);
		doc_in_changed = r->c_doc_in < 0 || !ts->have_prev ||
		                 fl[r->c_doc_in].len != ts->prev_doc_in.len ||
		                 memcmp(fl[r->c_doc_in].ptr, ts->prev_doc_in.data, fl[r->c_doc_in].len) != 0;
		docname_changed = !ts->have_prev || ts->tmp.len != ts->prev_docname.len ||
		                  memcmp(ts->tmp.data, ts->prev_docname.data, ts->tmp.len) != 0;
		if (full(r, b)) {
			if (ts->colon && !docname_changed && !ts->waited)
				ts->waited = 1;   /* ends_colon() */
			else {
				b = submit(r, f, b);
				ts->waited = 0;
			}
		}
		{
			size_t doc_off = arena_add(b, ts->tmp.data ? ts->tmp.data : "", ts->tmp.len);
			size_t first = b->nflds;

			for (i = 0; i < n; i++) {
				if (b->nflds == b->fcap) {
					b->fcap = b->fcap ? b->fcap * 2 : 256;
					b->flds = xrealloc(b->flds, 2 * b->fcap * sizeof *b->flds);
				}
				b->flds[2 * b->nflds] = arena_add(b, fl[i].ptr, fl[i].len);
				b->flds[2 * b->nflds + 1] = fl[i].len;
				b->nflds++;
			}
			it = batch_item(b);
			it->doc_off = doc_off;
			it->doc_len = ts->tmp.len;
			it->fld_first = first;
			it->nfld = n;
		}
		progress_update(&r->prog, ts_tsv_offset(rd));
		it->file = name;
		it->lineno = line;
		it->norm_reset = doc_in_changed != 0;
		it->claims_reset = it->new_doc = docname_changed != 0;
		it->text_off = b->arena.len;
		if (ts_tsv_unescape(&b->arena, fl[r->c_text].ptr, fl[r->c_text].len, &d)) {
			b->nitems--;
			marker_msg(b, 1, "%s:%zu: column '%s': %s at byte %zu", name, line,
			           r->column, d.msg, d.offset);
			return b;
		}
		it = &b->items[b->nitems - 1];
		it->text_len = b->arena.len - it->text_off;
		ts->colon = ends_colon(b->arena.data + it->text_off, it->text_len);
		ts_buf_reset(&ts->prev_docname);
		ts_buf_add(&ts->prev_docname, ts->tmp.data ? ts->tmp.data : "", ts->tmp.len);
		if (r->c_doc_in >= 0) {
			ts_buf_reset(&ts->prev_doc_in);
			ts_buf_add(&ts->prev_doc_in, fl[r->c_doc_in].ptr, fl[r->c_doc_in].len);
		}
		ts->have_prev = 1;
	}
	if (rc < 0)
		marker_msg(b, rc != TS_EIO, "%s:%zu: %s", name, d.line, d.msg);
	return b;
}

/* Layout known: the header line, the workers. */
static void start(run_cmd *r, out *hdr)
{
	long k;
	sigset_t old;

	out_begin(hdr, stdout, (out_format)r->io.fmt, r->io.header, r->io.excel, r->names, r->ncols);
	r->workers = xcalloc((size_t)r->jobs, sizeof *r->workers);
	if (r->jobs > 1 && ts_claims_state_new(&r->at))
		cli_die(EXIT_BAD, "out of memory");
	/* workers never take SIGINT/SIGTERM: the main thread does, between
	 * whole-row writes (they inherit the blocked mask) */
	cli_block_stop_signals(&old);
	for (k = 0; k < r->jobs; k++) {
		worker_init(r, &r->workers[k]);
		if (r->jobs > 1 && pthread_create(&r->workers[k].thread, NULL, worker_main,
		                                  &r->workers[k]) != 0)
			cli_die(EXIT_BAD, "cannot start a thread: %s", strerror(errno));
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void stop(run_cmd *r, flight *f)
{
	long k;

	while (f->head)
		retire_one(r, f);
	while (f->spare) {
		batch *b = f->spare;

		f->spare = b->next;
		batch_free(b);
	}
	ts_norm_free(r->norm);
	r->norm = NULL;
	if (!r->workers)
		return;
	pthread_mutex_lock(&r->mu);
	r->quit = 1;
	pthread_cond_broadcast(&r->work_cv);
	pthread_mutex_unlock(&r->mu);
	for (k = 0; k < r->jobs; k++) {
		if (r->jobs > 1)
			pthread_join(r->workers[k].thread, NULL);
		worker_fini(&r->workers[k]);
	}
	free(r->workers);
	r->workers = NULL;
	if (getenv("TONESIFT_TEST_BATCH") && r->jobs > 1)
		fprintf(stderr, "%s: %zu batches settled, %zu run again, %zu in order\n",
		        cli_prog(), r->nsettled, r->nagain, r->nexact);
	ts_claims_state_free(r->at);
	r->at = NULL;
}

/* ---- options and main -------------------------------------------------------- */

static void add_file(const char ***list, size_t *n, const char *v)
{
	*list = xrealloc((void *)*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = v;
}

static void parse(run_cmd *r, opt_parser *p)
{
	const char *name;

	while ((name = opt_next(p)) != NULL) {
		if (strcmp(name, "h") == 0 || strcmp(name, "help") == 0) {
			printf("Usage: tonesift run [OPTIONS] [FILE...]\n%s"
			       "  --column NAME, --columns A,B,..., --csv, --no-header, --format F,\n"
			       "  --excel, --max-line BYTES, --progress, --no-progress, --stats:\n"
			       "  as for every stage\n"
			       "Exit status: 0 ok, 1 output could not be written, 2 bad usage or input.\n",
			       usage);
			exit(cli_finish_output(0));
		} else if (strcmp(name, "j") == 0 || strcmp(name, "jobs") == 0)
			r->jobs = (long)opt_size(name, opt_value(p, name));
		else if (strcmp(name, "unit") == 0) {
			const char *v = opt_value(p, name);

			if (strcmp(v, "sentence") == 0)
				r->nopts.unit = TS_UNIT_SENTENCE;
			else if (strcmp(v, "line") == 0)
				r->nopts.unit = TS_UNIT_LINE;
			else if (strcmp(v, "paragraph") == 0)
				r->nopts.unit = TS_UNIT_PARAGRAPH;
			else if (strcmp(v, "doc") == 0)
				r->nopts.unit = TS_UNIT_DOC;
			else
				cli_usage_error("unknown unit '%s' (sentence, line, paragraph or doc)", v);
		} else if (strcmp(name, "nfkc") == 0)
			r->nopts.nfkc = 1;
		else if (strcmp(name, "html") == 0)
			r->nopts.html = 1;
		else if (strcmp(name, "markdown") == 0)
			r->nopts.markdown = 1;
		else if (strcmp(name, "strict") == 0)
			r->nopts.strict = 1;
		else if (strcmp(name, "tsv") == 0)
			r->tsv = 1;
		else if (strcmp(name, "doc-column") == 0)
			r->doc_column = opt_value(p, name);
		else if (strcmp(name, "column") == 0)
			r->column = opt_value(p, name);
		else if (strcmp(name, "lexicon") == 0)
			add_file(&r->lex, &r->nlex, opt_value(p, name));
		else if (strcmp(name, "patterns") == 0)
			add_file(&r->pat, &r->npat, opt_value(p, name));
		else if (strcmp(name, "vader-compat") == 0)
			r->sopts.vader_compat = 1;
		else if (io_option(&r->io, p, name))
			;
		else
			cli_usage_error("unknown option '%s%s'", strlen(name) > 1 ? "--" : "-", name);
	}
}

int cmd_run(int argc, char **argv)
{
	run_cmd r;
	opt_parser p;
	flight f;
	batch *b;
	tsv_state ts;
	out hdr;
	int i, nfiles;
	size_t k;

	memset(&r, 0, sizeof r);
	memset(&f, 0, sizeof f);
	memset(&ts, 0, sizeof ts);
	memset(&hdr, 0, sizeof hdr);
	r.jobs = 1;
	io_opts_init(&r.io);
	r.column = "text";
	opt_init(&p, argc, argv);
	parse(&r, &p);
	if (r.jobs == 0)
		r.jobs = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
	if (r.jobs > 256)
		r.jobs = 256;
	r.nopts.keep_empty = r.tsv;
	r.batch_bytes = r.jobs <= 1 ? (size_t)64 << 10 : (size_t)256 << 10;
	{
		/* for tests: small batches, so that the guesses of a document's
		 * state are settled often; says how many were at the end */
		const char *e = getenv("TONESIFT_TEST_BATCH");

		if (e && *e)
			r.batch_bytes = (size_t)strtoul(e, NULL, 10);
	}
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.work_cv, NULL);
	pthread_cond_init(&r.done_cv, NULL);
	if (r.tsv && r.io.columns) {
		size_t n = 0;
		char **names = NULL, *copy = xstrdup(r.io.columns), *s = copy, *comma;

		for (;;) {
			if ((comma = strchr(s, ',')) != NULL)
				*comma = '\0';
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(s);
			if (!comma)
				break;
			s = comma + 1;
		}
		free(copy);
		set_in_names(&r, names, n, "--columns", NULL);
	} else if (!r.tsv)
		layout(&r);
	if (r.names)
		start(&r, &hdr);
	progress_init(&r.prog, r.io.progress, p.operands, p.noperands);
	b = batch_new(0);
	nfiles = p.noperands ? p.noperands : 1;
	for (i = 0; i < nfiles; i++) {
		const char *path = p.noperands ? p.operands[i] : "-";
		FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
		struct stat sb;

		if (!fp) {
			marker_msg(b, 0, "cannot open '%s': %s", path, strerror(errno));
			continue;
		}
		if (fp != stdin && fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
			marker_msg(b, 0, "cannot read '%s': %s", path, strerror(EISDIR));
			fclose(fp);
			continue;
		}
		if (r.tsv) {
			const char *name = fp == stdin ? "stdin" : path;
			ts_tsv_reader *rd;
			int hr;

			if (ts_tsv_reader_new(&rd, fp, name, r.io.max_line))
				cli_die(EXIT_BAD, "out of memory");
			ts_tsv_reader_set_csv(rd, r.io.csv);
			hr = tsv_header(&r, rd, name, b);

			if (hr > 0) {
				item *it;

				if (!r.workers)
					start(&r, &hdr);
				b = tsv_rows(&r, &f, b, rd, name, &ts);
				it = batch_item(b);
				it->marker = 1;
				it->file_end = 1;
				it->file = name;
			}
			ts_tsv_reader_free(rd);
			if (hr < 0) {
				cli_close_input(fp);
				break;   /* the fatal marker stops the writer there */
			}
		} else
			b = read_raw(&r, &f, b, cli_buffer_input(fp), path);
		progress_next_file(&r.prog, (unsigned long long)(ftell(fp) > 0 ? ftell(fp) : 0));
		cli_close_input(fp);
	}
	if (b->nitems && !r.workers) {
		/* only messages (no input had a header): say them */
		r.status = say_markers(b);
		for (k = 0; k < b->nitems; k++)
			if (b->items[k].msg_fatal)
				exit(cli_finish_output(r.status));
		batch_clear(b);
	}
	b = submit(&r, &f, b);
	stop(&r, &f);
	batch_free(b);
	progress_end(&r.prog);
	if (r.io.stats) {
		double sec = progress_seconds(&r.prog);

		fflush(stdout);
		cli_warn("stats: %llu documents, %llu rows, %.3f MB in %.3f s (%.1f MB/s)",
		         r.docs, r.rows, (double)r.prog.bytes / 1e6, sec,
		         sec > 0 ? (double)r.prog.bytes / 1e6 / sec : 0.0);
		cli_warn("stats: %llu quotations, %llu reports, %llu hedges, %llu numbers, %llu none; "
		         "%llu invalid UTF-8 sequences repaired, %llu rows flagged (limit)",
		         r.kinds[0], r.kinds[1], r.kinds[2], r.kinds[3], r.kinds[4], r.repaired, r.flagged);
	}
	out_free(&hdr);
	for (k = 0; k < r.nin; k++)
		free(r.in_names[k]);
	free(r.in_names);
	free(r.names);
	free(r.src);
	free(r.comp);
	free(r.lex);
	free(r.pat);
	free(p.operands);
	ts_buf_free(&ts.prev_doc_in);
	ts_buf_free(&ts.prev_docname);
	ts_buf_free(&ts.tmp);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.work_cv);
	pthread_cond_destroy(&r.done_cv);
	return cli_finish_output(r.status);
}
