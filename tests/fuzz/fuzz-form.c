/*
 * fuzz-form.c: libFuzzer target for the form loader (src/form.c,
 * src/form-body.c, src/recalc.c) and, when the bytes make a usable form,
 * a report of it (src/report.c): load strictly and for lint, start a
 * report, recalculate, validate, render, serialise and load the draft
 * back.  Nothing may crash, leak or read out of bounds, and a form that
 * loads strictly must load for lint with no fatal problem.
 */
#include "common.h"

#include <libxml/parser.h>

#include "form-int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(bool cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz-form: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct buf		 err = BUF_INIT, out = BUF_INIT;
	struct report_problems	 ps;
	struct form		*f, *lint;
	struct report		*r, *r2;
	char			*xml;
	size_t			 len, i;

	f = form_load_mem((const char *)data, n, "fuzz.xml", NULL, 0, &err);
	check(f != NULL || err.len > 0, "a refusal without a message");
	lint = form_load_mem((const char *)data, n, "fuzz.xml", NULL,
	    FORM_LOAD_LINT, &err);
	if (f != NULL) {
		check(lint != NULL, "loads strictly but not for lint");
		for (i = 0; i < lint->nproblems; i++)
			check(!lint->problems[i].fatal, "a fatal problem in "
			    "a form that loads");
	}
	form_free(lint);
	if (f == NULL)
		goto out;
	form_select_lang(f, "en");
	buf_reset(&err);
	if ((r = report_new(f, 1766199600, &err)) == NULL)
		goto out;
	report_recalc(r, 1766199600);
	report_validate(r, &ps);
	report_problems_release(&ps);
	report_render_text(r, &out);
	free(report_submission(r, NULL));
	xml = report_save(r, &len);
	r2 = report_load(f, xml, len, 1766199600, &err);
	check(r2 != NULL, "a saved report does not load again");
	report_free(r2);
	free(xml);
	report_free(r);
out:
	form_free(f);
	buf_release(&err);
	buf_release(&out);
	return 0;
}
