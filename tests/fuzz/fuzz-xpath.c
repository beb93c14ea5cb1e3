/*
 * fuzz-xpath.c: libFuzzer target for the XPath engine (src/xpath.c,
 * src/xpath-fn.c, src/datetime.c).  The input is an expression; it is
 * compiled and, when it compiles, evaluated against a small fixed primary
 * instance with one secondary instance, and its dependencies are listed.
 * Nothing may crash, leak or read out of bounds, whatever the input.
 */
#include "common.h"

#include <locale.h>

#include <libxml/parser.h>

#include "xpath.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char primary_xml[] =
    "<data id='f' xmlns:orx='http://openrosa.org/xforms'>"
    "<name>Hợp tác xã</name><n>12</n><d>2025-01-02</d>"
    "<t>2025-01-02T10:00:00+07:00</t><sel>a b c</sel>"
    "<rep><x>1</x><y a='1'>p</y></rep><rep><x>2</x></rep><rep><x/></rep>"
    "<geo>10 106 0 0; 10 107 0 0; 11 107 0 0</geo>"
    "<orx:meta><orx:instanceID>uuid:1</orx:instanceID></orx:meta>"
    "</data>";
static const char secondary_xml[] =
    "<root><item><code>1</code><name>Hà Nội</name></item>"
    "<item><code>2</code><name>Huế</name></item></root>";

static xmlDoc	*primary, *secondary;

static xmlNode *
instance_hook(void *arg, const char *id)
{
	(void)arg;
	return strcmp(id, "p") == 0 ? (xmlNode *)secondary : NULL;
}

static char *
itext_hook(void *arg, const char *id)
{
	(void)arg;
	return xstrdup(id);
}

static char *
choice_hook(void *arg, const char *value, const char *ref, xmlNode *ctx)
{
	(void)arg;
	(void)ref;
	(void)ctx;
	return xstrdup(value);
}

static void
ref_fn(void *arg, const char *path)
{
	(*(size_t *)arg) += strlen(path);
}

static void
setup(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	primary = xmlReadMemory(primary_xml, (int)strlen(primary_xml), "p.xml",
	    NULL, XML_PARSE_NONET);
	secondary = xmlReadMemory(secondary_xml, (int)strlen(secondary_xml),
	    "s.xml", NULL, XML_PARSE_NONET);
	if (primary == NULL || secondary == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct xpath_ns ns[] = {
		{ "orx", "http://openrosa.org/xforms" }, { NULL, NULL }
	};
	struct xpath_hooks	 hooks = { itext_hook, choice_hook,
	    instance_hook, NULL };
	struct xpath_env	 env;
	struct xpath_value	 v;
	struct xpath_expr	*e;
	struct buf		 err = BUF_INIT;
	xmlNode			*root;
	char			*src, *s;
	size_t			 total = 0;

	if (primary == NULL)
		setup();
	if (size > 65536)
		return 0;
	src = xstrndup((const char *)data, size);
	if ((e = xpath_compile(src, &err)) != NULL) {
		xpath_env_init(&env, primary, 1750000000, 7);
		env.hooks = &hooks;
		env.namespaces = ns;
		root = xmlDocGetRootElement(primary);
		xpath_refs(e, "/data/n", ref_fn, &total);
		if (xpath_eval(e, &env, root->children, &v, &err) == 0) {
			s = xpath_value_string(&v);
			free(s);
			(void)xpath_value_bool(&v);
			(void)xpath_value_number(&v);
		}
		xpath_value_release(&v);
		free(xpath_eval_string(e, &env, root, &err));
		xpath_free(e);
	}
	buf_release(&err);
	free(src);
	return 0;
}
