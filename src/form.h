/*
 * form.h: an ODK XForm, loaded and checked, ready to fill in reports.
 *
 * Purpose: read a form definition (h:title; the model with its primary
 * and secondary instances, binds, itext translations and actions; the
 * body with its controls) into a struct form that report.h fills in.
 * The loader refuses what it cannot honour: a form that uses a feature
 * coopreport does not support (geo widgets, external apps, ...) is named
 * as such at load time, never half-understood.
 *
 * Calling sequence:
 *	f = form_load("forms/htx-cds-01.xml", 0, &err);
 *	form_select_lang(f, "vi");
 *	... report_new(f, ...) ...
 *	form_free(f);
 * Secondary instances written as jr://file/x.xml or jr://file-csv/x.csv
 * are read from the folder "<form file name without .xml>-media" next to
 * the form.  form_lint() loads a form the same way but collects every
 * problem it finds, for "coopreport lint".
 *
 * Safety: the XML is read with no network access, no DTD (a document
 * type declaration is refused at once, so no entity is ever expanded),
 * at most FORM_MAX_SIZE bytes and bounded nesting.
 *
 * Error handling: form_load() returns NULL and puts one line in err:
 * "FILE:LINE: what is wrong".  When a form has several problems, the
 * message names the first and says how many more "coopreport lint"
 * would show.
 *
 * Ownership: the caller frees a struct form with form_free() after every
 * report that uses it.  Returned strings belong to the form.
 */
#ifndef FORM_H
#define FORM_H

struct form;

enum form_load_flags {
	FORM_LOAD_LINT = 1 << 0,	/* keep going; also run lint's checks */
};

struct form *form_load(const char *, unsigned, struct buf *);
/* The same from memory; name is used in messages, media_dir may be
 * NULL (then external instances cannot be found). */
struct form *form_load_mem(const char *, size_t, const char *, const char *,
	    unsigned, struct buf *);
void	 form_free(struct form *);
/*
 * The id and version of the form in the file at path (version "" when it
 * has none), read from the first bytes only, without loading the form:
 * 0 and two strings to free(), or -1 when they cannot be read so (then
 * only form_load() tells; it may still succeed).  What form_load() would
 * report when it succeeds.
 */
int	 form_peek(const char *, char **, char **);

const char *form_id(const struct form *);
const char *form_version(const struct form *);
const char *form_title(const struct form *);
const char *form_path(const struct form *);

/*
 * Chooses the translation of labels: the one whose lang attribute is code
 * or ends in "(code)", else the form's default.  Returns 0 when the form
 * has a translation for code, -1 when it falls back to the default.
 */
int	 form_select_lang(struct form *, const char *);

/*
 * Lint: every problem of the form at path, one line each, appended to out
 * as "FILE:LINE: message".  Returns how many there are (0: clean).
 */
size_t	 form_lint(const char *, struct buf *);

#endif /* FORM_H */
