/* progress.c - the one-line progress display (stderr, terminals only or
 * --progress) and the --stats summary shared by the commands. */
#include "cli.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, int mode, char **files, int nfiles)
{
	int i;
	struct stat sb;

	memset(p, 0, sizeof *p);
	p->start = now();
	p->last = p->start;
	p->nfiles = nfiles;
	/* on: --progress; auto: only when stderr is a terminal */
	p->on = mode > 0 || (mode == 0 && isatty(2));
	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0 || stat(files[i], &sb) != 0 || !S_ISREG(sb.st_mode)) {
			p->total = 0;   /* unknown: a pipe or a missing file */
			return;
		}
		p->total += (unsigned long long)sb.st_size;
	}
}

static void human(char *buf, size_t n, double bytes)
{
	if (bytes >= 1e9)
		snprintf(buf, n, "%.2f GB", bytes / 1e9);
	else
		snprintf(buf, n, "%.1f MB", bytes / 1e6);
}

void progress_update(progress *p, unsigned long long done_in_file)
{
	double t;
	char a[32], b[32];
	unsigned long long done = p->done_files_bytes + done_in_file;

	p->bytes = done;
	if (!p->on || ++p->calls % 256 != 0)
		return;
	t = now();
	if (t - p->last < 0.25 && p->shown)
		return;   /* the first draw comes at once, then 4 a second */
	p->last = t;
	human(a, sizeof a, (double)done);
	if (p->total) {
		double rate = (double)done / (t - p->start);
		double eta = rate > 0 ? (double)(p->total - (done < p->total ? done : p->total)) / rate : 0;

		human(b, sizeof b, (double)p->total);
		fprintf(stderr, "\r%s: %s / %s (%.0f%%), file %d/%d, %.1f MB/s, ETA %.0fs   ",
		        cli_prog(), a, b, 100.0 * (double)done / (double)p->total,
		        p->file + 1, p->nfiles, rate / 1e6, eta);
	} else
		fprintf(stderr, "\r%s: %s, file %d, %.1f MB/s   ", cli_prog(), a, p->file + 1,
		        (double)done / (t - p->start) / 1e6);
	p->shown = 1;
}

void progress_next_file(progress *p, unsigned long long file_bytes)
{
	p->done_files_bytes += file_bytes;
	p->bytes = p->done_files_bytes;
	p->file++;
}

void progress_end(progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r\033[K");
	p->shown = 0;
}

double progress_seconds(const progress *p)
{
	return now() - p->start;
}
