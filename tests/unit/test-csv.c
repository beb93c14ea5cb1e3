/*
 * test-csv.c: src/csv.c, RFC 4180 records as spreadsheets write them.
 */
#include "common.h"

#include "csv.h"
#include "../tap.h"

/* Records joined as "line:field|field;" for comparison. */
static int
collect(void *arg, size_t line, char **fields, size_t n, struct buf *err)
{
	struct buf	*out = arg;
	size_t		 i;

	(void)err;
	buf_addf(out, "%zu:", line);
	for (i = 0; i < n; i++)
		buf_addf(out, "%s%s", i == 0 ? "" : "|", fields[i]);
	buf_addc(out, ';');
	return 0;
}

static int
stop_at_two(void *arg, size_t line, char **fields, size_t n, struct buf *err)
{
	(void)arg;
	(void)fields;
	(void)n;
	if (line == 2)
		return buf_errf(err, "line %zu: stop", line);
	return 0;
}

static const struct {
	const char	*in;
	const char	*want;		/* NULL: an error */
	const char	*err;		/* the error's start */
} cases[] = {
	{ "", "", NULL },
	{ "a,b\n", "1:a|b;", NULL },
	{ "a,b", "1:a|b;", NULL },
	{ "a,b\r\nc,d\r\n", "1:a|b;2:c|d;", NULL },
	{ "\xef\xbb\xbfpath,value\n", "1:path|value;", NULL },
	{ "a,\n", "1:a|;", NULL },
	{ "a,", "1:a|;", NULL },
	{ ",\n", "1:|;", NULL },
	{ "\n\nx\n", "1:;2:;3:x;", NULL },
	{ "\"a,b\",c\n", "1:a,b|c;", NULL },
	{ "\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x;", NULL },
	{ "\"two\nlines\",x\ny,z\n", "1:two\nlines|x;3:y|z;", NULL },
	{ "\"\",\"\"\n", "1:|;", NULL },
	{ "name,Tên tổ chức\n", "1:name|Tên tổ chức;", NULL },
	{ "a\rb,c\n", "1:a\rb|c;", NULL },
	{ "\"open,x\n", NULL, "line 1: a quoted field is never closed" },
	{ "ok\n\"x\"y,z\n", NULL, "line 2: unexpected text after a closing" },
	{ "a\"b,c\n", NULL, "line 1: a quote inside a field" },
};

int
main(void)
{
	struct buf	 out = BUF_INIT, err = BUF_INIT;
	size_t		 i;
	int		 rc;

	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&out);
		buf_reset(&err);
		rc = csv_parse(cases[i].in, strlen(cases[i].in), collect, &out,
		    &err);
		if (cases[i].want != NULL) {
			is_int(rc, 0, "case %zu parses", i);
			is_str(out.s, cases[i].want, "case %zu records", i);
		} else {
			is_int(rc, -1, "case %zu is refused", i);
			ok(strncmp(err.s, cases[i].err,
			    strlen(cases[i].err)) == 0,
			    "case %zu says '%s' (%s)", i, cases[i].err, err.s);
		}
	}
	buf_reset(&err);
	rc = csv_parse("a\nb\nc\n", 6, stop_at_two, NULL, &err);
	is_int(rc, -1, "a callback's error stops the parse");
	is_str(err.s, "line 2: stop", "and its message comes back");
	buf_release(&out);
	buf_release(&err);
	return done_testing();
}
