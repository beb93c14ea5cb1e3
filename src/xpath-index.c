/*
 * xpath-index.c: the child index of xpath.h (xpath_index_new()): for each
 * wide element, its element children grouped by local name, so that a
 * child step by name is one hash probe instead of a walk over every
 * sibling with a string comparison each.
 *
 * Two open-addressing tables with linear probing, both emptied whole by
 * xpath_index_clear(): "parents" records each element a step started
 * from and whether it is indexed; "slots" maps (parent, local name) to a
 * run of nodes[], the children of that name in document order.  All the
 * slots of a parent are built at once, the first time a step starts from
 * it, in two passes over its children: count per name, then place.  A
 * lookup probes the slots first, so that a hit costs one probe; only a
 * miss asks whether the parent is indexed at all.
 */
#include "common.h"

#include "xpath-int.h"

struct xi_parent {
	const xmlNode	*node;		/* NULL: a free entry */
	bool		 wide;		/* indexed; else scanned */
};

struct xi_slot {
	const xmlNode	*parent;	/* NULL: a free entry */
	const char	*name;		/* the children's local name */
	uint32_t	 hash;		/* xname_hash(name) */
	size_t		 first;		/* in nodes[] (SIZE_MAX: counting) */
	size_t		 n;
};

struct xpath_index {
	size_t		 min;		/* children to be indexed */
	struct xi_parent *parents;
	size_t		 pcap, pused;	/* capacities: powers of 2 */
	struct xi_slot	*slots;
	size_t		 scap, sused;
	xmlNode		**nodes;
	size_t		 ncap, nused;
};

/* FNV-1a: names are short, and this is computed once per compiled step. */
uint32_t
xname_hash(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t
ptr_hash(const void *p)
{
	uint64_t	 x = (uint64_t)(uintptr_t)p;

	x *= UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(x >> 32);
}

static size_t
slot_hash(const xmlNode *parent, uint32_t hash)
{
	return ptr_hash(parent) ^ (size_t)hash * 0x85EBCA6Bu;
}

struct xpath_index *
xpath_index_new(size_t min_children)
{
	struct xpath_index	*ix = xcalloc(1, sizeof(*ix));

	ix->min = min_children;
	return ix;
}

void
xpath_index_clear(struct xpath_index *ix)
{
	if (ix == NULL)
		return;
	if (ix->parents != NULL)
		memset(ix->parents, 0, ix->pcap * sizeof(*ix->parents));
	if (ix->slots != NULL)
		memset(ix->slots, 0, ix->scap * sizeof(*ix->slots));
	ix->pused = ix->sused = ix->nused = 0;
}

void
xpath_index_free(struct xpath_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->parents);
	free(ix->slots);
	free(ix->nodes);
	free(ix);
}

static struct xi_parent *
parent_find(const struct xpath_index *ix, const xmlNode *node)
{
	size_t	 i, mask = ix->pcap - 1;

	if (ix->pcap == 0)
		return NULL;
	for (i = ptr_hash(node) & mask; ix->parents[i].node != NULL;
	    i = (i + 1) & mask)
		if (ix->parents[i].node == node)
			return &ix->parents[i];
	return NULL;
}

static void
parent_add(struct xpath_index *ix, const xmlNode *node, bool wide)
{
	struct xi_parent	*old = ix->parents;
	size_t			 oldcap = ix->pcap, i, k, mask;

	/* At most half full, so that probes stay short and end. */
	if (2 * (ix->pused + 1) > ix->pcap) {
		ix->pcap = ix->pcap == 0 ? 16 : ix->pcap * 2;
		ix->parents = xcalloc(ix->pcap, sizeof(*ix->parents));
		ix->pused = 0;
		for (k = 0; k < oldcap; k++)
			if (old[k].node != NULL)
				parent_add(ix, old[k].node, old[k].wide);
		free(old);
	}
	mask = ix->pcap - 1;
	for (i = ptr_hash(node) & mask; ix->parents[i].node != NULL;
	    i = (i + 1) & mask)
		;
	ix->parents[i].node = node;
	ix->parents[i].wide = wide;
	ix->pused++;
}

static struct xi_slot *
slot_find(const struct xpath_index *ix, const xmlNode *parent,
    const char *name, uint32_t hash)
{
	const struct xi_slot	*s;
	size_t			 i, mask = ix->scap - 1;

	if (ix->scap == 0)
		return NULL;
	for (i = slot_hash(parent, hash) & mask;
	    (s = &ix->slots[i])->parent != NULL; i = (i + 1) & mask)
		if (s->parent == parent && s->hash == hash &&
		    strcmp(s->name, name) == 0)
			return &ix->slots[i];
	return NULL;
}

/* A free entry for (parent, hash); the table has room. */
static struct xi_slot *
slot_free_entry(struct xpath_index *ix, const xmlNode *parent, uint32_t hash)
{
	size_t	 i, mask = ix->scap - 1;

	for (i = slot_hash(parent, hash) & mask;
	    ix->slots[i].parent != NULL; i = (i + 1) & mask)
		;
	return &ix->slots[i];
}

/* Room for more slots, keeping the table at most half full. */
static void
slots_reserve(struct xpath_index *ix, size_t more)
{
	struct xi_slot	*old = ix->slots, *s;
	size_t		 oldcap = ix->scap, k;

	if (2 * (ix->sused + more) <= ix->scap)
		return;
	if (ix->scap == 0)
		ix->scap = 64;
	while (2 * (ix->sused + more) > ix->scap)
		ix->scap *= 2;
	ix->slots = xcalloc(ix->scap, sizeof(*ix->slots));
	for (k = 0; k < oldcap; k++)
		if (old[k].parent != NULL) {
			s = slot_free_entry(ix, old[k].parent, old[k].hash);
			*s = old[k];
		}
	free(old);
}

/* Indexes the element children of parent, or notes that it has too few. */
static void
index_parent(struct xpath_index *ix, const xmlNode *parent)
{
	xmlNode		*c;
	struct xi_slot	*s;
	size_t		 n = 0;
	uint32_t	 h;

	for (c = parent->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n++;
	if (n == 0 || n < ix->min) {
		parent_add(ix, parent, false);
		return;
	}
	parent_add(ix, parent, true);
	slots_reserve(ix, n);
	if (ix->nused + n > ix->ncap) {
		while (ix->nused + n > ix->ncap)
			ix->ncap = ix->ncap == 0 ? 64 : ix->ncap * 2;
		ix->nodes = xreallocarray(ix->nodes, ix->ncap,
		    sizeof(*ix->nodes));
	}
	/* Count the children of each name... */
	for (c = parent->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		h = xname_hash((const char *)c->name);
		if ((s = slot_find(ix, parent, (const char *)c->name,
		    h)) == NULL) {
			s = slot_free_entry(ix, parent, h);
			s->parent = parent;
			s->name = (const char *)c->name;
			s->hash = h;
			s->first = SIZE_MAX;
			ix->sused++;
		}
		s->n++;
	}
	/* ...then give each name its run of nodes[], in document order. */
	for (c = parent->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		s = slot_find(ix, parent, (const char *)c->name,
		    xname_hash((const char *)c->name));
		if (s->first == SIZE_MAX) {
			s->first = ix->nused;
			ix->nused += s->n;
			s->n = 0;
		}
		ix->nodes[s->first + s->n++] = c;
	}
}

/*
 * The element children of parent named st->local (any namespace: the
 * caller tests the prefix), valid until the next call; -1 when parent is
 * not indexed.
 */
int
xindex_children(struct xpath_index *ix, const xmlNode *parent,
    const struct xstep *st, xmlNode *const **nodes, size_t *n)
{
	const struct xi_slot	*s;
	const struct xi_parent	*p;

	if ((s = slot_find(ix, parent, st->local, st->hash)) == NULL) {
		if ((p = parent_find(ix, parent)) == NULL) {
			index_parent(ix, parent);
			p = parent_find(ix, parent);
		}
		if (!p->wide)
			return -1;
		s = slot_find(ix, parent, st->local, st->hash);
	}
	if (s == NULL) {
		*nodes = NULL;
		*n = 0;
	} else {
		*nodes = ix->nodes + s->first;
		*n = s->n;
	}
	return 0;
}
