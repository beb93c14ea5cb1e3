/*
 * strmap.h: a hash table from strings to pointers, so that the form
 * engine finds a bind, a node or an itext entry by its name in constant
 * time instead of scanning a list.
 *
 * Calling sequence: embed a struct strmap and call strmap_init(); add
 * entries with strmap_put(), find them with strmap_get(), visit them with
 * strmap_next(); strmap_release() frees the table and its copies of the
 * keys (never the values).
 *
 * Error handling: nothing fails; allocation failure aborts (xmalloc.h).
 *
 * Ownership: the map copies each key; values belong to the caller.
 */
#ifndef STRMAP_H
#define STRMAP_H

struct strmap_entry {
	char		*key;		/* NULL for an empty slot */
	size_t		 hash;
	void		*value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t		 nslots;	/* 0 or a power of two */
	size_t		 count;
};

void	 strmap_init(struct strmap *);
void	 strmap_release(struct strmap *);
/* Sets key to value; returns the value it replaces, or NULL. */
void	*strmap_put(struct strmap *, const char *, void *);
void	*strmap_get(const struct strmap *, const char *);
/* The same for a key of n bytes that need not end with NUL. */
void	*strmap_getn(const struct strmap *, const char *, size_t);
/* Iteration: start with *pos = 0; returns NULL at the end. */
struct strmap_entry *strmap_next(const struct strmap *, size_t *);

#endif /* STRMAP_H */
