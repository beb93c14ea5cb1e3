/*
 * bench-xpath.c: how fast the XPath engine (src/xpath.c) evaluates, built
 * and run by "make bench", never by "make check".  It prints numbers:
 *
 *  1. the constraint ". >= 0 and . <= /data/members_total", compiled once
 *     and evaluated in a loop with the context on /data/members, in
 *     evaluations per second (the target is 1,000,000 on one core);
 *  2. plain XPath 1.0 expressions through this engine and through
 *     libxml2's xmlXPathCompiledEval on the same document, each rate and
 *     the ratio (ours / libxml2; the target is 1 or more).
 *
 * Each measurement runs for about BENCH_SECONDS of CPU time.
 */
#include "common.h"

#include <locale.h>

#include <libxml/parser.h>

#include "xpath.h"

#include "bench-libxml.h"

#define BENCH_SECONDS	0.5

/* A quarterly report instance with 40 expense rows. */
static xmlDoc *
make_doc(void)
{
	struct buf	 b = BUF_INIT;
	xmlDoc		*doc;
	int		 i;

	buf_adds(&b, "<data id='bao_cao_quy'>"
	    "<coop_name>  Hợp tác xã Nông nghiệp Tân Phú  </coop_name>"
	    "<province>79</province><members>12</members>"
	    "<members_total>30</members_total>"
	    "<period_start>2025-04-01</period_start>"
	    "<filed_at>2025-06-15T09:00:00+07:00</filed_at>");
	for (i = 0; i < 40; i++)
		buf_addf(&b, "<expense><amount>%d</amount><kind>%s</kind>"
		    "</expense>", 1000 * (i + 1) + i % 7,
		    i % 3 == 0 ? "luong" : i % 3 == 1 ? "dien" : "khac");
	buf_adds(&b, "</data>");
	doc = xmlReadMemory(b.s, (int)b.len, "bench.xml", NULL,
	    XML_PARSE_NONET);
	buf_release(&b);
	if (doc == NULL)
		abort();
	return doc;
}

static void
bench_constraint(xmlDoc *doc)
{
	struct xpath_env	 env;
	struct xpath_expr	*e;
	struct buf		 err = BUF_INIT;
	xmlNode			*members;
	double			 t0, t;
	long			 n = 0, i;
	int			 r = 0, all = 1;

	xpath_env_init(&env, doc, 1750000000, 1);
	e = xpath_compile(". >= 0 and . <= /data/members_total", &err);
	members = xmlDocGetRootElement(doc)->children->next->next;
	if (e == NULL || strcmp((const char *)members->name, "members") != 0)
		abort();
	t0 = bench_cpu_seconds();
	do {
		for (i = 0; i < 100000; i++) {
			if (xpath_eval_bool(e, &env, members, &r, &err) == -1)
				abort();
			all &= r;
		}
		n += i;
	} while ((t = bench_cpu_seconds() - t0) < BENCH_SECONDS * 2);
	printf("constraint '. >= 0 and . <= /data/members_total': "
	    "%.0f evaluations/s (%ld in %.2f s, result %s)\n", n / t, n, t,
	    all ? "true" : "false");
	xpath_free(e);
}

static double
rate_ours(struct xpath_expr *e, struct xpath_env *env, xmlNode *ctx)
{
	struct xpath_value	 v;
	double			 t0, t;
	long			 n = 0, i;

	t0 = bench_cpu_seconds();
	do {
		for (i = 0; i < 1000; i++) {
			if (xpath_eval(e, env, ctx, &v, NULL) == -1)
				abort();
			xpath_value_release(&v);
		}
		n += i;
	} while ((t = bench_cpu_seconds() - t0) < BENCH_SECONDS);
	return n / t;
}

static void
bench_versus_libxml(xmlDoc *doc)
{
	static const char *const exprs[] = {
		"/data/members_total",
		"/data/members * 2 + /data/members_total div 3 - 1",
		"/data/members >= 0 and /data/members <= /data/members_total",
		"count(/data/expense[amount > 20000])",
		"sum(/data/expense/amount)",
		"/data/expense[7]/kind = 'dien'",
		"count(/data/expense[kind = 'luong'][last()])",
		"concat(/data/province, '-', /data/members)",
		"string-length(normalize-space(/data/coop_name))",
		"substring-before(/data/filed_at, 'T')",
		"translate(/data/expense[3]/kind, 'abcdefghijklmnopqrstuvwxyz', "
		    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ')",
		"count(//amount)",
	};
	struct xpath_env	 env;
	struct xpath_expr	*e;
	struct buf		 err = BUF_INIT;
	xmlNode			*root = xmlDocGetRootElement(doc);
	double			 ours_r, libxml_r, worst = 1e9;
	char			*ours, *theirs;
	size_t			 i;

	xpath_env_init(&env, doc, 1750000000, 1);
	printf("\n%-62s %12s %12s %6s\n", "expression (XPath 1.0)", "ours/s",
	    "libxml2/s", "ratio");
	for (i = 0; i < nitems(exprs); i++) {
		if ((e = xpath_compile(exprs[i], &err)) == NULL)
			abort();
		/* Both engines must agree before their speed means
		 * anything. */
		ours = xpath_eval_string(e, &env, root, &err);
		theirs = libxml_string(doc, exprs[i]);
		if (ours == NULL || strcmp(ours, theirs) != 0)
			printf("MISMATCH %s: ours '%s', libxml2 '%s'\n",
			    exprs[i], ours ? ours : err.s, theirs);
		free(ours);
		free(theirs);
		ours_r = rate_ours(e, &env, root);
		libxml_r = libxml_rate(doc, exprs[i], BENCH_SECONDS);
		if (ours_r / libxml_r < worst)
			worst = ours_r / libxml_r;
		printf("%-62.62s %12.0f %12.0f %6.2f\n", exprs[i], ours_r,
		    libxml_r, ours_r / libxml_r);
		xpath_free(e);
	}
	printf("lowest ratio: %.2f\n", worst);
	buf_release(&err);
}

int
main(void)
{
	xmlDoc	*doc;

	setlocale(LC_CTYPE, "C.UTF-8");
	doc = make_doc();
	bench_constraint(doc);
	bench_versus_libxml(doc);
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return 0;
}
