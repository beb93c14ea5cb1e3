/*
 * test-report-index.c: a report keeps the XPath child index (src/xpath.h,
 * src/xpath-index.c) right while its instance changes shape (src/report.c,
 * src/recalc.c).  The form's /data has more children than the index's
 * threshold, so every /data/NAME step goes through the index; after each
 * repeat entry added or removed (by the user, by jr:count, by a failed
 * set), each explanation and each submission, the calculates that read
 * across /data must see the tree as it is.  Under ASan or valgrind a
 * stale index would also be a use after free.
 */
#include "common.h"

#include <libxml/parser.h>

#include "form-int.h"
#include "../tap.h"

#define NFILL	24

static void
form_text(struct buf *x)
{
	int	 i;

	buf_adds(x, "<h:html xmlns=\"http://www.w3.org/2002/xforms\" "
	    "xmlns:h=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:jr=\"http://openrosa.org/javarosa\">"
	    "<h:head><h:title>t</h:title><model><instance>"
	    "<data id=\"wide\" version=\"1\">");
	for (i = 1; i <= NFILL; i++)
		buf_addf(x, "<f%02d/>", i);
	buf_adds(x, "<row jr:template=\"\"><v/></row>"
	    "<want/><auto jr:template=\"\"><w/></auto>"
	    "<n_rows/><total/><last_v/><n_auto/><fill_sum/>"
	    "<meta><instanceID/></meta></data></instance>"
	    "<bind nodeset=\"/data/want\" type=\"int\"/>"
	    "<bind nodeset=\"/data/row/v\" type=\"int\"/>"
	    "<bind nodeset=\"/data/auto/w\" type=\"int\" "
	    "calculate=\"10\"/>"
	    "<bind nodeset=\"/data/n_rows\" type=\"int\" "
	    "calculate=\"count(/data/row)\"/>"
	    "<bind nodeset=\"/data/total\" type=\"int\" "
	    "calculate=\"sum(/data/row/v)\"/>"
	    "<bind nodeset=\"/data/last_v\" type=\"string\" "
	    "calculate=\"/data/row[last()]/v\"/>"
	    "<bind nodeset=\"/data/n_auto\" type=\"string\" "
	    "calculate=\"concat(count(/data/auto), ':', "
	    "sum(/data/auto/w))\"/>"
	    "<bind nodeset=\"/data/fill_sum\" type=\"int\" calculate=\"");
	for (i = 1; i <= NFILL; i++)
		buf_addf(x, "%scoalesce(/data/f%02d, 0)", i > 1 ? " + " : "",
		    i);
	buf_adds(x, "\"/>");
	for (i = 1; i <= NFILL; i++)
		buf_addf(x, "<bind nodeset=\"/data/f%02d\" type=\"int\"/>", i);
	buf_adds(x, "<bind nodeset=\"/data/meta/instanceID\" type=\"string\" "
	    "readonly=\"true()\" jr:preload=\"uid\"/>"
	    "</model></h:head><h:body>");
	for (i = 1; i <= NFILL; i++)
		buf_addf(x, "<input ref=\"/data/f%02d\"><label>f</label>"
		    "</input>", i);
	buf_adds(x, "<group ref=\"/data/row\"><label>r</label>"
	    "<repeat nodeset=\"/data/row\"><input ref=\"/data/row/v\">"
	    "<label>v</label></input></repeat></group>"
	    "<input ref=\"/data/want\"><label>w</label></input>"
	    "<group ref=\"/data/auto\"><label>a</label>"
	    "<repeat nodeset=\"/data/auto\" jr:count=\"/data/want\">"
	    "<input ref=\"/data/auto/w\"><label>w</label></input>"
	    "</repeat></group></h:body></h:html>");
}

static void
is_get(struct report *r, const char *path, const char *want,
    const char *what)
{
	struct buf	 err = BUF_INIT;
	char		*v = report_get(r, path, &err);

	is_str(v != NULL ? v : err.s, want, "%s: %s", what, path);
	free(v);
	buf_release(&err);
}

static void
set(struct report *r, const char *path, const char *value)
{
	struct buf	 err = BUF_INIT;

	if (report_set(r, path, value, &err) == -1)
		diag("set %s=%s: %s", path, value, err.s);
	buf_release(&err);
}

int
main(void)
{
	struct buf	 x = BUF_INIT, err = BUF_INIT;
	struct form	*f;
	struct report	*r;
	char		*xml;
	int		 i;

	form_text(&x);
	f = form_load_mem(x.s, x.len, "wide.xml", NULL, 0, &err);
	if (!ok(f != NULL, "the wide form loads")) {
		diag("%s", err.s);
		return done_testing();
	}
	r = report_new(f, 1750000000, &err);
	ok(r != NULL, "a report of it");
	ok(xmlChildElementCount(r->root) >= 16,
	    "/data is wide enough for the index (%lu children)",
	    xmlChildElementCount(r->root));
	is_get(r, "n_rows", "0", "no rows yet");

	for (i = 1; i <= NFILL; i++) {
		char v[8];

		snprintf(v, sizeof(v), "%d", i);
		set(r, i % 2 ? "f01" : "f24", v);
	}
	is_get(r, "fill_sum", "47", "the sum across /data follows answers");

	/* Entries added by setting one past the last. */
	set(r, "row[1]/v", "5");
	set(r, "row[2]/v", "7");
	set(r, "row[3]/v", "11");
	is_get(r, "n_rows", "3", "three rows after adding three");
	is_get(r, "total", "23", "their sum");
	is_get(r, "last_v", "11", "the last one");

	is_int(report_repeat_remove(r, "row[2]", &err), 0, "remove row 2");
	is_get(r, "n_rows", "2", "two rows after removing one");
	is_get(r, "total", "16", "their sum without the removed one");
	is_get(r, "last_v", "11", "the last one is still there");

	is_int(report_repeat_remove(r, "row[2]", &err), 0, "remove the last");
	is_get(r, "last_v", "5", "the last one is now the first");
	is_int(report_repeat_add(r, "row", &err), 2, "add one back");
	set(r, "row[2]/v", "100");
	is_get(r, "total", "105", "the new row counts");

	/* A failed set under a new entry takes the entry away again. */
	buf_reset(&err);
	is_int(report_set(r, "row[3]/v", "abc", &err), -1,
	    "a bad answer in a new row is refused");
	is_get(r, "n_rows", "2", "and the row it added is gone");
	is_get(r, "total", "105", "the sum is as before");

	/* jr:count adds and removes entries during recalculation. */
	set(r, "want", "3");
	is_get(r, "n_auto", "3:30", "jr:count made three entries");
	set(r, "want", "1");
	is_get(r, "n_auto", "1:10", "and takes two away");
	set(r, "want", "4");
	is_get(r, "n_auto", "4:40", "and adds three");
	is_get(r, "fill_sum", "47", "the fields around them are still found");

	/* An explanation adds an element; a submission moves some out and
	 * back. */
	is_int(report_explain(r, "f01", "vì sao", &err), 0,
	    "an explanation is kept");
	set(r, "f24", "30");
	is_get(r, "fill_sum", "53", "answers after the explanation count");
	xml = report_submission(r, NULL);
	ok(xml != NULL && strstr(xml, "<total>105</total>") != NULL,
	    "the submission holds the sum");
	free(xml);
	set(r, "row[1]/v", "6");
	is_get(r, "total", "106", "answers after the submission count");

	report_free(r);
	form_free(f);
	buf_release(&x);
	buf_release(&err);
	xmlCleanupParser();
	return done_testing();
}
