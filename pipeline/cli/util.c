/* util.c - diagnostics, allocation, option parsing and output checks for
 * the tonesift program (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *prog = "tonesift";

void cli_set_prog(const char *name) { prog = name; }
const char *cli_prog(void) { return prog; }

static void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void vwarn(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void cli_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(cli_finish_output(status));
}

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help'.\n", prog);
	exit(EXIT_BAD);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		cli_die(EXIT_BAD, "out of memory (tried to allocate %zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		cli_die(EXIT_BAD, "out of memory (tried to allocate %zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		cli_die(EXIT_BAD, "out of memory (tried to allocate %zu bytes)", n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *cli_slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	ts_buf b = {0};
	char chunk[65536];
	size_t n;

	if (!f)
		cli_die(EXIT_BAD, "cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (ts_buf_add(&b, chunk, n))
			cli_die(EXIT_BAD, "out of memory reading '%s'", path);
	if (ferror(f))
		cli_die(EXIT_BAD, "cannot read '%s': %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (!b.data && ts_buf_add(&b, "", 0))
		cli_die(EXIT_BAD, "out of memory");
	*len = b.len;
	return b.data;
}

/*
 * Input read a line at a time (getline) gets a 256 KiB stdio buffer:
 * stdio's own is st_blksize, 4 KiB for a file here, one read(2) per 4 KiB
 * (12,800 calls for 50 MB). Not the TSV reader's: it asks fread() for up
 * to 64 KiB at a time, which stdio reads straight into the reader's buffer
 * when its own is smaller (a larger one would add a copy). stdin's is static and set once, before its
 * first read; a file's is allocated and freed by cli_close_input(), which
 * finds it in a short table (inputs are opened one or two at a time).
 */
#define IN_BUF ((size_t)256 << 10)
static char stdin_buf[IN_BUF];
static int stdin_buffered;
static struct {
	FILE *fp;
	char *buf;
} in_bufs[4];

FILE *cli_buffer_input(FILE *fp)
{
	size_t k;

	if (fp == stdin) {
		if (!stdin_buffered)
			setvbuf(stdin, stdin_buf, _IOFBF, IN_BUF);
		stdin_buffered = 1;
		return fp;
	}
	for (k = 0; k < sizeof in_bufs / sizeof in_bufs[0]; k++)
		if (!in_bufs[k].fp) {
			char *buf = malloc(IN_BUF);

			/* no memory, or setvbuf refused: stdio's own buffer */
			if (buf && setvbuf(fp, buf, _IOFBF, IN_BUF) == 0) {
				in_bufs[k].fp = fp;
				in_bufs[k].buf = buf;
			} else
				free(buf);
			break;
		}
	return fp;
}

void cli_close_input(FILE *fp)
{
	size_t k;

	if (!fp || fp == stdin)
		return;
	fclose(fp);
	for (k = 0; k < sizeof in_bufs / sizeof in_bufs[0]; k++)
		if (in_bufs[k].fp == fp) {
			free(in_bufs[k].buf);
			in_bufs[k].fp = NULL;
			in_bufs[k].buf = NULL;
		}
}

FILE *cli_open_input(const char *path)
{
	FILE *fp;
	struct stat sb;

	if (strcmp(path, "-") == 0)
		return stdin;
	if (!(fp = fopen(path, "rb"))) {
		cli_warn("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		cli_warn("cannot read '%s': %s", path, strerror(EISDIR));
		fclose(fp);
		return NULL;
	}
	return fp;
}

void cli_write_failed(void)
{
	if (errno == EPIPE) {
		/* as if SIGPIPE had been left at its default action */
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
		_Exit(141);
	}
	fprintf(stderr, "%s: error writing output: %s\n", prog, strerror(errno));
	_Exit(EXIT_WRITE);
}

void cli_write_all(const void *p, size_t n)
{
	const char *c = p;
	sigset_t old;

	fflush(stdout);   /* whatever stdio holds goes first */
	/* A terminating signal during write(2) may cut it short and kill us
	 * with half a row written: hold those signals until the rows are out. */
	cli_block_stop_signals(&old);
	while (n > 0) {
		ssize_t w = write(1, c, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			cli_write_failed();
		}
		c += w;
		n -= (size_t)w;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void cli_block_stop_signals(sigset_t *old)
{
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, old);
}

int cli_finish_output(int status)
{
	out_flush_active();
	if (fflush(stdout) != 0 || ferror(stdout))
		cli_write_failed();
	return status;
}

void opt_init(opt_parser *p, int argc, char **argv)
{
	memset(p, 0, sizeof *p);
	p->argc = argc;
	p->argv = argv;
	p->i = 1;
	p->operands = xcalloc((size_t)argc + 1, sizeof *p->operands);
}

const char *opt_next(opt_parser *p)
{
	static char shortname[2];

	p->inline_val = NULL;
	while (p->i < p->argc) {
		char *a = p->argv[p->i];

		if (strcmp(a, "--") == 0) {
			for (p->i++; p->i < p->argc; p->i++)
				p->operands[p->noperands++] = p->argv[p->i];
			return NULL;
		}
		if (a[0] == '-' && a[1] == '-') {
			char *eq = strchr(a + 2, '=');

			p->i++;
			if (eq) {
				*eq = '\0';
				p->inline_val = eq + 1;
			}
			return a + 2;
		}
		if (a[0] == '-' && a[1] != '\0') {
			p->i++;
			shortname[0] = a[1];
			shortname[1] = '\0';
			if (a[2])
				p->inline_val = a + 2;
			return shortname;
		}
		p->operands[p->noperands++] = a;
		p->i++;
	}
	return NULL;
}

const char *opt_value(opt_parser *p, const char *name)
{
	if (p->inline_val)
		return p->inline_val;
	if (p->i >= p->argc)
		cli_usage_error("option '%s%s' needs a value", strlen(name) > 1 ? "--" : "-", name);
	return p->argv[p->i++];
}

size_t opt_size(const char *name, const char *v)
{
	char *end;
	unsigned long long n;

	errno = 0;
	if (v[0] < '0' || v[0] > '9')
		cli_usage_error("option '%s': '%s' is not a number", name, v);
	n = strtoull(v, &end, 10);
	switch (*end) {
	case 'k': case 'K': n <<= 10; end++; break;
	case 'm': case 'M': n <<= 20; end++; break;
	case 'g': case 'G': n <<= 30; end++; break;
	default: break;
	}
	if (errno || *end)
		cli_usage_error("option '%s': '%s' is not a number", name, v);
	return (size_t)n;
}

int cli_read_columns(const char *path, size_t max_line, int csv,
                     const char *const *names, size_t ncols,
                     unsigned long required, const char *why, long *col,
                     ts_buf *vals, cli_row_fn row, void *ctx)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "stdin" : path;
	FILE *fp = cli_open_input(path);
	ts_tsv_reader *rd = NULL;
	ts_field *f;
	size_t n, nhdr, line, c;
	ts_diag d;
	int rc;

	if (!fp)
		return EXIT_BAD;
	if (ts_tsv_reader_new(&rd, fp, name, max_line))
		cli_die(EXIT_BAD, "out of memory");
	ts_tsv_reader_set_csv(rd, csv);
	rc = ts_tsv_read(rd, &f, &n, &d);
	if (rc == 1) {
		nhdr = n;
		for (c = 0; c < ncols; c++) {
			col[c] = ts_tsv_find(f, n, names[c]);
			if (col[c] < 0 && (required & (1UL << c)))
				cli_die(EXIT_BAD, "%s:1: no column '%s' in the header (%s)",
				        name, names[c], why);
		}
		while ((rc = ts_tsv_read(rd, &f, &n, &d)) == 1) {
			line = ts_tsv_lineno(rd);
			if (n != nhdr)
				cli_die(EXIT_BAD, "%s:%zu: %zu field%s, header has %zu", name,
				        line, n, n == 1 ? "" : "s", nhdr);
			for (c = 0; c < ncols; c++) {
				ts_buf_reset(&vals[c]);
				if (ts_buf_add(&vals[c], "", 0))
					cli_die(EXIT_BAD, "out of memory");
				if (col[c] >= 0 &&
				    ts_tsv_unescape(&vals[c], f[col[c]].ptr, f[col[c]].len, &d))
					cli_die(EXIT_BAD, "%s:%zu: column '%s': %s at byte %zu",
					        name, line, names[c], d.msg, d.offset);
			}
			row(ctx, name, line);
		}
	}
	if (rc < 0)
		cli_die(EXIT_BAD, "%s:%zu: %s", name, d.line, d.msg);
	ts_tsv_reader_free(rd);
	cli_close_input(fp);
	return 0;
}

const char cli_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

size_t cli_utoa(char *dst, unsigned long long v)
{
	const char *pairs = cli_pairs;
	char tmp[24], *p = tmp + sizeof tmp;
	size_t n;

	while (v >= 100) {   /* two digits per division */
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		*--p = pairs[d + 1];
		*--p = pairs[d];
	}
	if (v >= 10) {
		*--p = pairs[v * 2 + 1];
		*--p = pairs[v * 2];
	} else
		*--p = (char)('0' + v);
	n = (size_t)(tmp + sizeof tmp - p);
	memcpy(dst, p, n);
	dst[n] = '\0';
	return n;
}

uint64_t cli_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603u;   /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211u;
	}
	return h;
}
