/*
 * report.c: one report, an instance document of a form: creating and
 * loading it, paths, typed answers, repeats, actions, validation,
 * explanations, serialisation and the plain-text rendering.  The
 * dependency graph and the recalculation itself are recalc.c's.
 *
 * Each element of the instance carries a struct rnode in _private: its
 * form node and the flags the last recalculation left (relevance,
 * requiredness, failed checks).  report_index() keeps, for each form
 * node, the list of its elements, so that nothing scans the tree to find
 * an answer.  The XPath engine keeps its own child index (env.index,
 * xpath.h): whatever adds or removes an element empties it, and so does
 * report_index().
 */
#include "common.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "datetime.h"
#include "form-int.h"
#include "utf8.h"
#include "uuid.h"

#define MAX_CHOICES_SHOWN	8
/* Elements with this many children get the XPath child index (a form's
 * /data, choice lists); fewer are scanned. */
#define REPORT_INDEX_MIN	16

/* ------------------------------------------------------------------ */
/* Elements and their state */

char *
report_node_value(const xmlNode *n)
{
	xmlChar	*v;
	char	*s;

	if (n->children != NULL && n->children->next == NULL &&
	    n->children->type == XML_TEXT_NODE)
		return xstrdup((const char *)n->children->content);
	v = xmlNodeGetContent(n);
	s = xstrdup(v == NULL ? "" : (const char *)v);
	xmlFree(v);
	return s;
}

static bool
node_empty(const xmlNode *n)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE || c->content[0] != '\0')
			return false;
	return true;
}

void
report_node_set(xmlNode *n, const char *s)
{
	xmlNode	*c, *next;

	/*
	 * Only the text goes: the form loader refuses a value for a node
	 * that holds other questions, and were one to slip through, its
	 * children (and the pointers to them) must not be freed here.
	 */
	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	if (*s != '\0')
		xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)s));
}

bool
report_relevant(const xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (RNODE(n) != NULL && (RNODE(n)->flags & RN_IRRELEVANT))
			return false;
	return true;
}

static void
rnodes_free(xmlNode *n)
{
	xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			rnodes_free(c);
	if (RNODE(n) != NULL) {
		free(RNODE(n)->error);
		free(RNODE(n));
		n->_private = NULL;
	}
}

/* Removes repeat templates and the jr:template attributes of a copy. */
static void
strip_templates(xmlNode *n)
{
	xmlNode	*c, *next;
	xmlAttr	*a;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlHasNsProp(c, (const xmlChar *)"template",
		    (const xmlChar *)NS_JR) != NULL) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		strip_templates(c);
	}
	if ((a = xmlHasNsProp(n, (const xmlChar *)"template",
	    (const xmlChar *)NS_JR)) != NULL)
		xmlRemoveProp(a);
}

static bool
is_explanation(const xmlNode *n)
{
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, NS_COOP) == 0 &&
	    strcmp((const char *)n->name, "explanation") == 0;
}

/* What a client adds to a meta block that its form may not declare:
 * explanations, and the deprecatedID of an amendment. */
static bool
is_client_meta(const xmlNode *n, const struct form_node *parent)
{
	return is_explanation(n) || (strcmp(parent->name, "meta") == 0 &&
	    strcmp((const char *)n->name, "deprecatedID") == 0);
}

/*
 * Hangs a struct rnode on n and every element under it; fn is n's form
 * node.  An element the form does not know is an error, except our own
 * explanations.
 */
static int
rnodes_attach(struct report *r, xmlNode *n, struct form_node *fn,
    struct buf *err)
{
	struct buf	 path = BUF_INIT;
	struct rnode	*rn;
	xmlNode		*c;
	int		 rc = 0;

	if (RNODE(n) == NULL) {
		rn = xcalloc(1, sizeof(*rn));
		n->_private = rn;
	}
	RNODE(n)->fn = fn;
	if (fn == NULL)
		return 0;
	for (c = n->children; c != NULL && rc == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", fn->path, (const char *)c->name);
		struct form_node *k = form_node_at(r->form, path.s);

		if (k == NULL && !is_client_meta(c, fn))
			rc = buf_errf(err, _("the report has an element '%s' "
			    "that form '%s' does not have"), path.s,
			    r->form->id);
		else
			rc = rnodes_attach(r, c, k, err);
	}
	buf_release(&path);
	return rc;
}

static void
index_walk(struct report *r, xmlNode *n)
{
	struct nodelist	*l;
	xmlNode		*c;

	if (RNODE(n) == NULL || RNODE(n)->fn == NULL)
		return;
	l = &r->lists[RNODE(n)->fn->id];
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 1 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = n;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			index_walk(r, c);
}

void
report_index(struct report *r)
{
	size_t	 i;

	for (i = 0; i < r->form->nnodes; i++)
		r->lists[i].n = 0;
	index_walk(r, r->root);
	xpath_index_clear(r->env.index);
	r->stale = false;
}

static bool
is_under(const struct form_node *anc, const struct form_node *fn)
{
	while (fn != NULL && fn->depth > anc->depth)
		fn = fn->parent;
	return fn == anc;
}

/* The element of target that goes with from: in the same repeat
 * instance when they share one, else the first. */
static xmlNode *
related(struct report *r, xmlNode *from, const struct form_node *target)
{
	const struct form_node	*chain[FORM_MAX_DEPTH + 1], *fn;
	xmlNode			*e = from, *c;
	size_t			 n = 0;

	while (e != NULL && e->type == XML_ELEMENT_NODE &&
	    (RNODE(e) == NULL || RNODE(e)->fn == NULL ||
	    !is_under(RNODE(e)->fn, target)))
		e = e->parent;
	if (e == NULL || e->type != XML_ELEMENT_NODE)
		e = r->root;
	for (fn = target; fn != RNODE(e)->fn && n < nitems(chain);
	    fn = fn->parent)
		chain[n++] = fn;
	while (n > 0) {
		fn = chain[--n];
		for (c = e->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && RNODE(c) != NULL &&
			    RNODE(c)->fn == fn)
				break;
		if (c == NULL)
			return NULL;
		e = c;
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* Labels and texts */

static void
collapse_space(struct buf *b, size_t from)
{
	size_t	 i, o = from;
	bool	 space = true;

	for (i = from; i < b->len; i++) {
		if (isspace((unsigned char)b->s[i])) {
			if (!space)
				b->s[o++] = ' ';
			space = true;
		} else {
			b->s[o++] = b->s[i];
			space = false;
		}
	}
	if (o > from && b->s[o - 1] == ' ')
		o--;
	buf_truncate(b, o);
}

static void
text_render(struct report *r, const struct form_text *t, xmlNode *ctx,
    struct buf *out)
{
	struct buf	 err = BUF_INIT;
	size_t		 i, from = out->len;
	char		*s;

	for (i = 0; i < t->nparts; i++) {
		if (t->parts[i].lit != NULL) {
			buf_adds(out, t->parts[i].lit);
			continue;
		}
		s = xpath_eval_string(t->parts[i].expr, &r->env, ctx, &err);
		if (s != NULL) {
			buf_adds(out, s);
			free(s);
		}
		buf_reset(&err);
	}
	buf_release(&err);
	collapse_space(out, from);
}

/* A label in the chosen language, with its outputs filled in. */
static char *
label_string(struct report *r, const struct form_label *l, xmlNode *ctx,
    enum form_text_form tf)
{
	const struct form_text	*t = NULL;
	struct buf		 out = BUF_INIT, err = BUF_INIT;
	char			*s;

	if (l == NULL)
		return xstrdup("");
	if (l->itext != NULL)
		t = form_itext_get(r->form, l->itext, tf);
	if (t != NULL) {
		text_render(r, t, ctx, &out);
	} else if (l->ref != NULL) {
		if ((s = xpath_eval_string(l->ref, &r->env, ctx, &err)) !=
		    NULL) {
			buf_adds(&out, s);
			free(s);
			collapse_space(&out, 0);
		}
	} else if (l->inline_text.set)
		text_render(r, &l->inline_text, ctx, &out);
	buf_release(&err);
	return buf_detach(&out, NULL);
}

static char *
node_label(struct report *r, const struct form_node *fn, xmlNode *ctx)
{
	const struct form_control *c = fn->control;

	if (c == NULL)
		return xstrdup("");
	/* A repeat's label is often on the group that wraps it. */
	if (c->kind == FORM_CTL_REPEAT && !c->label.inline_text.set &&
	    c->label.itext == NULL && c->label.ref == NULL &&
	    c->parent != NULL && c->parent->node == fn)
		c = c->parent;
	return label_string(r, &c->label, ctx, FORM_TEXT_LONG);
}

/* ------------------------------------------------------------------ */
/* The XPath engine's view of the form */

static char *
hook_itext(void *arg, const char *id)
{
	struct report		*r = arg;
	const struct form_text	*t;
	struct buf		 out = BUF_INIT;

	if ((t = form_itext_get(r->form, id, FORM_TEXT_LONG)) == NULL)
		return NULL;
	text_render(r, t, r->root, &out);
	return buf_detach(&out, NULL);
}

static xmlNode *
hook_instance(void *arg, const char *id)
{
	struct report		*r = arg;
	struct form_instance	*fi = strmap_get(&r->form->inst_by_id, id);

	return fi == NULL ? NULL : fi->node;
}

struct choice_list {
	char		**values;
	char		**labels;	/* NULL unless asked for */
	size_t		 n;
};

static void
choice_list_release(struct choice_list *cl)
{
	size_t	 i;

	for (i = 0; i < cl->n; i++) {
		free(cl->values[i]);
		if (cl->labels != NULL)
			free(cl->labels[i]);
	}
	free(cl->values);
	free(cl->labels);
	memset(cl, 0, sizeof(*cl));
}

/* The choices of a select for the element ctx: its items, or its
 * itemset evaluated there. */
static int
choices(struct report *r, const struct form_control *c, xmlNode *ctx,
    bool labels, struct choice_list *cl, struct buf *err)
{
	struct xpath_value	 set;
	size_t			 i;

	memset(cl, 0, sizeof(*cl));
	if (c->itemset == NULL) {
		cl->n = c->nchoices;
		cl->values = xcalloc(cl->n + 1, sizeof(*cl->values));
		if (labels)
			cl->labels = xcalloc(cl->n + 1, sizeof(*cl->labels));
		for (i = 0; i < cl->n; i++) {
			cl->values[i] = xstrdup(c->choices[i].value);
			if (labels)
				cl->labels[i] = label_string(r,
				    &c->choices[i].label, ctx,
				    FORM_TEXT_LONG);
		}
		return 0;
	}
	if (c->itemset->nodeset == NULL || c->itemset->value == NULL)
		return buf_errf(err, _("the choice list is broken"));
	if (xpath_eval(c->itemset->nodeset, &r->env, ctx, &set, err) == -1)
		return -1;
	if (set.type != XPATH_NODESET) {
		xpath_value_release(&set);
		return buf_errf(err, _("the choice list is not a list of "
		    "nodes"));
	}
	cl->values = xcalloc(set.nnodes + 1, sizeof(*cl->values));
	if (labels)
		cl->labels = xcalloc(set.nnodes + 1, sizeof(*cl->labels));
	for (i = 0; i < set.nnodes; i++) {
		char *v = xpath_eval_string(c->itemset->value, &r->env,
		    set.nodes[i], err);

		if (v == NULL)
			break;
		cl->values[cl->n] = v;
		if (labels) {
			cl->labels[cl->n] = c->itemset->label == NULL ? NULL :
			    xpath_eval_string(c->itemset->label, &r->env,
			    set.nodes[i], err);
			if (cl->labels[cl->n] == NULL)
				cl->labels[cl->n] = xstrdup(v);
			buf_reset(err);
		}
		cl->n++;
	}
	xpath_value_release(&set);
	if (i < set.nnodes) {
		choice_list_release(cl);
		return -1;
	}
	return 0;
}

static char *
hook_choice_name(void *arg, const char *value, const char *ref,
    xmlNode *context)
{
	struct report		*r = arg;
	struct form_node	*fn = NULL;
	struct choice_list	 cl;
	struct buf		 err = BUF_INIT;
	xmlNode			*e;
	char			*path, *label = NULL;
	size_t			 i;

	if (context != NULL && RNODE(context) != NULL &&
	    RNODE(context)->fn != NULL)
		path = form_path_resolve(RNODE(context)->fn->path, ref);
	else
		path = form_path_resolve(r->form->nodes[0]->path, ref);
	fn = form_node_at(r->form, path);
	free(path);
	if (fn == NULL || fn->control == NULL ||
	    (e = related(r, context, fn)) == NULL)
		return NULL;
	if (choices(r, fn->control, e, true, &cl, &err) == 0) {
		for (i = 0; i < cl.n; i++)
			if (strcmp(cl.values[i], value) == 0) {
				label = xstrdup(cl.labels[i]);
				break;
			}
		choice_list_release(&cl);
	}
	buf_release(&err);
	return label;
}

/* ------------------------------------------------------------------ */
/* Creating and loading */

static struct report *
report_alloc(struct form *f, time_t now)
{
	struct report	*r = xcalloc(1, sizeof(*r));
	uint64_t	 seed;

	r->form = f;
	r->lists = xcalloc(f->nnodes, sizeof(*r->lists));
	r->hooks.itext = hook_itext;
	r->hooks.choice_name = hook_choice_name;
	r->hooks.instance = hook_instance;
	r->hooks.arg = r;
	random_bytes(&seed, sizeof(seed));
	xpath_env_init(&r->env, NULL, now, seed);
	r->env.namespaces = f->ns;
	r->env.hooks = &r->hooks;
	r->env.index = xpath_index_new(REPORT_INDEX_MIN);
	recalc_init(r);
	return r;
}

static void
set_root(struct report *r, xmlDoc *doc)
{
	r->doc = doc;
	r->root = xmlDocGetRootElement(doc);
	r->env.primary = doc;
}

static xmlNode *
meta_child(struct report *r, const char *name)
{
	char			*path;
	struct form_node	*fn;

	xasprintf(&path, "%s/meta/%s", r->form->nodes[0]->path, name);
	fn = form_node_at(r->form, path);
	free(path);
	if (fn == NULL || r->lists[fn->id].n == 0)
		return NULL;
	return r->lists[fn->id].v[0];
}

static void
set_if_empty(xmlNode *n, const char *v)
{
	if (n != NULL && node_empty(n))
		report_node_set(n, v);
}

/* jr:preload, and the meta block's instanceID and timeStart. */
static void
preload(struct report *r, time_t now)
{
	char		 uuid[UUID_STRLEN + 1], id[UUID_STRLEN + 6];
	char		 stamp[DATETIME_BUFSZ], today[DATETIME_BUFSZ];
	size_t		 i, k;

	uuid_v4(uuid);
	snprintf(id, sizeof(id), "uuid:%s", uuid);
	datetime_format_time_t(now, stamp);
	memcpy(today, stamp, 10);
	today[10] = '\0';
	for (i = 0; i < r->form->nbinds; i++) {
		const struct form_bind *b = r->form->binds[i];
		const char *p = b->preload_params != NULL ?
		    b->preload_params : "";
		const struct nodelist *l = &r->lists[b->node->id];
		const char *v = NULL;

		if (b->preload == NULL)
			continue;
		if (strcmp(b->preload, "uid") == 0)
			v = id;
		else if (strcmp(b->preload, "timestamp") == 0 &&
		    strcmp(p, "start") == 0)
			v = stamp;
		else if (strcmp(b->preload, "date") == 0 &&
		    strcmp(p, "today") == 0)
			v = today;
		for (k = 0; v != NULL && k < l->n; k++)
			set_if_empty(l->v[k], v);
	}
	set_if_empty(meta_child(r, "instanceID"), id);
	set_if_empty(meta_child(r, "timeStart"), stamp);
}

static void
action_run(struct report *r, const struct form_action *a, xmlNode *ctx)
{
	struct buf	 err = BUF_INIT;
	xmlNode		*t;
	char		*v, *old;

	if ((t = related(r, ctx, a->target)) == NULL)
		return;
	/* XForms evaluates value in the context of the node it sets. */
	if (a->value != NULL) {
		if ((v = xpath_eval_string(a->value, &r->env, t, &err)) ==
		    NULL) {
			buf_release(&err);
			return;
		}
	} else
		v = xstrdup(a->literal);
	old = report_node_value(t);
	if (strcmp(old, v) != 0) {
		report_node_set(t, v);
		recalc_mark_value(r, a->target);
	}
	free(old);
	free(v);
	buf_release(&err);
}

void
report_run_actions(struct report *r, unsigned event,
    struct form_node *owner, xmlNode *ctx)
{
	size_t	 i;

	for (i = 0; i < r->form->nactions; i++) {
		const struct form_action *a = &r->form->actions[i];

		if ((a->events & event) && (event == FORM_EV_FIRST_LOAD ||
		    a->owner == owner))
			action_run(r, a, ctx != NULL ? ctx : r->root);
	}
}

struct report *
report_new(struct form *f, time_t now, struct buf *err)
{
	struct report	*r;
	xmlDoc		*doc;

	if (f->graph == NULL) {
		buf_errf(err, _("form '%s' has problems; run 'coopreport "
		    "lint' on it"), f->id);
		return NULL;
	}
	r = report_alloc(f, now);
	doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(doc, xmlDocCopyNode(f->root, doc, 1));
	set_root(r, doc);
	strip_templates(r->root);
	form_strip_blanks(r->root);
	if (rnodes_attach(r, r->root, f->nodes[0], err) == -1) {
		report_free(r);
		return NULL;
	}
	report_index(r);
	preload(r, now);
	report_run_actions(r, FORM_EV_FIRST_LOAD, NULL, NULL);
	recalc_all(r);
	return r;
}

struct report *
report_load(struct form *f, const char *xml, size_t len, time_t now,
    struct buf *err)
{
	struct report	*r;
	xmlDoc		*doc;
	char		*id;

	if (f->graph == NULL) {
		buf_errf(err, _("form '%s' has problems; run 'coopreport "
		    "lint' on it"), f->id);
		return NULL;
	}
	if ((doc = form_parse_xml(xml, len, "instance.xml", err)) == NULL)
		return NULL;
	r = report_alloc(f, now);
	set_root(r, doc);
	if (r->root == NULL || strcmp((const char *)r->root->name,
	    f->nodes[0]->name) != 0) {
		buf_errf(err, _("the report is not an instance of form '%s'"),
		    f->id);
		report_free(r);
		return NULL;
	}
	id = form_attr(r->root, NULL, "id");
	if (id == NULL || strcmp(id, f->id) != 0) {
		buf_errf(err, _("the report belongs to form '%s', not '%s'"),
		    id != NULL ? id : "", f->id);
		free(id);
		report_free(r);
		return NULL;
	}
	free(id);
	form_strip_blanks(r->root);
	if (rnodes_attach(r, r->root, f->nodes[0], err) == -1) {
		report_free(r);
		return NULL;
	}
	report_index(r);
	recalc_all(r);
	return r;
}

void
report_free(struct report *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	if (r->root != NULL)
		rnodes_free(r->root);
	xmlFreeDoc(r->doc);
	xpath_index_free(r->env.index);
	for (i = 0; i < r->form->nnodes; i++)
		free(r->lists[i].v);
	free(r->lists);
	recalc_release(r);
	free(r->instance_id);
	free(r);
}

void
report_recalc(struct report *r, time_t now)
{
	r->env.now = now;
	recalc_all(r);
}

/* ------------------------------------------------------------------ */
/* Serialising */

static char *
dump(xmlDoc *doc, size_t *len)
{
	xmlChar	*mem = NULL;
	int	 n = 0;
	char	*s;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &n, "UTF-8", 1);
	if (mem == NULL)
		oom();
	s = xmemdup(mem, (size_t)n + 1);
	s[n] = '\0';
	xmlFree(mem);
	if (len != NULL)
		*len = (size_t)n;
	return s;
}

char *
report_save(struct report *r, size_t *len)
{
	return dump(r->doc, len);
}

struct aside {
	xmlNode		*node;
	xmlNode		*parent;
	xmlNode		*next;
};

static void
set_aside(xmlNode *n, struct aside **v, size_t *nv, size_t *cap)
{
	xmlNode	*c, *next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (RNODE(c) != NULL && (RNODE(c)->flags & RN_IRRELEVANT)) {
			if (*nv == *cap) {
				*cap = *cap == 0 ? 8 : *cap * 2;
				*v = xreallocarray(*v, *cap, sizeof(**v));
			}
			(*v)[*nv].node = c;
			(*v)[*nv].parent = n;
			(*v)[(*nv)++].next = next;
			xmlUnlinkNode(c);
			continue;
		}
		set_aside(c, v, nv, cap);
	}
}

char *
report_submission(struct report *r, size_t *len)
{
	struct aside	*v = NULL;
	size_t		 nv = 0, cap = 0;
	char		*s;

	/* Non-relevant elements step out for the dump and come back, in
	 * reverse order so that each finds its next sibling in place. */
	set_aside(r->root, &v, &nv, &cap);
	s = dump(r->doc, len);
	while (nv-- > 0) {
		if (v[nv].next != NULL)
			xmlAddPrevSibling(v[nv].next, v[nv].node);
		else
			xmlAddChild(v[nv].parent, v[nv].node);
	}
	xpath_index_clear(r->env.index);
	free(v);
	return s;
}

/* ------------------------------------------------------------------ */
/* Paths */

/* "certifications[2]/expires" for an element; absolute with the root
 * when abs. */
static char *
elem_path(const xmlNode *n, bool abs)
{
	const xmlNode	*stack[FORM_MAX_DEPTH + 2], *c;
	struct buf	 b = BUF_INIT;
	size_t		 depth = 0, k;

	for (; n != NULL && n->type == XML_ELEMENT_NODE &&
	    depth < nitems(stack); n = n->parent)
		stack[depth++] = n;
	if (depth > 0 && !abs)
		depth--;
	while (depth > 0) {
		n = stack[--depth];
		if (b.len > 0 || abs)
			buf_addc(&b, '/');
		buf_adds(&b, (const char *)n->name);
		if (RNODE(n) != NULL && RNODE(n)->fn != NULL &&
		    RNODE(n)->fn->repeat) {
			k = 1;
			for (c = n->prev; c != NULL; c = c->prev)
				if (c->type == XML_ELEMENT_NODE &&
				    RNODE(c) != NULL &&
				    RNODE(c)->fn == RNODE(n)->fn)
					k++;
			buf_addf(&b, "[%zu]", k);
		}
	}
	return buf_detach(&b, NULL);
}

struct step {
	const char	*name;
	size_t		 len;
	long		 index;		/* from 1; 0 when not given */
};

/* Splits a user's path into steps; absolute paths start at the root. */
static int
path_steps(struct report *r, const char *path, struct step **steps,
    size_t *nsteps, struct buf *err)
{
	const char	*s = path, *colon;
	struct step	*v = NULL;
	size_t		 n = 0;
	char		*end;
	bool		 abs = false;

	while (*s == ' ')
		s++;
	if (*s == '/') {
		abs = true;
		s++;
	}
	while (*s != '\0') {
		struct step st;

		st.name = s;
		while (*s != '\0' && *s != '/' && *s != '[')
			s++;
		st.len = (size_t)(s - st.name);
		st.index = 0;
		if ((colon = memchr(st.name, ':', st.len)) != NULL) {
			st.len -= (size_t)(colon + 1 - st.name);
			st.name = colon + 1;
		}
		if (*s == '[') {
			errno = 0;
			st.index = strtol(s + 1, &end, 10);
			if (end == s + 1 || *end != ']' || st.index < 1 ||
			    errno != 0)
				goto bad;
			s = end + 1;
		}
		if (st.len == 0 || (*s != '\0' && *s != '/'))
			goto bad;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = st;
		if (*s == '/' && *++s == '\0')
			goto bad;
	}
	if (n == 0)
		goto bad;
	if (abs) {
		if (v[0].len != strlen(r->form->nodes[0]->name) ||
		    strncmp(v[0].name, r->form->nodes[0]->name,
		    v[0].len) != 0 || v[0].index > 1)
			goto unknown;
		memmove(v, v + 1, --n * sizeof(*v));
		if (n == 0)
			goto unknown;
	}
	*steps = v;
	*nsteps = n;
	return 0;
bad:
	free(v);
	return buf_errf(err, _("'%s' is not a path like 'members_total' or "
	    "'certifications[2]/cert_type'"), path);
unknown:
	free(v);
	return buf_errf(err, _("'%s' is not a question of form '%s'"), path,
	    r->form->id);
}

/* Instances of fn under parent, in order; k from 1.  Uses the index. */
static xmlNode *
nth_child(struct report *r, xmlNode *parent, const struct form_node *fn,
    long k, long *count)
{
	const struct nodelist	*l = &r->lists[fn->id];
	xmlNode			*found = NULL;
	size_t			 i;

	*count = 0;
	for (i = 0; i < l->n; i++)
		if (l->v[i]->parent == parent && ++*count == k)
			found = l->v[i];
	return found;
}

/*
 * The element at path.  With added not NULL, a step one past the last
 * instance of a repeat adds that instance, once, and *added is it.
 */
static xmlNode *
resolve(struct report *r, const char *path, xmlNode **added,
    struct buf *err)
{
	struct step		*steps = NULL;
	struct buf		 p = BUF_INIT;
	struct form_node	*fn = r->form->nodes[0];
	xmlNode			*e = r->root, *c = NULL;
	size_t			 nsteps = 0, i;
	long			 count, want;

	if (added != NULL)
		*added = NULL;
	if (r->stale)
		report_index(r);
	if (path_steps(r, path, &steps, &nsteps, err) == -1)
		return NULL;
	for (i = 0; i < nsteps; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%.*s", fn->path, (int)steps[i].len,
		    steps[i].name);
		if ((fn = form_node_at(r->form, p.s)) == NULL) {
			buf_errf(err, _("'%s' is not a question of form "
			    "'%s'"), path, r->form->id);
			goto fail;
		}
		want = steps[i].index == 0 ? 1 : steps[i].index;
		if (!fn->repeat && want > 1) {
			buf_errf(err, _("'%s': '%s' does not repeat"), path,
			    fn->name);
			goto fail;
		}
		c = nth_child(r, e, fn, want, &count);
		if (c == NULL && fn->repeat && want == count + 1 &&
		    added != NULL && *added == NULL) {
			if (report_add_instance(r, fn, e, true, &c, err) == -1)
				goto fail;
			*added = c;
		}
		if (c == NULL) {
			if (fn->repeat)
				buf_errf(err, _("'%s': there is no '%s[%ld]'; "
				    "it has %ld, so the next new one is "
				    "'%s[%ld]'"), path, fn->name, want,
				    count, fn->name, count + 1);
			else
				buf_errf(err, _("'%s' is not in this report"),
				    path);
			goto fail;
		}
		e = c;
	}
	free(steps);
	buf_release(&p);
	return e;
fail:
	/* All or nothing: an entry added on the way goes again. */
	if (added != NULL && *added != NULL) {
		fn = RNODE(*added)->fn;
		report_remove_instance(r, *added);
		report_index(r);
		recalc_mark_structure(r, fn);
		*added = NULL;
	}
	free(steps);
	buf_release(&p);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Repeats */

static void
insert_instance(xmlNode *parent, const struct form_node *fn, xmlNode *n)
{
	const struct form_node	*pf = fn->parent;
	xmlNode			*c, *last = NULL;
	size_t			 i, k;

	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && RNODE(c) != NULL &&
		    RNODE(c)->fn == fn)
			last = c;
	if (last != NULL) {
		xmlAddNextSibling(last, n);
		return;
	}
	/* The first one: before whatever comes after it in the form. */
	for (i = 0; i < pf->nkids && pf->kids[i] != fn; i++)
		;
	for (k = i + 1; k < pf->nkids; k++)
		for (c = parent->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    RNODE(c) != NULL && RNODE(c)->fn == pf->kids[k]) {
				xmlAddPrevSibling(c, n);
				return;
			}
	xmlAddChild(parent, n);
}

int
report_add_instance(struct report *r, struct form_node *fn, xmlNode *parent,
    bool user, xmlNode **out, struct buf *err)
{
	const struct form_control *ctl = fn->control;
	xmlNode		*n;
	long		 count;

	if (user && ctl != NULL && (ctl->noaddremove || ctl->count != NULL))
		return buf_errf(err, _("'%s' has a number of entries fixed "
		    "by the form"), fn->name);
	if (r->stale)
		report_index(r);
	nth_child(r, parent, fn, 0, &count);
	if (count >= FORM_MAX_REPEAT)
		return buf_errf(err, _("'%s' cannot have more than %d "
		    "entries"), fn->name, FORM_MAX_REPEAT);
	n = xmlDocCopyNode(fn->tmpl, r->doc, 1);
	if (n == NULL)
		oom();
	strip_templates(n);
	form_strip_blanks(n);
	if (rnodes_attach(r, n, fn, err) == -1) {
		rnodes_free(n);
		xmlFreeNode(n);
		return -1;
	}
	insert_instance(parent, fn, n);
	report_index(r);
	report_run_actions(r, FORM_EV_NEW_REPEAT, fn, n);
	recalc_mark_structure(r, fn);
	*out = n;
	return 0;
}

void
report_remove_instance(struct report *r, xmlNode *n)
{
	rnodes_free(n);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	xpath_index_clear(r->env.index);
	r->stale = true;
}

static xmlNode *
repeat_parent(struct report *r, const char *path, struct form_node **fn,
    struct buf *err)
{
	char		*dup = xstrdup(path), *slash;
	xmlNode		*parent;
	const char	*name;
	struct buf	 p = BUF_INIT;

	/* "a[2]/b": the parent is "a[2]", the repeat "b". */
	while ((slash = strrchr(dup, '/')) != NULL && slash[1] == '\0')
		*slash = '\0';
	if ((slash = strrchr(dup, '/')) != NULL) {
		*slash = '\0';
		name = slash + 1;
		parent = dup[0] == '\0' ? r->root : resolve(r, dup, NULL,
		    err);
	} else {
		name = dup;
		parent = r->root;
	}
	if (parent != NULL) {
		if (strchr(name, ':') != NULL)
			name = strchr(name, ':') + 1;
		buf_addf(&p, "%s/%s", RNODE(parent)->fn->path, name);
		*fn = form_node_at(r->form, p.s);
		if (*fn == NULL || !(*fn)->repeat) {
			buf_errf(err, _("'%s' is not a repeat of form '%s'"),
			    path, r->form->id);
			parent = NULL;
		}
	}
	buf_release(&p);
	free(dup);
	return parent;
}

int
report_repeat_add(struct report *r, const char *path, struct buf *err)
{
	struct form_node	*fn;
	xmlNode			*parent, *n;
	long			 count;

	if (r->stale)
		report_index(r);
	if ((parent = repeat_parent(r, path, &fn, err)) == NULL)
		return -1;
	if (report_add_instance(r, fn, parent, true, &n, err) == -1)
		return -1;
	recalc_run(r);
	nth_child(r, parent, fn, 0, &count);
	return (int)count;
}

int
report_repeat_remove(struct report *r, const char *path, struct buf *err)
{
	const struct form_control *ctl;
	struct form_node	*fn;
	xmlNode			*n;

	if ((n = resolve(r, path, NULL, err)) == NULL)
		return -1;
	fn = RNODE(n)->fn;
	if (!fn->repeat)
		return buf_errf(err, _("'%s' is not a repeat of form '%s'"),
		    path, r->form->id);
	ctl = fn->control;
	if (ctl != NULL && (ctl->noaddremove || ctl->count != NULL))
		return buf_errf(err, _("'%s' has a number of entries fixed "
		    "by the form"), fn->name);
	report_remove_instance(r, n);
	report_index(r);
	recalc_mark_structure(r, fn);
	recalc_run(r);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Types */

static int
check_int(const char *v, struct buf *out)
{
	const char	*s = v;
	bool		 neg = false;
	uint64_t	 x = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		x = x * 10 + (uint64_t)(*s - '0');
		if (x > (uint64_t)INT32_MAX + (neg ? 1 : 0))
			return -1;
	}
	buf_addf(out, "%s%" PRIu64, neg && x != 0 ? "-" : "", x);
	return 0;
}

static int
check_decimal(const char *v, struct buf *out)
{
	const char	*s = v;
	size_t		 digits = 0;

	if (*s == '+')
		s++;
	else if (*s == '-')
		buf_addc(out, *s++);
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		buf_addc(out, *s);
	if (*s == '.') {
		buf_addc(out, *s++);
		for (; *s >= '0' && *s <= '9'; s++, digits++)
			buf_addc(out, *s);
	}
	if (digits == 0 || *s != '\0' || digits > 30)
		return -1;
	return 0;
}

static int
check_select(struct report *r, const struct form_node *fn, xmlNode *ctx,
    const char *v, bool multi, struct buf *out, struct buf *err)
{
	struct choice_list	 cl;
	struct buf		 list = BUF_INIT, tok = BUF_INIT;
	const char		*s = v;
	size_t			 i, n;
	int			 rc = 0;

	if (fn->control == NULL)
		return 0;
	if (choices(r, fn->control, ctx, false, &cl, err) == -1)
		return -1;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		n = strcspn(s, " \t\n");
		buf_reset(&tok);
		buf_add(&tok, s, n);
		s += n;
		for (i = 0; i < cl.n; i++)
			if (strcmp(cl.values[i], tok.s) == 0)
				break;
		if (i == cl.n) {
			for (i = 0; i < cl.n && i < MAX_CHOICES_SHOWN; i++)
				buf_addf(&list, "%s%s", i == 0 ? "" : ", ",
				    cl.values[i]);
			if (cl.n > MAX_CHOICES_SHOWN)
				buf_adds(&list, ", ...");
			rc = buf_errf(err, _("'%s' is not one of the choices "
			    "(%s)"), tok.s, list.s);
			break;
		}
		if (!multi && out->len > 0) {
			rc = buf_errf(err, _("only one choice is allowed, "
			    "not '%s'"), v);
			break;
		}
		/* select: each choice once, in the order given. */
		if (multi) {
			const char *o = out->s;
			bool dup = false;

			while (*o != '\0') {
				size_t k = strcspn(o, " ");

				if (k == tok.len && strncmp(o, tok.s, k) == 0)
					dup = true;
				o += k;
				while (*o == ' ')
					o++;
			}
			if (dup)
				continue;
		}
		if (out->len > 0)
			buf_addc(out, ' ');
		buf_adds(out, tok.s);
	}
	choice_list_release(&cl);
	buf_release(&list);
	buf_release(&tok);
	return rc;
}

/*
 * Checks v against the type of fn, for the element ctx; puts the form to
 * store in out.  The empty answer is always well typed.  Messages do not
 * name the question: callers say which one.
 */
static int
check_type(struct report *r, const struct form_node *fn, xmlNode *ctx,
    const char *v, struct buf *out, struct buf *err)
{
	double	 d;

	buf_reset(out);
	if (*v == '\0')
		return 0;
	if (fn->control != NULL && fn->control->kind == FORM_CTL_TRIGGER) {
		if (strcasecmp(v, "OK") != 0)
			return buf_errf(err, _("the only answer is 'OK'"));
		buf_adds(out, "OK");
		return 0;
	}
	switch (fn->type) {
	case FORM_TYPE_INT:
		if (check_int(v, out) == -1)
			return buf_errf(err, _("'%s' is not a whole number"),
			    v);
		return 0;
	case FORM_TYPE_DECIMAL:
		if (check_decimal(v, out) == 0)
			return 0;
		if (strchr(v, ',') != NULL)
			return buf_errf(err, _("'%s' is not a number; write "
			    "decimals with a point and no thousands separator, "
			    "e.g. 1234.5"), v);
		return buf_errf(err, _("'%s' is not a number"), v);
	case FORM_TYPE_DATE:
		if (datetime_parse_date(v, &d) == -1)
			return buf_errf(err, _("'%s' is not a date; write it "
			    "as YYYY-MM-DD, e.g. 2025-12-14"), v);
		break;
	case FORM_TYPE_DATETIME:
		if (datetime_parse_datetime(v, &d) == -1)
			return buf_errf(err, _("'%s' is not a date and time; "
			    "write it as YYYY-MM-DDThh:mm, e.g. "
			    "2025-12-14T08:30"), v);
		break;
	case FORM_TYPE_TIME:
		if (datetime_parse_time(v, &d) == -1)
			return buf_errf(err, _("'%s' is not a time; write it "
			    "as hh:mm, e.g. 08:30"), v);
		break;
	case FORM_TYPE_BOOLEAN:
		if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			buf_adds(out, "true");
		else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
			buf_adds(out, "false");
		else
			return buf_errf(err, _("'%s' is not 'true' or "
			    "'false'"), v);
		return 0;
	case FORM_TYPE_SELECT1:
	case FORM_TYPE_SELECT:
		return check_select(r, fn, ctx, v,
		    fn->type == FORM_TYPE_SELECT, out, err);
	case FORM_TYPE_BINARY:
		if (strchr(v, '/') != NULL || strcmp(v, ".") == 0 ||
		    strcmp(v, "..") == 0)
			return buf_errf(err, _("'%s' is not a file name"),
			    v);
		break;
	case FORM_TYPE_STRING:
		break;
	}
	buf_adds(out, v);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Answers */

/* XML 1.0 holds no control character but tab, newline and carriage
 * return, and neither U+FFFE nor U+FFFF; s is valid UTF-8. */
static bool
xml_chars_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
		if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe ||
		    p[2] == 0xbf))
			return false;
	}
	return true;
}

/*
 * The checks of report_set() beyond the type: a group cannot be set, and
 * neither can a computed or read-only answer, unless to the value it
 * already has (an export of a whole report imports again).
 */
static int
settable(xmlNode *n, const char *path, const char *v, struct buf *err)
{
	const struct form_node	*fn = RNODE(n)->fn;
	char			*cur;
	bool			 same;

	if (fn->nkids > 0)
		return buf_errf(err, _("'%s' is a group of questions, not "
		    "one question"), path);
	if ((fn->bind == NULL || fn->bind->expr[FORM_CALCULATE] == NULL) &&
	    !(RNODE(n)->flags & RN_READONLY))
		return 0;
	cur = report_node_value(n);
	same = strcmp(cur, v) == 0;
	free(cur);
	if (same)
		return 0;
	if (fn->bind != NULL && fn->bind->expr[FORM_CALCULATE] != NULL)
		return buf_errf(err, _("'%s' is computed by the form and "
		    "cannot be set"), path);
	return buf_errf(err, _("'%s' is read-only"), path);
}

int
report_set(struct report *r, const char *path, const char *value,
    struct buf *err)
{
	struct buf	 canon = BUF_INIT;
	struct form_node *fn;
	xmlNode		*n, *added;
	char		*nfc, *old;
	int		 rc = -1;

	if (!utf8_valid(value, strlen(value)))
		return buf_errf(err, _("'%s': the value is not valid UTF-8"),
		    path);
	if (!xml_chars_ok(value))
		return buf_errf(err, _("'%s': the value has a control "
		    "character, which a report cannot hold"), path);
	if ((n = resolve(r, path, &added, err)) == NULL) {
		recalc_run(r);
		return -1;
	}
	fn = RNODE(n)->fn;
	nfc = utf8_nfc(value, strlen(value));
	if (fn->nkids == 0 && check_type(r, fn, n, nfc, &canon, err) == -1)
		buf_wrapf(err, "'%s'", path);
	else if (settable(n, path, canon.s, err) == 0)
		rc = 0;
	free(nfc);
	if (rc == -1) {
		/* All or nothing: an instance added for this goes again. */
		if (added != NULL) {
			fn = RNODE(added)->fn;
			report_remove_instance(r, added);
			report_index(r);
			recalc_mark_structure(r, fn);
		}
		recalc_run(r);
		buf_release(&canon);
		return -1;
	}
	old = report_node_value(n);
	if (strcmp(old, canon.s) != 0) {
		report_node_set(n, canon.s);
		recalc_mark_value(r, fn);
		report_run_actions(r, FORM_EV_VALUE_CHANGED, fn, n);
	}
	free(old);
	recalc_run(r);
	buf_release(&canon);
	return 0;
}

char *
report_get(struct report *r, const char *path, struct buf *err)
{
	xmlNode	*n;

	if ((n = resolve(r, path, NULL, err)) == NULL)
		return NULL;
	if (RNODE(n)->fn->nkids > 0) {
		buf_errf(err, _("'%s' is a group of questions, not one "
		    "question"), path);
		return NULL;
	}
	return report_node_value(n);
}

/* The form node of path, indexes aside: the question an answer at path
 * would have, whether or not its repeat entry exists yet. */
static struct form_node *
schema_node(struct report *r, const char *path, struct buf *err)
{
	struct step		*steps = NULL;
	struct form_node	*fn = r->form->nodes[0];
	struct buf		 p = BUF_INIT;
	size_t			 nsteps = 0, i;

	if (path_steps(r, path, &steps, &nsteps, err) == -1)
		return NULL;
	for (i = 0; i < nsteps && fn != NULL; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%.*s", fn->path, (int)steps[i].len,
		    steps[i].name);
		fn = form_node_at(r->form, p.s);
	}
	if (fn == NULL)
		buf_errf(err, _("'%s' is not a question of form '%s'"), path,
		    r->form->id);
	free(steps);
	buf_release(&p);
	return fn;
}

const char *
report_type(struct report *r, const char *path, struct buf *err)
{
	struct form_node *fn = schema_node(r, path, err);

	return fn == NULL ? NULL : form_type_name(fn->type);
}

/* ------------------------------------------------------------------ */
/* Uploads */

static const struct {
	const char	*ext;
	const char	*mime;
	const char	*magic;		/* the first bytes, or NULL */
	size_t		 nmagic;
} file_types[] = {
	{ "pdf", "application/pdf", "%PDF-", 5 },
	{ "png", "image/png", "\x89PNG\r\n\x1a\n", 8 },
	{ "jpg", "image/jpeg", "\xff\xd8\xff", 3 },
	{ "jpeg", "image/jpeg", "\xff\xd8\xff", 3 },
	{ "gif", "image/gif", "GIF8", 4 },
	{ "webp", "image/webp", "RIFF", 4 },
	{ "tif", "image/tiff", NULL, 0 },
	{ "tiff", "image/tiff", NULL, 0 },
	{ "mp3", "audio/mpeg", NULL, 0 },
	{ "m4a", "audio/mp4", NULL, 0 },
	{ "ogg", "audio/ogg", NULL, 0 },
	{ "wav", "audio/wav", "RIFF", 4 },
	{ "mp4", "video/mp4", NULL, 0 },
	{ "xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", "PK\x03\x04", 4 },
	{ "docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document", "PK\x03\x04", 4 },
	{ "xls", "application/vnd.ms-excel", NULL, 0 },
	{ "doc", "application/msword", NULL, 0 },
	{ "csv", "text/csv", NULL, 0 },
	{ "txt", "text/plain", NULL, 0 },
	{ "zip", "application/zip", "PK\x03\x04", 4 },
	{ "xml", "text/xml", NULL, 0 },
};

/* Does mime match one entry of the comma-separated accept list? */
static bool
mime_accepted(const char *accept, const char *mime, const char *ext)
{
	const char	*s = accept;
	size_t		 n, slash;

	while (*s != '\0') {
		while (*s == ' ' || *s == ',')
			s++;
		n = strcspn(s, ", ");
		if (n == 0)
			break;
		slash = strcspn(mime, "/");
		if ((n == 3 && strncmp(s, "*/*", 3) == 0) ||
		    (strlen(mime) == n && strncmp(s, mime, n) == 0) ||
		    (n == slash + 2 && strncmp(s, mime, slash + 1) == 0 &&
		    s[slash + 1] == '*') ||
		    (s[0] == '.' && strlen(ext) == n - 1 &&
		    strncasecmp(s + 1, ext, n - 1) == 0))
			return true;
		s += n;
	}
	return false;
}

int
report_check_file(struct report *r, const char *path, const char *name,
    const void *head, size_t nhead, struct buf *err)
{
	const struct form_node	*fn;
	const char		*dot, *accept;
	xmlNode			*n;
	size_t			 i;

	if ((n = resolve(r, path, NULL, err)) == NULL)
		return -1;
	fn = RNODE(n)->fn;
	if (fn->type != FORM_TYPE_BINARY)
		return buf_errf(err, _("'%s' is not a file question"), path);
	accept = fn->control != NULL && fn->control->mediatype != NULL ?
	    fn->control->mediatype : "*/*";
	dot = strrchr(name, '.');
	for (i = 0; dot != NULL && i < nitems(file_types); i++)
		if (strcasecmp(dot + 1, file_types[i].ext) == 0)
			break;
	if (dot == NULL || i == nitems(file_types)) {
		if (strcmp(accept, "*/*") == 0 || strcmp(accept, "*") == 0)
			return 0;
		return buf_errf(err, _("'%s': the type of '%s' is unknown; "
		    "the question takes %s"), path, name, accept);
	}
	if (!mime_accepted(accept, file_types[i].mime, file_types[i].ext))
		return buf_errf(err, _("'%s': '%s' is %s, but the question "
		    "takes %s"), path, name, file_types[i].mime, accept);
	if (file_types[i].magic != NULL && (nhead < file_types[i].nmagic ||
	    memcmp(head, file_types[i].magic, file_types[i].nmagic) != 0))
		return buf_errf(err, _("'%s': '%s' is not really a %s file"),
		    path, name, file_types[i].ext);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Validation */

static void
problem_add(struct report *r, struct report_problems *ps,
    enum report_kind kind, xmlNode *n, char *msg)
{
	struct report_problem	*p;
	enum report_severity	 sev = kind == REPORT_KIND_WARNING ?
	    REPORT_WARNING : REPORT_ERROR;

	ps->v = xreallocarray(ps->v, ps->n + 1, sizeof(*ps->v));
	p = &ps->v[ps->n++];
	p->severity = sev;
	p->kind = kind;
	p->path = elem_path(n, false);
	p->label = node_label(r, RNODE(n)->fn, n);
	p->message = msg;
	if (sev == REPORT_ERROR)
		ps->nerrors++;
}

static char *
message(struct report *r, const struct form_label *l, xmlNode *n,
    const char *deflt)
{
	char	*s = l == NULL ? NULL : label_string(r, l, n, FORM_TEXT_LONG);

	if (s != NULL && *s != '\0')
		return s;
	free(s);
	return xstrdup(deflt);
}

static void
check_node(struct report *r, xmlNode *n, struct report_problems *ps)
{
	const struct rnode	*rn = RNODE(n);
	const struct form_node	*fn = rn->fn;
	const struct form_bind	*b = fn->bind;
	struct buf		 out = BUF_INIT, err = BUF_INIT;
	char			*v, *s;

	if (rn->error != NULL) {
		xasprintf(&s, _("the form cannot check this answer: %s"),
		    rn->error);
		problem_add(r, ps, REPORT_KIND_EVAL, n, s);
	}
	if (node_empty(n)) {
		if (rn->flags & RN_REQUIRED)
			problem_add(r, ps, REPORT_KIND_REQUIRED, n, message(r,
			    b != NULL ? b->msg_required : NULL, n,
			    _("this answer is required")));
		return;
	}
	if (b == NULL || b->expr[FORM_CALCULATE] == NULL) {
		v = report_node_value(n);
		if (check_type(r, fn, n, v, &out, &err) == -1)
			problem_add(r, ps, REPORT_KIND_TYPE, n, xstrdup(err.s));
		free(v);
	}
	if (rn->flags & RN_CONSTRAINT_FAILED)
		problem_add(r, ps, REPORT_KIND_CONSTRAINT, n, message(r,
		    b->msg_constraint, n, _("this answer is not allowed by "
		    "the form's rules")));
	if (rn->flags & RN_WARNING_FAILED)
		problem_add(r, ps, REPORT_KIND_WARNING, n, message(r,
		    b->msg_warning, n, _("this answer is unusual; check it "
		    "and explain it")));
	buf_release(&out);
	buf_release(&err);
}

static void
check_tree(struct report *r, xmlNode *n, struct report_problems *ps)
{
	xmlNode	*c;

	if (RNODE(n) == NULL || RNODE(n)->fn == NULL ||
	    (RNODE(n)->flags & RN_IRRELEVANT))
		return;
	if (RNODE(n)->fn->nkids == 0) {
		check_node(r, n, ps);
		return;
	}
	if (RNODE(n)->error != NULL) {
		char *s;

		xasprintf(&s, _("the form cannot check this answer: %s"),
		    RNODE(n)->error);
		problem_add(r, ps, REPORT_KIND_EVAL, n, s);
	}
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			check_tree(r, c, ps);
}

void
report_validate(struct report *r, struct report_problems *ps)
{
	memset(ps, 0, sizeof(*ps));
	if (r->stale)
		report_index(r);
	check_tree(r, r->root, ps);
}

void
report_check(struct report *r, const char *path, struct report_problems *ps)
{
	struct buf	 err = BUF_INIT;
	xmlNode		*n;

	memset(ps, 0, sizeof(*ps));
	if ((n = resolve(r, path, NULL, &err)) != NULL &&
	    report_relevant(n))
		check_tree(r, n, ps);
	buf_release(&err);
}

void
report_problems_release(struct report_problems *ps)
{
	size_t	 i;

	for (i = 0; i < ps->n; i++) {
		free(ps->v[i].path);
		free(ps->v[i].label);
		free(ps->v[i].message);
	}
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

void
report_problem_format(const struct report_problem *p, struct buf *out)
{
	/* "warning: " is a fixed word for scripts, like msg.h's prefixes. */
	buf_addf(out, "%s: %s%s", p->path, p->severity == REPORT_WARNING ?
	    "warning: " : "", p->message);
	if (*p->label != '\0')
		buf_addf(out, " \u2014 %s", p->label);
}

/* ------------------------------------------------------------------ */
/* Explanations and meta */

int
report_explain(struct report *r, const char *path, const char *text,
    struct buf *err)
{
	xmlNode		*n, *meta, *c, *e;
	xmlNs		*ns;
	char		*ref, *nfc, *cref;

	if ((n = resolve(r, path, NULL, err)) == NULL)
		return -1;
	if (!utf8_valid(text, strlen(text)) || !xml_chars_ok(text))
		return buf_errf(err, _("the explanation is not valid UTF-8 "
		    "text"));
	if (text[strspn(text, " \t\r\n")] == '\0')
		return buf_errf(err, _("the explanation of '%s' is empty"),
		    path);
	if ((meta = meta_child(r, "instanceID")) == NULL)
		return buf_errf(err, _("form '%s' has no meta block to keep "
		    "explanations in"), r->form->id);
	meta = meta->parent;
	ref = elem_path(n, true);
	nfc = utf8_nfc(text, strlen(text));
	for (c = meta->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !is_explanation(c))
			continue;
		cref = form_attr(c, NULL, "ref");
		if (cref != NULL && strcmp(cref, ref) == 0) {
			free(cref);
			break;
		}
		free(cref);
	}
	if (c == NULL) {
		if ((ns = xmlSearchNsByHref(r->doc, meta,
		    (const xmlChar *)NS_COOP)) == NULL)
			ns = xmlNewNs(r->root, (const xmlChar *)NS_COOP,
			    (const xmlChar *)"coop");
		e = xmlNewDocNode(r->doc, ns, (const xmlChar *)"explanation",
		    NULL);
		xmlSetProp(e, (const xmlChar *)"ref", (const xmlChar *)ref);
		e->_private = xcalloc(1, sizeof(struct rnode));
		xmlAddChild(meta, e);
		xpath_index_clear(r->env.index);
		c = e;
	}
	report_node_set(c, nfc);
	free(nfc);
	free(ref);
	return 0;
}

char *
report_canonical_path(struct report *r, const char *path)
{
	xmlNode	*n;

	if ((n = resolve(r, path, NULL, NULL)) == NULL)
		return NULL;
	return elem_path(n, true);
}

char *
report_explanation(struct report *r, const char *path)
{
	xmlNode	*n, *meta, *c;
	char	*ref, *cref, *text = NULL;

	if ((n = resolve(r, path, NULL, NULL)) == NULL ||
	    (meta = meta_child(r, "instanceID")) == NULL)
		return NULL;
	meta = meta->parent;
	ref = elem_path(n, true);
	for (c = meta->children; c != NULL && text == NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !is_explanation(c))
			continue;
		cref = form_attr(c, NULL, "ref");
		if (cref != NULL && strcmp(cref, ref) == 0)
			text = report_node_value(c);
		free(cref);
	}
	free(ref);
	return text;
}

size_t
report_drop_explanations(struct report *r, const struct report_problems *ps)
{
	struct strmap	 stand;	/* the canonical paths of the warnings */
	xmlNode		*meta, *c, *next;
	char		*p;
	size_t		 i, dropped = 0;
	int		 keep;

	if ((meta = meta_child(r, "instanceID")) == NULL)
		return 0;
	meta = meta->parent;
	strmap_init(&stand);
	for (i = 0; i < ps->n; i++)
		if (ps->v[i].severity == REPORT_WARNING &&
		    (p = report_canonical_path(r, ps->v[i].path)) != NULL) {
			strmap_put(&stand, p, &stand);
			free(p);
		}
	for (c = meta->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE || !is_explanation(c))
			continue;
		p = form_attr(c, NULL, "ref");
		keep = p != NULL && strmap_get(&stand, p) != NULL;
		free(p);
		if (keep)
			continue;
		report_remove_instance(r, c);
		dropped++;
	}
	strmap_release(&stand);
	return dropped;
}

static void
files_walk(xmlNode *n, char ***v, size_t *nv)
{
	xmlNode	*c;
	char	*value;
	size_t	 i;

	if (RNODE(n) == NULL || RNODE(n)->fn == NULL ||
	    (RNODE(n)->flags & RN_IRRELEVANT))
		return;
	if (RNODE(n)->fn->nkids == 0) {
		if (RNODE(n)->fn->type != FORM_TYPE_BINARY)
			return;
		value = report_node_value(n);
		for (i = 0; i < *nv && strcmp((*v)[i], value) != 0; i++)
			;
		if (*value == '\0' || i < *nv) {
			free(value);
			return;
		}
		*v = xreallocarray(*v, *nv + 1, sizeof(**v));
		(*v)[(*nv)++] = value;
		return;
	}
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			files_walk(c, v, nv);
}

size_t
report_files(struct report *r, char ***out)
{
	size_t	 n = 0;

	*out = NULL;
	if (r->stale)
		report_index(r);
	files_walk(r->root, out, &n);
	return n;
}

/* Copies the answers under n (of src) into dst; see the header. */
static size_t
copy_walk(struct report *dst, struct report *src, xmlNode *n, unsigned flags,
    const char *const *skip, struct buf *notes)
{
	const struct form_node	*fn = RNODE(n) != NULL ? RNODE(n)->fn : NULL;
	struct buf		 err = BUF_INIT;
	xmlNode			*c;
	char			*path, *value, *cur;
	size_t			 i, copied = 0;

	if (fn == NULL)
		return 0;
	for (i = 0; skip != NULL && skip[i] != NULL; i++)
		if (strcmp(skip[i], fn->name) == 0)
			return 0;
	if (fn->parent == src->form->nodes[0] && strcmp(fn->name, "meta") == 0)
		return 0;
	if (fn->nkids > 0) {
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				copied += copy_walk(dst, src, c, flags, skip,
				    notes);
		return copied;
	}
	if ((fn->bind != NULL && fn->bind->expr[FORM_CALCULATE] != NULL) ||
	    (RNODE(n)->flags & RN_READONLY) ||
	    (fn->type == FORM_TYPE_BINARY && !(flags & REPORT_COPY_FILES)))
		return 0;
	path = elem_path(n, false);
	if (report_type(dst, path, NULL) == NULL) {
		free(path);	/* another form, without this question */
		return 0;
	}
	value = report_node_value(n);
	cur = report_get(dst, path, NULL);
	if (cur == NULL && *value == '\0')
		;	/* no such answer there, and nothing to give it */
	else if (cur != NULL && strcmp(cur, value) == 0)
		;	/* already so */
	else if (report_set(dst, path, value, &err) == -1)
		buf_addf(notes, "%s: %s\n", path, err.s);
	else
		copied++;
	free(cur);
	free(value);
	free(path);
	buf_release(&err);
	return copied;
}

size_t
report_copy_answers(struct report *dst, struct report *src, unsigned flags,
    const char *const *skip, struct buf *notes)
{
	struct buf	 err = BUF_INIT;
	xmlNode		*meta, *c;
	char		*ref, *text;
	size_t		 copied;

	if (src->stale)
		report_index(src);
	copied = copy_walk(dst, src, src->root, flags, skip, notes);
	if (!(flags & REPORT_COPY_EXPLANATIONS) ||
	    (meta = meta_child(src, "instanceID")) == NULL)
		return copied;
	for (c = meta->parent->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !is_explanation(c) ||
		    (ref = form_attr(c, NULL, "ref")) == NULL)
			continue;
		text = report_node_value(c);
		buf_reset(&err);
		if (report_explain(dst, ref, text, &err) == -1)
			buf_addf(notes, "%s: %s\n", ref, err.s);
		free(text);
		free(ref);
	}
	buf_release(&err);
	return copied;
}

const char *
report_instance_id(struct report *r)
{
	xmlNode	*n;

	if (r->stale)
		report_index(r);
	free(r->instance_id);
	n = meta_child(r, "instanceID");
	r->instance_id = n == NULL ? xstrdup("") : report_node_value(n);
	return r->instance_id;
}

int
report_set_meta(struct report *r, const char *name, const char *value,
    struct buf *err)
{
	xmlNode	*n;

	if (r->stale)
		report_index(r);
	if ((n = meta_child(r, name)) == NULL &&
	    strcmp(name, "deprecatedID") == 0 &&
	    (n = meta_child(r, "instanceID")) != NULL) {
		xmlNode *c;

		/* Beside instanceID, in its namespace; no form node. */
		for (c = n->parent->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, name) == 0)
				break;
		if ((n = c) == NULL) {
			n = xmlNewChild(meta_child(r, "instanceID")->parent,
			    meta_child(r, "instanceID")->ns,
			    (const xmlChar *)name, NULL);
			n->_private = xcalloc(1, sizeof(struct rnode));
		}
		report_node_set(n, value);
		return 0;
	}
	if (n == NULL)
		return buf_errf(err, _("form '%s' has no meta/%s"),
		    r->form->id, name);
	report_node_set(n, value);
	recalc_mark_value(r, RNODE(n)->fn);
	recalc_run(r);
	return 0;
}

void
report_stamp_end(struct report *r, time_t when)
{
	char	 stamp[DATETIME_BUFSZ];
	size_t	 i, k;
	xmlNode	*n;

	if (r->stale)
		report_index(r);
	datetime_format_time_t(when, stamp);
	for (i = 0; i < r->form->nbinds; i++) {
		const struct form_bind *b = r->form->binds[i];
		const struct nodelist *l = &r->lists[b->node->id];

		if (b->preload == NULL || b->preload_params == NULL ||
		    strcmp(b->preload, "timestamp") != 0 ||
		    strcmp(b->preload_params, "end") != 0)
			continue;
		for (k = 0; k < l->n; k++)
			report_node_set(l->v[k], stamp);
		recalc_mark_value(r, b->node);
	}
	if ((n = meta_child(r, "timeEnd")) != NULL) {
		report_node_set(n, stamp);
		recalc_mark_value(r, RNODE(n)->fn);
	}
	recalc_run(r);
}

/* ------------------------------------------------------------------ */
/* Plain text */

static void
indent(struct buf *out, int depth)
{
	buf_addf(out, "%*s", depth * 2, "");
}

static void
answer_text(struct report *r, const struct form_node *fn, xmlNode *n,
    struct buf *out)
{
	struct choice_list	 cl;
	struct buf		 err = BUF_INIT;
	char			*v = report_node_value(n);
	const char		*s;
	size_t			 i, k, count = 0;

	if (*v == '\0') {
		buf_adds(out, _("(no answer)"));
		free(v);
		return;
	}
	if ((fn->type != FORM_TYPE_SELECT1 && fn->type != FORM_TYPE_SELECT) ||
	    fn->control == NULL ||
	    choices(r, fn->control, n, true, &cl, &err) == -1) {
		buf_adds(out, v);
		free(v);
		buf_release(&err);
		return;
	}
	for (s = v; *s != '\0';) {
		while (*s == ' ')
			s++;
		k = strcspn(s, " ");
		if (k == 0)
			break;
		for (i = 0; i < cl.n; i++)
			if (strlen(cl.values[i]) == k &&
			    strncmp(cl.values[i], s, k) == 0)
				break;
		if (count++ > 0)
			buf_adds(out, "; ");
		if (i < cl.n && cl.labels[i] != NULL && *cl.labels[i] != '\0')
			buf_addf(out, "%s (%.*s)", cl.labels[i], (int)k, s);
		else
			buf_add(out, s, k);
		s += k;
	}
	choice_list_release(&cl);
	buf_release(&err);
	free(v);
}

static void	render(struct report *, const struct form_control *, xmlNode *,
		    int, struct buf *);

static void
render_kids(struct report *r, const struct form_control *c, xmlNode *ctx,
    int depth, struct buf *out)
{
	size_t	 i;

	for (i = 0; i < c->nkids; i++)
		render(r, c->kids[i], ctx, depth, out);
}

static void
render(struct report *r, const struct form_control *c, xmlNode *ctx,
    int depth, struct buf *out)
{
	xmlNode		*n, *p;
	char		*label;
	size_t		 k = 0, i;

	if (c->kind == FORM_CTL_REPEAT) {
		if ((p = related(r, ctx, c->node->parent)) == NULL ||
		    !report_relevant(p))
			return;
		label = node_label(r, c->node, p);
		for (i = 0; i < r->lists[c->node->id].n; i++) {
			n = r->lists[c->node->id].v[i];
			if (n->parent != p)
				continue;
			k++;
			if (!report_relevant(n))
				continue;
			indent(out, depth);
			buf_addf(out, "%s #%zu\n", *label != '\0' ? label :
			    c->node->name, k);
			render_kids(r, c, n, depth + 1, out);
		}
		free(label);
		return;
	}
	n = c->node == NULL ? ctx : related(r, ctx, c->node);
	if (n == NULL || !report_relevant(n))
		return;
	label = label_string(r, &c->label, n, FORM_TEXT_LONG);
	if (c->kind == FORM_CTL_GROUP || c->kind == FORM_CTL_ROOT) {
		/* A group wrapping a repeat of the same ref: the repeat
		 * prints the heading of each entry. */
		bool wraps = c->nkids == 1 && c->kids[0]->kind ==
		    FORM_CTL_REPEAT && c->kids[0]->node == c->node;

		if (*label != '\0' && !wraps) {
			indent(out, depth);
			buf_addf(out, "%s\n", label);
			depth++;
		}
		free(label);
		render_kids(r, c, n, depth, out);
		return;
	}
	indent(out, depth);
	if ((RNODE(n)->flags & RN_READONLY) && node_empty(n) &&
	    *label != '\0') {
		/* A note: a read-only question with no value, shown for its
		 * label (which may hold <output>s). */
		buf_addf(out, "%s\n", label);
		free(label);
		return;
	}
	buf_addf(out, "%s: ", *label != '\0' ? label : c->node->name);
	answer_text(r, c->node, n, out);
	buf_addc(out, '\n');
	free(label);
}

void
report_render_text(struct report *r, struct buf *out)
{
	if (r->stale)
		report_index(r);
	render(r, r->form->body, r->root, 0, out);
}
