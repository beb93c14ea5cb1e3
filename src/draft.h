/*
 * draft.h: a report being filled in, as kept in the store's drafts/.
 *
 * Purpose: the one place where reports meet the store.  A draft is a
 * store entry (STYLE.md rule 14) holding
 *	instance.xml	the report's instance, every value kept
 *	envelope	form-id, form-version, created, instance-id
 *	history		created, set, import, validate, ... events
 *	FILE		each file given to an upload question
 * The entry's uuid is the uuid of the report's instanceID, so the
 * directory and the submission name the same report.
 *
 * Calling sequence:
 *	draft_new(store, forms, "htx-cds-01", "vi", now, &d, &err);
 *	draft_open(store, forms, "3f2a", "vi", now, &d, &err);
 *	draft_answer(d, "members_total", "12", NULL, &err);	...
 *	draft_save(d, "set", "members_total", &err);
 *	draft_free(d);
 * Opening finds the form by the id and version in the envelope, on the
 * forms search path (formdir.h), and selects lang in it.
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

struct store;
struct store_entry;
struct envelope;
struct form;
struct report;
struct formdir;

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

int	 draft_new(struct store *, const struct formdir *, const char *,
	    const char *, time_t, struct draft **, struct buf *);
int	 draft_open(struct store *, const struct formdir *, const char *,
	    const char *, time_t, struct draft **, struct buf *);
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
/* Writes the uploads, then the instance, then a history event. */
int	 draft_save(struct draft *, const char *, const char *, struct buf *);
/* Appends an event to the history without saving the instance. */
int	 draft_log(struct draft *, const char *, const char *, struct buf *);
void	 draft_short_id(const struct draft *, char *, size_t);
void	 draft_free(struct draft *);

#endif /* DRAFT_H */
