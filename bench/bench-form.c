/*
 * bench-form.c: how fast the form engine is on forms/htx-cds-01.xml.
 * Prints, for the Khánh Hòa sample report:
 *   - loading and parsing the form (form_load),
 *   - a full recalculation of the filled report (target <= 1 ms),
 *   - the recalculation after one answer, report_set() included
 *     (target <= 50 us), for answers with few and with many dependents;
 *   - the same for every answer of the sample, each on a freshly filled
 *     report, alternating between its value and the empty answer: the
 *     median, the worst and which answer it is, then every answer,
 *     slowest first.
 * Each figure is the median of several rounds.  Usage:
 *	bench/bench-form [TOP_SRCDIR]	(the default is the source tree)
 */
#include "common.h"

#include <libxml/parser.h>

#include "bench.h"
#include "form.h"
#include "import.h"
#include "report.h"

#define ROUNDS	9

static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), dbl_cmp);
	return v[n / 2];
}

struct timing {
	const char	*path;
	double		 us;
};

static int
timing_cmp(const void *a, const void *b)
{
	const struct timing *x = a, *y = b;

	return x->us < y->us ? 1 : x->us > y->us ? -1 : 0;
}

static struct report *
filled(struct form *f, const struct import_answers *a, time_t when)
{
	struct buf	 err = BUF_INIT;
	struct report	*r;
	size_t		 i;

	if ((r = report_new(f, when, &err)) == NULL) {
		fprintf(stderr, "bench-form: %s\n", err.s);
		exit(1);
	}
	for (i = 0; i < a->n; i++) {
		buf_reset(&err);
		report_set(r, a->v[i].path, a->v[i].value, &err);
	}
	buf_release(&err);
	return r;
}

/*
 * The recalculation after one answer for each answer of the sample, on a
 * report filled with the whole sample, answer and empty answer in turn.
 */
static void
every_answer(struct form *f, const struct import_answers *a, time_t when)
{
	struct timing	*tv = calloc(a->n + 1, sizeof(*tv));
	struct buf	 err = BUF_INIT, skipped = BUF_INIT;
	struct report	*r;
	double		 t[ROUNDS], t0, *all;
	size_t		 i, j, k, n = 100, nt = 0;

	if (tv == NULL)
		abort();
	for (i = 0; i < a->n; i++) {
		r = filled(f, a, when);
		buf_reset(&err);
		if (report_set(r, a->v[i].path, "", &err) == -1) {
			/* Read-only or computed: no answer to give. */
			buf_addf(&skipped, "  not measured: %s\n", err.s);
			report_free(r);
			continue;
		}
		for (k = 0; k < ROUNDS; k++) {
			t0 = bench_seconds() * 1e6;
			for (j = 0; j < n; j++)
				report_set(r, a->v[i].path,
				    j & 1 ? "" : a->v[i].value, &err);
			t[k] = (bench_seconds() * 1e6 - t0) / (double)n;
		}
		tv[nt].path = a->v[i].path;
		tv[nt++].us = median(t, ROUNDS);
		report_free(r);
	}
	qsort(tv, nt, sizeof(*tv), timing_cmp);
	if ((all = calloc(nt + 1, sizeof(*all))) == NULL)
		abort();
	for (i = 0; i < nt; i++)
		all[i] = tv[i].us;
	if (nt > 0)
		printf("recalculation after one answer, each of the %zu "
		    "answers of the sample: median %.2f us, worst %.2f us "
		    "(%s) (target <= 50 us)\n", nt, median(all, nt),
		    tv[0].us, tv[0].path);
	for (i = 0; i < nt; i++)
		printf("  %8.2f us  %s\n", tv[i].us, tv[i].path);
	if (skipped.len > 0)
		fputs(skipped.s, stdout);
	free(all);
	free(tv);
	buf_release(&err);
	buf_release(&skipped);
}

static char *
slurp(const char *path, size_t *len)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[65536];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "bench-form: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

int
main(int argc, char **argv)
{
	const char		*top = argc > 1 ? argv[1] : TOP_SRCDIR;
	struct import_answers	 a;
	struct buf		 err = BUF_INIT;
	struct form		*f;
	struct report		*r;
	char			*path, *csv;
	double			 t[ROUNDS], t0;
	time_t			 when = 1766199600;
	size_t			 i, k, len, n;
	static const char *const answers[][3] = {
		/* path, two values, what */
		{ "phone", "0258 3981 234", "0258 3981 235" },
		{ "members_total", "38", "39" },
		{ "staff_total", "12", "13" },
		{ "internet_speed", "tu_80_100", "tu_100_120" },
	};

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	xasprintf(&path, "%s/forms/htx-cds-01.xml", top);
	for (i = 0; i < ROUNDS; i++) {
		t0 = bench_seconds() * 1e6;
		if ((f = form_load(path, 0, &err)) == NULL) {
			fprintf(stderr, "bench-form: %s\n", err.s);
			return 1;
		}
		t[i] = bench_seconds() * 1e6 - t0;
		form_free(f);
	}
	printf("load and parse htx-cds-01: %.2f ms\n", median(t, ROUNDS) /
	    1e3);

	f = form_load(path, 0, &err);
	form_select_lang(f, "vi");
	free(path);
	xasprintf(&path, "%s/forms/samples/htx-cds-01-khanh-hoa.csv", top);
	csv = slurp(path, &len);
	if (import_read(csv, len, path, &a, &err) == -1) {
		fprintf(stderr, "bench-form: %s\n", err.s);
		return 1;
	}
	t0 = bench_seconds() * 1e6;
	r = report_new(f, when, &err);
	t[0] = bench_seconds() * 1e6 - t0;
	printf("new report (preloads, actions, full recalculation): "
	    "%.1f us\n", t[0]);
	t0 = bench_seconds() * 1e6;
	for (i = 0; i < a.n; i++) {
		buf_reset(&err);
		if (report_set(r, a.v[i].path, a.v[i].value, &err) == -1)
			fprintf(stderr, "bench-form: %s: %s\n", a.v[i].where,
			    err.s);
	}
	printf("fill the sample (%zu answers): %.1f us per answer\n", a.n,
	    (bench_seconds() * 1e6 - t0) / (double)a.n);

	n = 200;
	for (i = 0; i < ROUNDS; i++) {
		t0 = bench_seconds() * 1e6;
		for (k = 0; k < n; k++)
			report_recalc(r, when);
		t[i] = (bench_seconds() * 1e6 - t0) / (double)n;
	}
	printf("full recalculation of the filled report: %.1f us "
	    "(target <= 1000 us)\n", median(t, ROUNDS));

	n = 2000;
	for (k = 0; k < nitems(answers); k++) {
		for (i = 0; i < ROUNDS; i++) {
			size_t j;

			t0 = bench_seconds() * 1e6;
			for (j = 0; j < n; j++)
				report_set(r, answers[k][0],
				    answers[k][1 + (j & 1)], &err);
			t[i] = (bench_seconds() * 1e6 - t0) / (double)n;
		}
		printf("recalculation after one answer, %s: %.2f us "
		    "(target <= 50 us)\n", answers[k][0], median(t, ROUNDS));
	}
	report_free(r);
	every_answer(f, &a, when);
	form_free(f);
	import_release(&a);
	free(csv);
	free(path);
	buf_release(&err);
	xmlCleanupParser();
	return 0;
}
