/*
 * formdir.c: the forms search path.  Forms are found by loading them:
 * the id and version that count are the ones in the file, not its name.
 * To find one form, the others are only peeked at (form_peek()): loading
 * a large form costs milliseconds, and every command on a report starts
 * by finding its form.
 */
#include "common.h"

#include <dirent.h>

#include "form.h"
#include "formdir.h"

void
formdir_init(struct formdir *fd, const char *const *dirs, size_t n,
    const char *home)
{
	size_t	 i;

	memset(fd, 0, sizeof(*fd));
	fd->dirs = xcalloc(n + 2, sizeof(*fd->dirs));
	for (i = 0; i < n; i++)
		fd->dirs[fd->ndirs++] = xstrdup(dirs[i]);
	if (home != NULL)
		xasprintf(&fd->dirs[fd->ndirs++], "%s/forms", home);
	fd->dirs[fd->ndirs++] = xstrdup(PKGDATADIR "/forms");
}

void
formdir_release(struct formdir *fd)
{
	size_t	 i;

	for (i = 0; i < fd->ndirs; i++)
		free(fd->dirs[i]);
	free(fd->dirs);
	memset(fd, 0, sizeof(*fd));
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.xml files of dir, sorted; NULL when there is no such dir. */
static char **
xml_files(const char *dir, size_t *n)
{
	struct dirent	*d;
	char		**v = NULL;
	size_t		 len;
	DIR		*dp;

	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((d = readdir(dp)) != NULL) {
		len = strlen(d->d_name);
		if (d->d_name[0] == '.' || len < 5 ||
		    strcmp(d->d_name + len - 4, ".xml") != 0)
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		xasprintf(&v[(*n)++], "%s/%s", dir, d->d_name);
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), name_cmp);
	return v;
}

/* Whether the file at path is called ID.xml. */
static bool
named(const char *path, const char *id)
{
	const char	*base = strrchr(path, '/');
	size_t		 n = strlen(id);

	base = base == NULL ? path : base + 1;
	return strncmp(base, id, n) == 0 && strcmp(base + n, ".xml") == 0;
}

/*
 * Loads the forms of every folder in order.  With want not NULL, stops
 * at the first form with that id (and version) and keeps it in *found.
 */
static void
scan(const struct formdir *fd, const char *want, const char *version,
    struct formdir_form **out, size_t *nout, struct form **found)
{
	struct formdir_form	*list = NULL, *e;
	struct buf		 err = BUF_INIT;
	struct form		*f;
	char			**files;
	size_t			 i, k, j, n = 0, nfiles;

	for (i = 0; i < fd->ndirs; i++) {
		files = xml_files(fd->dirs[i], &nfiles);
		for (k = 0; k < nfiles; k++) {
			list = xreallocarray(list, n + 1, sizeof(*list));
			e = &list[n++];
			memset(e, 0, sizeof(*e));
			e->path = files[k];
			if (found != NULL && *found != NULL)
				continue;
			/* Looking for one form, a form with another id (or
			 * version) need not be loaded: a peek says, except
			 * in the file named after the id, likely the one. */
			if (want != NULL && !named(e->path, want) &&
			    form_peek(e->path, &e->id, &e->version) == 0) {
				if (strcmp(e->id, want) != 0 ||
				    (version != NULL &&
				    strcmp(e->version, version) != 0))
					continue;
				free(e->id);
				free(e->version);
				e->id = e->version = NULL;
			}
			buf_reset(&err);
			if ((f = form_load(e->path, 0, &err)) == NULL) {
				e->error = xstrdup(err.s);
				continue;
			}
			e->id = xstrdup(form_id(f));
			e->version = xstrdup(form_version(f));
			e->title = xstrdup(form_title(f));
			for (j = 0; j + 1 < n; j++)
				if (list[j].id != NULL &&
				    strcmp(list[j].id, e->id) == 0)
					e->shadowed = true;
			if (want != NULL && strcmp(e->id, want) == 0 &&
			    (version == NULL ||
			    strcmp(e->version, version) == 0))
				*found = f;
			else
				form_free(f);
		}
		free(files);
	}
	buf_release(&err);
	*out = list;
	*nout = n;
}

void
formdir_scan(const struct formdir *fd, struct formdir_form **out,
    size_t *nout)
{
	scan(fd, NULL, NULL, out, nout, NULL);
}

void
formdir_list_free(struct formdir_form *list, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(list[i].path);
		free(list[i].id);
		free(list[i].version);
		free(list[i].title);
		free(list[i].error);
	}
	free(list);
}

int
formdir_load(const struct formdir *fd, const char *name, const char *version,
    struct form **out, struct buf *err)
{
	struct formdir_form	*list;
	size_t			 n, i, len = strlen(name);
	bool			 other = false;

	*out = NULL;
	if (strchr(name, '/') != NULL || (len > 4 &&
	    strcmp(name + len - 4, ".xml") == 0))
		return (*out = form_load(name, 0, err)) == NULL ? -1 : 0;
	scan(fd, name, version, &list, &n, out);
	for (i = 0; i < n; i++)
		if (list[i].id != NULL && strcmp(list[i].id, name) == 0)
			other = true;
	formdir_list_free(list, n);
	if (*out != NULL)
		return 0;
	if (other)
		return buf_errf(err, _("form '%s' version '%s' is not "
		    "available; only other versions are"), name, version);
	return buf_errf(err, _("no form '%s' in the forms folders; "
	    "'coopreport forms' lists them"), name);
}
