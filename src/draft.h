/*
 * draft.h: reports in the store: drafts being filled in, and the steps
 * of their life (issue #4): created (blank, prefilled, or as an
 * amendment), answered, validated, finalized into outbox/.
 *
 * Purpose: the one place where reports meet the store.  A report is a
 * store entry (STYLE.md rule 14) holding
 *	instance.xml	the report's instance, every value kept
 *	envelope	form-id, form-version, created, instance-id, period,
 *			tax-code, updated, history-head, ... (envelope.h)
 *	history		created, set, import, validate, finalize, ...
 *	submission.xml	the frozen submission, once finalized
 *	FILE		each file given to an upload question
 * The entry's uuid is the uuid of the report's instanceID, so the
 * directory and the submission name the same report.
 *
 * Calling sequence:
 *	draft_new(store, forms, "htx-cds-01", "vi", now, &d, &err);
 *	draft_create(..., &seed, &d, &notes, &err);	prefilled
 *	draft_open(store, forms, "3f2a", "vi", now, &d, &err);	drafts/
 *	draft_read(store, forms, "3f2a", "vi", now, &d, &err);	any state
 *	draft_answer(d, "members_total", "12", NULL, &err);	...
 *	draft_save(d, "set", "members_total", &err);
 *	draft_finalize(d, now, "1 warning explained", &err);
 *	draft_free(d);
 * Opening finds the form by the id and version in the envelope, on the
 * forms search path (formdir.h), and selects lang in it; a finalized
 * report, which is only read, falls back to another version of its form
 * when its own is gone.
 *
 * Crash safety: a command writes the files of one entry in this order,
 * through one struct store_edit: uploaded files, submission.xml,
 * instance.xml, history, envelope, and last the move of the entry (the
 * commit point of finalize).  A file that already holds the bytes is not
 * written, and an event that is already the history's last line (the
 * same words, from an interrupted run of the same command) is not
 * written again; so after a crash at any point, running the command
 * again ends exactly as one uninterrupted run, and until then every
 * state is one that fsck understands (an envelope lines behind its
 * history, history.h; a submission.xml in a draft, which finalize writes
 * again).  A failure (not a crash) undoes the steps already made.
 *
 * Error handling: 0, or a negative enum store_status with one line in
 * err; STORE_TEMPFAIL means busy or disk full (exit 75).
 *
 * Ownership: struct draft owns its form, report, envelope and entry;
 * draft_free() frees them all.  The store must outlive the draft.
 */
#ifndef DRAFT_H
#define DRAFT_H

#include <time.h>

#define DRAFT_INSTANCE		"instance.xml"
#define DRAFT_ENVELOPE		"envelope"
#define DRAFT_SUBMISSION	"submission.xml"

struct store;
struct store_entry;
struct envelope;
struct form;
struct report;
struct formdir;
struct profile;

struct draft_file {
	char		*name;
	struct buf	 data;
};

struct draft {
	struct store_entry *entry;
	struct envelope	*env;
	struct form	*form;
	struct report	*report;
	struct draft_file *files;	/* uploads to write on draft_save() */
	size_t		 nfiles;
};

/* Where the answers of a new draft come from (draft_create()). */
struct draft_seed {
	const struct store_entry *from;	/* a report to copy answers from */
	int		 amend;		/* ... as its amendment */
	const struct profile *profile;	/* identity answers, or NULL */
};

int	 draft_new(struct store *, const struct formdir *, const char *,
	    const char *, time_t, struct draft **, struct buf *);
/*
 * A new draft of form name (for an amendment, NULL: the form of the
 * report amended).  From a report, every answer a person gave is copied
 * (report_copy_answers()), except, for a new period, the answers that
 * belong to one report only (the period, the report kind, the signing
 * date and confirmation) and the uploads; an amendment copies everything,
 * uploads and explanations included, then takes a new instanceID, sets
 * meta/deprecatedID to the old one and, where the form has the fields,
 * report_kind B, amendment_no one more than the old one's and an empty
 * amendment_reason.  The profile's answers come last (not for an
 * amendment).  An answer the form refuses is left out, with one line
 * "PATH: why" in notes.
 */
int	 draft_create(struct store *, const struct formdir *, const char *,
	    const char *, time_t, const struct draft_seed *,
	    struct draft **, struct buf *, struct buf *);
int	 draft_open(struct store *, const struct formdir *, const char *,
	    const char *, time_t, struct draft **, struct buf *);
/* Like draft_open(), for a report in any state; for reading only. */
int	 draft_read(struct store *, const struct formdir *, const char *,
	    const char *, time_t, struct draft **, struct buf *);

/*
 * The newest report of form form_id (and of tax_code when not NULL) to
 * prefill a new one from: finalized (outbox/, sent/) first, else a
 * draft.  *out is NULL when there is none.
 */
int	 draft_last_saved(struct store *, const char *, const char *,
	    struct store_entry **, struct buf *);
/* The draft that amends instanceID iid, or *out NULL. */
int	 draft_find_amendment(struct store *, const char *,
	    struct store_entry **, struct buf *);

/* The envelope of any entry, parsed and checked: "report 'ID': why". */
int	 draft_envelope(const struct store_entry *, struct envelope *,
	    struct buf *);

/*
 * Sets the answer at path.  For an upload question, "@FILE" names a file
 * (relative to base when it is not absolute) whose copy goes into the
 * draft, under its own name, on draft_save(); the answer is that name.
 */
int	 draft_answer(struct draft *, const char *, const char *,
	    const char *, struct buf *);
/* One answer of a "set" or an "import". */
struct draft_change {
	const char	*path;
	const char	*value;
	const char	*where;		/* "answers.csv:12", or NULL */
};

/*
 * Applies the changes in order with draft_answer(), then checks each
 * answer given against the form's constraints, all answers being in:
 * a constraint that fails refuses the answer, as ODK Collect does, but
 * a warning does not.  Each refusal is one line "WHERE: message" added
 * to errs, each warning one line added to warns.  Returns the number of
 * refusals: when it is not 0, the caller must not save.
 */
size_t	 draft_apply(struct draft *, const struct draft_change *, size_t,
	    const char *, struct buf *, struct buf *);
/* Writes the uploads, the instance, a history event and the envelope. */
int	 draft_save(struct draft *, const char *, const char *, struct buf *);
/* Adds an event to the history (and the envelope's anchor) only. */
int	 draft_log(struct draft *, const char *, const char *, struct buf *);
/*
 * Finalizes a draft that validates (the caller has checked it and kept
 * the explanations): stamps timeEnd, freezes the submission bytes into
 * submission.xml, records its SHA-256 and the attachments it names in
 * the envelope, adds "finalize TEXT" to the history, and moves the entry
 * to outbox/: that rename is the commit point.
 */
int	 draft_finalize(struct draft *, time_t, const char *, struct buf *);
void	 draft_short_id(const struct draft *, char *, size_t);
void	 draft_free(struct draft *);

#endif /* DRAFT_H */
