/*
 * fsck.h: checking a whole store, and putting damaged reports aside
 * (issue #4, "coopreport fsck").
 *
 * Purpose: fsck_run() checks every entry of every state except
 * quarantine/: that it is a directory with a valid name; its envelope
 * (it parses, is valid, and names the entry's uuid); its history (the
 * hash chain, and its end against the envelope's anchor, history.h); and
 * the files its state needs: instance.xml in a draft; submission.xml in
 * outbox/, sent/ and failed/, well-formed and with the SHA-256 that the
 * envelope recorded when it was finalized; every attachment the envelope
 * names.  It also names what is in a state directory and is not a
 * report, and an id found in two places.
 *
 * Then, unless asked only to look, it acts: a damaged entry is moved
 * whole to quarantine/ (never deleted, never repaired: what is damaged
 * is for a person to look at); an envelope whose anchor is lines
 * behind its history (an interrupted command) or that has none yet (an
 * entry from before anchors) is brought up to date, which loses nothing.
 * Nothing else is changed.  The actions are all or nothing: when one
 * fails, those already made are undone.
 *
 * Calling sequence: fsck_run(store, flags, &res, &err); read res.v;
 * fsck_result_release(&res).
 *
 * Error handling: fsck_run() returns 0 when it could check and act (what
 * it found is in res), or a negative store_status with one line in err.
 *
 * Ownership: struct fsck_result owns its problems and their strings.
 */
#ifndef FSCK_H
#define FSCK_H

struct store;

enum fsck_flags {
	FSCK_DRY_RUN = 1 << 0,		/* look, change nothing */
};

enum fsck_kind {
	FSCK_DAMAGE,			/* the entry is moved to quarantine/ */
	FSCK_REPAIR,			/* the envelope's anchor is updated */
	FSCK_STRAY,			/* a person must look: not moved */
};

struct fsck_problem {
	enum fsck_kind	 kind;
	char		*what;		/* one line that names the file */
	int		 done;		/* the action was made */
};

struct fsck_result {
	struct fsck_problem *v;
	size_t		 n;
	size_t		 checked;	/* entries */
	size_t		 damaged;	/* entries with FSCK_DAMAGE */
	size_t		 quarantined;	/* already in quarantine/ */
};

int	 fsck_run(struct store *, unsigned, struct fsck_result *,
	    struct buf *);
void	 fsck_result_release(struct fsck_result *);

#endif /* FSCK_H */
