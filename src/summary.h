/*
 * summary.h: the derived summary cache that lets "list" and "status"
 * skip reading 100,000 envelopes (issue #4; the file format is in
 * coopreport-store(5), section THE SUMMARY CACHE).
 *
 * Purpose: <store>/cache/summary holds, for each entry, the envelope
 * keys that list and status print (enum summary_key), next to a stamp of the
 * entry's envelope file: its inode number, size and change time (ctime,
 * in nanoseconds); its first line holds the store's stamp
 * (store_stamp(): the lock, which every writer moves forward with
 * file_stamp() before it changes anything, and the state directories).
 * When the store's stamp is the cache's, nothing changed since it was
 * written and a reader takes every line as it is, without a stat() per
 * entry.  Otherwise it checks each entry with one fstatat() of its
 * envelope (every change of an envelope changes its stamp: a replacement
 * through file_write_atomic() gives a new inode and ctime, an edit in
 * place a new ctime, and nobody can set a ctime back) and reads the
 * envelope itself only when the stamps differ, the entry is not in the
 * cache, or the cache line is damaged.  The cache is never the truth: a
 * missing, stale, truncated, damaged or older-format cache makes a
 * reader slower, never wrong, and nothing but this module reads it.  The
 * one change the store's stamp misses is a hand edit inside an entry;
 * coopreport-store(5) says to run fsck (a writer) after one.
 *
 * Who writes it: the readers, as a last best-effort step, when they have
 * walked every state and found the store's stamp changed or the cache
 * missing or damaged, and only when no writer held the lock before or
 * after the walk and the store's stamp did not move meanwhile, so that
 * every line is true of the stamp it is written with.  The write goes
 * through file_write_atomic() (a temp file, then one rename), so a
 * reader sees the old cache or the new one; it takes no lock and waits
 * for nobody, so readers still never block; any failure (a read-only
 * store, a full disk, a fault) is ignored.  Two processes writing at
 * once each write a correct cache and the last rename wins.  A store
 * stamp, or an envelope, changed less than SUMMARY_RACY_SECS before the
 * walk starts is not written, so that a change in the same clock tick as
 * the stamp cannot go unseen (git's "racy clean" rule).  Writers never
 * touch the cache; fsck ignores it; removing it is always safe.
 *
 * Calling sequence: summary_open(store) before walking;
 * summary_get(sum, entry, &row, err) in place of draft_envelope() for
 * each entry, in store_walk() order (state by state, oldest first): row
 * then holds the values of the keys of enum summary_key, from the cache or
 * from the envelope; summary_close(sum, complete) at the end, complete
 * when every state was walked in full (only then may the cache be
 * rewritten).
 * With COOPREPORT_TEST_NO_SUMMARY=1 in the environment the cache is
 * neither read nor written (the tests compare with and without it);
 * with COOPREPORT_TEST_SUMMARY_TRACE=1, "list" says on stderr how many
 * envelopes came from the cache (summary_counts()).
 *
 * Error handling: summary_open() and summary_close() never fail.
 * summary_get() returns what draft_envelope() returns: STORE_OK, or a
 * negative store_status with err set when the envelope is damaged (the
 * row is then all NULL).
 *
 * Ownership: the summary borrows the store, which must outlive it;
 * summary_close() frees it.  The strings of a row belong to the summary
 * and last until the next summary_get() or summary_close().
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include "envelope.h"
#include "store.h"

#define SUMMARY_VERSION		2
#define SUMMARY_RACY_SECS	2

/* The envelope keys that list and status use; summary_keys[k] is the
 * name of key k. */
enum summary_key {
	SUMMARY_FORM_ID,
	SUMMARY_FORM_VERSION,
	SUMMARY_PERIOD,
	SUMMARY_TAX_CODE,
	SUMMARY_CREATED,
	SUMMARY_UPDATED,
	SUMMARY_STATE_CHANGED,
	SUMMARY_NEXT_TRY,
	SUMMARY_LAST_ERROR,
	SUMMARY_NKEYS
};

/* The values of one entry's envelope keys; NULL for an absent key. */
struct summary_row {
	const char	*v[SUMMARY_NKEYS];
};

struct summary;

extern const char *const summary_keys[];	/* NULL-terminated */

struct summary *summary_open(struct store *);
int	 summary_get(struct summary *, const struct store_entry *,
	    struct summary_row *, struct buf *);
/* As envelope_get_time(): 1 and *t, 0 when absent, -1 when malformed. */
int	 summary_row_time(const struct summary_row *, enum summary_key,
	    time_t *);
void	 summary_close(struct summary *, int);
/* How many envelopes came from the cache and how many were read. */
void	 summary_counts(const struct summary *, size_t *, size_t *);

#endif /* SUMMARY_H */
