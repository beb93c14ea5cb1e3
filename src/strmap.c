/*
 * strmap.c: open addressing with linear probing over a power-of-two
 * table that never gets more than half full.  Entries are never removed:
 * the form engine builds its indexes once and then only reads them.
 */
#include "common.h"

#include "strmap.h"

/* FNV-1a: short keys (paths, ids), no adversary worth a keyed hash. */
static size_t
hash_bytes(const char *s, size_t n)
{
	uint64_t	 h = UINT64_C(14695981039346656037);
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return (size_t)h;
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_release(struct strmap *m)
{
	size_t	 i;

	for (i = 0; i < m->nslots; i++)
		free(m->slots[i].key);
	free(m->slots);
	strmap_init(m);
}

static struct strmap_entry *
find_slot(const struct strmap *m, const char *key, size_t n, size_t h)
{
	size_t			 i = h & (m->nslots - 1);
	struct strmap_entry	*e;

	for (;;) {
		e = &m->slots[i];
		if (e->key == NULL || (e->hash == h &&
		    strncmp(e->key, key, n) == 0 && e->key[n] == '\0'))
			return e;
		i = (i + 1) & (m->nslots - 1);
	}
}

static void
grow(struct strmap *m)
{
	struct strmap_entry	*old = m->slots, *e;
	size_t			 i, nold = m->nslots;

	m->nslots = nold == 0 ? 16 : nold * 2;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	for (i = 0; i < nold; i++) {
		if (old[i].key == NULL)
			continue;
		e = find_slot(m, old[i].key, strlen(old[i].key), old[i].hash);
		*e = old[i];
	}
	free(old);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_entry	*e;
	size_t			 n = strlen(key), h = hash_bytes(key, n);
	void			*prev;

	if ((m->count + 1) * 2 > m->nslots)
		grow(m);
	e = find_slot(m, key, n, h);
	if (e->key != NULL) {
		prev = e->value;
		e->value = value;
		return prev;
	}
	e->key = xstrdup(key);
	e->hash = h;
	e->value = value;
	m->count++;
	return NULL;
}

void *
strmap_getn(const struct strmap *m, const char *key, size_t n)
{
	struct strmap_entry	*e;

	if (m->count == 0)
		return NULL;
	e = find_slot(m, key, n, hash_bytes(key, n));
	return e->key == NULL ? NULL : e->value;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	return strmap_getn(m, key, strlen(key));
}

struct strmap_entry *
strmap_next(const struct strmap *m, size_t *pos)
{
	while (*pos < m->nslots) {
		struct strmap_entry *e = &m->slots[(*pos)++];

		if (e->key != NULL)
			return e;
	}
	return NULL;
}
