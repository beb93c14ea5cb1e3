/*
 * test-xpath-parse.c: the tokenizer and parser of the XPath engine
 * (src/xpath.c): names with '-', operator names used as element names,
 * unary minus, precedence, error columns, the depth and size limits, the
 * number conversions and xpath_refs().
 */
#include "common.h"

#include <locale.h>
#include <math.h>

#include <libxml/parser.h>

#include "xpath.h"
#include "xpath-int.h"

#include "../tap.h"

static const char doc_text[] =
    "<data><a>5</a><b>3</b><a-b>7</a-b><sel>x y</sel>"
    "<div>6</div><mod>4</mod><and>1</and><or>0</or>"
    "<g><q>2</q><r>9</r></g></data>";

static xmlDoc		*doc;
static struct xpath_env	 env;

/* string() of expr evaluated on the root element, or "error: ...". */
static char *
eval(const char *expr)
{
	struct buf		 err = BUF_INIT;
	struct xpath_expr	*e;
	char			*s = NULL;

	if ((e = xpath_compile(expr, &err)) != NULL) {
		s = xpath_eval_string(e, &env, xmlDocGetRootElement(doc), &err);
		xpath_free(e);
	}
	if (s == NULL)
		xasprintf(&s, "error: %s", err.s);
	buf_release(&err);
	return s;
}

static void
is_eval(const char *expr, const char *want)
{
	char	*got = eval(expr);

	is_str(got, want, "%s => %s", expr, want);
	free(got);
}

/* The compile error of expr (or "compiled"). */
static void
is_compile_error(const char *expr, const char *want)
{
	struct buf		 err = BUF_INIT;
	struct xpath_expr	*e = xpath_compile(expr, &err);

	is_str(e == NULL ? err.s : "compiled", want, "compile '%s'", expr);
	xpath_free(e);
	buf_release(&err);
}

static void
names_with_hyphens(void)
{
	is_eval("count-selected(sel)", "2");
	is_eval("count-selected (sel)", "2");
	is_eval("a - b", "2");
	is_eval("a -b", "2");
	is_eval("a- b", "error: column 4: expected an operator, found 'b'");
	is_eval("a-b", "7");
	is_eval("a-b - b", "4");
	is_eval("/data/a-b", "7");
}

static void
operator_names(void)
{
	is_eval("/data/div div /data/mod", "1.5");
	is_eval("div div mod", "1.5");
	is_eval("div mod mod", "2");
	is_eval("and and or", "true");
	is_eval("and + or", "1");
	is_eval("and and number(or)", "false");
	is_eval("or or and", "true");
	is_eval("count(div | mod)", "2");
	is_eval("a * b", "15");
	is_eval("count(*)", "9");
	is_eval("count(g/*)", "2");
	is_eval("a*b", "15");
}

static void
unary_minus(void)
{
	is_eval("--1", "1");
	is_eval("- - -1", "-1");
	is_eval("1--1", "2");
	is_eval("1 - -1", "2");
	is_eval("-a", "-5");
	is_eval("--a", "5");
	is_eval("-'x'", "NaN");
	is_eval("--'7'", "7");
	is_eval("-2 * 3", "-6");
	is_eval("- 2 mod 3", "-2");
}

static void
precedence(void)
{
	is_eval("1 + 2 * 3", "7");
	is_eval("(1 + 2) * 3", "9");
	is_eval("6 div 2 * 3", "9");
	is_eval("8 - 4 - 2", "2");
	is_eval("2 * 3 mod 4", "2");
	is_eval("1 or 0 and 0", "true");
	is_eval("(1 or 0) and 0", "false");
	is_eval("1 < 2 = true()", "true");
	is_eval("3 > 2 > 1", "false");
	is_eval("1 + 1 = 2 and 2 * 2 = 4", "true");
	is_eval("a + b > 7 or a - b < 0", "true");
	is_eval("- a | b", "-5");
	is_eval("1 | b", "error: column 1: '|' joins node-sets only");
	is_eval("2 = 2 != 0", "true");
}

static void
error_columns(void)
{
	is_compile_error("1 +", "column 4: expected an expression, found the "
	    "end");
	is_compile_error("", "column 1: expected an expression, found the "
	    "end");
	is_compile_error("foo(1)", "column 1: unknown function 'foo'");
	is_compile_error("1 + bar()", "column 5: unknown function 'bar'");
	is_compile_error("'Hợp' + baz()", "column 9: unknown function 'baz'");
	is_compile_error(")", "column 1: expected an expression, found ')'");
	is_compile_error("'abc", "column 1: unterminated string");
	is_compile_error("/data/[1]", "column 7: expected a node test");
	is_compile_error("1 2", "column 3: unexpected '2' after the "
	    "expression");
	is_compile_error("(1 + 2", "column 7: expected ')'");
	is_compile_error("concat('a', 'b'", "column 16: expected ',' or ')'");
	is_compile_error("a[1", "column 4: expected ']'");
	is_compile_error("$x", "column 1: variables are not supported");
	is_compile_error("1 ! 2", "column 3: expected '!='");
	is_compile_error("1 # 2", "column 3: unexpected character '#'");
	is_compile_error("following::a", "column 1: unsupported axis "
	    "'following'");
	is_compile_error("substr('a')", "column 1: 'substr' takes 2 or 3 "
	    "arguments");
	is_compile_error("true(1)", "column 1: 'true' takes 0 arguments");
	is_compile_error("join()", "column 1: 'join' takes at least 1 "
	    "argument");
	is_compile_error("if(1, 2)", "column 1: 'if' takes 3 arguments");
	is_compile_error("indexed-repeat(a, b, 1, c)", "column 1: "
	    "'indexed-repeat' takes a field, then pairs of a repeat and an "
	    "index");
	is_compile_error("indexed-repeat(1, b, 1)", "column 1: "
	    "'indexed-repeat': argument 1 must be a path");
	is_compile_error("weighted-checklist(1, 2, 3)", "column 1: "
	    "'weighted-checklist' takes a minimum, a maximum and pairs of a "
	    "value and a weight");
	is_compile_error("  regex(., '[a')", "column 3: the pattern ends "
	    "inside an escape or '['");
	is_compile_error("regex(., '(a')", "column 1: unmatched '(' in "
	    "regex()");
	is_compile_error("regex(., 'a{2')", "column 1: bad '{' in regex()");
	is_compile_error("regex(., 'a**')", "column 1: a quantifier cannot "
	    "follow a quantifier in regex()");
	is_compile_error("regex(., 'a*?')", "compiled");
	is_compile_error("regex(., '+a')", "column 1: nothing to repeat in "
	    "regex()");
	is_compile_error("regex(., '((a{100}){100}){100}')", "column 1: the "
	    "pattern is too complex for regex()");
	is_compile_error("regex(., 'x\\uea')", "column 1: bad '\\u' in "
	    "regex()");
	is_compile_error("regex(., '\\u1EA1')", "compiled");
	is_compile_error("regex(., '[z-a]')", "column 1: bad range in [...] "
	    "in regex()");
	is_compile_error("regex(., '\\p{L}')", "column 1: '\\p' is not "
	    "supported in regex()");
	is_compile_error("concat()", "compiled");
	is_compile_error("jr:itext('x')", "compiled");
	is_compile_error("count(orx:meta/orx:*)", "compiled");
	is_compile_error("count(@*)", "compiled");
	is_compile_error("count(attribute::id | child::node())", "compiled");
}

/* s repeated n times, then tail. */
static char *
repeat(const char *head, const char *s, size_t n, const char *tail)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	buf_adds(&b, head);
	for (i = 0; i < n; i++)
		buf_adds(&b, s);
	buf_adds(&b, tail);
	return buf_detach(&b, NULL);
}

static void
limits(void)
{
	char	*s, *t, *got;
	char	 want[64];

	s = repeat("", "(", XPATH_MAX_DEPTH - 1, "1");
	t = repeat(s, ")", XPATH_MAX_DEPTH - 1, "");
	is_eval(t, "1");
	free(s);
	free(t);

	s = repeat("", "(", XPATH_MAX_DEPTH, "1");
	t = repeat(s, ")", XPATH_MAX_DEPTH, "");
	got = eval(t);
	ok(strstr(got, "column 513: expression nested too deeply") != NULL,
	    "%d nested parentheses are too deep: %s", XPATH_MAX_DEPTH, got);
	free(got);
	free(s);
	free(t);

	s = repeat("", "(", 100000, "1");
	t = repeat(s, ")", 100000, "");
	got = eval(t);
	ok(strstr(got, "nested too deeply") != NULL,
	    "10^5 nested parentheses give an error, not a crash");
	free(got);
	free(s);
	free(t);

	s = repeat("", "abs(", 100000, "1");
	got = eval(s);
	ok(strstr(got, "nested too deeply") != NULL,
	    "10^5 nested calls give an error, not a crash");
	free(got);
	free(s);

	s = repeat("a", "[a", 100000, "");
	got = eval(s);
	ok(strstr(got, "nested too deeply") != NULL,
	    "10^5 nested predicates give an error, not a crash");
	free(got);
	free(s);

	/* A megabyte of "1+1+1...": one chain, no recursion per operator. */
	s = repeat("1", "+1", 500000, "");
	is_eval(s, "500001");
	free(s);
	s = repeat("1", "-1", 500000, "");
	is_eval(s, "-499999");
	free(s);
	s = repeat("1", " and 1", 200000, "");
	is_eval(s, "true");
	free(s);
	s = repeat("1", " = 1", 200000, "");
	is_eval(s, "true");
	free(s);
	s = repeat("a", " | a", 200000, "");
	t = repeat("count(", s, 1, ")");
	is_eval(t, "1");
	free(s);
	free(t);
	s = repeat("", "-", 1000000, "1");
	is_eval(s, "1");
	free(s);
	s = repeat("/data", "/a/..", 300000, "/a");
	is_eval(s, "5");
	free(s);
	s = repeat("a", "[1]", 300000, "");
	is_eval(s, "5");
	free(s);
	s = repeat("concat(", "'x', ", 100000, "'y')");
	got = eval(s);
	snprintf(want, sizeof(want), "%zu", strlen(got));
	is_str(want, "100001", "concat of 10^5 arguments");
	free(got);
	free(s);
}

static void
numbers(void)
{
	static const struct {
		double		 d;
		const char	*s;
	} tostr[] = {
		{ 1, "1" }, { 1.5, "1.5" }, { -0.0, "0" }, { 0.1, "0.1" },
		{ 1e21, "1000000000000000000000" }, { 1e-7, "0.0000001" },
		{ 123456789.125, "123456789.125" }, { -2.5, "-2.5" },
		{ 1.0 / 3, "0.3333333333333333" }, { 1e15, "1000000000000000" },
		{ 123e-20, "0.00000000000000000123" },
	};
	static const struct {
		const char	*s;
		double		 d;
	} tonum[] = {
		{ "2025-01-02", 20090 }, { " 12 ", 12 }, { "\t-3.5\n", -3.5 },
		{ ".5", 0.5 }, { "5.", 5 }, { "-.5", -0.5 }, { "1e3", NAN },
		{ "+1", NAN }, { "0x1A", NAN }, { "", NAN }, { "-", NAN },
		{ ".", NAN }, { "1 2", NAN }, { "Infinity", NAN },
		{ "1970-01-01", 0 }, { "1969-12-31", -1 },
		{ "2024-02-29", 19782 }, { "2025-02-29", NAN },
		{ "2025-01-02T00:00:00Z", 20090 },
		{ "2025-01-02T12:00:00+12:00", 20090 },
		{ "000000000000000000000042", 42 },
		{ "12345678901234567890", 12345678901234567890.0 },
	};
	char	*s;
	size_t	 i;

	for (i = 0; i < nitems(tostr); i++) {
		s = xpath_number_string(tostr[i].d);
		is_str(s, tostr[i].s, "number-to-string %.17g", tostr[i].d);
		free(s);
	}
	s = xpath_number_string(NAN);
	is_str(s, "NaN", "number-to-string NaN");
	free(s);
	s = xpath_number_string(-INFINITY);
	is_str(s, "-Infinity", "number-to-string -Infinity");
	free(s);
	for (i = 0; i < nitems(tonum); i++)
		is_dbl(xpath_string_number(tonum[i].s), tonum[i].d,
		    "string-to-number '%s'", tonum[i].s);
}

struct collected {
	struct buf	 b;
};

static void
collect(void *arg, const char *path)
{
	struct collected *c = arg;

	if (c->b.len > 0)
		buf_addc(&c->b, ' ');
	buf_adds(&c->b, path);
}

static void
is_refs(const char *expr, const char *base, const char *want,
    unsigned want_uses)
{
	struct collected	 c = { BUF_INIT };
	struct buf		 err = BUF_INIT;
	struct xpath_expr	*e = xpath_compile(expr, &err);
	unsigned		 uses = 0;

	if (e != NULL)
		uses = xpath_refs(e, base, collect, &c);
	else
		buf_adds(&c.b, err.s);
	is_str(c.b.s, want, "refs of '%s' at %s", expr, base);
	is_int(uses, want_uses, "uses of '%s'", expr);
	xpath_free(e);
	buf_release(&c.b);
	buf_release(&err);
}

static void
refs(void)
{
	is_refs(". >= 0 and . <= /data/members_total", "/data/members",
	    "/data/members /data/members_total", 0);
	is_refs("../b + ./c", "/data/g/a", "/data/g/b /data/g/a/c", 0);
	is_refs("instance('p')/root/item[code = /data/x]/name", "/data/y",
	    "instance('p')/root/item/code /data/x "
	    "instance('p')/root/item/name", 0);
	is_refs("count(/data/rep[./x > 1])", "/data/n",
	    "/data/rep/x /data/rep", 0);
	is_refs("today() - /data/d", "/data/age", "/data/d", XPATH_USES_NOW);
	is_refs("random() < 0.5", "/data/r", "", XPATH_USES_RANDOM);
	is_refs("uuid()", "/data/r", "", XPATH_USES_RANDOM);
	is_refs("current()/../x", "/data/g/a", "/data/g/x",
	    XPATH_USES_CURRENT);
	is_refs("position(..)", "/data/rep/a", "/data/rep",
	    XPATH_USES_POSITION);
	is_refs("indexed-repeat(/data/rep/a, /data/rep, 2)", "/data/b",
	    "/data/rep/a /data/rep", XPATH_USES_POSITION);
	is_refs("@id", "/data", "/data/@id", 0);
	is_refs("/data/orx:meta/orx:instanceID", "/data/x",
	    "/data/orx:meta/orx:instanceID", 0);
	is_refs("1 + 2", "/data/x", "", 0);
	is_refs("/data/a + /data/a", "/data/x", "/data/a", 0);
	is_refs("count(randomize(instance('c')/root/item))", "/data/x",
	    "instance('c')/root/item", XPATH_USES_RANDOM);
}

static void
function_table(void)
{
	static const char *const names[] = {
		"abs", "acos", "area", "asin", "atan", "atan2",
		"base64-decode", "boolean", "boolean-from-string", "ceiling",
		"checklist", "coalesce", "concat", "contains", "cos", "count",
		"count-non-empty", "count-selected", "current", "date",
		"date-time", "decimal-date-time", "decimal-time", "digest",
		"distance", "enclosed-area", "ends-with", "exp", "exp10",
		"false", "floor", "format-date", "format-date-time", "if",
		"indexed-repeat", "instance", "int", "is-selected", "join",
		"jr:choice-name", "jr:itext", "lang", "last", "local-name",
		"log", "log10", "max", "min", "name", "namespace-uri",
		"normalize-space", "not", "now", "number", "once", "pi",
		"position", "pow", "pulldata", "random", "randomize", "regex",
		"round", "selected", "selected-at", "sin", "sqrt",
		"starts-with", "string", "string-length", "substr",
		"substring", "substring-after", "substring-before", "sum",
		"tan", "today", "translate", "true", "uuid",
		"weighted-checklist",
	};
	size_t	 i, found = 0;

	for (i = 0; i < nitems(names); i++) {
		if (xfn_lookup(names[i]) != NULL)
			found++;
		else
			diag("not found: %s", names[i]);
	}
	is_int((long long)found, (long long)nitems(names),
	    "every function is found in the (sorted) table");
	ok(xfn_lookup("nosuch") == NULL, "an unknown name is not found");
}

int
main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	doc = xmlReadMemory(doc_text, (int)strlen(doc_text), "t.xml", NULL,
	    XML_PARSE_NONET);
	xpath_env_init(&env, doc, 1750000000, 1);
	names_with_hyphens();
	operator_names();
	unary_minus();
	precedence();
	error_columns();
	limits();
	numbers();
	refs();
	function_table();
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return done_testing();
}
