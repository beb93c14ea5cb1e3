/*
 * recalc.c: the dependency graph between the expressions of a form, and
 * the recalculation of a report along it.
 *
 * A vertex is one expression of one form node: its calculate, relevant,
 * required, readonly, constraint or coop:warning, or a repeat's jr:count.
 * Only calculate and jr:count write anything that expressions read (a
 * value, or the set of repeat instances), so only they have edges out:
 * calculate(D) -> v when v reads D or an ancestor of D (sum(), string()
 * of a group), and -> the other expressions of D (a constraint applies
 * only to a value); jr:count(R) -> v when v reads R, something under it
 * or above it, and -> every vertex of a node under R, whose new
 * instances need computing.  A cycle can only run through calculates and
 * counts, and the form is refused with the cycle's nodes named.
 *
 * The vertices are kept in topological order (ties in document order,
 * then calculate, relevant, required, readonly, constraint, warning), so
 * a recalculation is one forward sweep over a bitmap of dirty vertices:
 * an answer marks the vertices that read it, a calculate whose value
 * changes marks its edges, and everything marked lies further on.
 */
#include "common.h"

#include <math.h>

#include "datetime.h"
#include "form-int.h"

#define RECALC_MAX_PASSES	8

struct idlist {
	size_t		*v;
	size_t		 n;
};

struct vertex {
	struct form_node *fn;
	enum form_prop	 prop;
	const struct xpath_expr *e;
	unsigned	 uses;		/* enum xpath_uses */
	struct idlist	 out;		/* edges, as indices in g->v */
	struct idlist	 reads;		/* form node ids (while building) */
	size_t		 indeg;
	size_t		 rank;		/* the order before sorting */
	bool		 constant;	/* reads nothing that can change */
};

struct recalc_graph {
	struct vertex	*v;		/* topological order */
	size_t		 nv;
	size_t		 nwords;	/* of a dirty bitmap */
	struct idlist	*readers;	/* per form node id: vertices */
	struct idlist	*own;		/* per form node id: its vertices */
	size_t		 nnodes;
};

static const char *const prop_names[] = {
	"calculate", "relevant", "required", "readonly", "constraint",
	"coop:warning", "jr:count",
};

static void
idlist_add(struct idlist *l, size_t id)
{
	/* Grow in powers of two: n is the only state kept. */
	if ((l->n & (l->n - 1)) == 0)
		l->v = xreallocarray(l->v, l->n == 0 ? 1 : l->n * 2,
		    sizeof(*l->v));
	l->v[l->n++] = id;
}

static void
idlist_release(struct idlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ------------------------------------------------------------------ */
/* Building */

struct build {
	struct form	*f;
	struct recalc_graph *g;
	struct vertex	*cur;
	ssize_t		*calc_of;	/* per node id: its calculate vertex */
	ssize_t		*count_of;	/* per node id: its jr:count vertex */
	size_t		*stamp;		/* per vertex: last target + 1 */
	size_t		 target;
};

static void
vertex_add(struct build *b, struct form_node *fn, enum form_prop prop,
    const struct xpath_expr *e)
{
	struct recalc_graph	*g = b->g;
	struct vertex		*v;

	g->v = xreallocarray(g->v, g->nv + 1, sizeof(*g->v));
	v = &g->v[g->nv];
	memset(v, 0, sizeof(*v));
	v->fn = fn;
	v->prop = prop;
	v->e = e;
	v->rank = g->nv++;
}

static void
read_ref(void *arg, const char *path)
{
	struct build		*b = arg;
	struct form_node	*fn;
	char			*norm;
	size_t			 i;

	/* instance('x')/...: secondary instances never change. */
	if (path[0] != '/' || strchr(path, '@') != NULL)
		return;
	norm = form_path_resolve(NULL, path);
	fn = form_node_at(b->f, norm);
	if (fn == NULL) {
		form_problem(b->f, b->cur->fn->bind != NULL ?
		    b->cur->fn->bind->line : form_line(b->cur->fn->elem),
		    false, _("'%s': the %s expression refers to '%s', which "
		    "is not in the primary instance"), b->cur->fn->path,
		    prop_names[b->cur->prop], norm != NULL ? norm : path);
		free(norm);
		return;
	}
	free(norm);
	for (i = 0; i < b->cur->reads.n; i++)
		if (b->cur->reads.v[i] == fn->id)
			return;
	idlist_add(&b->cur->reads, fn->id);
}

static void
edge(struct build *b, ssize_t from)
{
	if (from < 0 || b->stamp[from] == b->target + 1)
		return;
	b->stamp[from] = b->target + 1;
	idlist_add(&b->g->v[from].out, b->target);
	b->g->v[b->target].indeg++;
}

/* Whether the expression applies only to a value, read or not. */
static bool
on_value(enum form_prop prop)
{
	return prop == FORM_CONSTRAINT || prop == FORM_WARNING;
}

/* Writers at or under fn feed the target. */
static void
edges_from_subtree(struct build *b, const struct form_node *fn)
{
	size_t	 i;

	edge(b, b->calc_of[fn->id]);
	edge(b, b->count_of[fn->id]);
	for (i = 0; i < fn->nkids; i++)
		edges_from_subtree(b, fn->kids[i]);
}

static void
edges_build(struct build *b)
{
	struct recalc_graph	*g = b->g;
	struct form_node	*fn, *a;
	size_t			 t, i;

	for (t = 0; t < g->nv; t++) {
		b->target = t;
		for (i = 0; i < g->v[t].reads.n; i++) {
			fn = b->f->nodes[g->v[t].reads.v[i]];
			edges_from_subtree(b, fn);
			for (a = fn->parent; a != NULL; a = a->parent)
				edge(b, b->count_of[a->id]);
		}
		/* A node's calculate comes before its constraint and
		 * warning: they are checked only on a value, whatever they
		 * read.  Its relevant, required and readonly depend on its
		 * value only if they read it (an edge above). */
		if (on_value(g->v[t].prop))
			edge(b, b->calc_of[g->v[t].fn->id]);
		/* New instances of a repeat at or above need this vertex
		 * (but a jr:count does not feed itself). */
		for (a = g->v[t].fn; a != NULL; a = a->parent)
			if (b->count_of[a->id] != (ssize_t)t)
				edge(b, b->count_of[a->id]);
	}
}

/* A min-heap of vertex indices ordered by rank, for Kahn's algorithm. */
struct heap {
	size_t		*v;
	size_t		 n;
	const struct vertex *vx;
};

static void
heap_push(struct heap *h, size_t x)
{
	size_t	 i = h->n++, p;

	while (i > 0) {
		p = (i - 1) / 2;
		if (h->vx[h->v[p]].rank <= h->vx[x].rank)
			break;
		h->v[i] = h->v[p];
		i = p;
	}
	h->v[i] = x;
}

static size_t
heap_pop(struct heap *h)
{
	size_t	 top = h->v[0], x = h->v[--h->n], i = 0, c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->vx[h->v[c + 1]].rank <
		    h->vx[h->v[c]].rank)
			c++;
		if (h->vx[x].rank <= h->vx[h->v[c]].rank)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = x;
	return top;
}

/*
 * Names one cycle among the vertices not yet sorted and takes it out so
 * that sorting can go on; its vertices go to order[] as they are.  Each
 * vertex left has a predecessor left (else it would have been sorted),
 * so walking predecessors must come back on itself.  Returns how many
 * vertices it took out.
 */
static size_t
cycle_take(struct build *b, bool *done, struct heap *h, size_t *order,
    size_t n)
{
	struct recalc_graph	*g = b->g;
	size_t			*pred, *seen, *cyc, i, k, x, len = 0;
	struct buf		 msg = BUF_INIT;

	pred = xcalloc(g->nv, sizeof(*pred));
	seen = xcalloc(g->nv, sizeof(*seen));
	cyc = xcalloc(g->nv, sizeof(*cyc));
	for (i = 0; i < g->nv; i++) {
		if (done[i])
			continue;
		for (k = 0; k < g->v[i].out.n; k++)
			if (!done[g->v[i].out.v[k]])
				pred[g->v[i].out.v[k]] = i + 1;
	}
	for (x = 0; done[x]; x++)
		;
	while (!seen[x]) {
		seen[x] = 1;
		x = pred[x] - 1;
	}
	/* x is on the cycle: collect it, then print it in the direction
	 * the values flow. */
	do {
		cyc[len++] = x;
		x = pred[x] - 1;
	} while (x != cyc[0]);
	for (i = len; i-- > 0;)
		buf_addf(&msg, "%s -> ", g->v[cyc[i]].fn->path);
	buf_adds(&msg, g->v[cyc[len - 1]].fn->path);
	form_problem(b->f, g->v[cyc[0]].fn->bind != NULL ?
	    g->v[cyc[0]].fn->bind->line : 0, true, _("the calculations "
	    "depend on each other in a cycle: %s"), msg.s);
	for (i = 0; i < len; i++) {
		x = cyc[i];
		done[x] = true;
		order[n + i] = x;
		for (k = 0; k < g->v[x].out.n; k++) {
			size_t o = g->v[x].out.v[k];

			if (!done[o] && --g->v[o].indeg == 0)
				heap_push(h, o);
		}
	}
	buf_release(&msg);
	free(pred);
	free(seen);
	free(cyc);
	return len;
}

/* Sorts g->v topologically (Kahn, ties by rank); renumbers the edges. */
static void
toposort(struct build *b)
{
	struct recalc_graph	*g = b->g;
	struct heap		 h;
	size_t			*order, *newidx, i, k, n = 0, x;
	bool			*done;
	struct vertex		*sorted;

	h.v = xcalloc(g->nv + 1, sizeof(*h.v));
	h.n = 0;
	h.vx = g->v;
	order = xcalloc(g->nv + 1, sizeof(*order));
	done = xcalloc(g->nv + 1, sizeof(*done));
	for (i = 0; i < g->nv; i++)
		if (g->v[i].indeg == 0)
			heap_push(&h, i);
	while (n < g->nv) {
		if (h.n == 0) {
			n += cycle_take(b, done, &h, order, n);
			continue;
		}
		x = heap_pop(&h);
		if (done[x])
			continue;
		done[x] = true;
		order[n++] = x;
		for (k = 0; k < g->v[x].out.n; k++) {
			size_t o = g->v[x].out.v[k];

			if (!done[o] && --g->v[o].indeg == 0)
				heap_push(&h, o);
		}
	}
	newidx = xcalloc(g->nv + 1, sizeof(*newidx));
	sorted = xcalloc(g->nv + 1, sizeof(*sorted));
	for (i = 0; i < g->nv; i++) {
		newidx[order[i]] = i;
		sorted[i] = g->v[order[i]];
	}
	free(g->v);
	g->v = sorted;
	for (i = 0; i < g->nv; i++)
		for (k = 0; k < g->v[i].out.n; k++)
			g->v[i].out.v[k] = newidx[g->v[i].out.v[k]];
	free(h.v);
	free(order);
	free(done);
	free(newidx);
}

struct recalc_graph *
recalc_build(struct form *f)
{
	struct recalc_graph	*g = xcalloc(1, sizeof(*g));
	struct build		 b;
	struct form_node	*fn;
	size_t			 i, k;
	int			 p;

	memset(&b, 0, sizeof(b));
	b.f = f;
	b.g = g;
	for (i = 0; i < f->nnodes; i++) {
		fn = f->nodes[i];
		for (p = 0; fn->bind != NULL && p < FORM_NPROPS; p++)
			if (fn->bind->expr[p] != NULL)
				vertex_add(&b, fn, (enum form_prop)p,
				    fn->bind->expr[p]);
		if (fn->control != NULL && fn->control->kind ==
		    FORM_CTL_REPEAT && fn->control->count != NULL)
			vertex_add(&b, fn, FORM_COUNT, fn->control->count);
	}
	b.calc_of = xcalloc(f->nnodes, sizeof(*b.calc_of));
	b.count_of = xcalloc(f->nnodes, sizeof(*b.count_of));
	b.stamp = xcalloc(g->nv + 1, sizeof(*b.stamp));
	for (i = 0; i < f->nnodes; i++)
		b.calc_of[i] = b.count_of[i] = -1;
	for (i = 0; i < g->nv; i++) {
		struct vertex *v = &g->v[i];
		/* jr:count is evaluated on the repeat's parent. */
		const char *base = v->prop == FORM_COUNT ?
		    v->fn->parent->path : v->fn->path;

		b.cur = v;
		v->uses = xpath_refs(v->e, base, read_ref, &b);
		if (v->prop == FORM_CALCULATE)
			b.calc_of[v->fn->id] = (ssize_t)i;
		else if (v->prop == FORM_COUNT)
			b.count_of[v->fn->id] = (ssize_t)i;
	}
	edges_build(&b);
	toposort(&b);
	g->nnodes = f->nnodes;
	g->readers = xcalloc(f->nnodes, sizeof(*g->readers));
	g->own = xcalloc(f->nnodes, sizeof(*g->own));
	for (i = 0; i < g->nv; i++) {
		/* No answer, clock, random number or position in it: its
		 * value for a node never changes once computed. */
		g->v[i].constant = g->v[i].reads.n == 0 && g->v[i].uses == 0 &&
		    g->v[i].prop != FORM_COUNT;
		for (k = 0; k < g->v[i].reads.n; k++)
			idlist_add(&g->readers[g->v[i].reads.v[k]], i);
		idlist_release(&g->v[i].reads);
		idlist_add(&g->own[g->v[i].fn->id], i);
	}
	g->nwords = (g->nv + 63) / 64;
	free(b.calc_of);
	free(b.count_of);
	free(b.stamp);
	return g;
}

void
recalc_graph_free(struct recalc_graph *g)
{
	size_t	 i;

	if (g == NULL)
		return;
	for (i = 0; i < g->nv; i++) {
		idlist_release(&g->v[i].out);
		idlist_release(&g->v[i].reads);
	}
	free(g->v);
	for (i = 0; i < g->nnodes; i++) {
		idlist_release(&g->readers[i]);
		idlist_release(&g->own[i]);
	}
	free(g->readers);
	free(g->own);
	free(g);
}

/* ------------------------------------------------------------------ */
/* Marking */

void
recalc_init(struct report *r)
{
	struct recalc_graph	*g = r->form->graph;

	r->dirty = xcalloc(g->nwords + 1, sizeof(*r->dirty));
	r->cursor = 0;
}

void
recalc_release(struct report *r)
{
	free(r->dirty);
	r->dirty = NULL;
}

static void
mark(struct report *r, size_t i)
{
	r->dirty[i / 64] |= UINT64_C(1) << (i % 64);
	if (i < r->cursor)
		r->rerun = true;
}

static void
mark_list(struct report *r, const struct idlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		mark(r, l->v[i]);
}

void
recalc_mark_value(struct report *r, const struct form_node *fn)
{
	struct recalc_graph	*g = r->form->graph;
	const struct idlist	*own = &g->own[fn->id];
	size_t			 i;

	/* Its own constraint and warning apply only to a value, so they
	 * may change even when they do not read it; its calculate puts
	 * back a value written over it.  Its other expressions change
	 * only if they read it, and then they are among its readers. */
	for (i = 0; i < own->n; i++)
		if (on_value(g->v[own->v[i]].prop) ||
		    g->v[own->v[i]].prop == FORM_CALCULATE)
			mark(r, own->v[i]);
	for (; fn != NULL; fn = fn->parent)
		mark_list(r, &g->readers[fn->id]);
}

static void
mark_subtree(struct report *r, const struct form_node *fn)
{
	struct recalc_graph	*g = r->form->graph;
	size_t			 i;

	mark_list(r, &g->readers[fn->id]);
	mark_list(r, &g->own[fn->id]);
	for (i = 0; i < fn->nkids; i++)
		mark_subtree(r, fn->kids[i]);
}

void
recalc_mark_structure(struct report *r, const struct form_node *fn)
{
	mark_subtree(r, fn);
	recalc_mark_value(r, fn->parent);
}

/* ------------------------------------------------------------------ */
/* Evaluating */

static void
node_error(xmlNode *n, enum form_prop prop, const char *msg)
{
	struct rnode	*rn = RNODE(n);

	if (rn == NULL)
		return;
	free(rn->error);
	rn->error = NULL;
	if (msg != NULL)
		xasprintf(&rn->error, "%s: %s", prop_names[prop], msg);
}

/* The value a calculate stores, in the lexical form of the node's type. */
static char *
calc_value(const struct xpath_value *val, enum form_type type)
{
	char	 tmp[DATETIME_BUFSZ];
	double	 d;

	if (val->type == XPATH_BOOLEAN)
		return xstrdup(val->boolean ? "true" : "false");
	switch (type) {
	case FORM_TYPE_INT:
	case FORM_TYPE_DECIMAL:
		d = xpath_value_number(val);
		if (isnan(d) || isinf(d))
			return xstrdup("");
		if (type == FORM_TYPE_INT) {
			d = trunc(d);
			if (fabs(d) > 9007199254740992.0)
				return xstrdup("");
		}
		return xpath_number_string(d);
	case FORM_TYPE_DATE:
	case FORM_TYPE_DATETIME:
		if (val->type != XPATH_NUMBER)
			break;
		if (isnan(val->number) || isinf(val->number))
			return xstrdup("");
		if (type == FORM_TYPE_DATE)
			datetime_format_date(val->number, tmp);
		else
			datetime_format_datetime(val->number, tmp);
		return xstrdup(tmp);
	default:
		if (val->type == XPATH_NUMBER && isnan(val->number))
			return xstrdup("");
		break;
	}
	return xpath_value_string(val);
}

static bool
eval_calc(struct report *r, const struct vertex *v, xmlNode *n)
{
	struct xpath_value	 val;
	struct buf		 err = BUF_INIT;
	char			*s, *old;
	bool			 changed;

	if (xpath_eval(v->e, &r->env, n, &val, &err) == -1) {
		node_error(n, v->prop, err.s);
		buf_release(&err);
		s = xstrdup("");
	} else {
		s = calc_value(&val, v->fn->type);
		xpath_value_release(&val);
	}
	old = report_node_value(n);
	changed = strcmp(old, s) != 0;
	if (changed)
		report_node_set(n, s);
	free(old);
	free(s);
	return changed;
}

static void
eval_flag(struct report *r, const struct vertex *v, xmlNode *n)
{
	static const unsigned flag_of[FORM_NPROPS] = {
		[FORM_RELEVANT] = RN_IRRELEVANT,
		[FORM_REQUIRED] = RN_REQUIRED,
		[FORM_READONLY] = RN_READONLY,
		[FORM_CONSTRAINT] = RN_CONSTRAINT_FAILED,
		[FORM_WARNING] = RN_WARNING_FAILED,
	};
	struct rnode	*rn = RNODE(n);
	struct buf	 err = BUF_INIT;
	unsigned	 flag = flag_of[v->prop];
	bool		 on;
	int		 b = 0;

	if (v->prop == FORM_CONSTRAINT || v->prop == FORM_WARNING) {
		/* Checked only on a value, as ODK does. */
		if (n->children == NULL || (n->children->type ==
		    XML_TEXT_NODE && n->children->next == NULL &&
		    n->children->content[0] == '\0')) {
			rn->flags &= ~flag;
			return;
		}
	}
	if (xpath_eval_bool(v->e, &r->env, n, &b, &err) == -1) {
		node_error(n, v->prop, err.s);
		buf_release(&err);
		/* An expression that cannot run does not hide or block. */
		b = v->prop == FORM_RELEVANT || v->prop == FORM_CONSTRAINT ||
		    v->prop == FORM_WARNING;
	}
	/* The flag records the bad case: not relevant, check failed. */
	on = v->prop == FORM_RELEVANT || v->prop == FORM_CONSTRAINT ||
	    v->prop == FORM_WARNING ? !b : b;
	if (on)
		rn->flags |= flag;
	else
		rn->flags &= ~flag;
}

static int
count_instances(xmlNode *parent, const struct form_node *fn, xmlNode **last)
{
	xmlNode	*c;
	int	 n = 0;

	*last = NULL;
	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && RNODE(c) != NULL &&
		    RNODE(c)->fn == fn) {
			n++;
			*last = c;
		}
	return n;
}

/* jr:count: as many instances under each parent as the expression
 * says, added from the template or removed from the end. */
static void
eval_count(struct report *r, const struct vertex *v)
{
	struct nodelist	*pl = &r->lists[v->fn->parent->id];
	struct buf	 err = BUF_INIT;
	xmlNode		**parents, *last, *added;
	size_t		 np = pl->n, i;
	double		 d;
	int		 want, have;
	bool		 changed = false;

	/* A copy: adding instances rebuilds the lists. */
	parents = xcalloc(np + 1, sizeof(*parents));
	if (np > 0)
		memcpy(parents, pl->v, np * sizeof(*parents));
	for (i = 0; i < np; i++) {
		if (xpath_eval_number(v->e, &r->env, parents[i], &d,
		    &err) == -1) {
			node_error(parents[i], FORM_COUNT, err.s);
			buf_reset(&err);
			d = 0;
		}
		want = isnan(d) || d < 0 ? 0 : d > FORM_MAX_REPEAT ?
		    FORM_MAX_REPEAT : (int)d;
		have = count_instances(parents[i], v->fn, &last);
		for (; have < want; have++) {
			if (report_add_instance(r, v->fn, parents[i], false,
			    &added, &err) == -1) {
				buf_reset(&err);
				break;
			}
			changed = true;
		}
		for (; have > want; have--) {
			count_instances(parents[i], v->fn, &last);
			report_remove_instance(r, last);
			changed = true;
		}
	}
	free(parents);
	buf_release(&err);
	if (changed) {
		report_index(r);
		recalc_mark_structure(r, v->fn);
	}
}

static void
eval_vertex(struct report *r, size_t i)
{
	const struct vertex	*v = &r->form->graph->v[i];
	struct nodelist		*l;
	size_t			 k;
	bool			 changed = false;

	if (v->prop == FORM_COUNT) {
		eval_count(r, v);
		return;
	}
	l = &r->lists[v->fn->id];
	for (k = 0; k < l->n; k++) {
		if (v->prop == FORM_CALCULATE)
			changed |= eval_calc(r, v, l->v[k]);
		else
			eval_flag(r, v, l->v[k]);
	}
	if (changed)
		mark_list(r, &v->out);
}

static size_t
next_dirty(const struct report *r, size_t from)
{
	const struct recalc_graph *g = r->form->graph;
	size_t		 w = from / 64;
	uint64_t	 word;

	if (from >= g->nv)
		return g->nv;
	word = r->dirty[w] & (~UINT64_C(0) << (from % 64));
	for (;;) {
		if (word != 0) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(word);

			return i < g->nv ? i : g->nv;
		}
		if (++w >= g->nwords)
			return g->nv;
		word = r->dirty[w];
	}
}

void
recalc_run(struct report *r)
{
	const struct recalc_graph *g = r->form->graph;
	size_t		 i, pass;

	if (r->stale)
		report_index(r);
	for (pass = 0; pass < RECALC_MAX_PASSES; pass++) {
		r->rerun = false;
		for (i = next_dirty(r, 0); i < g->nv;
		    i = next_dirty(r, i + 1)) {
			r->dirty[i / 64] &= ~(UINT64_C(1) << (i % 64));
			r->cursor = i;
			eval_vertex(r, i);
			if (r->stale)
				report_index(r);
		}
		r->cursor = 0;
		if (!r->rerun)
			break;
	}
	memset(r->dirty, 0, g->nwords * sizeof(*r->dirty));
}

/*
 * Everything, except the constant expressions once they have been
 * computed: new repeat entries get theirs through
 * recalc_mark_structure().
 */
void
recalc_all(struct report *r)
{
	const struct recalc_graph *g = r->form->graph;
	size_t		 i;

	for (i = 0; i < g->nv; i++)
		if (!r->consts_done || !g->v[i].constant)
			mark(r, i);
	recalc_run(r);
	r->consts_done = true;
}
