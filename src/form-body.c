/*
 * form-body.c: the tree of controls of an XForm body (groups, repeats,
 * input, select1, select, upload, trigger, with their labels, hints,
 * choices and itemsets) and the setvalue actions, each ref resolved to
 * its struct form_node.  Widgets coopreport cannot offer are problems
 * that name them.
 */
#include "common.h"

#include <ctype.h>

#include "form-int.h"

static void	 body_parse(struct form *, struct form_control *, xmlNode *,
		    const char *, int);

static const struct {
	const char	*name;
	enum form_ctl	 kind;
} control_names[] = {
	{ "input", FORM_CTL_INPUT },
	{ "secret", FORM_CTL_INPUT },
	{ "textarea", FORM_CTL_INPUT },
	{ "select1", FORM_CTL_SELECT1 },
	{ "select", FORM_CTL_SELECT },
	{ "upload", FORM_CTL_UPLOAD },
	{ "trigger", FORM_CTL_TRIGGER },
};

/* Body elements of ODK that coopreport does not offer. */
static const char *const unsupported_controls[] = {
	"range", "rank", "setgeopoint", "recordaudio",
};

static struct form_control *
control_new(struct form_control *parent, enum form_ctl kind, int line)
{
	struct form_control	*c = xcalloc(1, sizeof(*c));

	c->kind = kind;
	c->parent = parent;
	c->line = line;
	if (parent != NULL) {
		parent->kids = xreallocarray(parent->kids, parent->nkids + 1,
		    sizeof(*parent->kids));
		parent->kids[parent->nkids++] = c;
	}
	return c;
}

/* The node a control's ref, nodeset or bind attribute names. */
static struct form_node *
control_target(struct form *f, xmlNode *n, const char *attr, const char *ctx,
    bool required)
{
	struct form_node	*fn = NULL;
	struct form_bind	*b;
	char			*ref, *path;
	int			 line = form_line(n);

	if ((ref = form_attr(n, NULL, attr)) != NULL) {
		path = form_path_resolve(ctx, ref);
		if (path == NULL)
			form_problem(f, line, true, _("<%s %s=\"%s\"> is not "
			    "a path"), (const char *)n->name, attr, ref);
		else if ((fn = form_node_at(f, path)) == NULL)
			form_problem(f, line, true, _("<%s> refers to '%s', "
			    "which is not in the primary instance"),
			    (const char *)n->name, path);
		free(path);
		free(ref);
		return fn;
	}
	if ((ref = form_attr(n, NULL, "bind")) != NULL) {
		if ((b = strmap_get(&f->bind_by_id, ref)) == NULL)
			form_problem(f, line, true, _("<%s> refers to the "
			    "bind '%s', which does not exist"),
			    (const char *)n->name, ref);
		else
			fn = b->node;
		free(ref);
		return fn;
	}
	if (required)
		form_problem(f, line, true, _("<%s> has no %s"),
		    (const char *)n->name, attr);
	return NULL;
}

static void
link_control(struct form *f, struct form_control *c)
{
	struct form_control	*old;

	if (c->node == NULL)
		return;
	old = c->node->control;
	/* pyxform wraps each repeat in a group of the same ref: the repeat
	 * is the control that matters. */
	if (old == NULL || (old->kind == FORM_CTL_GROUP &&
	    c->kind == FORM_CTL_REPEAT)) {
		c->node->control = c;
		return;
	}
	if (old->kind == FORM_CTL_REPEAT && c->kind == FORM_CTL_GROUP)
		return;
	form_problem(f, c->line, false, _("'%s' has two controls (lines %d "
	    "and %d)"), c->node->path, old->line, c->line);
}

/* Appearances and attributes that hand the question to another app. */
static void
check_external(struct form *f, xmlNode *n)
{
	char	*a;

	if ((a = form_attr(n, NULL, "appearance")) != NULL) {
		if (strncmp(a, "ex:", 3) == 0 || strstr(a, " ex:") != NULL ||
		    strstr(a, "printer:") != NULL)
			form_problem(f, form_line(n), true, _("unsupported "
			    "feature: the external app of appearance '%s'"),
			    a);
		free(a);
	}
	if ((a = form_attr(n, NS_ODK, "intent")) != NULL) {
		form_problem(f, form_line(n), true, _("unsupported feature: "
		    "the external app '%s' (odk:intent)"), a);
		free(a);
	}
}

static void
item_parse(struct form *f, struct form_control *c, xmlNode *n)
{
	struct form_choice	*ch;
	xmlNode			*k;
	xmlChar			*v;
	size_t			 i;

	c->choices = xreallocarray(c->choices, c->nchoices + 1,
	    sizeof(*c->choices));
	ch = &c->choices[c->nchoices++];
	memset(ch, 0, sizeof(*ch));
	ch->line = form_line(n);
	for (k = n->children; k != NULL; k = k->next) {
		if (form_is(k, NS_XFORMS, "label"))
			form_label_parse(f, k, &ch->label);
		else if (form_is(k, NS_XFORMS, "value") && ch->value == NULL) {
			v = xmlNodeGetContent(k);
			ch->value = xstrdup(v == NULL ? "" : (const char *)v);
			xmlFree(v);
		}
	}
	if (ch->value == NULL) {
		form_problem(f, ch->line, true, _("a choice has no value"));
		ch->value = xstrdup("");
	}
	if (ch->value[0] == '\0' || strpbrk(ch->value, " \t\r\n") != NULL)
		form_problem(f, ch->line, false, _("the choice value '%s' is "
		    "empty or contains a space"), ch->value);
	for (i = 0; i + 1 < c->nchoices; i++)
		if (strcmp(c->choices[i].value, ch->value) == 0)
			form_problem(f, ch->line, false, _("the choice value "
			    "'%s' is given twice (also on line %d)"),
			    ch->value, c->choices[i].line);
}

/* instance('id')/... -> "id" */
static char *
itemset_instance(const char *s)
{
	const char	*start;
	char		 q;

	while (*s == ' ')
		s++;
	if (strncmp(s, "instance", 8) != 0)
		return NULL;
	s += 8;
	while (*s == ' ')
		s++;
	if (*s++ != '(')
		return NULL;
	while (*s == ' ')
		s++;
	if (*s != '\'' && *s != '"')
		return NULL;
	q = *s++;
	start = s;
	while (*s != '\0' && *s != q)
		s++;
	return *s == q ? xstrndup(start, (size_t)(s - start)) : NULL;
}

/* The elements a simple path of names (predicates ignored) reaches from
 * the children of from, appended to out. */
static void
walk_names(xmlNode *from, const char *path, xmlNode ***out, size_t *n)
{
	const char	*slash = strchr(path, '/');
	size_t		 len = slash != NULL ? (size_t)(slash - path) :
	    strlen(path);
	xmlNode		*c;

	for (c = from->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strlen((const char *)c->name) != len ||
		    strncmp((const char *)c->name, path, len) != 0)
			continue;
		if (slash != NULL) {
			walk_names(c, slash + 1, out, n);
			continue;
		}
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = c;
	}
}

/*
 * Lint: the values of an itemset over a secondary instance, read the way
 * the itemset reads them when nodeset is instance('id')/a/b and the value
 * ref a child's name.  Spaces are always wrong; a value given twice only
 * when no predicate filters the list (a cascade may repeat values).
 */
static void
check_itemset_values(struct form *f, const struct form_itemset *is,
    const char *nodeset, const char *value_ref)
{
	struct form_instance	*fi;
	struct strmap		 seen;
	xmlNode			**items = NULL, *v;
	const char		*rest;
	char			*path, *val, *name;
	size_t			 i, n = 0;

	if (is->instance == NULL ||
	    (fi = strmap_get(&f->inst_by_id, is->instance)) == NULL ||
	    (rest = strchr(nodeset, ')')) == NULL)
		return;
	name = xstrdup(value_ref);
	for (i = 0; name[i] != '\0'; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' &&
		    name[i] != '-' && name[i] != '.')
			break;
	if (name[i] != '\0' || (path = form_path_resolve(NULL,
	    rest + 1)) == NULL) {
		free(name);
		return;
	}
	walk_names(fi->node, path + 1, &items, &n);
	strmap_init(&seen);
	for (i = 0; i < n; i++) {
		for (v = items[i]->children; v != NULL; v = v->next)
			if (v->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)v->name, name) == 0)
				break;
		if (v == NULL)
			continue;
		val = (char *)xmlNodeGetContent(v);
		if (val == NULL)
			continue;
		if (val[0] == '\0' || strpbrk(val, " \t\r\n") != NULL)
			form_problem(f, is->line, false, _("the choice value "
			    "'%s' of instance '%s' is empty or contains a "
			    "space"), val, is->instance);
		else if (strchr(rest, '[') == NULL &&
		    strmap_put(&seen, val, v) != NULL)
			form_problem(f, is->line, false, _("the choice value "
			    "'%s' is given twice in instance '%s'"), val,
			    is->instance);
		xmlFree(val);
	}
	strmap_release(&seen);
	free(items);
	free(path);
	free(name);
}

static void
itemset_parse(struct form *f, struct form_control *c, xmlNode *n)
{
	struct form_itemset	*is;
	xmlNode			*k;
	char			*v, *nodeset, where[64];

	if (c->itemset != NULL) {
		form_problem(f, form_line(n), true, _("'%s' has two "
		    "itemsets"), c->node != NULL ? c->node->path : "");
		return;
	}
	is = c->itemset = xcalloc(1, sizeof(*is));
	is->line = form_line(n);
	snprintf(where, sizeof(where), "line %d", is->line);
	if ((v = form_attr(n, NULL, "nodeset")) == NULL) {
		form_problem(f, is->line, true, _("an itemset has no "
		    "nodeset"));
		return;
	}
	is->nodeset = form_compile(f, v, is->line, "itemset", where);
	if ((is->instance = itemset_instance(v)) != NULL &&
	    strmap_get(&f->inst_by_id, is->instance) == NULL)
		form_problem(f, is->line, true, _("the itemset reads the "
		    "secondary instance '%s', which does not exist"),
		    is->instance);
	nodeset = v;
	for (k = n->children; k != NULL; k = k->next) {
		if ((form_is(k, NS_XFORMS, "value") && is->value == NULL) ||
		    (form_is(k, NS_XFORMS, "label") && is->label == NULL)) {
			bool value = form_is(k, NS_XFORMS, "value");

			if ((v = form_attr(k, NULL, "ref")) == NULL) {
				form_problem(f, form_line(k), true, _("the "
				    "itemset's <%s> has no ref"),
				    value ? "value" : "label");
				continue;
			}
			if (value) {
				is->value = form_compile(f, v, form_line(k),
				    "value", where);
				if (f->flags & FORM_LOAD_LINT)
					check_itemset_values(f, is, nodeset,
					    v);
			} else
				is->label = form_compile(f, v, form_line(k),
				    "label", where);
			free(v);
		}
	}
	free(nodeset);
	if (is->value == NULL || is->label == NULL)
		form_problem(f, is->line, true, _("an itemset needs a <value "
		    "ref> and a <label ref>"));
}

static unsigned
parse_events(struct form *f, const char *s, int line)
{
	static const struct {
		const char	*name;
		unsigned	 ev;
	} names[] = {
		{ "odk-instance-first-load", FORM_EV_FIRST_LOAD },
		{ "xforms-ready", FORM_EV_FIRST_LOAD },
		{ "xforms-value-changed", FORM_EV_VALUE_CHANGED },
		{ "odk-new-repeat", FORM_EV_NEW_REPEAT },
	};
	unsigned	 ev = 0;
	size_t		 i, n;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (n == 0)
			break;
		for (i = 0; i < nitems(names); i++)
			if (strlen(names[i].name) == n &&
			    strncmp(s, names[i].name, n) == 0)
				break;
		if (i == nitems(names))
			form_problem(f, line, true, _("unsupported feature: "
			    "the event '%.*s'"), (int)n, s);
		else
			ev |= names[i].ev;
		s += n;
	}
	return ev;
}

/*
 * A <setvalue>: in the model or the body for odk-instance-first-load, in
 * a control for xforms-value-changed, in a repeat for odk-new-repeat.
 * owner is the node of that control or repeat, or NULL.
 */
void
form_action_parse(struct form *f, xmlNode *n, struct form_node *owner,
    unsigned default_events)
{
	struct form_action	 a;
	char			*v;
	xmlChar			*text;

	memset(&a, 0, sizeof(a));
	a.line = form_line(n);
	a.owner = owner;
	if ((v = form_attr(n, NULL, "event")) != NULL) {
		a.events = parse_events(f, v, a.line);
		free(v);
	} else if ((a.events = default_events) == 0)
		form_problem(f, a.line, true, _("a <setvalue> has no event "
		    "attribute"));
	if (a.events == 0)
		return;
	a.target = control_target(f, n, "ref",
	    owner != NULL ? owner->path : f->nodes[0]->path, true);
	if (a.target == NULL)
		return;
	if (a.target->nkids > 0) {
		form_problem(f, a.line, true, _("'%s' holds other questions; "
		    "a <setvalue> cannot give it a value"), a.target->path);
		return;
	}
	if ((v = form_attr(n, NULL, "value")) != NULL) {
		a.value = form_compile(f, v, a.line, "setvalue",
		    a.target->path);
		free(v);
		if (a.value == NULL)
			return;
	} else {
		text = xmlNodeGetContent(n);
		a.literal = xstrdup(text == NULL ? "" : (const char *)text);
		xmlFree(text);
	}
	if ((a.events & FORM_EV_VALUE_CHANGED) && owner == NULL)
		form_problem(f, a.line, true, _("an xforms-value-changed "
		    "setvalue must sit inside the control it watches"));
	f->actions = xreallocarray(f->actions, f->nactions + 1,
	    sizeof(*f->actions));
	f->actions[f->nactions++] = a;
}

static void
control_parse(struct form *f, struct form_control *parent, xmlNode *n,
    enum form_ctl kind, const char *ctx)
{
	struct form_control	*c;
	xmlNode			*k;
	char			*v;

	c = control_new(parent, kind, form_line(n));
	check_external(f, n);
	c->node = control_target(f, n, "ref", ctx, true);
	if (c->node != NULL && c->node->nkids > 0)
		form_problem(f, c->line, true, _("<%s> refers to '%s', which "
		    "is a group, not a question"), (const char *)n->name,
		    c->node->path);
	if (kind == FORM_CTL_UPLOAD)
		c->mediatype = form_attr(n, NULL, "mediatype");
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (form_is(k, NS_XFORMS, "label"))
			form_label_parse(f, k, &c->label);
		else if (form_is(k, NS_XFORMS, "hint"))
			form_label_parse(f, k, &c->hint);
		else if (form_is(k, NS_XFORMS, "item") &&
		    (kind == FORM_CTL_SELECT1 || kind == FORM_CTL_SELECT))
			item_parse(f, c, k);
		else if (form_is(k, NS_XFORMS, "itemset") &&
		    (kind == FORM_CTL_SELECT1 || kind == FORM_CTL_SELECT))
			itemset_parse(f, c, k);
		else if (form_is(k, NS_XFORMS, "setvalue"))
			form_action_parse(f, k, c->node, 0);
		else if (form_is(k, NS_XFORMS, "help") ||
		    form_is(k, NS_XFORMS, "alert"))
			;	/* XForms extras ODK does not use */
		else {
			form_problem(f, form_line(k), true, _("unsupported "
			    "feature: <%s> inside <%s>"),
			    (const char *)k->name, (const char *)n->name);
		}
	}
	if ((kind == FORM_CTL_SELECT1 || kind == FORM_CTL_SELECT) &&
	    c->nchoices == 0 && c->itemset == NULL)
		form_problem(f, c->line, false, _("'%s' offers no choices"),
		    c->node != NULL ? c->node->path : "");
	if (kind == FORM_CTL_UPLOAD && c->mediatype == NULL &&
	    (v = form_attr(n, NULL, "accept")) != NULL)
		c->mediatype = v;
	link_control(f, c);
}

static void
group_parse(struct form *f, struct form_control *parent, xmlNode *n,
    bool repeat, const char *ctx, int depth)
{
	struct form_control	*c;
	xmlNode			*k;
	char			*v;

	c = control_new(parent, repeat ? FORM_CTL_REPEAT : FORM_CTL_GROUP,
	    form_line(n));
	check_external(f, n);
	c->node = control_target(f, n, repeat ? "nodeset" : "ref", ctx,
	    repeat);
	if (repeat && c->node != NULL) {
		c->node->repeat = true;
		if (c->node->depth == 0)
			form_problem(f, c->line, true, _("the instance root "
			    "cannot repeat"));
		if ((v = form_attr(n, NS_JR, "count")) != NULL) {
			c->count = form_compile(f, v, c->line, "jr:count",
			    c->node->path);
			free(v);
		}
		if ((v = form_attr(n, NS_JR, "noAddRemove")) != NULL) {
			c->noaddremove = strstr(v, "true") != NULL;
			free(v);
		}
	}
	for (k = n->children; k != NULL; k = k->next) {
		if (form_is(k, NS_XFORMS, "label") &&
		    !c->label.inline_text.set && c->label.itext == NULL &&
		    c->label.ref == NULL)
			form_label_parse(f, k, &c->label);
		else if (form_is(k, NS_XFORMS, "setvalue"))
			form_action_parse(f, k, repeat ? c->node : NULL,
			    repeat ? FORM_EV_NEW_REPEAT : 0);
	}
	link_control(f, c);
	body_parse(f, c, n, c->node != NULL ? c->node->path : ctx, depth + 1);
}

static void
body_parse(struct form *f, struct form_control *parent, xmlNode *elem,
    const char *ctx, int depth)
{
	xmlNode	*n;
	size_t	 i;

	if (depth > FORM_MAX_DEPTH) {
		form_problem(f, form_line(elem), true, _("the body is nested "
		    "more than %d deep"), FORM_MAX_DEPTH);
		return;
	}
	for (n = elem->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (form_is(n, NS_XFORMS, "group")) {
			group_parse(f, parent, n, false, ctx, depth);
			continue;
		}
		if (form_is(n, NS_XFORMS, "repeat")) {
			group_parse(f, parent, n, true, ctx, depth);
			continue;
		}
		/* Labels and setvalues of groups: group_parse's. */
		if (form_is(n, NS_XFORMS, "label") ||
		    form_is(n, NS_XFORMS, "setvalue") ||
		    form_is(n, NS_XFORMS, "hint")) {
			if (parent->kind == FORM_CTL_ROOT &&
			    form_is(n, NS_XFORMS, "setvalue"))
				form_action_parse(f, n, NULL,
				    FORM_EV_FIRST_LOAD);
			continue;
		}
		for (i = 0; i < nitems(control_names); i++)
			if (form_is(n, NS_XFORMS, control_names[i].name))
				break;
		if (i < nitems(control_names)) {
			control_parse(f, parent, n, control_names[i].kind,
			    ctx);
			continue;
		}
		for (i = 0; i < nitems(unsupported_controls); i++)
			if (strcmp((const char *)n->name,
			    unsupported_controls[i]) == 0)
				break;
		if (i < nitems(unsupported_controls))
			form_problem(f, form_line(n), true, _("unsupported "
			    "feature: the <%s> widget"),
			    (const char *)n->name);
		else
			form_problem(f, form_line(n), true, _("unsupported "
			    "feature: the body element <%s>"),
			    (const char *)n->name);
	}
}

void
form_body_load(struct form *f, xmlNode *body)
{
	f->body = control_new(NULL, FORM_CTL_ROOT, form_line(body));
	body_parse(f, f->body, body, f->nodes[0]->path, 0);
}

void
form_body_free(struct form_control *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkids; i++)
		form_body_free(c->kids[i]);
	free(c->kids);
	form_label_release(&c->label);
	form_label_release(&c->hint);
	for (i = 0; i < c->nchoices; i++) {
		free(c->choices[i].value);
		form_label_release(&c->choices[i].label);
	}
	free(c->choices);
	if (c->itemset != NULL) {
		xpath_free(c->itemset->nodeset);
		xpath_free(c->itemset->value);
		xpath_free(c->itemset->label);
		free(c->itemset->instance);
		free(c->itemset);
	}
	free(c->mediatype);
	xpath_free(c->count);
	free(c);
}
