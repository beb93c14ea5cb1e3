/*
 * bench-libxml.h: the libxml2 side of bench/bench-xpath.c, in a file of
 * its own because libxml/xpath.h and our xpath.h both name XPATH_STRING
 * and friends.
 */
#ifndef BENCH_LIBXML_H
#define BENCH_LIBXML_H

#include <libxml/tree.h>

double	 bench_cpu_seconds(void);
/* string() of expr on the root element of doc, by libxml2; free() it. */
char	*libxml_string(xmlDoc *, const char *);
/* Evaluations per second of expr by xmlXPathCompiledEval. */
double	 libxml_rate(xmlDoc *, const char *, double);

#endif /* BENCH_LIBXML_H */
