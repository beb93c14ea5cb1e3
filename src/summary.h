/*
 * summary.h: the derived summary cache that lets "list" and "status"
 * skip reading 100,000 envelopes (issue #4; the file format is in
 * coopreport-store(5), section THE SUMMARY CACHE).
 *
 * Purpose: <store>/cache/summary holds, for each entry, the envelope
 * keys that list and status print (SUMMARY_KEYS), next to a stamp of the
 * entry's envelope file: its inode number, size and change time (ctime,
 * in nanoseconds).  Every change of an envelope changes its stamp: a
 * replacement through file_write_atomic() gives a new inode and ctime, an
 * edit in place a new ctime and usually a new size, and nobody can set a
 * ctime back.  So a reader checks each entry with one fstatat() and reads
 * the envelope itself only when the stamps differ, the entry is not in
 * the cache, or the cache line is damaged.  The cache is never the truth:
 * a missing, stale, truncated, damaged or older-format cache makes a
 * reader slower, never wrong, and nothing but this module reads it.
 *
 * Who writes it: the readers, as a last best-effort step, when they have
 * walked every state and found the cache missing or stale enough to be
 * worth rewriting.  The write goes through file_write_atomic() (a temp
 * file, then one rename), so a reader sees the old cache or the new one;
 * it takes no lock and waits for nobody, so readers still never block;
 * any failure (a read-only store, a full disk, a fault) is ignored.  Two
 * processes writing at once each write a correct cache and the last
 * rename wins.  An envelope whose ctime is less than SUMMARY_RACY_SECS
 * old when the walk starts is not cached, so that a change in the same
 * clock tick as the stamp cannot go unseen (git's "racy clean" rule).
 * Writers never touch the cache; fsck ignores it; removing it is always
 * safe.
 *
 * Calling sequence: summary_open(store) before walking;
 * summary_envelope(sum, entry, env, err) in place of draft_envelope() for
 * each entry, in store_walk() order (state by state, oldest first);
 * summary_close(sum, complete) at the end, complete when every state was
 * walked in full (only then may the cache be rewritten).  Callers may read
 * only SUMMARY_KEYS from an envelope that summary_envelope() filled.
 * With COOPREPORT_TEST_NO_SUMMARY=1 in the environment the cache is
 * neither read nor written (the tests compare with and without it);
 * with COOPREPORT_TEST_SUMMARY_TRACE=1, "list" says on stderr how many
 * envelopes came from the cache (summary_counts()).
 *
 * Error handling: summary_open() and summary_close() never fail.
 * summary_envelope() returns what draft_envelope() returns: STORE_OK, or
 * a negative store_status with err set when the envelope is damaged.
 *
 * Ownership: the summary borrows the store, which must outlive it;
 * summary_close() frees it.
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include "envelope.h"
#include "store.h"

#define SUMMARY_VERSION		1
#define SUMMARY_RACY_SECS	2

struct summary;

extern const char *const summary_keys[];	/* NULL-terminated */

struct summary *summary_open(struct store *);
int	 summary_envelope(struct summary *, const struct store_entry *,
	    struct envelope *, struct buf *);
void	 summary_close(struct summary *, int);
/* How many envelopes came from the cache and how many were read. */
void	 summary_counts(const struct summary *, size_t *, size_t *);

#endif /* SUMMARY_H */
