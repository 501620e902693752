/* test_norm_property.c - for random and for real inputs, the units' source
 * spans (from `offset` to the next unit's) cover the input: normalising
 * each span on its own gives back exactly that unit, and the bytes before
 * the first unit normalise to nothing. So no text is lost or duplicated. */
#include <dirent.h>
#include <stdlib.h>
#include <tonesift/tonesift.h>
#include "check.h"
#include <utf8proc.h>
#include "norm_fast_slow.h"

static const char *const pieces[] = {
	"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xE2\x80\xA6", ". ", "! ",
	"? ", "\xE2\x80\x9C", "\xE2\x80\x9D", "\"", "\xE3\x80\x8C", "\xE3\x80\x8D",
	" ", "\n", "\r\n", "\r", "\t", "Mr.", "U.S.", "3.5", "\xE5\xA5\xBD",
	"\xE5\xB7\xAE", "word", "Word", "\xFF", "\xE4\xB8", "\xCC\x81", "e",
	"\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF", "\x01", "\xF0\x9F\x98\x82",
	"\xE2\x80\x8D", "\xEF\xBC\x8C", "\xEF\xBC\x9A", "\xE8\xAF\xB4", " he said",
	"'", "(", ")", "...", "\xE2\x80\x8B", "\x00", "\\", "\xC2\x85",
};

static unsigned long long seed = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

static int failures_shown;

static void check_cover(ts_unit_kind kind, const char *s, size_t len)
{
	ts_norm_opts o = {0}, od = {0};
	ts_norm *n, *nd;
	const ts_norm_unit *u, *v;
	size_t nu, nv, i;
	ts_diag d;
	ts_buf saved = {0};
	size_t *off, *lens;

	o.unit = kind;
	od.unit = TS_UNIT_DOC;
	ts_norm_new(&n, &o);
	ts_norm_new(&nd, &od);
	CHECK(ts_norm_run(n, s, len, &u, &nu, &d) == 0, "run");
	off = calloc(nu + 1, sizeof *off);
	lens = calloc(nu + 1, sizeof *lens);
	/* keep the units: the handle's buffers are reused below */
	for (i = 0; i < nu; i++) {
		off[i] = saved.len;
		lens[i] = u[i].len;
		ts_buf_add(&saved, u[i].text, u[i].len);
	}
	{
		size_t *src = calloc(nu + 1, sizeof *src);

		for (i = 0; i < nu; i++)
			src[i] = u[i].offset;
		src[nu] = len;
		for (i = 0; i < nu; i++) {
			int ok;

			CHECK(i == 0 || src[i] > src[i - 1] ||
			      (kind == TS_UNIT_LINE && src[i] >= src[i - 1]),
			      "offsets increase (%zu then %zu)", i ? src[i - 1] : 0, src[i]);
			if (src[i + 1] < src[i])
				continue;
			if (kind == TS_UNIT_LINE)
				continue;   /* empty lines have no span of their own */
			CHECK(ts_norm_run(nd, s + src[i], src[i + 1] - src[i], &v, &nv, &d) == 0, "span run");
			ok = (nv == 0 && lens[i] == 0) ||
			     (nv == 1 && v[0].len == lens[i] &&
			      memcmp(v[0].text, saved.data + off[i], lens[i]) == 0);
			CHECK(ok, "span %zu [%zu,%zu) normalises to '%.*s', unit is '%.*s'", i,
			      src[i], src[i + 1], nv ? (int)v[0].len : 0, nv ? v[0].text : "",
			      (int)lens[i], saved.data + off[i]);
			if (!ok && failures_shown++ < 3) {
				size_t k;

				fprintf(stderr, "  input:");
				for (k = 0; k < len; k++)
					fprintf(stderr, " %02x", (unsigned char)s[k]);
				fputc('\n', stderr);
			}
		}
		if (nu > 0 && kind != TS_UNIT_LINE) {
			CHECK(ts_norm_run(nd, s, src[0], &v, &nv, &d) == 0 && nv == 0,
			      "bytes before the first unit are blank");
		} else if (nu == 0) {
			CHECK(ts_norm_run(nd, s, len, &v, &nv, &d) == 0 && nv == 0,
			      "no unit only for blank input");
		}
		free(src);
	}
	free(off);
	free(lens);
	ts_buf_free(&saved);
	ts_norm_free(n);
	ts_norm_free(nd);
}

static void corpus(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	CHECK(dp != NULL, "open %s", dir);
	if (!dp)
		return;
	while ((e = readdir(dp)) != NULL) {
		char path[512];
		FILE *f;
		ts_buf b = {0};
		char chunk[4096];
		size_t got;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			ts_buf_add(&b, chunk, got);
		fclose(f);
		check_cover(TS_UNIT_SENTENCE, b.data, b.len);
		check_cover(TS_UNIT_PARAGRAPH, b.data, b.len);
		ts_buf_free(&b);
	}
	closedir(dp);
}

/* Bytes for the fast-vs-slow comparison: mostly ASCII letters and single
 * spaces (the text the eight-byte paths take whole), with every byte they
 * must stop at mixed in. */
static const char *const fast_pieces[] = {
	"a", "b", "Z", "e", "t", "0", "7", " ", " ", " ", ",", "-", "'", "(",
	")", ".", "!", "?", "\"", "&", "<", "*", "_", "~", "`", "[", "]", "#",
	"\t", "\n", "\r", "\x01", "\x7F", "\x80", "\xFF", "\xC3\xA9",
	"\xE4\xBD\xA0", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xA0", "\xCC\x81",
	"Mr.", "U.S.", "&amp;", "<p>", "[a](b)", "\xD0\x9F", "\xE4\xB8\x80",
	"\xE4\xB7\x80", "\xE3\x90\x80", "\xF0\xA0\x80\x80", "\xE1\xB8\x80",
	"\xED\x9F\xBF", "\xEF\xBC\xA1", "\xE5\xA5\xBD", "\xE8\xAF\xB4", "\xE0\x80\x80",
	"\xE0\xA4\x95", "\xED\xA0\x80", "\xE9\xBF\xBF", "/", ">", "Dr.", "etc.",
	"Inc.", "The", "abcdefgh", "\xE2\x80\xA6", "\xE3\x80\x82", "\xE2\x80\x99",
	"}", "?!", ". 3", ". a", ".) ", "\xE8\xAF\xB4\xE9\x81\x93",
};

/* The language rule of norm.h written plainly, one decoded character at
 * a time, for ts_lang_of() and its fast paths to agree with. */
static const char *lang_ref(const char *s, size_t len)
{
	size_t i = 0, han = 0, latin = 0, other = 0, total, minor;
	int in_word = 0;

	while (i < len) {
		int cp, cat;

		i += ts_utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			in_word = 0;
			continue;
		}
		if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
		    (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF)) {
			han++;
			in_word = 0;
			continue;
		}
		cat = cp < 0x80 ? -1 : (int)utf8proc_category(cp);
		if ((cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) ||
		    (cp >= 0x80 && (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) &&
		     cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)) {
			latin += !in_word;
			in_word = 1;
			continue;
		}
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
			other++;
		else if (cat == UTF8PROC_CATEGORY_MN)
			continue;   /* combining marks do not end a word */
		in_word = 0;
	}
	total = han + latin + other;
	if (total == 0 || other * 2 > total)
		return "other";
	minor = han < latin ? han : latin;
	if (han && latin && minor * 5 >= han + latin)
		return "mixed";
	return han >= latin ? "zh" : "en";
}

/* Every unit's language, which the sentence scan counts as it reads the
 * text, is the plain count over the unit's text, with and without the
 * eight-byte fast paths. */
static void check_unit_langs(const ts_norm_opts *o, const char *s, size_t len)
{
	int slow;

	for (slow = 0; slow < 2; slow++) {
		ts_norm *n;
		const ts_norm_unit *u;
		size_t nu, i;
		ts_diag d;

		ts_norm_new(&n, o);
		n->no_fast = slow;
		if (ts_norm_run(n, s, len, &u, &nu, &d) == 0)
			for (i = 0; i < nu; i++) {
				const char *want = lang_ref(u[i].text, u[i].len);

				CHECK(strcmp(u[i].lang, want) == 0,
				      "unit lang of '%.*s': %s, expected %s (slow %d)",
				      (int)u[i].len, u[i].text, u[i].lang, want, slow);
			}
		ts_norm_free(n);
	}
}

/* The same input through a handle with the eight-byte fast paths and one
 * without: every unit field must agree; and ts_lang_of() must agree with
 * the plain count on the input. */
static void check_fast_slow(const ts_norm_opts *o, const char *s, size_t len)
{
	int ok = norm_fast_slow_agree(o, s, len);
	size_t i;

	CHECK(ok, "fast and slow paths differ (unit %d html %d md %d)", (int)o->unit,
	      o->html, o->markdown);
	if (!ok && failures_shown++ < 3) {
		fprintf(stderr, "  input:");
		for (i = 0; i < len; i++)
			fprintf(stderr, " %02x", (unsigned char)s[i]);
		fputc('\n', stderr);
	}
	CHECK(strcmp(ts_lang_of(s, len), lang_ref(s, len)) == 0, "lang of '%.*s': %s, expected %s",
	      (int)len, s, ts_lang_of(s, len), lang_ref(s, len));
	check_unit_langs(o, s, len);
}

static void fast_vs_slow(void)
{
	int iter;

	for (iter = 0; iter < 20000; iter++) {
		ts_buf b = {0};
		ts_norm_opts o = {0};
		unsigned k, np = rnd(120);

		for (k = 0; k < np; k++) {
			const char *p = fast_pieces[rnd(sizeof fast_pieces / sizeof fast_pieces[0])];

			ts_buf_add(&b, p, strlen(p));
		}
		o.unit = (ts_unit_kind)rnd(4);
		o.html = rnd(4) == 0;
		o.markdown = rnd(4) == 0;
		o.nfkc = rnd(4) == 0;
		o.keep_empty = rnd(2) == 0;
		check_fast_slow(&o, b.data ? b.data : "", b.len);
		ts_buf_free(&b);
	}
}

/* The sentence scan counts the characters of these ranges as ending a
 * word without asking utf8proc: none may be a letter or combining mark. */
static void punct_ranges(void)
{
	static const int r[][2] = {
		{0x3001, 0x3004}, {0x3007, 0x3011}, {0xFF01, 0xFF20}, {0x2010, 0x2027},
	};
	size_t k;
	int cp;

	for (k = 0; k < sizeof r / sizeof r[0]; k++)
		for (cp = r[k][0]; cp <= r[k][1]; cp++) {
			int cat = (int)utf8proc_category(cp);

			CHECK(!(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) &&
			      cat != UTF8PROC_CATEGORY_MN, "U+%04X is category %d", cp, cat);
		}
}

int main(void)
{
	int iter;

	punct_ranges();

	for (iter = 0; iter < 3000; iter++) {
		ts_buf b = {0};
		unsigned k, np = 1 + rnd(40);

		for (k = 0; k < np; k++) {
			const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];

			ts_buf_add(&b, p, *p ? strlen(p) : 1);
		}
		check_cover(TS_UNIT_SENTENCE, b.data, b.len);
		check_cover(TS_UNIT_PARAGRAPH, b.data, b.len);
		check_cover(TS_UNIT_LINE, b.data, b.len);
		{
			ts_norm_opts o = {0};

			check_unit_langs(&o, b.data, b.len);
		}
		ts_buf_free(&b);
	}
	corpus("corpora/zh");
	corpus("corpora/en");
	corpus("corpora/mixed");
	corpus("corpora/reviews");
	fast_vs_slow();
	return CHECK_DONE();
}
