/*
 * report.h: one report being filled in: one instance document of a form.
 *
 * Purpose: answers are set and read by path, checked against their type
 * as they are set, and everything that depends on an answer is
 * recomputed (recalc.c) so that relevance, requiredness and computed
 * values are always current.  Validation lists what stops the report
 * from being finalized, and the warnings that need an explanation.
 *
 * Paths: relative to the instance root ("members_total",
 * "certifications[2]/cert_type") or absolute ("/data/members_total").  A
 * step without an index means its first instance.
 *
 * Calling sequence:
 *	r = report_new(form, time(NULL), &err);	or report_load(form, xml...)
 *	report_set(r, "members_total", "12", &err);
 *	report_validate(r, &problems);
 *	xml = report_save(r, &len);		the draft, every value kept
 *	report_free(r);
 * The form must outlive the report; its chosen language (form.h,
 * form_select_lang) gives the labels and the form's messages.
 *
 * Error handling: functions that can fail return -1 (or NULL) and put one
 * line in err naming the path, e.g. "'members_total': 'abc' is not a
 * whole number".  A failed report_set() changes nothing.
 *
 * Ownership: returned strings are the caller's to free(); struct
 * report_problems owns its entries until report_problems_release().
 */
#ifndef REPORT_H
#define REPORT_H

#include <time.h>

struct form;
struct report;

enum report_severity {
	REPORT_ERROR,			/* blocks finalize */
	REPORT_WARNING,			/* needs a written explanation */
};

enum report_kind {
	REPORT_KIND_REQUIRED,		/* required, relevant and empty */
	REPORT_KIND_TYPE,		/* not of the question's type */
	REPORT_KIND_CONSTRAINT,		/* fails the form's constraint */
	REPORT_KIND_WARNING,		/* fails a coop:warning check */
	REPORT_KIND_EVAL,		/* an expression of the form failed */
};

struct report_problem {
	enum report_severity severity;
	enum report_kind kind;
	char		*path;		/* "certifications[2]/expires" */
	char		*label;		/* in the chosen language, or "" */
	char		*message;	/* the form's, or our default */
};

struct report_problems {
	struct report_problem *v;
	size_t		 n;
	size_t		 nerrors;
};

/* A new report: preloads (instanceID, timeStart, ...), the
 * odk-instance-first-load actions, then a full recalculation. */
struct report *report_new(struct form *, time_t, struct buf *);
/* A report from a saved instance (report_save()). */
struct report *report_load(struct form *, const char *, size_t, time_t,
	    struct buf *);
void	 report_free(struct report *);

/* The working instance, every value kept (for the draft). */
char	*report_save(struct report *, size_t *);
/* The instance as it is submitted: non-relevant nodes and repeat
 * templates left out. */
char	*report_submission(struct report *, size_t *);

int	 report_set(struct report *, const char *, const char *, struct buf *);
char	*report_get(struct report *, const char *, struct buf *);
/* The type of the answer at path ("int", "select1", "binary", ...), or
 * NULL with err when there is no such question. */
const char *report_type(struct report *, const char *, struct buf *);

/*
 * An upload question: checks that a file called name, whose first bytes
 * are head, is of a type the control accepts (its mediatype).
 */
int	 report_check_file(struct report *, const char *, const char *,
	    const void *, size_t, struct buf *);

/* Repeats: path names the repeat ("certifications").  add returns the
 * index of the new instance (from 1); remove takes "certifications[2]". */
int	 report_repeat_add(struct report *, const char *, struct buf *);
int	 report_repeat_remove(struct report *, const char *, struct buf *);

/* Recomputes everything (report_set() recomputes what depends on the
 * answer by itself); now is the time for now() and today(). */
void	 report_recalc(struct report *, time_t);

/* Every problem of the report; nerrors counts REPORT_ERROR ones. */
void	 report_validate(struct report *, struct report_problems *);
/* The problems of the answer at path alone (after report_set()). */
void	 report_check(struct report *, const char *, struct report_problems *);
void	 report_problems_release(struct report_problems *);
/* "PATH: message — label", with "warning: " before the message of a
 * warning: the line "coopreport validate" prints. */
void	 report_problem_format(const struct report_problem *, struct buf *);

/*
 * The written explanation of a warning, kept in the instance as
 * <coop:explanation ref="/data/...">text</coop:explanation> inside the
 * meta block; a second one for the same path replaces the first.
 */
int	 report_explain(struct report *, const char *, const char *,
	    struct buf *);

/* The absolute path of the answer at path, with an index on each repeat
 * step ("/data/certifications[1]/expires"), or NULL; caller frees. */
char	*report_canonical_path(struct report *, const char *);
/* The explanation kept for the answer at path, or NULL; caller frees. */
char	*report_explanation(struct report *, const char *);
/* Removes the explanations of answers that have no warning in ps (the
 * answer was changed since, so the warning no longer stands); returns
 * how many it removed.  finalize calls it on the final problems. */
size_t	 report_drop_explanations(struct report *,
	    const struct report_problems *);

/*
 * The files the submission refers to: the answers of relevant upload
 * questions, in document order, each name once.  The caller frees each
 * name and the array.
 */
size_t	 report_files(struct report *, char ***);

enum report_copy_flags {
	REPORT_COPY_FILES = 1 << 0,	/* upload answers too */
	REPORT_COPY_EXPLANATIONS = 1 << 1,	/* and the explanations */
};

/*
 * Prefill: copies into dst every answer of src that a person gave, in
 * document order, by path, as report_set() would set it, so that dst's
 * actions run as they would for a person: repeat entries are added,
 * computed and read-only answers are left to dst's form, the meta block
 * is left alone, and so is any question whose name is in skip (a NULL-
 * terminated list, or NULL).  The forms of src and dst may differ (an
 * older version, or another form with the same identity block): a
 * question dst does not have is left out, and an answer dst refuses is
 * left out and named, one line "PATH: why", in notes.  Returns how many
 * answers were copied.
 */
size_t	 report_copy_answers(struct report *, struct report *, unsigned,
	    const char *const *, struct buf *);

/* meta/instanceID, or "" when the form has none. */
const char *report_instance_id(struct report *);
/*
 * For finalize and amendments (issue #4): sets meta/NAME (instanceID,
 * deprecatedID, ...) whatever its bind says; -1 when the form has no such
 * node, except that meta/deprecatedID, which the OpenRosa metadata lets a
 * client add, is then added to the meta block.  report_stamp_end() fills
 * the "end" timestamps: meta/timeEnd and every jr:preload="timestamp"
 * jr:preloadParams="end".
 */
int	 report_set_meta(struct report *, const char *, const char *,
	    struct buf *);
void	 report_stamp_end(struct report *, time_t);

/* Plain text: every relevant question by section, label and answer. */
void	 report_render_text(struct report *, struct buf *);

#endif /* REPORT_H */
