/*
 * import.c: turning a "path,value" CSV file into answers.  The records
 * come from csv.c; this file decides what a header, a blank line and a
 * bad record are.
 */
#include "common.h"

#include <strings.h>

#include "csv.h"
#include "import.h"

struct import_state {
	struct import_answers *a;
	const char	*name;
	bool		 first;
};

static char *
keep(struct import_answers *a, char *s)
{
	a->strings = xreallocarray(a->strings, a->nstrings + 1,
	    sizeof(*a->strings));
	a->strings[a->nstrings++] = s;
	return s;
}

static char *
trimmed(const char *s)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static int
import_record(void *arg, size_t line, char **fields, size_t n,
    struct buf *err)
{
	struct import_state	*st = arg;
	struct import_answers	*a = st->a;
	struct draft_change	*c;
	char			*path, *where;
	bool			 first = st->first;

	st->first = false;
	if (n == 1 && fields[0][strspn(fields[0], " \t")] == '\0')
		return 0;
	if (n != 2)
		return buf_errf(err, _("%s:%zu: expected two fields, "
		    "path,value; found %zu"), st->name, line, n);
	path = trimmed(fields[0]);
	if (first && strcasecmp(path, "path") == 0) {
		free(path);
		return 0;
	}
	if (*path == '\0') {
		free(path);
		return buf_errf(err, _("%s:%zu: the path is empty"),
		    st->name, line);
	}
	xasprintf(&where, "%s:%zu", st->name, line);
	a->v = xreallocarray(a->v, a->n + 1, sizeof(*a->v));
	c = &a->v[a->n++];
	c->path = keep(a, path);
	c->value = keep(a, trimmed(fields[1]));
	c->where = keep(a, where);
	return 0;
}

int
import_read(const char *text, size_t len, const char *name,
    struct import_answers *a, struct buf *err)
{
	struct import_state	 st;
	size_t			 before = err->len;

	memset(a, 0, sizeof(*a));
	st.a = a;
	st.name = name;
	st.first = true;
	if (memchr(text, '\0', len) != NULL) {
		buf_errf(err, _("%s: this is not a text file"), name);
		return -1;
	}
	if (csv_parse(text, len, import_record, &st, err) == -1) {
		/* csv.c says "line N: ...": name the file too. */
		if (strncmp(err->s + before, name, strlen(name)) != 0)
			buf_wrapf(err, "%s", name);
		import_release(a);
		return -1;
	}
	return 0;
}

void
import_release(struct import_answers *a)
{
	size_t	 i;

	for (i = 0; i < a->nstrings; i++)
		free(a->strings[i]);
	free(a->strings);
	free(a->v);
	memset(a, 0, sizeof(*a));
}
