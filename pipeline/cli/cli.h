/* cli.h - what the tonesift program's subcommands share: the command
 * table, diagnostics, option parsing, the output writer and the TSV stage
 * driver.
 *
 * How to add a stage (three steps):
 *  1. write pipeline/cli/cmd_<name>.c with `int cmd_<name>(int argc, char **argv)`;
 *     for a TSV-in/TSV-out filter fill a `stage_def` and call stage_main();
 *  2. declare it below;
 *  3. add a line to the commands[] table in main.c (name, function, summary).
 *
 * Exit status of every command: 0 success, 1 the output could not be
 * written, 2 bad usage or bad input (the message says file:line: what).
 */
#ifndef TS_CLI_H
#define TS_CLI_H

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <tonesift/tonesift.h>

#define EXIT_WRITE 1
#define EXIT_BAD 2

/* ---- commands ---- */
int cmd_norm(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_summarize(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* ---- diagnostics (util.c) ---- */
/* The program name used in messages, e.g. "tonesift norm". */
void cli_set_prog(const char *name);
const char *cli_prog(void);
/* "tonesift norm: message" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* cli_warn, then exit(status). */
_Noreturn void cli_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "Try 'tonesift norm --help'." and exit 2. */
_Noreturn void cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Open an input file ("-" = stdin) for reading; on failure (missing,
 * unreadable, a directory) says so and returns NULL: the caller goes on
 * with the next file and exits 2 at the end. */
FILE *cli_open_input(const char *path);
/* Give fp, just opened and not yet read, a large buffer, for reading it a
 * line at a time; cli_close_input() closes an input from cli_open_input()
 * (not stdin) and frees its buffer. */
FILE *cli_buffer_input(FILE *fp);
void cli_close_input(FILE *fp);
/* Read the named columns of a TSV (csv = 1: CSV) file, row by row: for
 * each row vals[k] holds column names[k] unescaped ("" when the file has
 * no such column; col[k] says which: index or -1) and row(ctx, file, line)
 * is called. A column whose bit is set in `required` must exist (`why`
 * ends the message). Bad input dies with file:line; a file that cannot be
 * opened gives a message and EXIT_BAD. */
typedef void (*cli_row_fn)(void *ctx, const char *file, size_t line);
int cli_read_columns(const char *path, size_t max_line, int csv,
                     const char *const *names, size_t ncols,
                     unsigned long required, const char *why, long *col,
                     ts_buf *vals, cli_row_fn row, void *ctx);
/* Decimal digits of v and a NUL into dst (at least 21 bytes); returns the
 * number of digits. printf costs more than the rest of a row's numbers. */
size_t cli_utoa(char *dst, unsigned long long v);
/* "00" "01" ... "99": the two digits of n at cli_pairs[2 * n] */
extern const char cli_pairs[201];
/* FNV-1a hash of n bytes, for the commands' hash tables. */
uint64_t cli_hash(const char *p, size_t n);
/* Read a whole file ("-" = stdin) into memory; dies on failure. */
char *cli_slurp(const char *path, size_t *len);
/* After a failed write: quiet exit on EPIPE (as if killed by SIGPIPE),
 * else the message and EXIT_WRITE. */
_Noreturn void cli_write_failed(void);
/* Block SIGINT, SIGTERM and SIGHUP in this thread (old mask to *old). */
void cli_block_stop_signals(sigset_t *old);
/* write(2) all of p to standard output (after what stdio holds), with the
 * stop signals held, so that an interrupt never leaves half a row. */
void cli_write_all(const void *p, size_t n);
/* Flush and close stdout, reporting a failed write; returns status. */
int cli_finish_output(int status);

/* ---- options (util.c) ---- */
/* A tiny long-option parser: `--name=value`, `--name value`, `-x value`,
 * `-xVALUE`, `--` ends options. opt_next() returns the option name without
 * dashes (or NULL at the first operand / end), operands are collected. */
typedef struct opt_parser {
	int argc, i;
	char **argv;
	const char *inline_val;   /* value given with '=' or glued */
	char **operands;
	int noperands;
} opt_parser;
void opt_init(opt_parser *p, int argc, char **argv);
const char *opt_next(opt_parser *p);
/* The option's value (dies with a usage error if missing). */
const char *opt_value(opt_parser *p, const char *name);
/* Parse a non-negative integer with optional K/M/G suffix. */
size_t opt_size(const char *name, const char *v);

/* ---- output (out.c) ---- */
typedef enum out_format { FMT_TSV, FMT_CSV, FMT_JSONL } out_format;

typedef struct out {
	FILE *fp;
	out_format fmt;
	int header;          /* write a header line */
	int excel;           /* CSV for Excel: BOM + CRLF */
	char **names;        /* column names (plain text), for header/JSON */
	unsigned char *numeric; /* per column: emit as a JSON number */
	size_t ncols;
	size_t col;          /* next column of the current row */
	ts_buf line;         /* the row being built */
	ts_buf tmp;
	int started;
} out;

/* Parse "tsv" "csv" "jsonl"; -1 if unknown. */
int out_parse_format(const char *s);
/* The input/output options every command shares. */
typedef struct io_opts {
	int fmt;               /* out_format: --format, --excel */
	int header;            /* 0 with --no-header */
	int excel;             /* --excel / --bom */
	int csv;               /* --csv: CSV input */
	int progress;          /* --progress 1, --no-progress -1, default 0 */
	int stats;             /* --stats */
	size_t max_line;       /* --max-line, 0 = default */
	const char *columns;   /* --columns: headerless input */
} io_opts;
void io_opts_init(io_opts *o);
/* Take `name` if it is one of the shared options (--format --excel --bom
 * --no-header --csv --max-line --columns --progress --no-progress
 * --stats); returns 1 if it was. */
int io_option(io_opts *o, opt_parser *p, const char *name);

/* Begin output with these columns (names copied). Writes the header.
 * With fp == NULL rows accumulate in o->line for the caller to take
 * (worker threads format into memory, the main thread writes). */
void out_begin(out *o, FILE *fp, out_format fmt, int header, int excel,
               const char *const *names, size_t ncols);
/* Add a field: `escaped` says whether p is in linear-TSV escaped form
 * (pass-through) or plain text. Returns TS_EFORMAT if an escaped field
 * has a bad escape (non-TSV formats must unescape it). */
int out_field(out *o, const char *p, size_t len, int escaped);
/* TSV only: a whole row of n fields. raw[i] set: p[i] is already escaped
 * (or holds nothing to escape) and is copied as it is. */
void out_row_tsv(out *o, const char *const *p, const size_t *len,
                 const unsigned char *raw, size_t n);
/* End the row and write it. */
void out_end(out *o);
/* Write out what is buffered, free the writer. */
void out_free(out *o);
/* Write the buffered rows of the writer on stdout (before an exit). */
void out_flush_active(void);

/* ---- engines (engines.c) ---- */
/* Scorer / claims handle from the embedded data plus user files, applied in
 * order; dies with file:line on a bad file. */
ts_scorer *cli_make_scorer(const ts_score_opts *opts, const char *const *lex, size_t n);
ts_claims *cli_make_claims(const char *const *pat, size_t n);
/* The printed form of a score (3 decimals, compound 4), as every stage
 * writes it. */
typedef struct score_text {
	char neg[16], neu[16], pos[16], compound[16];
	size_t len[4];      /* their lengths, in that order */
} score_text;
void cli_score_fields(const ts_score *sc, score_text *dst);
/* Returns the length written. */
size_t cli_checkworthy_field(double v, char dst[16]);
/* --stats of a claim row: kinds[] counts it by kind (quote report hedge
 * number none, the index returned), *flagged when it is tagged "limit". */
size_t cli_count_claim(const ts_claim *c, unsigned long long kinds[5],
                       unsigned long long *flagged);

/* ---- progress and stats (progress.c) ---- */
typedef struct progress {
	int on;                       /* draw the line */
	int shown;                    /* something is on the terminal */
	unsigned long long total;     /* bytes of all inputs, 0 if unknown */
	unsigned long long done_files_bytes;  /* bytes of the finished files */
	unsigned long long bytes;     /* done so far */
	int file, nfiles;
	unsigned long calls;
	double start, last;
} progress;
/* mode: 1 = --progress, 0 = only if stderr is a terminal, -1 = never. */
void progress_init(progress *p, int mode, char **files, int nfiles);
/* Bytes done in the current file (cheap: draws at most 4 times a second). */
void progress_update(progress *p, unsigned long long done_in_file);
void progress_next_file(progress *p, unsigned long long file_bytes);
/* Clear the line. */
void progress_end(progress *p);
double progress_seconds(const progress *p);

/* ---- the TSV stage driver (stage.c) ---- */
typedef struct stage stage;

typedef struct stage_def {
	const char *name;            /* "claims" */
	/* Header known: look up inputs (stage_input) and declare outputs
	 * (stage_output), in output order. Return 0 or exit status. */
	int (*begin)(void *ctx, stage *st);
	/* One input row: read with stage_get, set with stage_set, write
	 * >= 1 rows with stage_emit. Return 0 or an exit status. */
	int (*row)(void *ctx, stage *st);
	/* The `doc` column changed (or, without one, a new row started). */
	void (*doc_change)(void *ctx);
	/* Stage options: return 1 if `name` was consumed, 0 if unknown. */
	int (*option)(void *ctx, opt_parser *p, const char *name);
	/* Optional raw-text mode (norm without --tsv): when raw() returns 1
	 * after option parsing, begin() is called with no input columns and
	 * raw_file() reads each input file (or stdin) instead of TSV. */
	int (*raw)(void *ctx);
	int (*raw_file)(void *ctx, stage *st, FILE *fp, const char *name);
	/* Called after each input file (may be NULL). */
	void (*file_done)(void *ctx, stage *st, const char *name);
	/* Called once after all input: e.g. summary lines on stderr. */
	int (*end)(void *ctx, stage *st);
	/* Usage text (after the common options). */
	const char *usage;
} stage_def;

/* Run a TSV filter: parses argv (common options + def->option), reads the
 * files or stdin, writes stdout. Returns the exit status. */
int stage_main(const stage_def *def, void *ctx, int argc, char **argv);

/* Index of an input column by name, or -1. */
long stage_input(stage *st, const char *name);
/* The configured input column (--column, default "text"); dies if absent. */
long stage_text_column(stage *st);
/* Declare an output column; returns its slot. An input column of the same
 * name is replaced in place, others are appended. */
int stage_output(stage *st, const char *name);
/* Unescaped value of input column `col` of the current row; dies with a
 * file:line message on a bad escape. */
void stage_get(stage *st, long col, const char **p, size_t *len);
/* Set output slot k to plain text (kept by pointer until stage_emit). */
void stage_set(stage *st, int k, const char *p, size_t len);
/* Set output slot k to text known to hold no tab, line break, CR or
 * backslash (numbers, labels, language tags): written without the escape
 * screen. */
void stage_set_plain(stage *st, int k, const char *p, size_t len);
/* Set output slot k to formatted text (copied). */
void stage_setf(stage *st, int k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Set output slot k to a decimal number (no printf on the hot path). */
void stage_set_uint(stage *st, int k, unsigned long long v);
/* Write one output row from the current input row and the slots. */
void stage_emit(stage *st);
/* --stats given? (stages print their own figures in end()) */
int stage_stats(stage *st);
/* Raw readers report their position in the current file. */
void stage_progress(stage *st, unsigned long long done_in_file);
/* --max-line (0 = the default). */
size_t stage_max_line(stage *st);
/* "file:line" of the current row, for messages. */
const char *stage_where(stage *st);

#endif
