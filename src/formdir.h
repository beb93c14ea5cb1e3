/*
 * formdir.h: where form definitions are found.
 *
 * Purpose: forms come from every --forms DIR (in the order given), then
 * $COOPREPORT_HOME/forms, then the installed $(pkgdatadir)/forms; each
 * form is a file NAME.xml, with its media in NAME-media/ beside it.  The
 * first directory that has a form id wins; a later form with the same id
 * is shadowed.
 *
 * Calling sequence:
 *	formdir_init(&fd, ctx_dirs, n, home);
 *	formdir_scan(&fd, &list, &n);		every usable form
 *	formdir_load(&fd, "htx-cds-01", NULL, &form, &err);
 *	formdir_release(&fd);
 *
 * Error handling: formdir_load() returns -1 with one line in err when no
 * form has that id (and version), or when the form does not load;
 * formdir_scan() never fails: a form that does not load is listed with
 * its error, for the caller to report.
 *
 * Ownership: struct formdir copies the directories; the entries from
 * formdir_scan() are freed with formdir_list_free(); the form from
 * formdir_load() is the caller's to free with form_free().
 */
#ifndef FORMDIR_H
#define FORMDIR_H

struct form;

struct formdir {
	char		**dirs;
	size_t		 ndirs;
};

struct formdir_form {
	char		*path;
	char		*id;		/* NULL when it did not load */
	char		*version;
	char		*title;
	char		*error;		/* why it did not load, or NULL */
	bool		 shadowed;	/* an earlier directory has this id */
};

void	 formdir_init(struct formdir *, const char *const *, size_t,
	    const char *);
void	 formdir_release(struct formdir *);
void	 formdir_scan(const struct formdir *, struct formdir_form **,
	    size_t *);
void	 formdir_list_free(struct formdir_form *, size_t);
/* Loads a form by id (and version, when not NULL), or by the path of its
 * file when name contains a '/' or ends in ".xml". */
int	 formdir_load(const struct formdir *, const char *, const char *,
	    struct form **, struct buf *);

#endif /* FORMDIR_H */
