/*
 * cmd-eval.c: "coopreport eval" evaluates one XPath expression of the ODK
 * dialect against instance files and prints the result as XPath string(),
 * so that a form author can try a constraint, a relevant or a calculate
 * before publishing the form.
 */
#include "common.h"

#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cli.h"
#include "datetime.h"
#include "msg.h"
#include "uuid.h"
#include "xpath.h"

/* Instance files larger than this are refused: they are data, not a
 * reason to fill an old laptop's memory. */
#define INSTANCE_MAX_BYTES	(64L * 1024 * 1024)

enum {
	OPT_INSTANCE,
	OPT_AT,
	OPT_NOW,
	OPT_SEED,
};

static const struct cmd_option eval_options[] = {
	{ "instance", 0, CMD_ARG_MANY, N_("[ID=]FILE"),
	  N_("the primary instance, or with ID= a secondary one") },
	{ "at", 0, CMD_ARG_ONE, N_("PATH"),
	  N_("the context node (default: the primary root element)") },
	{ "now", 0, CMD_ARG_ONE, N_("ISO8601"),
	  N_("the clock for now() and today()") },
	{ "seed", 0, CMD_ARG_ONE, N_("N"),
	  N_("the seed for random() and randomize()") },
	{ NULL, 0, CMD_ARG_NONE, NULL, NULL }
};

struct secondary {
	char	*id;
	xmlDoc	*doc;
};

struct eval_state {
	xmlDoc			*primary;
	struct secondary	*sec;
	size_t			 nsec;
};

/* External entities and DTDs are never fetched, whatever a file asks. */
static xmlParserInputPtr
deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static int
read_file(const char *path, struct buf *b, struct buf *err)
{
	char	 chunk[65536];
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return buf_errf(err, "%s", strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		if (b->len + (size_t)n > INSTANCE_MAX_BYTES) {
			close(fd);
			return buf_errf(err, _("larger than %ld MiB"),
			    INSTANCE_MAX_BYTES / 1024 / 1024);
		}
		buf_add(b, chunk, (size_t)n);
	}
	if (n == -1) {
		buf_errf(err, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static xmlDoc *
load_instance(const char *path, struct buf *err)
{
	struct buf	 b = BUF_INIT;
	xmlParserCtxt	*ctxt;
	const xmlError	*e;
	xmlDoc		*doc;
	char		*msg;
	size_t		 len;

	if (read_file(path, &b, err) == -1) {
		buf_release(&b);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		oom();
	doc = xmlCtxtReadMemory(ctxt, b.s, (int)b.len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		e = xmlCtxtGetLastError(ctxt);
		if (e != NULL && e->message != NULL) {
			msg = xstrdup(e->message);
			len = strlen(msg);
			while (len > 0 && (msg[len - 1] == '\n' ||
			    msg[len - 1] == ' '))
				msg[--len] = '\0';
			buf_errf(err, _("line %d: %s"), e->line, msg);
			free(msg);
		} else
			buf_errf(err, _("no root element"));
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	buf_release(&b);
	return doc;
}

static xmlNode *
instance_hook(void *arg, const char *id)
{
	struct eval_state	*st = arg;
	size_t			 i;

	for (i = 0; i < st->nsec; i++)
		if (strcmp(st->sec[i].id, id) == 0)
			return (xmlNode *)st->sec[i].doc;
	return NULL;
}

/* "ID=FILE" when what stands before '=' is a plain name. */
static const char *
split_id(const char *arg, size_t *idlen)
{
	const char	*eq = strchr(arg, '=');
	const char	*p;

	if (eq == NULL || eq == arg)
		return NULL;
	for (p = arg; p < eq; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '.'))
			return NULL;
	*idlen = (size_t)(eq - arg);
	return eq + 1;
}

static int
load_instances(struct eval_state *st, const struct cmd_optval *v)
{
	struct buf	 err = BUF_INIT;
	const char	*file;
	size_t		 i, idlen;
	xmlDoc		*doc;

	for (i = 0; i < v->nvalues; i++) {
		file = split_id(v->values[i], &idlen);
		if (file == NULL && st->primary != NULL) {
			msg_error(_("more than one primary instance: '%s'; "
			    "name a secondary one as ID=FILE"), v->values[i]);
			return -1;
		}
		doc = load_instance(file != NULL ? file : v->values[i], &err);
		if (doc == NULL) {
			msg_error(_("cannot read instance '%s': %s"),
			    file != NULL ? file : v->values[i], err.s);
			buf_release(&err);
			return -1;
		}
		if (file == NULL) {
			st->primary = doc;
			continue;
		}
		st->sec = xreallocarray(st->sec, st->nsec + 1,
		    sizeof(*st->sec));
		st->sec[st->nsec].id = xstrndup(v->values[i], idlen);
		st->sec[st->nsec++].doc = doc;
	}
	buf_release(&err);
	return 0;
}

static int
parse_now(const char *s, time_t *now)
{
	double	 days;

	if (datetime_parse_datetime(s, &days) == -1 &&
	    datetime_parse_date(s, &days) == -1) {
		msg_error(_("cannot read the time '%s' of '--now': expected "
		    "YYYY-MM-DDThh:mm:ss+hh:mm"), s);
		return -1;
	}
	*now = (time_t)llround(days * 86400.0);
	return 0;
}

static int
parse_seed(const char *s, uint64_t *seed)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-') {
		msg_error(_("'--seed' takes a whole number, not '%s'"), s);
		return -1;
	}
	*seed = v;
	return 0;
}

/* The context node: the one node that --at selects. */
static int
find_context(const char *at, struct xpath_env *env, xmlNode **node)
{
	struct buf		 err = BUF_INIT;
	struct xpath_expr	*e;
	struct xpath_value	 v;
	int			 rc = -1;

	*node = env->primary != NULL ? xmlDocGetRootElement(env->primary) :
	    NULL;
	if (at == NULL)
		return 0;
	if ((e = xpath_compile(at, &err)) == NULL) {
		msg_error(_("cannot use '--at %s': %s"), at, err.s);
		goto out;
	}
	if (xpath_eval(e, env, *node, &v, &err) == -1)
		msg_error(_("cannot use '--at %s': %s"), at, err.s);
	else if (v.type != XPATH_NODESET || v.nnodes != 1)
		msg_error(_("'--at %s' must select exactly one node, not %zu"),
		    at, v.type == XPATH_NODESET ? v.nnodes : 0);
	else {
		*node = v.nodes[0];
		rc = 0;
	}
	xpath_value_release(&v);
out:
	xpath_free(e);
	buf_release(&err);
	return rc;
}

static enum exit_code
cmd_eval_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct eval_state	 st;
	struct xpath_hooks	 hooks;
	struct xpath_env	 env;
	struct xpath_expr	*e = NULL;
	struct buf		 err = BUF_INIT;
	enum exit_code		 rc = EXIT_CODE_ERROR;
	time_t			 now = time(NULL);
	uint64_t		 seed;
	xmlNode			*node = NULL;
	char			*out;
	size_t			 i;

	(void)ctx;
	memset(&st, 0, sizeof(st));
	xmlSetExternalEntityLoader(deny_loader);
	random_bytes(&seed, sizeof(seed));
	if (args->opt[OPT_NOW].value != NULL &&
	    parse_now(args->opt[OPT_NOW].value, &now) == -1)
		goto out;
	if (args->opt[OPT_SEED].value != NULL &&
	    parse_seed(args->opt[OPT_SEED].value, &seed) == -1)
		goto out;
	if ((e = xpath_compile(args->argv[0], &err)) == NULL) {
		msg_error("%s", err.s);
		goto out;
	}
	if (load_instances(&st, &args->opt[OPT_INSTANCE]) == -1)
		goto out;
	xpath_env_init(&env, st.primary, now, seed);
	memset(&hooks, 0, sizeof(hooks));
	hooks.instance = instance_hook;
	hooks.arg = &st;
	env.hooks = &hooks;
	if (find_context(args->opt[OPT_AT].value, &env, &node) == -1)
		goto out;
	if ((out = xpath_eval_string(e, &env, node, &err)) == NULL) {
		msg_error("%s", err.s);
		goto out;
	}
	printf("%s\n", out);
	free(out);
	rc = EXIT_CODE_OK;
out:
	xpath_free(e);
	buf_release(&err);
	xmlFreeDoc(st.primary);
	for (i = 0; i < st.nsec; i++) {
		free(st.sec[i].id);
		xmlFreeDoc(st.sec[i].doc);
	}
	free(st.sec);
	return rc;
}

const struct cmd_entry cmd_eval_entry = {
	.name = "eval",
	.synopsis = "[--instance FILE] [--instance ID=FILE]... [--at PATH] "
	    "[--now ISO8601] [--seed N] EXPR",
	.summary = N_("evaluate an XPath expression against instance files"),
	.options = eval_options,
	.min_args = 1,
	.max_args = 1,
	.flags = 0,
	.exec = cmd_eval_exec,
};
