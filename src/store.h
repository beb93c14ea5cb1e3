/*
 * store.h: the crash-safe spool of reports under $COOPREPORT_HOME
 * (STYLE.md rules 14, 17 and 18; the layout is in coopreport-store(5)).
 *
 * Purpose: the store is a directory holding drafts/, outbox/, sent/,
 * failed/, quarantine/, tmp/, forms/ and the file lock.  A report is an
 * entry: a directory <unix-time>.<uuid> in exactly one state directory,
 * holding files such as envelope, history, instance.xml, submission.xml
 * and attachments.  An entry is assembled in tmp/ and renamed into
 * drafts/; a change of state is one rename of the whole directory; a file
 * of an entry is replaced whole through file_write_atomic(); a deleted
 * entry is renamed into tmp/ before it is removed.  So a crash at any
 * point leaves every state directory holding complete entries only, and
 * what is half done lies in tmp/, which a writer sweeps when it opens
 * the store (entries older than 24 hours).
 *
 * Calling sequence:
 *	store_default_path() -> the path of $COOPREPORT_HOME;
 *	store_open(path, flags, &store, err);
 *	store_check_space(store, err) before new work;
 *	store_entry_name(time, uuid) -> the name a new entry will have, for
 *	a first history line (history_start()) written with the entry;
 *	store_entry_create(), store_entry_find(), store_walk() give entries;
 *	store_entry_read(), store_entry_write(), store_entry_move(),
 *	store_entry_delete() act on them;
 *	store_entry_free() each entry; store_close() at the end.
 * A command that changes several files of one entry goes through a
 * struct store_edit: store_edit_init(&ed, entry), store_edit_write()
 * for each file and store_edit_move() last (the commit point), then, if
 * any step failed, store_edit_undo() puts back what the earlier steps
 * changed, so that a failed command leaves the entry as it was;
 * store_edit_release() in every case.
 * A command that changes the store opens it with STORE_WRITE; it then
 * holds an fcntl() write lock on <store>/lock until store_close() (or
 * its death: the kernel drops the lock, so nothing stale is left).
 * Readers pass no flag, take no lock, never block and create nothing
 * but the derived cache/summary of list and status (summary.h), best
 * effort; a missing store reads as an empty one.  Functions that change the
 * store need a store opened with STORE_WRITE and abort otherwise.
 *
 * Error handling: functions return STORE_OK (0) or a negative enum
 * store_status with one line in err.  STORE_TEMPFAIL means "try again
 * later": another coopreport holds the lock ("store '%s' is locked by
 * another coopreport"), the disk is nearly full (store_check_space()),
 * or a write ran out of space; the command exits with
 * store_exit_code(rc), i.e. EXIT_CODE_TEMPFAIL (75).  STORE_ERROR is any
 * other failure (exit 1).  A failed change leaves the store as it was,
 * with one exception documented in file.h: when only the last directory
 * sync of a file replacement fails, the new file is in place.
 *
 * A crash (unlike a failure) leaves the steps of an edit done up to that
 * point; each step is a whole file or a whole entry, and the callers
 * order their steps so that every prefix is a state they understand
 * (draft.h, history.h).
 *
 * Ownership: struct store and struct store_entry belong to the caller
 * and are freed with store_close() and store_entry_free().  An entry
 * keeps a pointer to its store, which must outlive it.  Strings inside
 * them are borrowed.  store_walk() lends each entry to the callback for
 * the duration of the call only.
 */
#ifndef STORE_H
#define STORE_H

#include <sys/stat.h>

#include <time.h>

#include "uuid.h"

enum store_status {
	STORE_OK = 0,		/* done */
	STORE_ERROR = -1,	/* failed; err says why; exit 1 */
	STORE_TEMPFAIL = -2,	/* busy or disk full; exit 75, try later */
};

/* The state directories, in the order reports go through them. */
enum store_state {
	STORE_DRAFTS,		/* being filled in; may be edited */
	STORE_OUTBOX,		/* finalized, submission.xml frozen: upload */
	STORE_SENT,		/* the server accepted it (201/202) */
	STORE_FAILED,		/* the server rejected it for good */
	STORE_QUARANTINE,	/* damaged; put aside by fsck, never deleted */
};
#define STORE_NSTATES	5

enum store_flags {
	STORE_WRITE = 1 << 0,	/* create the layout and take the lock */
};

#define STORE_ID_MIN		4	/* hex digits of the shortest id */
#define STORE_SHORT_ID_LEN	8	/* the id that listings show */
#define STORE_FILE_MAX		(64 * 1024 * 1024)	/* store_entry_read */
#define STORE_SWEEP_AGE		(24 * 60 * 60)		/* seconds, tmp/ */

struct store {
	char		*path;
	int		 flags;		/* enum store_flags */
	int		 lock_fd;	/* -1 for a reader */
	int		 missing;	/* a reader found no store at all */
	int		 state_fd[STORE_NSTATES]; /* opened when first read */
};

struct store_entry {
	struct store	*store;
	enum store_state state;
	char		*name;		/* <unix-time>.<uuid> */
	char		*path;		/* <store>/<state>/<name> */
	char		 uuid[UUID_STRLEN + 1];
	time_t		 time;		/* from the name: when it was created */
};

/* One file of a new entry, for store_entry_create(). */
struct store_file {
	const char	*name;
	const void	*data;
	size_t		 len;
};

/* What one file held before a struct store_edit changed it. */
struct store_undo {
	char		*name;
	int		 existed;	/* 0: the edit created the file */
	struct buf	 old;
};

/* The changes of one command to one entry, to undo after a failure. */
struct store_edit {
	struct store_entry *entry;	/* borrowed */
	struct store_undo *undo;	/* in the order they were made */
	size_t		 nundo;
	enum store_state from;		/* the state before a move */
	int		 moved;
	int		 changed;	/* a file was written */
};

/* Called for each entry in name order (oldest first); non-zero stops. */
typedef int	(*store_walk_fn)(const struct store_entry *, void *);

const char *store_state_name(enum store_state);
int	 store_state_from_name(const char *, enum store_state *);
enum exit_code store_exit_code(int);

char	*store_default_path(void);
int	 store_open(const char *, int, struct store **, struct buf *);
void	 store_close(struct store *);
int	 store_check_space(struct store *, struct buf *);
int	 store_sweep_tmp(struct store *, time_t, struct buf *);
/*
 * The store's change stamp, appended to out: the inode, modification
 * and change times of the lock, which every writer moves forward before
 * it changes anything (file_stamp()), and of each state directory, which
 * an entry moved by hand changes; "-" for one that is not there yet.
 * *newest is the latest change time of them.  0, or -1 when one of them
 * cannot be read.
 */
int	 store_stamp(struct store *, struct buf *, time_t *);
/* 1 when another process holds the writers' lock now, 0 when none does,
 * -1 when that cannot be told.  It takes no lock and never waits. */
int	 store_writer_active(struct store *);

char	*store_entry_name(time_t, const char *);
int	 store_entry_name_ok(const char *);
int	 store_entry_file_name_ok(const char *);
int	 store_entry_create(struct store *, const char *, time_t,
	    const struct store_file *, size_t, struct store_entry **,
	    struct buf *);
/* The same, straight into a state other than drafts/ (import-bundle). */
int	 store_entry_create_in(struct store *, enum store_state,
	    const char *, time_t, const struct store_file *, size_t,
	    struct store_entry **, struct buf *);
int	 store_entry_find(struct store *, const char *, struct store_entry **,
	    struct buf *);
int	 store_entry_move(struct store_entry *, enum store_state,
	    struct buf *);
int	 store_entry_write(struct store_entry *, const char *, const void *,
	    size_t, struct buf *);
int	 store_entry_read(const struct store_entry *, const char *,
	    struct buf *, struct buf *);
/* lstat() of one file of an entry, relative to the open state directory
 * (one system call; the summary cache checks 100,000 with it); -1 with
 * errno set. */
int	 store_entry_stat(const struct store_entry *, const char *,
	    struct stat *);
/* Entry names in store_walk() order: < 0, 0 or > 0, as strcmp(). */
int	 store_entry_name_cmp(const char *, const char *);
int	 store_entry_delete(struct store_entry *, struct buf *);
void	 store_entry_short_id(const struct store_entry *,
	    char [STORE_SHORT_ID_LEN + 1]);
struct store_entry *store_entry_copy(const struct store_entry *);
void	 store_entry_free(struct store_entry *);
int	 store_walk(struct store *, enum store_state, store_walk_fn, void *,
	    struct buf *);
/* Every directory entry of a state directory that is not a report
 * (fsck names them); the caller frees the array and its strings. */
int	 store_strangers(struct store *, enum store_state, char ***, size_t *,
	    struct buf *);

/*
 * Edits.  store_edit_write() replaces one file (doing nothing when it
 * already holds those bytes) after keeping what it held;
 * store_edit_move() moves the entry.  store_edit_undo() reverts them in
 * the opposite order and says in err what it could not revert.
 */
void	 store_edit_init(struct store_edit *, struct store_entry *);
int	 store_edit_write(struct store_edit *, const char *, const void *,
	    size_t, struct buf *);
int	 store_edit_move(struct store_edit *, enum store_state, struct buf *);
int	 store_edit_undo(struct store_edit *, struct buf *);
void	 store_edit_release(struct store_edit *);

#endif /* STORE_H */
