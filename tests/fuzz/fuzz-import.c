/*
 * fuzz-import.c: libFuzzer target for "coopreport import" without the
 * store: src/import.c reads the bytes as path,value CSV, and each answer
 * goes through report_set() on a report of a small built-in form.  A
 * refused answer must leave the report as it was (the all-or-nothing of
 * set and import rests on it), an accepted one must read back, and the
 * report must stay loadable.
 */
#include "common.h"

#include <libxml/parser.h>

#include "form.h"
#include "import.h"
#include "report.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char form_xml[] =
    "<h:html xmlns='http://www.w3.org/2002/xforms' "
    "xmlns:h='http://www.w3.org/1999/xhtml' "
    "xmlns:jr='http://openrosa.org/javarosa'><h:head><h:title>t</h:title>"
    "<model><instance><data id='f' version='1'><n/><d/><day/><c/><m/>"
    "<s/><r jr:template=''><x/><y/></r><total/><meta><instanceID/></meta>"
    "</data></instance>"
    "<bind nodeset='/data/n' type='int' constraint='. &lt; 1000'/>"
    "<bind nodeset='/data/d' type='decimal'/>"
    "<bind nodeset='/data/day' type='date'/>"
    "<bind nodeset='/data/s' type='string' relevant='/data/n &gt; 1'/>"
    "<bind nodeset='/data/r/x' type='int'/>"
    "<bind nodeset='/data/total' type='int' calculate='sum(/data/r/x) "
    "+ /data/n'/>"
    "<bind nodeset='/data/meta/instanceID' type='string' "
    "jr:preload='uid' readonly='true()'/></model></h:head><h:body>"
    "<input ref='/data/n'/><input ref='/data/d'/><input ref='/data/day'/>"
    "<select1 ref='/data/c'><item><label>a</label><value>a</value></item>"
    "<item><label>b</label><value>b</value></item></select1>"
    "<select ref='/data/m'><item><label>a</label><value>a</value></item>"
    "<item><label>b</label><value>b</value></item></select>"
    "<input ref='/data/s'/><group ref='/data/r'><repeat nodeset='/data/r'>"
    "<input ref='/data/r/x'/><input ref='/data/r/y'/></repeat></group>"
    "</h:body></h:html>";

static struct form *form;

static void
check(bool cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz-import: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct import_answers	 a;
	struct buf		 err = BUF_INIT;
	struct report		*r, *r2;
	char			*before, *after, *xml;
	size_t			 i, len;

	if (form == NULL) {
		form = form_load_mem(form_xml, sizeof(form_xml) - 1, "f.xml",
		    NULL, 0, &err);
		check(form != NULL, "the built-in form does not load");
	}
	if (import_read((const char *)data, n, "fuzz.csv", &a, &err) == -1) {
		check(strncmp(err.s, "fuzz.csv", 8) == 0, "an error that "
		    "does not name the file");
		buf_release(&err);
		return 0;
	}
	r = report_new(form, 1766199600, &err);
	check(r != NULL, "no report");
	for (i = 0; i < a.n; i++) {
		before = report_save(r, NULL);
		buf_reset(&err);
		if (report_set(r, a.v[i].path, a.v[i].value, &err) == -1) {
			after = report_save(r, NULL);
			check(strcmp(before, after) == 0, "a refused answer "
			    "changed the report");
			check(err.len > 0, "a refusal without a message");
			free(after);
		} else {
			after = report_get(r, a.v[i].path, &err);
			check(after != NULL, "an accepted answer cannot be "
			    "read back");
			free(after);
		}
		free(before);
	}
	xml = report_save(r, &len);
	r2 = report_load(form, xml, len, 1766199600, &err);
	check(r2 != NULL, "the report does not load again");
	report_free(r2);
	free(xml);
	report_free(r);
	import_release(&a);
	buf_release(&err);
	return 0;
}
