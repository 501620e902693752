/* cmd_report.c - `tonesift report`: one self-contained HTML page (inline
 * CSS and SVG, no script, no network) from scored TSV. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: tonesift report [OPTIONS] [FILE...] > report.html\n"
	"Write one self-contained HTML page (inline CSS and SVG, no JavaScript,\n"
	"nothing fetched from the network) from scored TSV (the output of\n"
	"`tonesift run` or norm | claims | score). Per document: a chart of the\n"
	"distribution of sentence sentiment, the sentiment of each sentence in\n"
	"order, the quotations coloured by sentiment with speaker and evidence,\n"
	"and the claims (report, hedge, number) with their quantities and\n"
	"check-worthiness.\n"
	"Needs the columns doc text compound kind; uses sent lang speaker cue\n"
	"quote quantity evidence quote_compound quote_label quote_evidence\n"
	"checkworthy when present.\n"
	"  --title TEXT       page title (default: tonesift report)\n"
	"  --csv              the input is CSV (RFC 4180, e.g. from --format csv), not TSV\n"
	"  --max-line BYTES   longest accepted input line (default 512M)\n"
	"  -h, --help         this help\n"
	"Exit status: 0 ok, 1 output could not be written, 2 bad usage or input\n"
	"(messages say FILE:LINE: what, a missing column is named).\n";

enum col { C_DOC, C_SENT, C_LANG, C_TEXT, C_COMPOUND, C_LABEL, C_KIND,
           C_SPEAKER, C_CUE, C_QUOTE, C_QUANTITY, C_EVIDENCE, C_QCOMPOUND,
           C_QLABEL, C_QEVIDENCE, C_CHECK, NCOLS };
static const char *const col_names[NCOLS] = {
	"doc", "sent", "lang", "text", "compound", "label", "kind", "speaker",
	"cue", "quote", "quantity", "evidence", "quote_compound", "quote_label",
	"quote_evidence", "checkworthy"
};
#define REQUIRED ((1u << C_DOC) | (1u << C_TEXT) | (1u << C_COMPOUND) | (1u << C_KIND))

/* A string kept for the page. */
typedef struct str {
	char *p;
	size_t n;
} str;

typedef struct sentence {
	str sent, lang, text, evidence;
	double compound;
} sentence;

typedef struct quotation {
	str sent, lang, speaker, cue, quote, evidence, label;
	double compound;
	int scored;
} quotation;

typedef struct claim {
	str sent, lang, kind, speaker, cue, text, quantity;
	double check;   /* checkworthy, or -1 when absent */
} claim;

typedef struct doc {
	str name;
	sentence *s;
	size_t ns, caps;
	quotation *q;
	size_t nq, capq;
	claim *c;
	size_t nc, capc;
	double sum;
} doc;

typedef struct report {
	doc *d;
	size_t nd, capd;
	size_t *slot;      /* hash table over d[].name: index + 1 */
	size_t cap;
	long col[NCOLS];
	ts_buf val[NCOLS];
	ts_buf prev_doc, prev_sent;
	int have_prev;
	const char *title;
	size_t nquotes, nclaims, nsent;
} report;

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 16; \
		(arr) = xrealloc((arr), (cap) * sizeof *(arr)); \
	} \
} while (0)

static str keep(const ts_buf *b)
{
	str s;

	s.n = b->len;
	s.p = xmalloc(b->len + 1);
	if (b->len)
		memcpy(s.p, b->data, b->len);
	s.p[b->len] = '\0';
	return s;
}

static doc *find_doc(report *r, const ts_buf *name)
{
	size_t i, mask;

	if (2 * (r->nd + 1) > r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 64, k;
		size_t *ns = xcalloc(ncap, sizeof *ns);

		for (k = 0; k < r->cap; k++) {
			size_t v = r->slot[k];

			if (!v)
				continue;
			i = (size_t)cli_hash(r->d[v - 1].name.p, r->d[v - 1].name.n) & (ncap - 1);
			while (ns[i])
				i = (i + 1) & (ncap - 1);
			ns[i] = v;
		}
		free(r->slot);
		r->slot = ns;
		r->cap = ncap;
	}
	mask = r->cap - 1;
	for (i = (size_t)cli_hash(name->data, name->len) & mask; r->slot[i]; i = (i + 1) & mask) {
		doc *d = &r->d[r->slot[i] - 1];

		if (d->name.n == name->len && memcmp(d->name.p, name->data, name->len) == 0)
			return d;
	}
	GROW(r->d, r->nd, r->capd);
	memset(&r->d[r->nd], 0, sizeof r->d[r->nd]);
	r->d[r->nd].name = keep(name);
	r->slot[i] = ++r->nd;
	return &r->d[r->nd - 1];
}

static int is(const ts_buf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len == n && memcmp(b->data, s, n) == 0;
}

/* Parse a number column: 1 and *v when present, 0 when empty; dies on
 * anything else. */
static int number(const ts_buf *b, const char *col, const char *file,
                  size_t line, double *v)
{
	char *end;

	if (b->len == 0)
		return 0;
	errno = 0;
	*v = strtod(b->data, &end);
	if (end != b->data + b->len || errno || !isfinite(*v) ||
	    b->data[0] == ' ' || b->data[0] == '\t' || b->data[0] == '\n')
		cli_die(EXIT_BAD, "%s:%zu: column '%s': '%.40s' is not a number",
		        file, line, col, b->data);
	if (*v < -1)
		*v = -1;
	if (*v > 1)
		*v = 1;
	return 1;
}

static int same(const ts_buf *a, const ts_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void one_row(report *r, const char *file, size_t line)
{
	ts_buf *v = r->val;
	int new_sent = 1;
	double x = 0;
	doc *d;

	if (r->col[C_SENT] >= 0 && r->have_prev && same(&v[C_DOC], &r->prev_doc) &&
	    same(&v[C_SENT], &r->prev_sent))
		new_sent = 0;
	ts_buf_reset(&r->prev_doc);
	ts_buf_reset(&r->prev_sent);
	if (ts_buf_add(&r->prev_doc, v[C_DOC].data, v[C_DOC].len) ||
	    ts_buf_add(&r->prev_sent, v[C_SENT].data, v[C_SENT].len))
		cli_die(EXIT_BAD, "out of memory");
	r->have_prev = 1;
	d = find_doc(r, &v[C_DOC]);
	if (new_sent) {
		sentence *s;

		GROW(d->s, d->ns, d->caps);
		s = &d->s[d->ns++];
		number(&v[C_COMPOUND], "compound", file, line, &x);
		s->compound = x;
		d->sum += x;
		s->sent = keep(&v[C_SENT]);
		s->lang = keep(&v[C_LANG]);
		s->text = keep(&v[C_TEXT]);
		s->evidence = keep(&v[C_EVIDENCE]);
		r->nsent++;
	}
	if (is(&v[C_KIND], "quote")) {
		quotation *q;

		GROW(d->q, d->nq, d->capq);
		q = &d->q[d->nq++];
		q->scored = number(&v[C_QCOMPOUND], "quote_compound", file, line, &x);
		q->compound = q->scored ? x : 0;
		q->sent = keep(&v[C_SENT]);
		q->lang = keep(&v[C_LANG]);
		q->speaker = keep(&v[C_SPEAKER]);
		q->cue = keep(&v[C_CUE]);
		/* without a quote column, the sentence stands for the quotation */
		q->quote = keep(r->col[C_QUOTE] >= 0 ? &v[C_QUOTE] : &v[C_TEXT]);
		q->evidence = keep(&v[C_QEVIDENCE]);
		q->label = keep(&v[C_QLABEL]);
		r->nquotes++;
	} else if (is(&v[C_KIND], "report") || is(&v[C_KIND], "hedge") ||
	           is(&v[C_KIND], "number")) {
		claim *c;

		GROW(d->c, d->nc, d->capc);
		c = &d->c[d->nc++];
		c->sent = keep(&v[C_SENT]);
		c->lang = keep(&v[C_LANG]);
		c->kind = keep(&v[C_KIND]);
		c->speaker = keep(&v[C_SPEAKER]);
		c->cue = keep(&v[C_CUE]);
		c->text = keep(&v[C_TEXT]);
		c->quantity = keep(&v[C_QUANTITY]);
		if (!number(&v[C_CHECK], "checkworthy", file, line, &c->check))
			c->check = -1;
		r->nclaims++;
	}
}

/* Read one input; returns 0 or EXIT_BAD (cannot open). */
static void row_cb(void *ctx, const char *file, size_t line)
{
	one_row(ctx, file, line);
}

static int read_file(report *r, const char *path, size_t max_line, int csv)
{
	r->have_prev = 0;
	return cli_read_columns(path, max_line, csv, col_names, NCOLS, REQUIRED,
	                        "report reads the output of tonesift score", r->col,
	                        r->val, row_cb, r);
}

/* ---- HTML ---- */

static void w(const char *s)
{
	fputs(s, stdout);
}

/* Text escaped for HTML content and attribute values; C0 controls other
 * than TAB and LF, and DEL, become spaces (they are not allowed in HTML). */
static void esc(const char *p, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		const char *e = NULL;

		switch (c) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
				e = " ";
			break;
		}
		if (e) {
			fwrite(p + start, 1, i - start, stdout);
			w(e);
			start = i + 1;
		}
	}
	fwrite(p + start, 1, n - start, stdout);
}

static void escs(const str *s)
{
	esc(s->p, s->n);
}

/* A lang attribute for a cell from the `lang` column. */
static void lang_attr(const str *lang)
{
	if (lang->n == 2 && memcmp(lang->p, "zh", 2) == 0)
		w(" lang=\"zh\"");
	else if (lang->n == 2 && memcmp(lang->p, "en", 2) == 0)
		w(" lang=\"en\"");
}

static double tidy(double v)
{
	return fabs(v) < 0.00005 ? 0.0 : v;
}

/* Colour of a sentiment: red (-1) through grey (0) to green (+1). With
 * `bg`, a light tint for a table row. */
static void colour(double v, int bg)
{
	double a = fabs(v);
	int hue = v < 0 ? 4 : 140;

	if (a < 0.05)
		printf(bg ? "hsl(220,10%%,97%%)" : "hsl(220,8%%,62%%)");
	else if (bg)
		printf("hsl(%d,70%%,%.0f%%)", hue, 96.0 - 18.0 * a);
	else
		printf("hsl(%d,%.0f%%,%.0f%%)", hue, 45.0 + 25.0 * a, 55.0 - 15.0 * a);
}

static void score_pill(double v)
{
	printf("<span class=\"pill\" style=\"background:");
	colour(v, 0);
	printf("\">%+.2f</span>", tidy(v));
}

#define NBINS 11   /* 5 negative, 1 neutral (|v| < 0.05), 5 positive */

static int bin_of(double v)
{
	int k;

	if (v > -0.05 && v < 0.05)
		return 5;
	if (v < 0) {
		k = (int)floor((v + 1.0) / 0.2);
		return k < 0 ? 0 : k > 4 ? 4 : k;
	}
	k = 6 + (int)floor(v / 0.2);
	return k > 10 ? 10 : k;
}

/* Lower and upper bound, and colour, of bin k. */
static void bin_range(int k, double *lo, double *hi, double *mid)
{
	if (k == 5) {
		*lo = -0.05;
		*hi = 0.05;
	} else if (k < 5) {
		*lo = -1.0 + 0.2 * k;
		*hi = k == 4 ? -0.05 : *lo + 0.2;
	} else {
		*lo = k == 6 ? 0.05 : 0.2 * (k - 6);
		*hi = 0.2 * (k - 5);
	}
	*mid = k == 5 ? 0 : (*lo + *hi) / 2;
}

/* Histogram of sentence compound scores: 5 negative bins, the neutral
 * band and 5 positive bins. */
static void histogram(const doc *d)
{
	size_t bins[NBINS] = {0}, i, top = 1;
	const double W = 340, H = 150, L = 26, B = 24, T = 16;
	double bw = (W - L - 6) / NBINS;
	int k;

	for (i = 0; i < d->ns; i++)
		bins[bin_of(d->s[i].compound)]++;
	for (k = 0; k < NBINS; k++)
		if (bins[k] > top)
			top = bins[k];
	printf("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	       "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>distribution of sentence "
	       "sentiment: %zu sentences</title>\n", W, H, W, H, d->ns);
	printf("<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" class=\"axis\"/>\n",
	       L, H - B, W - 6, H - B);
	for (k = 0; k < NBINS; k++) {
		double h = (H - B - T) * (double)bins[k] / (double)top;
		double x = L + bw * (double)k, lo, hi, mid;

		bin_range(k, &lo, &hi, &mid);
		printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"",
		       x + 1, H - B - h, bw - 2, h);
		colour(mid, 0);
		printf("\"><title>%+.2f to %+.2f: %zu</title></rect>\n", lo, hi, bins[k]);
		if (bins[k])
			printf("<text x=\"%.1f\" y=\"%.1f\" class=\"n\">%zu</text>\n",
			       x + bw / 2, H - B - h - 3, bins[k]);
	}
	printf("<text x=\"%.1f\" y=\"%.0f\" class=\"t\">&#8722;1</text>"
	       "<text x=\"%.1f\" y=\"%.0f\" class=\"t\">0</text>"
	       "<text x=\"%.1f\" y=\"%.0f\" class=\"t\">+1</text>\n",
	       L + 1, H - 8, L + bw * 5.5, H - 8, L + bw * NBINS - 1, H - 8);
	printf("<text x=\"2\" y=\"%.0f\" class=\"y\">%zu</text>", T + 4, top);
	w("</svg><figcaption>sentences by compound score (grey: neutral, |score| &lt; 0.05)"
	  "</figcaption></figure>\n");
}

/* Sentiment of each sentence in document order (bars above / below 0). */
static void arc(const doc *d)
{
	const double H = 150, mid = 67, amp = 55;
	double bw, W;
	size_t i, n;

	bw = d->ns ? 480.0 / (double)d->ns : 24.0;
	if (bw > 24)
		bw = 24;
	W = bw * (double)d->ns + 12;
	if (W < 120)
		W = 120;
	printf("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	       "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>sentence sentiment in "
	       "document order</title>\n", W, H, W, H);
	printf("<line x1=\"4\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" class=\"axis\"/>\n",
	       mid, W - 4, mid);
	for (i = 0; i < d->ns; i++) {
		double v = d->s[i].compound, h = fabs(v) * amp;

		if (h < 1)
			h = 1;
		printf("<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"",
		       6 + bw * (double)i, v >= 0 ? mid - h : mid, bw > 2 ? bw - 1 : bw, h);
		colour(v, 0);
		w("\"><title>");
		escs(&d->s[i].sent);
		printf(" (%+.2f): ", tidy(v));
		n = d->s[i].text.n;
		if (n > 300) {   /* cut at a character boundary */
			n = 300;
			while (n > 0 && ((unsigned char)d->s[i].text.p[n] & 0xC0) == 0x80)
				n--;
		}
		esc(d->s[i].text.p, n);
		if (n < d->s[i].text.n)
			w("\xE2\x80\xA6");   /* … */
		if (d->s[i].evidence.n) {
			w(" [");
			escs(&d->s[i].evidence);
			w("]");
		}
		w("</title></rect>\n");
	}
	printf("<text x=\"4\" y=\"%.0f\" class=\"y\">first</text>"
	       "<text x=\"%.0f\" y=\"%.0f\" class=\"y\" text-anchor=\"end\">last</text>",
	       H - 8, W - 4, H - 8);
	w("</svg><figcaption>each sentence in order (above the line: positive)"
	  "</figcaption></figure>\n");
}

/* The share of negative, neutral and positive sentences as one bar. */
static void mix_bar(const doc *d)
{
	const double W = 180, H = 14;
	size_t n[3] = {0, 0, 0}, i;
	static const double shade[3] = {-0.8, 0, 0.8};
	double x = 0;
	int k;

	for (i = 0; i < d->ns; i++)
		n[d->s[i].compound <= -0.05 ? 0 : d->s[i].compound >= 0.05 ? 2 : 1]++;
	printf("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	       "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>%zu negative, %zu neutral, "
	       "%zu positive</title>", W, H, W, H, n[0], n[1], n[2]);
	for (k = 0; k < 3 && d->ns; k++) {
		double wd = W * (double)n[k] / (double)d->ns;

		if (n[k] == 0)
			continue;
		printf("<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%.0f\" fill=\"", x, wd, H);
		colour(shade[k], 0);
		w("\"/>");
		x += wd;
	}
	w("</svg>");
}

/* `surface=value unit; ...` as a list of chips. */
static void quantities(const str *q)
{
	const char *p = q->p, *end = q->p + q->n;

	while (p < end) {
		const char *semi = p, *eq;

		while (semi < end && !(semi[0] == ';' && (semi + 1 == end || semi[1] == ' ')))
			semi++;
		for (eq = p; eq < semi && *eq != '='; eq++)
			;
		w("<span class=\"q\">");
		if (eq < semi) {
			esc(p, (size_t)(eq - p));
			w(" <b>");
			esc(eq + 1, (size_t)(semi - eq - 1));
			w("</b>");
		} else
			esc(p, (size_t)(semi - p));
		w("</span> ");
		p = semi < end ? semi + 1 : end;
		while (p < end && *p == ' ')
			p++;
	}
}

static const char css[] =
	"<style>\n"
	":root{color-scheme:light;--ink:#1f2328;--mute:#656d76;--line:#d0d7de}\n"
	"body{font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans\","
	"\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
	"color:var(--ink);margin:0 auto;max-width:1100px;padding:24px}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:40px 0 4px;"
	"padding-top:12px;border-top:2px solid var(--line);word-break:break-all}"
	"h3{font-size:16px;margin:20px 0 6px}\n"
	".meta{color:var(--mute);margin:0 0 16px}\n"
	"table{border-collapse:collapse;width:100%;margin:4px 0 8px}"
	"th,td{text-align:left;vertical-align:top;padding:5px 8px;"
	"border-bottom:1px solid var(--line)}th{font-size:13px;color:var(--mute);"
	"font-weight:600}\n"
	"td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
	"td.who{white-space:nowrap;font-weight:600}td.ev{font-size:13px;"
	"color:var(--mute);font-family:ui-monospace,monospace;word-break:break-all}\n"
	".cue{font-size:12px;color:var(--mute);font-weight:400}\n"
	".pill{display:inline-block;min-width:44px;text-align:center;color:#fff;"
	"border-radius:10px;padding:0 6px;font-size:13px;font-weight:600;"
	"font-variant-numeric:tabular-nums}\n"
	".charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-end}"
	"figure{margin:8px 0}figcaption{font-size:12px;color:var(--mute)}\n"
	"svg .axis{stroke:#8c959f;stroke-width:1}svg text{font:11px system-ui,sans-serif;"
	"fill:#57606a}svg .n,svg .t{text-anchor:middle}\n"
	".q{display:inline-block;background:#eef2f7;border:1px solid #d8dee4;"
	"border-radius:4px;padding:0 5px;margin:1px 2px;font-size:13px}\n"
	".kind{font-size:12px;font-weight:600;text-transform:uppercase;"
	"letter-spacing:.04em;color:var(--mute)}\n"
	".legend span{display:inline-block;margin-right:12px;font-size:13px}\n"
	".none{color:var(--mute);font-style:italic}\n"
	".bar{display:inline-block;width:40px;height:8px;background:#eaeef2;"
	"border-radius:4px;vertical-align:middle}.bar span{display:block;height:8px;"
	"background:#8250df;border-radius:4px}\n"
	"a{color:#0969da;text-decoration:none}\n"
	"@media print{h2{break-before:page}}\n"
	"</style>\n";

static void page(const report *r, char **files, int nfiles)
{
	size_t i, k;
	int f;

	w("<!DOCTYPE html>\n<html lang=\"und\">\n<head>\n<meta charset=\"utf-8\">\n"
	  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	  "<meta name=\"generator\" content=\"tonesift ");
	w(ts_version());
	w("\">\n<title>");
	esc(r->title, strlen(r->title));
	w("</title>\n");
	w(css);
	w("</head>\n<body>\n<h1>");
	esc(r->title, strlen(r->title));
	w("</h1>\n<p class=\"meta\">");
	printf("%zu document%s, %zu sentence%s, %zu quotation%s, %zu claim%s",
	       r->nd, r->nd == 1 ? "" : "s", r->nsent, r->nsent == 1 ? "" : "s",
	       r->nquotes, r->nquotes == 1 ? "" : "s", r->nclaims, r->nclaims == 1 ? "" : "s");
	w(" &middot; from ");
	if (nfiles == 0)
		w("stdin");
	for (f = 0; f < nfiles; f++) {
		if (f)
			w(", ");
		esc(files[f], strlen(files[f]));
	}
	w(" &middot; tonesift ");
	w(ts_version());
	w("</p>\n<p class=\"legend\">");
	w("<span><span class=\"pill\" style=\"background:");
	colour(-0.8, 0);
	w("\">&#8722;</span> negative</span><span><span class=\"pill\" style=\"background:");
	colour(0, 0);
	w("\">0</span> neutral</span><span><span class=\"pill\" style=\"background:");
	colour(0.8, 0);
	w("\">+</span> positive</span> compound score in [&#8722;1, +1]</p>\n");

	/* overview */
	if (r->nd > 0) {
		w("<table class=\"overview\">\n<tr><th>document</th><th>sentences</th>"
		  "<th>mean</th><th>negative / neutral / positive sentences</th>"
		  "<th>quotations</th><th>claims</th></tr>\n");
		for (i = 0; i < r->nd; i++) {
			const doc *d = &r->d[i];

			printf("<tr><td><a href=\"#d%zu\">", i + 1);
			escs(&d->name);
			printf("</a></td><td class=\"num\">%zu</td><td class=\"num\">", d->ns);
			if (d->ns)
				score_pill(d->sum / (double)d->ns);
			w("</td><td>");
			mix_bar(d);
			printf("</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
			       d->nq, d->nc);
		}
		w("</table>\n");
	} else
		w("<p class=\"none\">no rows in the input</p>\n");

	for (i = 0; i < r->nd; i++) {
		const doc *d = &r->d[i];

		printf("<section id=\"d%zu\">\n<h2>", i + 1);
		escs(&d->name);
		w("</h2>\n<p class=\"meta\">");
		printf("%zu sentence%s", d->ns, d->ns == 1 ? "" : "s");
		if (d->ns) {
			w(", mean ");
			score_pill(d->sum / (double)d->ns);
		}
		printf(", %zu quotation%s, %zu claim%s</p>\n", d->nq, d->nq == 1 ? "" : "s",
		       d->nc, d->nc == 1 ? "" : "s");
		w("<div class=\"charts\">\n");
		histogram(d);
		arc(d);
		w("</div>\n<h3>Quotations</h3>\n");
		if (d->nq == 0)
			w("<p class=\"none\">no quotations</p>\n");
		else {
			w("<table class=\"quotes\">\n<tr><th>#</th><th>speaker</th><th>quotation</th>"
			  "<th>score</th><th>evidence</th></tr>\n");
			for (k = 0; k < d->nq; k++) {
				const quotation *q = &d->q[k];

				w("<tr style=\"background:");
				colour(q->scored ? q->compound : 0, 1);
				w("\"><td class=\"num\">");
				escs(&q->sent);
				w("</td><td class=\"who\"");
				lang_attr(&q->lang);
				w(">");
				if (q->speaker.n)
					escs(&q->speaker);
				else
					w("<span class=\"none\">unattributed</span>");
				w("</td><td");
				lang_attr(&q->lang);
				w(">");
				escs(&q->quote);
				w("</td><td class=\"num\">");
				if (q->scored)
					score_pill(q->compound);
				w("</td><td class=\"ev\">");
				escs(&q->evidence);
				w("</td></tr>\n");
			}
			w("</table>\n");
		}
		w("<h3>Claims</h3>\n");
		if (d->nc == 0)
			w("<p class=\"none\">no reported, hedged or numeric claims</p>\n");
		else {
			w("<table class=\"claims\">\n<tr><th>#</th><th>kind</th><th>source</th>"
			  "<th>sentence</th><th>quantities</th><th>check&#8209;worthy</th></tr>\n");
			for (k = 0; k < d->nc; k++) {
				const claim *c = &d->c[k];

				w("<tr><td class=\"num\">");
				escs(&c->sent);
				w("</td><td class=\"kind\">");
				escs(&c->kind);
				w("</td><td class=\"who\"");
				lang_attr(&c->lang);
				w(">");
				escs(&c->speaker);
				if (c->cue.n) {
					w("<div class=\"cue\">");
					escs(&c->cue);
					w("</div>");
				}
				w("</td><td");
				lang_attr(&c->lang);
				w(">");
				escs(&c->text);
				w("</td><td>");
				quantities(&c->quantity);
				w("</td><td class=\"num\">");
				if (c->check >= 0)
					printf("<span class=\"bar\"><span style=\"width:%.0f%%\"></span></span>"
					       " %.2f", 100.0 * c->check, c->check);
				w("</td></tr>\n");
			}
			w("</table>\n");
		}
		w("</section>\n");
	}
	w("</body>\n</html>\n");
}

static void free_str(str *s)
{
	free(s->p);
}

static void report_free(report *r)
{
	size_t i, k;

	for (i = 0; i < r->nd; i++) {
		doc *d = &r->d[i];

		free_str(&d->name);
		for (k = 0; k < d->ns; k++) {
			free_str(&d->s[k].sent);
			free_str(&d->s[k].lang);
			free_str(&d->s[k].text);
			free_str(&d->s[k].evidence);
		}
		for (k = 0; k < d->nq; k++) {
			quotation *q = &d->q[k];

			free_str(&q->sent);
			free_str(&q->lang);
			free_str(&q->speaker);
			free_str(&q->cue);
			free_str(&q->quote);
			free_str(&q->evidence);
			free_str(&q->label);
		}
		for (k = 0; k < d->nc; k++) {
			claim *c = &d->c[k];

			free_str(&c->sent);
			free_str(&c->lang);
			free_str(&c->kind);
			free_str(&c->speaker);
			free_str(&c->cue);
			free_str(&c->text);
			free_str(&c->quantity);
		}
		free(d->s);
		free(d->q);
		free(d->c);
	}
	free(r->d);
	free(r->slot);
	for (i = 0; i < NCOLS; i++)
		ts_buf_free(&r->val[i]);
	ts_buf_free(&r->prev_doc);
	ts_buf_free(&r->prev_sent);
}

int cmd_report(int argc, char **argv)
{
	report r;
	opt_parser p;
	const char *name;
	int status = 0, i;
	size_t max_line = 0;
	int csv = 0;

	memset(&r, 0, sizeof r);
	r.title = "tonesift report";
	opt_init(&p, argc, argv);
	while ((name = opt_next(&p)) != NULL) {
		if (strcmp(name, "h") == 0 || strcmp(name, "help") == 0) {
			fputs(usage, stdout);
			free(p.operands);
			return cli_finish_output(0);
		} else if (strcmp(name, "title") == 0)
			r.title = opt_value(&p, name);
		else if (strcmp(name, "max-line") == 0)
			max_line = opt_size(name, opt_value(&p, name));
		else if (strcmp(name, "csv") == 0)
			csv = 1;
		else
			cli_usage_error("unknown option '%s%s'", strlen(name) > 1 ? "--" : "-", name);
	}
	for (i = 0; i < NCOLS; i++)
		r.col[i] = -1;
	if (p.noperands == 0)
		status = read_file(&r, "-", max_line, csv);
	for (i = 0; i < p.noperands; i++)
		if (read_file(&r, p.operands[i], max_line, csv))
			status = EXIT_BAD;
	page(&r, p.operands, p.noperands);
	report_free(&r);
	free(p.operands);
	return cli_finish_output(status);
}
