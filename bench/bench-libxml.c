/*
 * bench-libxml.c: libxml2's XPath, measured the same way as ours for
 * bench/bench-xpath.c (see bench-libxml.h for why it is apart).
 */
#include "common.h"

#include <time.h>

#include <libxml/xpath.h>

#include "bench-libxml.h"

double
bench_cpu_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

char *
libxml_string(xmlDoc *doc, const char *expr)
{
	xmlXPathContext	*xc = xmlXPathNewContext(doc);
	xmlXPathObject	*o;
	xmlChar		*s;
	char		*r;

	xc->node = xmlDocGetRootElement(doc);
	o = xmlXPathEvalExpression((const xmlChar *)expr, xc);
	s = xmlXPathCastToString(o);
	r = xstrdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(xc);
	return r;
}

double
libxml_rate(xmlDoc *doc, const char *expr, double seconds)
{
	xmlXPathContext		*xc = xmlXPathNewContext(doc);
	xmlXPathCompExpr	*comp = xmlXPathCompile((const xmlChar *)expr);
	xmlXPathObject		*o;
	double			 t0, t;
	long			 n = 0, i;

	if (comp == NULL)
		abort();
	xc->node = xmlDocGetRootElement(doc);
	t0 = bench_cpu_seconds();
	do {
		for (i = 0; i < 1000; i++) {
			if ((o = xmlXPathCompiledEval(comp, xc)) == NULL)
				abort();
			xmlXPathFreeObject(o);
		}
		n += i;
	} while ((t = bench_cpu_seconds() - t0) < seconds);
	xmlXPathFreeCompExpr(comp);
	xmlXPathFreeContext(xc);
	return n / t;
}
