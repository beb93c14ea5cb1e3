/*
 * xpath1.c: evaluate XPath 1.0 expressions with libxml2, for the
 * cross-check of the case files in tests/xpath (see crosscheck.py).
 *
 * Purpose: libxml2's own XPath is a plain XPath 1.0 engine; it is not the
 * oracle for ODK rules, but it is one for core XPath 1.0.  This program
 * gives crosscheck.py its answers.
 *
 * Calling sequence: reads lines "INSTANCE<TAB>AT<TAB>EXPRESSION" on
 * standard input (INSTANCE "-" means an empty document, AT "-" means the
 * root element) and writes one line per input line: "ok<TAB>STRING" with
 * the XPath string() of the result, or "error<TAB>WHAT".
 *
 * Error handling: an instance that does not parse or an AT that does not
 * select exactly one node is reported as an error line for that case.
 * The prefix orx is bound to http://openrosa.org/xforms.
 *
 * Ownership: everything is freed before the next line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void
answer(const char *tag, const char *text)
{
	const char *p;

	fputs(tag, stdout);
	putchar('\t');
	for (p = text; *p != '\0'; p++)
		putchar(*p == '\n' ? ' ' : *p);
	putchar('\n');
}

static xmlDocPtr
load(const char *file)
{
	if (strcmp(file, "-") == 0) {
		xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

		return doc;
	}
	return xmlReadFile(file, NULL, XML_PARSE_NONET);
}

static void
eval_line(char *line)
{
	char *file, *at, *expr;
	xmlDocPtr doc;
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr res;
	xmlChar *s;

	file = line;
	if ((at = strchr(file, '\t')) == NULL ||
	    (expr = strchr(at + 1, '\t')) == NULL) {
		answer("error", "malformed input line");
		return;
	}
	*at++ = '\0';
	*expr++ = '\0';
	if ((doc = load(file)) == NULL) {
		answer("error", "instance does not parse");
		return;
	}
	ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "orx",
	    BAD_CAST "http://openrosa.org/xforms");
	ctx->node = xmlDocGetRootElement(doc);
	if (ctx->node == NULL)
		ctx->node = (xmlNodePtr)doc;
	if (strcmp(at, "-") != 0) {
		res = xmlXPathEvalExpression(BAD_CAST at, ctx);
		if (res == NULL || res->type != XPATH_NODESET ||
		    res->nodesetval == NULL || res->nodesetval->nodeNr != 1) {
			answer("error", "AT does not select one node");
			xmlXPathFreeObject(res);
			goto out;
		}
		ctx->node = res->nodesetval->nodeTab[0];
		xmlXPathFreeObject(res);
	}
	res = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	if (res == NULL) {
		answer("error", "libxml2 rejects the expression");
		goto out;
	}
	s = xmlXPathCastToString(res);
	answer("ok", (const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(res);
out:
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

int
main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	xmlSetGenericErrorFunc(NULL, quiet);
	while ((n = getline(&line, &cap, stdin)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		eval_line(line);
		fflush(stdout);
	}
	free(line);
	xmlCleanupParser();
	return 0;
}
