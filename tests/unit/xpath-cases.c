/*
 * xpath-cases.c: runs every .cases file in tests/xpath (found with glob()
 * at run time, so a new file needs no change here or in Makefile.am)
 * against the XPath engine (src/xpath.c, src/xpath-fn.c, src/datetime.c)
 * and prints one TAP line per case.  Each case runs with and without the
 * engine's child index (src/xpath-index.c).
 *
 * The format, in short (the full description is in tests/xpath/README):
 *	# comment			ignored, as are blank lines
 *	%instance FILE | -		primary instance (tests/xpath/instances)
 *	%secondary ID=FILE		adds instance('ID')
 *	%at PATH			the context node (and current())
 *	%now 2025-06-15T10:30:00+07:00	the clock
 *	%tz ZONE			TZ for what follows
 *	%seed N				the seed of random() and randomize()
 *	EXPRESSION			then one of:
 *	=> TEXT				string() of the result is TEXT
 *	!! TEXT				compiling or evaluating fails with TEXT
 *	~> REGEX			string() matches the POSIX ERE, anchored
 * A failure names file:line, the expression, what came and what was
 * wanted.
 */
#include "common.h"

#include <glob.h>
#include <locale.h>
#include <regex.h>
#include <time.h>

#include <libxml/parser.h>

#include "datetime.h"
#include "xpath.h"

#include "../tap.h"

struct secondary {
	char	*id;
	xmlDoc	*doc;
};

struct state {
	const char	*dir;		/* tests/xpath */
	const char	*file;		/* the .cases file, for messages */
	xmlDoc		*primary;
	struct secondary *sec;
	size_t		 nsec;
	char		*at;
	time_t		 now;
	uint64_t	 seed;
};

static xmlNode *
instance_hook(void *arg, const char *id)
{
	struct state	*st = arg;
	size_t		 i;

	for (i = 0; i < st->nsec; i++)
		if (strcmp(st->sec[i].id, id) == 0)
			return (xmlNode *)st->sec[i].doc;
	return NULL;
}

static void
drop_instances(struct state *st)
{
	size_t	 i;

	xmlFreeDoc(st->primary);
	st->primary = NULL;
	for (i = 0; i < st->nsec; i++) {
		free(st->sec[i].id);
		xmlFreeDoc(st->sec[i].doc);
	}
	free(st->sec);
	st->sec = NULL;
	st->nsec = 0;
	free(st->at);
	st->at = NULL;
}

static xmlDoc *
load(struct state *st, const char *name, int line)
{
	char	*path;
	xmlDoc	*doc;

	xasprintf(&path, "%s/instances/%s", st->dir, name);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doc == NULL)
		ok(0, "%s:%d: cannot read instance '%s'", st->file, line,
		    path);
	free(path);
	return doc;
}

static void
set_defaults(struct state *st)
{
	double	 days = 0;

	drop_instances(st);
	datetime_parse_datetime("2025-06-15T10:30:00+07:00", &days);
	st->now = (time_t)(days * 86400.0 + 0.5);
	st->seed = 1;
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
}

static void
directive(struct state *st, char *line, int lineno)
{
	char	*arg = strchr(line, ' '), *eq;
	double	 days;
	xmlDoc	*doc;

	if (arg == NULL) {
		ok(0, "%s:%d: directive '%s' needs a value", st->file, lineno,
		    line);
		return;
	}
	*arg++ = '\0';
	if (strcmp(line, "%instance") == 0) {
		drop_instances(st);
		if (strcmp(arg, "-") != 0)
			st->primary = load(st, arg, lineno);
	} else if (strcmp(line, "%secondary") == 0) {
		if ((eq = strchr(arg, '=')) == NULL) {
			ok(0, "%s:%d: %%secondary wants ID=FILE", st->file,
			    lineno);
			return;
		}
		*eq = '\0';
		if ((doc = load(st, eq + 1, lineno)) == NULL)
			return;
		st->sec = xreallocarray(st->sec, st->nsec + 1,
		    sizeof(*st->sec));
		st->sec[st->nsec].id = xstrdup(arg);
		st->sec[st->nsec++].doc = doc;
	} else if (strcmp(line, "%at") == 0) {
		free(st->at);
		st->at = xstrdup(arg);
	} else if (strcmp(line, "%now") == 0) {
		if (datetime_parse_datetime(arg, &days) == -1)
			ok(0, "%s:%d: cannot read %%now '%s'", st->file,
			    lineno, arg);
		else
			st->now = (time_t)(days * 86400.0 +
			    (days < 0 ? -0.5 : 0.5));
	} else if (strcmp(line, "%tz") == 0) {
		setenv("TZ", arg, 1);
		tzset();
	} else if (strcmp(line, "%seed") == 0) {
		st->seed = strtoull(arg, NULL, 10);
	} else
		ok(0, "%s:%d: unknown directive '%s'", st->file, lineno, line);
}

/* The context node: the primary root element, or the one node %at
 * selects.  Returns -1 after a failing test line. */
static int
context(struct state *st, struct xpath_env *env, xmlNode **node, int line)
{
	struct buf		 err = BUF_INIT;
	struct xpath_expr	*e;
	struct xpath_value	 v;
	int			 rc = -1;

	*node = st->primary != NULL ? xmlDocGetRootElement(st->primary) :
	    NULL;
	if (st->at == NULL)
		return 0;
	if ((e = xpath_compile(st->at, &err)) == NULL) {
		ok(0, "%s:%d: %%at '%s': %s", st->file, line, st->at, err.s);
		buf_release(&err);
		return -1;
	}
	if (xpath_eval(e, env, *node, &v, &err) == -1)
		ok(0, "%s:%d: %%at '%s': %s", st->file, line, st->at, err.s);
	else if (v.type != XPATH_NODESET || v.nnodes != 1)
		ok(0, "%s:%d: %%at '%s' selects %zu nodes, not one", st->file,
		    line, st->at, v.type == XPATH_NODESET ? v.nnodes : 0);
	else {
		*node = v.nodes[0];
		rc = 0;
	}
	xpath_value_release(&v);
	xpath_free(e);
	buf_release(&err);
	return rc;
}

static int
matches(const char *re_text, const char *s)
{
	regex_t	 re;
	char	*anchored;
	int	 r;

	xasprintf(&anchored, "^(%s)$", re_text);
	if (regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB) != 0) {
		free(anchored);
		return -1;
	}
	r = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	free(anchored);
	return r;
}

/* string() of expr in env, or NULL with err. */
static char *
eval_case(struct state *st, struct xpath_env *env, const char *expr,
    int line, struct buf *err, bool *ctx_failed)
{
	struct xpath_expr	*e;
	xmlNode			*node;
	char			*got = NULL;

	*ctx_failed = context(st, env, &node, line) == -1;
	if (*ctx_failed)
		return NULL;
	if ((e = xpath_compile(expr, err)) != NULL) {
		got = xpath_eval_string(e, env, node, err);
		xpath_free(e);
	}
	return got;
}

static bool
meets(const char *want, const char *got, const struct buf *err)
{
	const char	*text = want + 2;

	if (*text == ' ')
		text++;
	switch (want[0]) {
	case '=':
		return got != NULL && strcmp(got, text) == 0;
	case '!':
		return got == NULL && strstr(err->s, text) != NULL;
	default:
		if (got != NULL && matches(text, got) == -1)
			diag("the pattern '%s' does not compile", text);
		return got != NULL && matches(text, got) == 1;
	}
}

/*
 * Each case runs twice: scanning children, and through a child index
 * (xpath.h) that takes every element, so that both ways of finding a
 * child answer every case.
 */
static void
run_case(struct state *st, const char *expr, const char *want, int line)
{
	static const char *const how[] = { "scanning", "with the index" };
	struct xpath_hooks	 hooks;
	struct xpath_env	 env;
	struct buf		 err = BUF_INIT;
	char			*got;
	bool			 pass = true, ctx_failed;
	int			 mode;

	for (mode = 0; mode < 2 && pass; mode++) {
		xpath_env_init(&env, st->primary, st->now, st->seed);
		memset(&hooks, 0, sizeof(hooks));
		hooks.instance = instance_hook;
		hooks.arg = st;
		env.hooks = &hooks;
		if (mode == 1)
			env.index = xpath_index_new(0);
		buf_reset(&err);
		got = eval_case(st, &env, expr, line, &err, &ctx_failed);
		xpath_index_free(env.index);
		if (ctx_failed)
			break;
		pass = meets(want, got, &err);
		if (!pass) {
			ok(0, "%s:%d: %s", st->file, line, expr);
			diag("expression: %s (%s)", expr, how[mode]);
			if (got != NULL)
				diag("got:  '%s'", got);
			else
				diag("got:  error '%s'", err.s);
			diag("want: %s", want);
		}
		free(got);
	}
	if (pass && !ctx_failed)
		ok(1, "%s:%d: %s", st->file, line, expr);
	buf_release(&err);
}

static int
is_expectation(const char *s)
{
	return (strncmp(s, "=>", 2) == 0 || strncmp(s, "!!", 2) == 0 ||
	    strncmp(s, "~>", 2) == 0) && (s[2] == '\0' || s[2] == ' ');
}

static void
run_file(struct state *st, const char *path)
{
	char	*line = NULL, *expr = NULL;
	size_t	 cap = 0, len;
	ssize_t	 n;
	int	 lineno = 0, exprline = 0;
	FILE	*f;

	st->file = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "open %s: %s", path, strerror(errno));
		return;
	}
	set_defaults(st);
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		len = (size_t)n;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (expr != NULL) {
			if (is_expectation(line))
				run_case(st, expr, line, exprline);
			else
				ok(0, "%s:%d: the expression on line %d has "
				    "no '=>', '!!' or '~>' line after it",
				    st->file, lineno, exprline);
			free(expr);
			expr = NULL;
			continue;
		}
		if (len == 0 || line[0] == '#')
			continue;
		if (line[0] == '%') {
			directive(st, line, lineno);
			continue;
		}
		if (is_expectation(line)) {
			ok(0, "%s:%d: an expectation without an expression",
			    st->file, lineno);
			continue;
		}
		expr = xstrdup(line);
		exprline = lineno;
	}
	if (expr != NULL)
		ok(0, "%s:%d: the file ends after an expression", st->file,
		    exprline);
	free(expr);
	free(line);
	fclose(f);
	drop_instances(st);
}

int
main(int argc, char **argv)
{
	const char	*top = getenv("top_srcdir");
	struct state	 st;
	glob_t		 g;
	char		*dir, *pattern;
	size_t		 i;
	int		 rc;

	setlocale(LC_CTYPE, "C.UTF-8");
	memset(&st, 0, sizeof(st));
	xasprintf(&dir, "%s/tests/xpath", top != NULL ? top : ".");
	st.dir = dir;
	if (argc > 1) {
		/* Named files, for working on one: xpath-cases FILE... */
		for (i = 1; i < (size_t)argc; i++)
			run_file(&st, argv[i]);
	} else {
		xasprintf(&pattern, "%s/*.cases", dir);
		rc = glob(pattern, 0, NULL, &g);
		ok(rc == 0 && g.gl_pathc > 0, "found the case files %s",
		    pattern);
		for (i = 0; rc == 0 && i < g.gl_pathc; i++)
			run_file(&st, g.gl_pathv[i]);
		if (rc == 0)
			globfree(&g);
		free(pattern);
	}
	free(dir);
	xmlCleanupParser();
	return done_testing();
}
