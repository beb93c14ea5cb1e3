/*
 * form.c: reading an XForm safely and building the model side of struct
 * form: the primary instance as a schema of struct form_node, secondary
 * instances (inline, jr://file/ and jr://file-csv/), binds, itext and the
 * model's actions.  The body is form-body.c's; the dependency graph is
 * recalc.c's.
 *
 * Every problem goes through form_problem() with its line, so that lint
 * can list them all while form_load() refuses the form at the first one
 * that matters.
 */
#include "common.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

#include "csv.h"
#include "file.h"
#include "form-int.h"

/* ------------------------------------------------------------------ */
/* Problems */

void
form_problem(struct form *f, int line, bool fatal, const char *fmt, ...)
{
	struct form_problem	*p;
	va_list			 ap;

	f->problems = xreallocarray(f->problems, f->nproblems + 1,
	    sizeof(*f->problems));
	p = &f->problems[f->nproblems++];
	p->line = line;
	p->seq = f->nproblems - 1;
	p->fatal = fatal;
	va_start(ap, fmt);
	if (xvasprintf(&p->msg, fmt, ap) < 0)
		oom();
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Reading files and XML with limits */

struct parse_state {
	bool	 doctype;
};

/* A document type declaration is refused before anything in it is read:
 * no DTD means no entity, internal or external, can ever be expanded. */
static void
refuse_doctype(void *ctx, const xmlChar *name ATTR_UNUSED,
    const xmlChar *ext ATTR_UNUSED, const xmlChar *sys ATTR_UNUSED)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*ps = ctxt->_private;

	ps->doctype = true;
	xmlStopParser(ctxt);
}

/* Nothing outside the form is ever fetched by libxml2 itself. */
static xmlParserInputPtr
no_external(const char *url ATTR_UNUSED, const char *id ATTR_UNUSED,
    xmlParserCtxtPtr ctxt ATTR_UNUSED)
{
	return NULL;
}

xmlDoc *
form_parse_xml(const char *data, size_t len, const char *name,
    struct buf *err)
{
	xmlParserCtxtPtr	 ctxt;
	struct parse_state	 ps = { false };
	const xmlError		*xe;
	xmlDoc			*doc;
	int			 opts = XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	if (len > INT_MAX) {
		buf_errf(err, _("'%s' is too large"), name);
		return NULL;
	}
	xmlSetExternalEntityLoader(no_external);
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		oom();
	ctxt->_private = &ps;
	ctxt->sax->internalSubset = refuse_doctype;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, opts);
	if (ps.doctype) {
		buf_errf(err, _("%s: the document has a document type "
		    "declaration (<!DOCTYPE>), which is not allowed"), name);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL) {
		xe = xmlCtxtGetLastError(ctxt);
		if (xe != NULL && xe->message != NULL) {
			size_t	 n = strlen(xe->message);

			while (n > 0 && (xe->message[n - 1] == '\n' ||
			    xe->message[n - 1] == ' '))
				n--;
			buf_errf(err, _("%s:%d: the XML is not well formed: "
			    "%.*s"), name, xe->line, (int)n, xe->message);
		} else
			buf_errf(err, _("%s: the XML is not well formed"),
			    name);
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* ------------------------------------------------------------------ */
/* Small helpers over libxml2 */

int
form_line(const xmlNode *n)
{
	long	 l = n == NULL ? 0 : xmlGetLineNo(n);

	return l < 0 || l > INT_MAX ? 0 : (int)l;
}

/* An element named name in namespace uri; an element without a namespace
 * also matches, as hand-written forms often leave it out. */
bool
form_is(const xmlNode *n, const char *uri, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return false;
	if (uri == NULL || n->ns == NULL || n->ns->href == NULL)
		return true;
	return strcmp((const char *)n->ns->href, uri) == 0;
}

/* An attribute's value as a string of ours, or NULL.  uri NULL means an
 * attribute without a namespace. */
char *
form_attr(const xmlNode *n, const char *uri, const char *name)
{
	xmlChar	*v;
	char	*s;

	v = uri == NULL ? xmlGetNoNsProp(n, (const xmlChar *)name) :
	    xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)uri);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *
elem_text(const xmlNode *n)
{
	xmlChar	*v = xmlNodeGetContent(n);
	char	*s;

	s = xstrdup(v == NULL ? "" : (const char *)v);
	xmlFree(v);
	return s;
}

static void
trim(char *s)
{
	size_t	 n = strlen(s), i = 0;

	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	s[n] = '\0';
	while (s[i] != '\0' && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	memmove(s, s + i, n - i + 1);
}

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return s;
}

/*
 * Drops the whitespace between elements (and comments), which a file's
 * layout leaves behind: instances hold data, and XPath walks fewer nodes.
 */
void
form_strip_blanks(xmlNode *n)
{
	xmlNode	*c, *next;
	bool	 elems = false;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			elems = true;
	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE) {
			form_strip_blanks(c);
			continue;
		}
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
		    (c->type == XML_TEXT_NODE && elems && xmlIsBlankNode(c))) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Paths */

static bool
name_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' &&
	    c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
	    c == '.' || c == ':';
}

/* Length of a predicate "[...]" at s, quotes and nesting respected, or
 * 0 when it does not close. */
static size_t
predicate_len(const char *s)
{
	size_t	 i, depth = 0;
	char	 q = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '\'' || s[i] == '"')
			q = s[i];
		else if (s[i] == '[')
			depth++;
		else if (s[i] == ']' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/*
 * The absolute path, without predicates or prefixes, of the simple
 * location path ref ("/data/g/q", "q", "../q", " /data/x[1]/y ") taken
 * relative to base.  Returns NULL when ref is anything else.  The result
 * is the caller's to free().
 */
char *
form_path_resolve(const char *base, const char *ref)
{
	struct buf	 p = BUF_INIT;
	const char	*s = skip_space(ref), *start, *colon;
	size_t		 n, plen;

	if (*s == '/') {
		s++;
	} else if (base != NULL && base[0] == '/') {
		buf_adds(&p, base);
	} else
		return NULL;
	for (;;) {
		start = s;
		while (name_char((unsigned char)*s))
			s++;
		n = (size_t)(s - start);
		if (n == 0)
			goto bad;
		while (*s == '[') {
			if ((plen = predicate_len(s)) == 0)
				goto bad;
			s += plen;
		}
		if (n == 1 && start[0] == '.') {
			/* self */
		} else if (n == 2 && start[0] == '.' && start[1] == '.') {
			char *slash = strrchr(p.s, '/');

			if (slash == NULL)
				goto bad;
			buf_truncate(&p, (size_t)(slash - p.s));
		} else {
			colon = memchr(start, ':', n);
			if (colon != NULL) {
				n -= (size_t)(colon + 1 - start);
				start = colon + 1;
				if (n == 0 || memchr(start, ':', n) != NULL)
					goto bad;
			}
			buf_addc(&p, '/');
			buf_add(&p, start, n);
		}
		s = skip_space(s);
		if (*s == '\0')
			break;
		if (*s != '/')
			goto bad;
		s = skip_space(s + 1);
	}
	if (p.len == 0)
		goto bad;
	return buf_detach(&p, NULL);
bad:
	buf_release(&p);
	return NULL;
}

struct form_node *
form_node_at(const struct form *f, const char *path)
{
	return path == NULL ? NULL : strmap_get(&f->node_by_path, path);
}

/* ------------------------------------------------------------------ */
/* Expressions, texts and labels */

struct xpath_expr *
form_compile(struct form *f, const char *src, int line, const char *what,
    const char *where)
{
	struct xpath_expr	*e;
	struct buf		 err = BUF_INIT;

	if (src == NULL)
		return NULL;
	if ((e = xpath_compile(src, &err)) == NULL)
		/* TRANSLATORS: "'/data/x': the constraint expression
		 * '. > ' is not valid: column 4: ..." */
		form_problem(f, line, true, _("'%s': the %s expression '%s' "
		    "is not valid: %s"), where, what, src, err.s);
	buf_release(&err);
	return e;
}

void
form_text_release(struct form_text *t)
{
	size_t	 i;

	for (i = 0; i < t->nparts; i++) {
		free(t->parts[i].lit);
		xpath_free(t->parts[i].expr);
	}
	free(t->parts);
	memset(t, 0, sizeof(*t));
}

static void
text_add_lit(struct form_text *t, const char *s)
{
	struct form_part	*last;

	if (*s == '\0')
		return;
	last = t->nparts > 0 ? &t->parts[t->nparts - 1] : NULL;
	if (last != NULL && last->lit != NULL) {
		char *joined;

		xasprintf(&joined, "%s%s", last->lit, s);
		free(last->lit);
		last->lit = joined;
		return;
	}
	t->parts = xreallocarray(t->parts, t->nparts + 1, sizeof(*t->parts));
	t->parts[t->nparts].lit = xstrdup(s);
	t->parts[t->nparts++].expr = NULL;
}

/* The text of a <label>, <hint> or itext <value>: text and <output>. */
static void
text_parse(struct form *f, xmlNode *n, struct form_text *t, const char *where)
{
	xmlNode	*c;
	char	*s, *v;

	t->set = true;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			text_add_lit(t, (const char *)c->content);
		} else if (form_is(c, NS_XFORMS, "output")) {
			if ((v = form_attr(c, NULL, "value")) == NULL)
				v = form_attr(c, NULL, "ref");
			if (v == NULL) {
				form_problem(f, form_line(c), true, _("'%s': "
				    "an <output> has no value"), where);
				continue;
			}
			t->parts = xreallocarray(t->parts, t->nparts + 1,
			    sizeof(*t->parts));
			t->parts[t->nparts].lit = NULL;
			t->parts[t->nparts].expr = form_compile(f, v,
			    form_line(c), "output", where);
			if (t->parts[t->nparts].expr != NULL)
				t->nparts++;
			free(v);
		} else if (c->type == XML_ELEMENT_NODE) {
			/* Markup such as <h:span>: keep the words. */
			s = elem_text(c);
			text_add_lit(t, s);
			free(s);
		}
	}
}

/* "jr:itext('id')" -> id; NULL for any other expression. */
static char *
itext_call_id(const char *s)
{
	const char	*start, *end;
	char		 q;

	s = skip_space(s);
	if (strncmp(s, "jr:itext", 8) != 0)
		return NULL;
	s = skip_space(s + 8);
	if (*s++ != '(')
		return NULL;
	s = skip_space(s);
	if (*s != '\'' && *s != '"')
		return NULL;
	q = *s++;
	start = s;
	while (*s != '\0' && *s != q)
		s++;
	if (*s != q)
		return NULL;
	end = s;
	s = skip_space(s + 1);
	if (*s != ')' || *skip_space(s + 1) != '\0')
		return NULL;
	return xstrndup(start, (size_t)(end - start));
}

/* An itext id that a label or message uses must exist; that it exists in
 * every translation is check_translations()'s job. */
void
form_itext_use(struct form *f, const char *id, int line)
{
	if (strmap_get(&f->itext, id) == NULL)
		form_problem(f, line, false, _("the text id '%s' is not in "
		    "the translations"), id);
}

static void
label_from_ref(struct form *f, const char *ref, int line, const char *where,
    struct form_label *l)
{
	if ((l->itext = itext_call_id(ref)) != NULL)
		form_itext_use(f, l->itext, line);
	else
		l->ref = form_compile(f, ref, line, "label", where);
}

void
form_label_parse(struct form *f, xmlNode *n, struct form_label *l)
{
	char	*ref;
	char	 where[64];

	l->line = form_line(n);
	snprintf(where, sizeof(where), "line %d", l->line);
	if ((ref = form_attr(n, NULL, "ref")) != NULL) {
		label_from_ref(f, ref, l->line, where, l);
		free(ref);
		return;
	}
	text_parse(f, n, &l->inline_text, where);
}

/* jr:constraintMsg and friends: jr:itext('id') or literal text. */
static struct form_label *
label_from_attr(struct form *f, const char *v, int line)
{
	struct form_label	*l = xcalloc(1, sizeof(*l));

	l->line = line;
	if ((l->itext = itext_call_id(v)) != NULL) {
		form_itext_use(f, l->itext, line);
	} else {
		l->inline_text.set = true;
		text_add_lit(&l->inline_text, v);
	}
	return l;
}

void
form_label_release(struct form_label *l)
{
	if (l == NULL)
		return;
	free(l->itext);
	xpath_free(l->ref);
	form_text_release(&l->inline_text);
}

static void
label_free(struct form_label *l)
{
	form_label_release(l);
	free(l);
}

/* ------------------------------------------------------------------ */
/* itext */

const struct form_text *
form_itext_get(const struct form *f, const char *id, enum form_text_form tf)
{
	const struct form_itext	*it = strmap_get(&f->itext, id);
	int			 tries[2], i;

	if (it == NULL)
		return NULL;
	tries[0] = f->lang;
	tries[1] = f->deflang;
	for (i = 0; i < 2; i++) {
		if (tries[i] < 0)
			continue;
		if (it->t[tries[i] * FORM_TEXT_NFORMS + tf].set)
			return &it->t[tries[i] * FORM_TEXT_NFORMS + tf];
		if (tf != FORM_TEXT_LONG &&
		    it->t[tries[i] * FORM_TEXT_NFORMS].set)
			return &it->t[tries[i] * FORM_TEXT_NFORMS];
	}
	return NULL;
}

/* "Tiếng Việt (vi)" -> "vi" */
static char *
lang_code(const char *lang)
{
	size_t		 n = strlen(lang);
	const char	*open;

	while (n > 0 && lang[n - 1] == ' ')
		n--;
	if (n < 3 || lang[n - 1] != ')')
		return NULL;
	open = lang + n - 1;
	while (open > lang && *open != '(')
		open--;
	if (*open != '(' || open + 1 == lang + n - 1)
		return NULL;
	return xstrndup(open + 1, (size_t)(lang + n - 1 - (open + 1)));
}

static void
itext_load(struct form *f, xmlNode *itext)
{
	xmlNode			*tr, *text, *v;
	struct form_itext	*it;
	size_t			 ti = 0;
	char			*s, *id, *form_name;
	enum form_text_form	 tf;

	for (tr = itext->children; tr != NULL; tr = tr->next)
		if (form_is(tr, NS_XFORMS, "translation"))
			f->ntrans++;
	f->trans = xcalloc(f->ntrans, sizeof(*f->trans));
	for (tr = itext->children; tr != NULL; tr = tr->next) {
		if (!form_is(tr, NS_XFORMS, "translation"))
			continue;
		if ((s = form_attr(tr, NULL, "lang")) == NULL) {
			form_problem(f, form_line(tr), true, _("a translation "
			    "has no lang attribute"));
			s = xstrdup("");
		}
		f->trans[ti].lang = s;
		f->trans[ti].code = lang_code(s);
		f->trans[ti].line = form_line(tr);
		if ((s = form_attr(tr, NULL, "default")) != NULL) {
			if (f->deflang < 0)
				f->deflang = (int)ti;
			free(s);
		}
		ti++;
	}
	if (f->deflang < 0 && f->ntrans > 0)
		f->deflang = 0;

	ti = 0;
	for (tr = itext->children; tr != NULL; tr = tr->next) {
		if (!form_is(tr, NS_XFORMS, "translation"))
			continue;
		for (text = tr->children; text != NULL; text = text->next) {
			if (!form_is(text, NS_XFORMS, "text"))
				continue;
			if ((id = form_attr(text, NULL, "id")) == NULL) {
				form_problem(f, form_line(text), true,
				    _("a text of translation '%s' has no id"),
				    f->trans[ti].lang);
				continue;
			}
			if ((it = strmap_get(&f->itext, id)) == NULL) {
				it = xcalloc(1, sizeof(*it));
				it->id = id;
				it->line = form_line(text);
				it->t = xcalloc(f->ntrans * FORM_TEXT_NFORMS,
				    sizeof(*it->t));
				strmap_put(&f->itext, id, it);
			} else
				free(id);
			for (v = text->children; v != NULL; v = v->next) {
				if (!form_is(v, NS_XFORMS, "value"))
					continue;
				form_name = form_attr(v, NULL, "form");
				if (form_name == NULL)
					tf = FORM_TEXT_LONG;
				else if (strcmp(form_name, "short") == 0)
					tf = FORM_TEXT_SHORT;
				else if (strcmp(form_name, "guidance") == 0)
					tf = FORM_TEXT_GUIDANCE;
				else {
					/* image, audio, video, big-image:
					 * media a terminal cannot show. */
					free(form_name);
					continue;
				}
				free(form_name);
				if (it->t[ti * FORM_TEXT_NFORMS + tf].set) {
					form_problem(f, form_line(v), false,
					    _("the text id '%s' is given "
					    "twice in translation '%s'"),
					    it->id, f->trans[ti].lang);
					continue;
				}
				text_parse(f, v,
				    &it->t[ti * FORM_TEXT_NFORMS + tf],
				    it->id);
			}
		}
		ti++;
	}
}

int
form_select_lang(struct form *f, const char *code)
{
	size_t	 i;

	f->lang = -1;
	for (i = 0; code != NULL && i < f->ntrans; i++) {
		if (strcmp(f->trans[i].lang, code) == 0 ||
		    (f->trans[i].code != NULL &&
		    strcmp(f->trans[i].code, code) == 0)) {
			f->lang = (int)i;
			return 0;
		}
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Types */

static const struct {
	const char	*name;
	enum form_type	 type;
} type_names[] = {
	{ "string", FORM_TYPE_STRING },
	{ "int", FORM_TYPE_INT },
	{ "integer", FORM_TYPE_INT },
	{ "decimal", FORM_TYPE_DECIMAL },
	{ "date", FORM_TYPE_DATE },
	{ "dateTime", FORM_TYPE_DATETIME },
	{ "time", FORM_TYPE_TIME },
	{ "boolean", FORM_TYPE_BOOLEAN },
	{ "select1", FORM_TYPE_SELECT1 },
	{ "select", FORM_TYPE_SELECT },
	{ "binary", FORM_TYPE_BINARY },
};

/* Types of widgets coopreport cannot offer: a form using them is
 * refused by name. */
static const char *const unsupported_types[] = {
	"geopoint", "geotrace", "geoshape", "barcode", "intent", "rank",
};

enum form_type
form_type_parse(struct form *f, const char *s, int line)
{
	const char	*colon = strchr(s, ':');
	size_t		 i;

	if (colon != NULL)
		s = colon + 1;
	for (i = 0; i < nitems(type_names); i++)
		if (strcmp(s, type_names[i].name) == 0)
			return type_names[i].type;
	for (i = 0; i < nitems(unsupported_types); i++)
		if (strcmp(s, unsupported_types[i]) == 0) {
			form_problem(f, line, true, _("unsupported feature: "
			    "the type '%s'"), s);
			return FORM_TYPE_STRING;
		}
	form_problem(f, line, false, _("unknown type '%s', taken as a "
	    "string"), s);
	return FORM_TYPE_STRING;
}

const char *
form_type_name(enum form_type t)
{
	size_t	 i;

	for (i = 0; i < nitems(type_names); i++)
		if (type_names[i].type == t)
			return type_names[i].name;
	return "string";
}

/* ------------------------------------------------------------------ */
/* The primary instance as a schema */

static struct form_node *
node_add(struct form *f, struct form_node *parent, xmlNode *elem)
{
	struct form_node	*fn;
	char			*path;

	xasprintf(&path, "%s/%s", parent == NULL ? "" : parent->path,
	    (const char *)elem->name);
	if ((fn = strmap_get(&f->node_by_path, path)) != NULL) {
		free(path);
		return fn;
	}
	fn = xcalloc(1, sizeof(*fn));
	fn->path = path;
	fn->name = strrchr(path, '/') + 1;
	fn->parent = parent;
	fn->elem = elem;
	fn->tmpl = elem;
	fn->depth = parent == NULL ? 0 : parent->depth + 1;
	fn->id = f->nnodes;
	f->nodes = xreallocarray(f->nodes, f->nnodes + 1, sizeof(*f->nodes));
	f->nodes[f->nnodes++] = fn;
	strmap_put(&f->node_by_path, path, fn);
	if (parent != NULL) {
		parent->kids = xreallocarray(parent->kids, parent->nkids + 1,
		    sizeof(*parent->kids));
		parent->kids[parent->nkids++] = fn;
	}
	return fn;
}

static void
nodes_build(struct form *f, struct form_node *parent, xmlNode *elem)
{
	struct form_node	*fn, *kid;
	struct strmap		 names;
	xmlNode			*c;

	fn = node_add(f, parent, elem);
	if (xmlHasNsProp(elem, (const xmlChar *)"template",
	    (const xmlChar *)NS_JR) != NULL && !fn->has_template) {
		fn->has_template = true;
		fn->tmpl = elem;
	}
	if (fn->depth >= FORM_MAX_DEPTH) {
		form_problem(f, form_line(elem), true, _("'%s' is nested "
		    "more than %d deep"), fn->path, FORM_MAX_DEPTH);
		return;
	}
	/* An element twice under one parent must be a repeat. */
	strmap_init(&names);
	for (c = elem->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		nodes_build(f, fn, c);
		if (strmap_put(&names, (const char *)c->name, c) != NULL) {
			char *path;

			xasprintf(&path, "%s/%s", fn->path,
			    (const char *)c->name);
			if ((kid = form_node_at(f, path)) != NULL)
				kid->siblings = true;
			free(path);
		}
	}
	strmap_release(&names);
}

/* ------------------------------------------------------------------ */
/* Secondary instances */

static char *
media_name(const char *src, const char *scheme)
{
	size_t	 n = strlen(scheme);

	if (strncmp(src, scheme, n) != 0)
		return NULL;
	src += n;
	if (*src == '\0' || strchr(src, '/') != NULL ||
	    strcmp(src, "..") == 0 || strcmp(src, ".") == 0)
		return NULL;
	return xstrdup(src);
}

static int
load_media(struct form *f, const char *name, struct buf *data,
    struct buf *err)
{
	char	*path;
	int	 rc;

	if (f->media_dir == NULL)
		return buf_errf(err, _("the form has no media folder for "
		    "'%s'"), name);
	xasprintf(&path, "%s/%s", f->media_dir, name);
	rc = file_read(path, FORM_MAX_SIZE, data, err) < 0 ? -1 : 0;
	free(path);
	return rc;
}

struct csv_build {
	struct form	*f;
	xmlNode		*root;
	char		**cols;
	size_t		 ncols;
};

static int
csv_instance_record(void *arg, size_t line, char **fields, size_t n,
    struct buf *err)
{
	struct csv_build	*cb = arg;
	xmlNode			*item, *c;
	size_t			 i;

	if (cb->cols == NULL) {
		cb->cols = xcalloc(n, sizeof(*cb->cols));
		for (i = 0; i < n; i++) {
			trim(fields[i]);
			if (xmlValidateNCName((const xmlChar *)fields[i],
			    0) != 0)
				return buf_errf(err, _("the column name '%s' "
				    "cannot be an XML element name"),
				    fields[i]);
			cb->cols[i] = xstrdup(fields[i]);
		}
		cb->ncols = n;
		return 0;
	}
	if (n == 1 && fields[0][0] == '\0')
		return 0;	/* a blank line */
	if (n > cb->ncols)
		return buf_errf(err, _("line %zu has %zu fields, the header "
		    "only %zu"), line, n, cb->ncols);
	item = xmlNewChild(cb->root, NULL, (const xmlChar *)"item", NULL);
	for (i = 0; i < cb->ncols; i++) {
		c = xmlNewChild(item, NULL, (const xmlChar *)cb->cols[i],
		    NULL);
		if (i < n)
			xmlAddChild(c, xmlNewDocText(cb->f->doc,
			    (const xmlChar *)fields[i]));
	}
	return 0;
}

/* jr://file-csv/x.csv: <root><item><col>value</col>...</item>...</root>,
 * the columns named by the first line, as ODK builds it. */
static int
csv_instance(struct form *f, xmlNode *inst, const char *name,
    const char *data, size_t len, struct buf *err)
{
	struct csv_build	 cb;
	size_t			 i;
	int			 rc;

	memset(&cb, 0, sizeof(cb));
	cb.f = f;
	cb.root = xmlNewChild(inst, NULL, (const xmlChar *)"root", NULL);
	rc = csv_parse(data, len, csv_instance_record, &cb, err);
	if (rc == -1)
		buf_wrapf(err, "%s", name);
	for (i = 0; i < cb.ncols; i++)
		free(cb.cols[i]);
	free(cb.cols);
	return rc;
}

static void
instance_external(struct form *f, struct form_instance *fi)
{
	struct buf	 data = BUF_INIT, err = BUF_INIT;
	xmlDoc		*ext;
	xmlNode		*root;
	char		*name;

	if ((name = media_name(fi->src, "jr://file/")) != NULL) {
		if (load_media(f, name, &data, &err) == 0 &&
		    (ext = form_parse_xml(data.s, data.len, name,
		    &err)) != NULL) {
			root = xmlDocGetRootElement(ext);
			xmlAddChild(fi->node, xmlDocCopyNode(root, f->doc, 1));
			xmlFreeDoc(ext);
		}
	} else if ((name = media_name(fi->src, "jr://file-csv/")) != NULL) {
		if (load_media(f, name, &data, &err) == 0)
			csv_instance(f, fi->node, name, data.s, data.len,
			    &err);
	} else {
		form_problem(f, fi->line, true, _("unsupported feature: the "
		    "secondary instance '%s' comes from '%s'; only "
		    "jr://file/ and jr://file-csv/ media are supported"),
		    fi->id, fi->src);
	}
	if (err.len > 0)
		form_problem(f, fi->line, true, _("secondary instance '%s': "
		    "%s"), fi->id, err.s);
	free(name);
	buf_release(&data);
	buf_release(&err);
}

static void
instances_load(struct form *f)
{
	xmlNode			*c, *e;
	struct form_instance	*fi;
	bool			 primary = true;

	for (c = f->model->children; c != NULL; c = c->next) {
		if (!form_is(c, NS_XFORMS, "instance"))
			continue;
		if (primary) {
			primary = false;
			for (e = c->children; e != NULL; e = e->next)
				if (e->type == XML_ELEMENT_NODE)
					break;
			f->root = e;
			continue;
		}
		f->inst = xreallocarray(f->inst, f->ninst + 1,
		    sizeof(*f->inst));
		fi = &f->inst[f->ninst++];
		memset(fi, 0, sizeof(*fi));
		fi->node = c;
		fi->line = form_line(c);
		fi->src = form_attr(c, NULL, "src");
		if ((fi->id = form_attr(c, NULL, "id")) == NULL) {
			form_problem(f, fi->line, true, _("a secondary "
			    "instance has no id"));
			fi->id = xstrdup("");
		} else if (strmap_put(&f->inst_by_id, fi->id, fi) != NULL)
			form_problem(f, fi->line, true, _("two secondary "
			    "instances have the id '%s'"), fi->id);
		if (fi->src != NULL)
			instance_external(f, fi);
		form_strip_blanks(fi->node);
	}
	/* strmap values point into f->inst, which may have moved. */
	strmap_release(&f->inst_by_id);
	strmap_init(&f->inst_by_id);
	for (size_t i = 0; i < f->ninst; i++)
		strmap_put(&f->inst_by_id, f->inst[i].id, &f->inst[i]);
}

/* ------------------------------------------------------------------ */
/* Binds */

static const struct {
	const char	*attr;
	enum form_prop	 prop;
	bool		 coop;		/* in the coop: namespace */
} bind_exprs[] = {
	{ "calculate", FORM_CALCULATE, false },
	{ "relevant", FORM_RELEVANT, false },
	{ "required", FORM_REQUIRED, false },
	{ "readonly", FORM_READONLY, false },
	{ "constraint", FORM_CONSTRAINT, false },
	{ "warning", FORM_WARNING, true },
};

static void
bind_msg(struct form *f, xmlNode *n, const char *uri, const char *name,
    struct form_label **slot)
{
	char	*v = form_attr(n, uri, name);

	if (v == NULL)
		return;
	if (*slot != NULL)
		label_free(*slot);
	*slot = label_from_attr(f, v, form_line(n));
	free(v);
}

static void
bind_load(struct form *f, xmlNode *n)
{
	struct form_bind	*b;
	struct form_node	*fn;
	char			*nodeset, *path, *v;
	int			 line = form_line(n);
	size_t			 i;

	if ((nodeset = form_attr(n, NULL, "nodeset")) == NULL &&
	    (nodeset = form_attr(n, NULL, "ref")) == NULL) {
		form_problem(f, line, true, _("a bind has no nodeset"));
		return;
	}
	path = form_path_resolve(f->nodes[0]->path, nodeset);
	if (path == NULL || (fn = form_node_at(f, path)) == NULL) {
		form_problem(f, line, true, path == NULL ? _("the bind "
		    "nodeset '%s' is not a path") : _("the bind nodeset "
		    "'%s' is not in the primary instance"), nodeset);
		free(nodeset);
		free(path);
		return;
	}
	free(nodeset);
	free(path);
	if ((b = fn->bind) == NULL) {
		b = xcalloc(1, sizeof(*b));
		b->node = fn;
		b->line = line;
		fn->bind = b;
		f->binds = xreallocarray(f->binds, f->nbinds + 1,
		    sizeof(*f->binds));
		f->binds[f->nbinds++] = b;
	}
	if ((v = form_attr(n, NULL, "id")) != NULL) {
		free(b->id);
		b->id = v;
		strmap_put(&f->bind_by_id, v, b);
	}
	if ((v = form_attr(n, NULL, "type")) != NULL) {
		b->type = form_type_parse(f, v, line);
		free(v);
	}
	for (i = 0; i < nitems(bind_exprs); i++) {
		v = form_attr(n, bind_exprs[i].coop ? NS_COOP : NULL,
		    bind_exprs[i].attr);
		if (v == NULL)
			continue;
		if (b->expr[bind_exprs[i].prop] != NULL) {
			form_problem(f, line, false, _("'%s': a second bind "
			    "gives '%s' again"), fn->path,
			    bind_exprs[i].attr);
			xpath_free(b->expr[bind_exprs[i].prop]);
		}
		b->expr[bind_exprs[i].prop] = form_compile(f, v, line,
		    bind_exprs[i].attr, fn->path);
		free(v);
	}
	if (b->expr[FORM_CALCULATE] != NULL && fn->nkids > 0)
		form_problem(f, line, true, _("'%s' holds other questions; "
		    "it cannot be calculated"), fn->path);
	bind_msg(f, n, NS_JR, "requiredMsg", &b->msg_required);
	bind_msg(f, n, NS_JR, "constraintMsg", &b->msg_constraint);
	bind_msg(f, n, NS_COOP, "warningMsg", &b->msg_warning);
	if ((v = form_attr(n, NS_JR, "preload")) != NULL) {
		free(b->preload);
		b->preload = v;
	}
	if ((v = form_attr(n, NS_JR, "preloadParams")) != NULL) {
		free(b->preload_params);
		b->preload_params = v;
	}
	if (xmlHasNsProp(n, (const xmlChar *)"saveto",
	    (const xmlChar *)"http://www.opendatakit.org/xforms/entities") !=
	    NULL)
		form_problem(f, line, true, _("unsupported feature: "
		    "entities (entities:saveto)"));
}

/* ------------------------------------------------------------------ */
/* Namespaces for XPath */

static void
ns_add(struct form *f, size_t *n, const char *prefix, const char *uri)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (strcmp(f->ns[i].prefix, prefix) == 0)
			return;
	f->ns = xreallocarray(f->ns, *n + 2, sizeof(*f->ns));
	f->ns[*n].prefix = xstrdup(prefix);
	f->ns[*n].uri = xstrdup(uri);
	(*n)++;
	f->ns[*n].prefix = NULL;
	f->ns[*n].uri = NULL;
}

static void
ns_load(struct form *f, xmlNode *html)
{
	xmlNs	**list = xmlGetNsList(f->doc, html);
	size_t	 i, n = 0;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		if (list[i]->prefix != NULL && list[i]->href != NULL)
			ns_add(f, &n, (const char *)list[i]->prefix,
			    (const char *)list[i]->href);
	xmlFree(list);
	ns_add(f, &n, "jr", NS_JR);
	ns_add(f, &n, "orx", NS_ORX);
	ns_add(f, &n, "odk", NS_ODK);
	ns_add(f, &n, "coop", NS_COOP);
}

/* ------------------------------------------------------------------ */
/* Checks after everything is read */

static void
check_repeats(struct form *f)
{
	size_t	 i;

	for (i = 0; i < f->nnodes; i++) {
		struct form_node *fn = f->nodes[i];

		if (fn->siblings && !fn->repeat)
			form_problem(f, form_line(fn->elem), true, _("'%s' "
			    "appears more than once but is not a repeat"),
			    fn->path);
		if (fn->has_template && !fn->repeat)
			form_problem(f, form_line(fn->elem), false, _("'%s' "
			    "has a jr:template but no repeat in the body"),
			    fn->path);
	}
}

/* Types follow the control: a select1 over a string bind stores one
 * choice, an upload stores a file name. */
static void
settle_types(struct form *f)
{
	size_t	 i;

	for (i = 0; i < f->nnodes; i++) {
		struct form_node *fn = f->nodes[i];
		enum form_type t = fn->bind != NULL ? fn->bind->type :
		    FORM_TYPE_STRING;

		if (fn->control != NULL && t == FORM_TYPE_STRING) {
			switch (fn->control->kind) {
			case FORM_CTL_SELECT1:
				t = FORM_TYPE_SELECT1;
				break;
			case FORM_CTL_SELECT:
				t = FORM_TYPE_SELECT;
				break;
			case FORM_CTL_UPLOAD:
				t = FORM_TYPE_BINARY;
				break;
			default:
				break;
			}
		}
		fn->type = t;
	}
}

static void
check_meta(struct form *f)
{
	struct form_node	*id;
	char			*path;

	xasprintf(&path, "%s/meta/instanceID", f->nodes[0]->path);
	id = form_node_at(f, path);
	free(path);
	if (id == NULL)
		form_problem(f, form_line(f->root), false, _("the primary "
		    "instance has no meta block with an instanceID"));
}

/* Every text id, in every translation. */
static void
check_translations(struct form *f)
{
	struct strmap_entry	*e;
	size_t			 pos = 0, i, k;

	while ((e = strmap_next(&f->itext, &pos)) != NULL) {
		struct form_itext *it = e->value;

		for (i = 0; i < f->ntrans; i++) {
			for (k = 0; k < FORM_TEXT_NFORMS; k++)
				if (it->t[i * FORM_TEXT_NFORMS + k].set)
					break;
			if (k == FORM_TEXT_NFORMS)
				form_problem(f, it->line, false, _("the text "
				    "id '%s' is missing from the translation "
				    "'%s'"), it->id, f->trans[i].lang);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Loading */

static void
model_load(struct form *f)
{
	xmlNode	*c;

	for (c = f->model->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (form_is(c, NS_XFORMS, "itext") && f->ntrans == 0)
			itext_load(f, c);
	}
	for (c = f->model->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (form_is(c, NS_XFORMS, "bind"))
			bind_load(f, c);
		else if (form_is(c, NS_XFORMS, "setvalue"))
			form_action_parse(f, c, NULL, FORM_EV_FIRST_LOAD);
		else if (form_is(c, NS_ODK, "setgeopoint") ||
		    strcmp((const char *)c->name, "setgeopoint") == 0)
			form_problem(f, form_line(c), true, _("unsupported "
			    "feature: odk:setgeopoint"));
	}
}

static size_t
count_fatal(const struct form *f, size_t *first)
{
	size_t	 i, n = 0;

	for (i = 0; i < f->nproblems; i++)
		if (f->problems[i].fatal && n++ == 0)
			*first = i;
	return n;
}

static int
form_build(struct form *f, struct buf *err)
{
	xmlNode	*html, *head = NULL, *body = NULL, *c;
	char	*s;
	size_t	 nfatal, first = 0;

	html = xmlDocGetRootElement(f->doc);
	if (!form_is(html, NS_XHTML, "html"))
		return buf_errf(err, _("%s: this is not an XForm: the root "
		    "element is not <h:html>"), f->path);
	ns_load(f, html);
	for (c = html->children; c != NULL; c = c->next) {
		if (form_is(c, NS_XHTML, "head") && head == NULL)
			head = c;
		else if (form_is(c, NS_XHTML, "body") && body == NULL)
			body = c;
	}
	for (c = head == NULL ? NULL : head->children; c != NULL; c = c->next) {
		if (form_is(c, NS_XHTML, "title") && f->title == NULL) {
			f->title = elem_text(c);
			trim(f->title);
		} else if (form_is(c, NS_XFORMS, "model") && f->model == NULL)
			f->model = c;
	}
	if (f->model == NULL)
		return buf_errf(err, _("%s: this is not an XForm: it has no "
		    "<model>"), f->path);
	instances_load(f);
	if (f->root == NULL)
		return buf_errf(err, _("%s: the form has no primary "
		    "instance"), f->path);
	if (f->title == NULL)
		f->title = xstrdup("");
	if ((f->id = form_attr(f->root, NULL, "id")) == NULL) {
		form_problem(f, form_line(f->root), true, _("the primary "
		    "instance has no id attribute (the form id)"));
		f->id = xstrdup("");
	}
	if ((f->version = form_attr(f->root, NULL, "version")) == NULL &&
	    (f->version = form_attr(f->root, NS_ORX, "version")) == NULL)
		f->version = xstrdup("");
	nodes_build(f, NULL, f->root);
	model_load(f);
	if (body != NULL)
		form_body_load(f, body);
	else
		form_problem(f, form_line(html), true, _("the form has no "
		    "<h:body>"));
	check_repeats(f);
	settle_types(f);
	if ((f->flags & FORM_LOAD_LINT) || count_fatal(f, &first) == 0)
		f->graph = recalc_build(f);
	if (f->flags & FORM_LOAD_LINT) {
		check_meta(f);
		check_translations(f);
		return 0;
	}
	if ((nfatal = count_fatal(f, &first)) == 0)
		return 0;
	s = f->problems[first].msg;
	if (nfatal == 1)
		return buf_errf(err, "%s:%d: %s", f->path,
		    f->problems[first].line, s);
	return buf_errf(err, Q_("%s:%d: %s (and %zu more problem; "
	    "'coopreport lint' lists them)", "%s:%d: %s (and %zu more "
	    "problems; 'coopreport lint' lists them)", nfatal - 1), f->path,
	    f->problems[first].line, s, nfatal - 1);
}

struct form *
form_load_mem(const char *data, size_t len, const char *name,
    const char *media_dir, unsigned flags, struct buf *err)
{
	struct form	*f;

	if (len > FORM_MAX_SIZE) {
		buf_errf(err, _("'%s' is too large: %zu bytes, the limit is "
		    "%u"), name, len, FORM_MAX_SIZE);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(name);
	f->media_dir = media_dir == NULL ? NULL : xstrdup(media_dir);
	f->flags = flags;
	f->deflang = -1;
	f->lang = -1;
	strmap_init(&f->node_by_path);
	strmap_init(&f->bind_by_id);
	strmap_init(&f->itext);
	strmap_init(&f->inst_by_id);
	if ((f->doc = form_parse_xml(data, len, name, err)) == NULL ||
	    form_build(f, err) == -1) {
		form_free(f);
		return NULL;
	}
	return f;
}

/* "dir/x.xml" -> "dir/x-media" */
static char *
media_dir_of(const char *path)
{
	size_t	 n = strlen(path);
	char	*s;

	if (n > 4 && strcmp(path + n - 4, ".xml") == 0)
		n -= 4;
	xasprintf(&s, "%.*s-media", (int)n, path);
	return s;
}

struct form *
form_load(const char *path, unsigned flags, struct buf *err)
{
	struct buf	 data = BUF_INIT;
	struct form	*f = NULL;
	char		*media;

	if (file_read(path, FORM_MAX_SIZE, &data, err) == 0) {
		media = media_dir_of(path);
		f = form_load_mem(data.s, data.len, path, media, flags, err);
		free(media);
	}
	buf_release(&data);
	return f;
}

/*
 * form_peek(): the element form_build() takes the id from, found in a
 * stream: <h:html>, its first <h:head>, that head's first <model>, the
 * model's first <instance>, and that instance's first element.  stage is
 * the depth of the one looked for next.
 */
static bool
peek_is(xmlTextReaderPtr rd, const char *uri, const char *name)
{
	const xmlChar	*u = xmlTextReaderConstNamespaceUri(rd);
	const xmlChar	*n = xmlTextReaderConstLocalName(rd);

	return u != NULL && n != NULL && strcmp((const char *)u, uri) == 0 &&
	    strcmp((const char *)n, name) == 0;
}

int
form_peek(const char *path, char **id, char **version)
{
	static const struct {
		const char	*uri, *name;
	} want[] = {
		{ NS_XHTML, "html" }, { NS_XHTML, "head" },
		{ NS_XFORMS, "model" }, { NS_XFORMS, "instance" },
	};
	struct buf	 data = BUF_INIT, err = BUF_INIT;
	xmlTextReaderPtr rd;
	xmlChar		*v;
	int		 type, depth, stage = 0, rc = -1, more;

	*id = *version = NULL;
	if (file_read(path, FORM_MAX_SIZE, &data, &err) == -1 ||
	    (rd = xmlReaderForMemory(data.s, (int)data.len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING)) == NULL) {
		buf_release(&data);
		buf_release(&err);
		return -1;
	}
	more = xmlTextReaderRead(rd);
	while (rc == -1 && more == 1) {
		type = xmlTextReaderNodeType(rd);
		depth = xmlTextReaderDepth(rd);
		/* A DTD could change what the full parse makes of it. */
		if (type == XML_READER_TYPE_DOCUMENT_TYPE)
			break;
		/* The element searched in ended without one. */
		if (type == XML_READER_TYPE_END_ELEMENT && depth < stage)
			break;
		if (type != XML_READER_TYPE_ELEMENT || depth != stage) {
			more = xmlTextReaderRead(rd);
			continue;
		}
		if (stage < (int)nitems(want)) {
			if (!peek_is(rd, want[stage].uri, want[stage].name)) {
				if (stage == 0)
					break;	/* not the root wanted */
				/* Over its subtree (itext, say) at once. */
				more = xmlTextReaderNext(rd);
				continue;
			}
			if (xmlTextReaderIsEmptyElement(rd))
				break;
			stage++;
			more = xmlTextReaderRead(rd);
			continue;
		}
		if ((v = xmlTextReaderGetAttribute(rd,
		    (const xmlChar *)"id")) == NULL)
			break;
		*id = xstrdup((const char *)v);
		xmlFree(v);
		if ((v = xmlTextReaderGetAttribute(rd,
		    (const xmlChar *)"version")) == NULL)
			v = xmlTextReaderGetAttributeNs(rd,
			    (const xmlChar *)"version",
			    (const xmlChar *)NS_ORX);
		*version = xstrdup(v == NULL ? "" : (const char *)v);
		xmlFree(v);
		rc = 0;
	}
	xmlFreeTextReader(rd);
	buf_release(&data);
	buf_release(&err);
	return rc;
}

void
form_free(struct form *f)
{
	struct strmap_entry	*e;
	size_t			 i, k, pos = 0;

	if (f == NULL)
		return;
	recalc_graph_free(f->graph);
	form_body_free(f->body);
	for (i = 0; i < f->nbinds; i++) {
		struct form_bind *b = f->binds[i];

		for (k = 0; k < FORM_NPROPS; k++)
			xpath_free(b->expr[k]);
		if (b->msg_required != NULL)
			label_free(b->msg_required);
		if (b->msg_constraint != NULL)
			label_free(b->msg_constraint);
		if (b->msg_warning != NULL)
			label_free(b->msg_warning);
		free(b->id);
		free(b->preload);
		free(b->preload_params);
		free(b);
	}
	free(f->binds);
	for (i = 0; i < f->nnodes; i++) {
		free(f->nodes[i]->path);
		free(f->nodes[i]->kids);
		free(f->nodes[i]);
	}
	free(f->nodes);
	while ((e = strmap_next(&f->itext, &pos)) != NULL) {
		struct form_itext *it = e->value;

		for (k = 0; k < f->ntrans * FORM_TEXT_NFORMS; k++)
			form_text_release(&it->t[k]);
		free(it->t);
		free(it->id);
		free(it);
	}
	for (i = 0; i < f->ntrans; i++) {
		free(f->trans[i].lang);
		free(f->trans[i].code);
	}
	free(f->trans);
	for (i = 0; i < f->ninst; i++) {
		free(f->inst[i].id);
		free(f->inst[i].src);
	}
	free(f->inst);
	for (i = 0; i < f->nactions; i++) {
		xpath_free(f->actions[i].value);
		free(f->actions[i].literal);
	}
	free(f->actions);
	for (i = 0; f->ns != NULL && f->ns[i].prefix != NULL; i++) {
		free((char *)(uintptr_t)f->ns[i].prefix);
		free((char *)(uintptr_t)f->ns[i].uri);
	}
	free(f->ns);
	for (i = 0; i < f->nproblems; i++)
		free(f->problems[i].msg);
	free(f->problems);
	strmap_release(&f->node_by_path);
	strmap_release(&f->bind_by_id);
	strmap_release(&f->itext);
	strmap_release(&f->inst_by_id);
	xmlFreeDoc(f->doc);
	free(f->id);
	free(f->version);
	free(f->title);
	free(f->path);
	free(f->media_dir);
	free(f);
}

const char *
form_id(const struct form *f)
{
	return f->id;
}

const char *
form_version(const struct form *f)
{
	return f->version;
}

const char *
form_title(const struct form *f)
{
	return f->title;
}

const char *
form_path(const struct form *f)
{
	return f->path;
}

static int
problem_cmp(const void *a, const void *b)
{
	const struct form_problem *pa = a, *pb = b;

	if (pa->line != pb->line)
		return pa->line < pb->line ? -1 : 1;
	return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

size_t
form_lint(const char *path, struct buf *out)
{
	struct buf	 err = BUF_INIT;
	struct form	*f;
	size_t		 i, n;

	if ((f = form_load(path, FORM_LOAD_LINT, &err)) == NULL) {
		buf_addf(out, "%s\n", err.s);
		buf_release(&err);
		return 1;
	}
	/* By line; problems on one line keep the order they were found. */
	if (f->nproblems > 0)
		qsort(f->problems, f->nproblems, sizeof(*f->problems),
		    problem_cmp);
	for (i = 0; i < f->nproblems; i++)
		buf_addf(out, "%s:%d: %s\n", path, f->problems[i].line,
		    f->problems[i].msg);
	n = f->nproblems;
	form_free(f);
	buf_release(&err);
	return n;
}
